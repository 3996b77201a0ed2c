"""Every word a resident reads on a generated page comes from the text catalogue (trygg/texts/sv.po),
so a site can reword it in content/texter.yml and a later language is one more catalogue."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT, VALID_EVENT, mkdocs_build
from trygg.content import load_content
from trygg.handbook_pdf import render_html
from trygg.home import render_home
from trygg.identity import brand_colours
from trygg.pipeline import site_info
from trygg.render import render_site
from trygg.texts import Texts, catalogue, placeholders
from trygg.types import registered_types

TEMPLATES = ROOT / "hooks" / "trygg" / "templates"
# For writers (the guide's generated pages) and for the preview's error page: not resident-facing.
NOT_FOR_RESIDENTS = {"guide_messages.md.j2", "guide_examples.md.j2", "preview_errors.html.j2"}
# The one page still worded in its template: a moved page's old address, which sends the browser on
# at once. Its renderer is called from the pipeline (trygg.pipeline) without the site's texts.
STILL_LITERAL = {"redirect.html.j2"}
EXAMPLE = ROOT / "examples" / "exempelstad"


# --- the templates hold structure, not wording -----------------------------------------------------

def template_words(source: str) -> list[str]:
    """Words written in a template outside Jinja, HTML tags and Markdown link targets and attribute
    lists, plus words in the quoted strings inside Jinja that are not text keys or field names."""
    source = re.sub(r"\{##.*?##\}|\{#.*?#\}", "", source, flags=re.S)  # trygg's comments, the theme's
    source = re.sub(r"<(script|style)\b.*?</\1>", "", source, flags=re.S)
    words = []
    for tag in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", source, flags=re.S):
        # values compared with (a chart's 'del av') and field names (selectattr("text"), key in ("time", …))
        tag = re.sub(r'[!=]=\s*"[^"]*"|(?:selectattr|rejectattr)\("\w+"\)|attribute="\w+"|in \(("\w+",?\s*)+\)',
                     "", tag)
        # the theme's template paths ("partials/…" ~ ".html") and Material's translation keys (lang.t("toc"))
        tag = re.sub(r'"[\w.-]*/[\w/.-]*"|"\.\w+"|\bt\("\w+"\)|"\w+":', "", tag)
        for literal in re.findall(r'"([^"]*)"', tag):
            if not re.fullmatch(r"[\wåäö]+\.[\wåäö.-]+|-?[\wåäö]+-", literal):  # a text key, a part of an id
                words += re.findall(r"[A-Za-zÅÄÖåäö]{2,}", re.sub(r"\]\([^)]*\)|https?://|/[\w/.-]*", "", literal))
    text = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "", source, flags=re.S)
    text = re.sub(r"<[^>]*>", "", text)  # tags and their attributes (checked below)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"\{[:#][^}]*\}", "", text)  # attribute lists and heading anchors
    text = re.sub(r"(?m)^!!! \w+", "", text)  # an admonition's kind
    text = re.sub(r"[\w.-]*/[\w/.-]*", "", text)  # paths (the feed's addresses)
    words += re.findall(r"[A-Za-zÅÄÖåäö]{2,}", text)
    for value in re.findall(r'(?:aria-label|title|alt|data-label|placeholder)="([^"]*)"',
                            re.sub(r"\{\{.*?\}\}", "", source, flags=re.S)):
        words += re.findall(r"[A-Za-zÅÄÖåäö]{2,}", value)
    return words


def resident_templates() -> list[Path]:
    """trygg's page templates and the theme's (overrides/)."""
    theme = sorted((ROOT / "overrides").rglob("*.html"))
    return sorted(p for p in TEMPLATES.glob("*.j2") if p.name not in NOT_FOR_RESIDENTS | STILL_LITERAL) + theme


@pytest.mark.parametrize("template", resident_templates(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_a_template_writes_no_word_of_its_own(template):
    assert template_words(template.read_text("utf-8")) == []


def test_the_template_check_finds_a_label_written_in_a_template():
    # what the check above would say if a label crept back (it must be able to fail)
    assert template_words('Plats\n:   {{ event.place | t }}\n') == ["Plats"]
    assert template_words('## Program {#program}\n') == ["Program"]
    assert template_words('{{ "punkt" if n == 1 else texts["beslut.punkterna"] }}') == ["punkt"]
    assert template_words('<nav aria-label="Kapitel">') == ["Kapitel"]
    assert template_words('[{{ texts["möte.till_programmet"] }}](#program)') == []
    assert template_words('<button type="submit">Sök</button>') == ["Sök"]  # the theme's HTML
    assert template_words('{% set own = {"nav": "Huvudmeny"} %}') == ["Huvudmeny"]


def test_the_redirect_page_is_the_only_template_left_with_wording():
    assert [p.name for p in sorted(TEMPLATES.glob("*.j2")) if p.name not in NOT_FOR_RESIDENTS
            and template_words(p.read_text("utf-8"))] == sorted(STILL_LITERAL)


# --- rendered with every text replaced by a marker, no catalogued wording is left -------------------

def _marker(key: str) -> str:
    return f"⟦{key}⟧"


MARKERS = Texts({key: _marker(key) for key in catalogue()}, {})


def _rendered(root: Path, texts: Texts | None) -> list[str]:
    """Every generated page (Markdown), the feed, the start page's part and each handbook's print HTML."""
    content = load_content(root, types=registered_types())
    if texts is not None:
        content = replace(content, texts=texts)
    site = site_info(content, "https://exempel.invalid/", dt.date(2026, 12, 5))
    outputs = render_site(content, site, {}, registered_types())
    pages = [o.content for o in outputs if isinstance(o.content, str)]
    pages.append(render_home(content, site, registered_types()))
    colours = brand_colours(content.identity)
    pages += [render_html(h, site.url, content.texts, colours) for h in content.extra.get("handbocker", ())]
    return pages


def _fixed_parts(text: str) -> list[str]:
    """The parts of a text between its placeholders that are phrases of their own (two words or more)."""
    parts = re.split(r"\{[^}]*\}", text)
    return [p.strip(" .,:;()") for p in parts if len(p.strip(" .,:;()").split()) >= 2]


# Where a label stands on a page: a definition-list term, a heading, a table's header cell, a
# description term, a summary, an SVG title or description, an accessible name.
LABEL_PLACES = [
    re.compile(r"(?m)^([^\n:\[][^\n]*)\n:   "),
    re.compile(r"(?m)^#{1,6} (.+?)(?: \{#[^}]*\})?$"),
    re.compile(r"(?m)^\| (.+) \|\n\| ---"),
    re.compile(r"<(?:dt|th scope=\"col\"|summary|desc[^>]*|title[^>]*|h2 class=\"toc-title\")>([^<]*)<"),
    re.compile(r'(?:aria-label|data-label)="([^"{]*)"'),
]


def leftover_wording(pages: list[str], root: Path) -> list[str]:
    """Catalogued wording found on the pages outside the markers. Wording the site's own content
    also uses (a handbook's "Ansvar", a chart's "Taktisk nivå") may be the content's, so it is not
    looked for: the test with the real texts below shows what is still looked for."""
    sources = "\n".join(p.read_text("utf-8", "replace") for p in sorted((root / "content").rglob("*"))
                        if p.suffix in (".md", ".yml"))

    def in_content(wording: str) -> bool:
        return re.search(rf"(?<![\wåäöÅÄÖ]){re.escape(wording)}(?![\wåäöÅÄÖ])", sources) is not None

    texts = catalogue()
    phrases = {part for text in texts.values() for part in _fixed_parts(text) if not in_content(part)}
    labels = {text for text in texts.values() if not placeholders(text) and not in_content(text)}
    found = set()
    for page in pages:
        page = re.sub(r"⟦[^⟧]*⟧", "⟦⟧", page)
        found |= {phrase for phrase in phrases if phrase in page}
        for place in LABEL_PLACES:
            for match in place.findall(page):
                cells = [c.strip() for c in match.split("|")] if "|" in match else [match.strip()]
                found |= {c for c in cells if c in labels}
    return sorted(found)


@pytest.mark.parametrize("root", [ROOT, EXAMPLE], ids=["webbplatsen", "exempelstad"])
def test_with_every_text_replaced_no_catalogued_wording_is_left_on_a_page(root):
    assert leftover_wording(_rendered(root, MARKERS), root) == []


def test_with_the_real_texts_the_check_finds_the_wording():
    # the check above can fail: with the catalogue's own texts it finds labels and phrases
    found = leftover_wording(_rendered(ROOT, None), ROOT)
    for wording in ["Programpunkter och anteckningar", "Till programmet", "Plats", "Diarienummer",
                    "Ansvarig för handboken", "Kortsiktig effekt", "Förkortning", "Värde", "Tillsyn", "Relationer"]:
        assert wording in found


# --- a site rewords a text -------------------------------------------------------------------------

def test_a_site_s_own_wording_in_texter_yml_reaches_the_built_page(project):
    root = project({
        "content/moten/natverk/program.md": VALID_EVENT,
        "content/texter.yml": "möte.plats: Mötesplats\nmöte.medverkande: 'Talare: {namn}'\n",
    })
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    page = (run.site / "moten/natverk/index.html").read_text("utf-8")
    assert "<dt>Mötesplats</dt>" in page and "<dt>Plats</dt>" not in page
    assert "<p>Talare: <a " in page and "Medverkande:" not in page
    assert "<dt>Tid</dt>" in page  # the texts the site leaves alone stay as they are
