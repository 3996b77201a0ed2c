"""Printing and the event facts on a phone, in Debian's Chromium.

Pages are printed the way a resident prints them: print media, A4, Chromium's own PDF. The PDF is
read back with poppler (pdfinfo, pdftotext; scripts/test installs poppler-utils)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

EVENT = "moten/utvecklingsdag-saker-och-trygg-kommun/"
AGENDA_TITLES = [
    "Inledning", "Vad har hänt sen sist och fortsatt arbete", "Områdesutveckling för ett socialt hållbart Borås",
    "Vad säger forskningen om ”Tillit i områdesutveckling”", "Lunch", "Handbok för trygghet i offentlig miljö",
    "Medborgarlöftet", "EST-arbetet – behov och utvecklingen i staden", "Handlingsplan mot hemlöshet", "Fika",
    "Otillåten påverkan", "Arena skola", "Avrundning och slut för idag",
]

# One page of each page type, with its content type label as printed above the title (upper case
# on paper; '' where the page has none): the hand-written pages here, and one generated page per
# label, depth and section (the first and the last) that the registered content types make from
# the seed content.
HAND_WRITTEN = {"": "", "om-webbplatsen/": "", "skrivguide/": "", "sok/": "", "404.html": ""}


def _generated_page_types() -> dict[str, str]:
    import datetime as dt

    import yaml

    from trygg.core.rendering import SiteInfo, render_site
    from trygg.registry import load_content

    content = load_content(ROOT, today=dt.date(2026, 12, 5))
    found: dict[tuple, list[tuple[str, str]]] = {}  # the first and the last of each kind
    for output in render_site(content, SiteInfo("S", "http://127.0.0.1:8000/", dt.date(2026, 12, 5), "U"), {}):
        if output.uri.endswith("index.md") and isinstance(output.content, str) and "/sida-" not in output.uri:
            label = yaml.safe_load(output.content.split("---\n")[1])["trygg_typ"]
            path = output.uri.removesuffix("index.md")
            found.setdefault((label, path.count("/"), path.split("/")[0]), []).append((path, label.upper()))
    return dict(page for pages in found.values() for page in (pages[0], pages[-1]))


PAGE_TYPES = {**HAND_WRITTEN, **_generated_page_types()}
# Text of the page furniture that has no place on paper: skip link, header, search, menu,
# breadcrumbs' start, page tools, the contact box and the footer.
FURNITURE = ["Gå till innehållet", "Sök på webbplatsen", "Meny", "Skriv ut och dela", "Skriv ut",
             "Dela med e-post", "Kopiera länk", "Kontakta oss", "Webbplatsen ges ut av",
             "Tillgänglighetsredogörelse", "Föregående", "Nästa"]
# The A4 sheet less the print stylesheet's @page margins (1.6 cm each side, 1.2 cm top and
# bottom), in CSS pixels.
A4_COLUMN_PX = round((21.0 - 2 * 1.6) / 2.54 * 96)
A4_HEIGHT_PX = round((29.7 - 2 * 1.2) / 2.54 * 96)


def print_pdf(browser, url: str, path: Path) -> tuple[Path, str, str]:
    """The page printed to an A4 PDF, and its title and its article's text as shown on screen."""
    context = browser.new_context(viewport={"width": A4_COLUMN_PX, "height": 1000})
    page = context.new_page()
    page.goto(url)
    title = " ".join(page.locator("article h1").first.inner_text().split())
    article = page.locator("#innehall").inner_text()
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4")
    context.close()
    return path, title, article


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def squeezed(text: str) -> str:
    """Text without any whitespace: a long address wraps over lines on paper."""
    return re.sub(r"\s+", "", text)


@pytest.mark.browser
def test_the_agenda_prints_on_one_a4_page(served_site, browser, tmp_path):
    pdf, _, _ = print_pdf(browser, served_site + EVENT, tmp_path / "agenda.pdf")
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    lines = [line.strip() for line in text.splitlines()]
    for title in AGENDA_TITLES:
        assert any(title in line for line in lines), title
    for fact in ("Tid", "8.30–16.00", "Plats", "Borås Kongress", "Kontakt",
                 "Melia Hadzisalihovic, Stadsledningskansliet, tel 0734328730"):
        assert fact in text, fact
    # The details and notes are on the web page, and the printout says so and where.
    assert "Kommunalråden Kerstin Hermansson (C) och Annette Carlson (M) inledningstalade" not in text
    assert "(anteckningar)" not in text
    assert "Programpunkterna beskrivs utförligare, med anteckningar från dagen, på webbsidan." in text
    assert squeezed("Sidans adress: http://127.0.0.1:8000/" + EVENT) in squeezed(text)
    # A link to another site is followed by its address, readable on paper.
    assert squeezed("boras.se (https://www.boras.se/kommunochpolitik/") in squeezed(text)


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_every_page_type_prints_its_content_only(served_site, browser, tmp_path, path):
    pdf, title, article = print_pdf(browser, served_site + path, tmp_path / "page.pdf")
    text = pdf_text(pdf)
    for furniture in FURNITURE:
        if furniture in article:
            continue  # the page's own words (the statement's title, the 404 page's way on)
        assert not re.search(rf"(?<!\w){re.escape(furniture)}(?!\w)", text), furniture
    before_title = text[:text.index(title)].split()
    assert " ".join(before_title) == PAGE_TYPES[path]  # no breadcrumbs, header or search above it
    if path != "404.html":
        assert squeezed(f"Sidans adress: http://127.0.0.1:8000/{path}") in squeezed(text)


def test_every_content_type_has_a_page_in_the_print_test(built_site):
    labels = set()
    for page in built_site.rglob("*.html"):
        labels |= set(re.findall(r'class="trygg-type"[^>]*>([^<]+)<', page.read_text(encoding="utf-8")))
    assert {label.upper() for label in labels} <= set(PAGE_TYPES.values())


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_nothing_is_cut_at_the_edge_of_the_paper(served_site, browser, path):
    """In print layout (the A4 column's width) no table, figure or chart is wider than the column
    and no box clips its content (on paper nothing scrolls); no figure, chart, card or table row
    is taller than a sheet, so none has to be split across two."""
    context = browser.new_context(viewport={"width": A4_COLUMN_PX, "height": 1000})
    page = context.new_page()
    page.goto(served_site + path)
    page.emulate_media(media="print")
    problems = page.evaluate("""sheet => {
      const column = document.querySelector('article').getBoundingClientRect();
      const found = [];
      for (const el of document.querySelectorAll('article *')) {
        const style = getComputedStyle(el);
        if (style.display === 'none' || el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
        if (el.closest('.trygg-visually-hidden')) continue;  // a 1 px box for screen readers, by design
        const box = el.getBoundingClientRect();
        if (box.width && box.right > column.right + 1) found.push(`${el.tagName} sticks out by ${box.right - column.right}px`);
        const clips = ['auto', 'scroll', 'hidden'].includes(style.overflowX);
        if (clips && el.scrollWidth > el.clientWidth + 1) found.push(`${el.tagName}.${el.className} clips ${el.scrollWidth - el.clientWidth}px`);
        if (el.matches('svg, img, figure, tr, .trygg-card') && box.height > sheet) found.push(`${el.tagName} is ${box.height}px tall`);
      }
      return found;
    }""", A4_HEIGHT_PX)
    context.close()
    assert problems == [], problems


@pytest.mark.browser
def test_event_facts_are_compact_rows_on_a_phone(served_site, browser):
    """At 390 px each term shares its row with its value, and the list is about as tall as its
    lines of text: no blank line between a term and its value, no gap between facts."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served_site + EVENT)
    facts = page.evaluate("""() => {
      const dl = document.querySelector('.trygg-facts--compact dl');
      const content = el => { const s = getComputedStyle(el);
        return el.getBoundingClientRect().height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)
          - parseFloat(s.borderTopWidth) - parseFloat(s.borderBottomWidth); };
      const rows = [];
      for (const dt of dl.querySelectorAll('dt')) {
        const dd = dt.nextElementSibling;
        rows.push({term: dt.textContent.trim(), dtTop: dt.getBoundingClientRect().top, ddTop: dd.getBoundingClientRect().top,
                   dtLeft: dt.getBoundingClientRect().left, ddLeft: dd.getBoundingClientRect().left,
                   lines: Math.max(content(dt), content(dd)) / parseFloat(getComputedStyle(dd).lineHeight)});
      }
      return {tag: dl.tagName, height: dl.getBoundingClientRect().height,
              lineHeight: parseFloat(getComputedStyle(dl).lineHeight), rows};
    }""")
    context.close()
    assert facts["tag"] == "DL"
    assert [row["term"] for row in facts["rows"]] == ["Tid", "Plats", "Målgrupp"]  # held: no date row, no registration
    for row in facts["rows"]:
        assert abs(row["dtTop"] - row["ddTop"]) < 1, row
        assert row["ddLeft"] > row["dtLeft"], row
    lines = sum(round(row["lines"]) for row in facts["rows"])
    # Stacked, the same list took about three times its lines of text (measured: 572 px for 11
    # lines of 32 px on main before this change); in rows it may take at most half again as much.
    assert facts["height"] <= 1.5 * lines * facts["lineHeight"], facts
