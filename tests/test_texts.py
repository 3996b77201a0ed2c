"""Every word a resident reads on a generated page comes from the text catalogue (trygg/texts/sv.po),
so a site can reword it in content/texter.yml and a later language is one more catalogue."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import re
import threading
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, VALID_EVENT, _QuietHandler, mkdocs_build
from trygg.registry import load_content
from trygg.types.handbooks.pdf import render_html
from trygg.sitewide.home import render_home
from trygg.core.identity import brand_colours
from trygg.pipeline import site_info
from trygg.core.rendering import render_site
from trygg.core.texts import SCRIPT_TEXTS, Texts, catalogue, placeholders

TEMPLATES = ROOT / "hooks" / "trygg"  # the shared templates/ and each type's own, beside its module
# For writers (the guide's generated pages) and for the preview's error page: not resident-facing.
NOT_FOR_RESIDENTS = {"guide_messages.md.j2", "guide_examples.md.j2", "preview_errors.html.j2"}
SCRIPT = ROOT / "docs" / "assets" / "trygg.js"
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
            # a text key, a part of an id, a placeholder left for a value ("{adress}")
            if not re.fullmatch(r"[\wåäö]+\.[\wåäö.-]+|-?[\wåäö]+-|\{[\wåäö]+\}", literal):
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
    return sorted(p for p in TEMPLATES.rglob("*.j2") if p.name not in NOT_FOR_RESIDENTS) + theme


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


def test_a_placeholder_left_for_a_value_is_no_wording():
    assert template_words('{{ (texts.format("flyttad.text", adress="{adress}") | e) }}') == []
    assert template_words('{{ texts.format("x.y", adress="{adress} här") }}') == ["adress", "här"]


# --- the site's script shows the catalogue's texts, and none of its own ----------------------------

def script_wording(source: str) -> list[str]:
    """String literals in a script that read as wording (a space, å/ä/ö or a capital letter among
    letters), outside comments, text keys, the script's texts' placeholders ("{förslag}") and the
    search's word lists (stop words and inflection endings, matched against queries, never shown)."""
    names = {name for key in SCRIPT_TEXTS for name in placeholders(catalogue()[key])}
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    source = re.sub(r'\(?\s*"[^;]*"\s*\)?\s*\.split\(" "\)', "", source)  # ("alla allt …").split(" ")
    source = re.sub(r"/\^?\[[^\n]*?/g", "", source)  # regular expressions of quote marks
    found = []
    for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', source):
        if literal in catalogue() or literal.strip("{}") in names or literal in ("use strict", "Escape", "NFD"):
            continue
        if re.search(r"[A-Za-zÅÄÖåäö]{2,}", literal) and re.search(r"\s|[åäöÅÄÖ]|^[A-ZÅÄÖ]", literal):
            found.append(literal)
    return found


def test_the_script_writes_no_word_of_its_own():
    assert script_wording(SCRIPT.read_text("utf-8")) == []


def test_the_script_check_finds_wording_written_in_the_script():
    assert script_wording('status.textContent = "Länken är kopierad.";') == ["Länken är kopierad."]
    assert script_wording('el("p", "trygg-result__type", data.meta.typ || "Sida");') == ["Sida"]
    assert script_wording('box.setAttribute("aria-label", "Tabell, rulla i sidled");') == ["Tabell, rulla i sidled"]
    assert script_wording('var parts = TEXT["sök.menade_du"].split("{förslag}"); /* "Menade du" */') == []
    assert script_wording('say(TEXT["sök.träffar"], { "antal": 3, "sökning": "x" }) + " träffar"') == [" träffar"]


def test_the_script_reads_exactly_the_texts_the_theme_gives_it():
    used = {key for key in re.findall(r'"([\wåäö]+\.[\wåäö_]+)"', SCRIPT.read_text("utf-8")) if not key.endswith(".json")}
    assert used == set(SCRIPT_TEXTS)
    assert set(SCRIPT_TEXTS) <= catalogue().keys()


def test_the_script_s_texts_keep_the_placeholders_the_script_fills():
    texts = Texts({"sök.träffar": "{program}: {antal} sidor om ”{sökning}”"}, {"program": "Trygg i Exempelstad"})
    assert texts.for_script()["sök.träffar"] == "Trygg i Exempelstad: {antal} sidor om ”{sökning}”"
    assert texts.for_script()["sök.menade_du"] == "Menade du ”{förslag}”?"


# --- rendered with every text replaced by a marker, no catalogued wording is left -------------------

def _marker(key: str) -> str:
    return f"⟦{key}⟧"


MARKERS = Texts({key: _marker(key) for key in catalogue()}, {})


def _rendered(root: Path, texts: Texts | None) -> list[str]:
    """Every generated page (Markdown), the feed, the start page's part and each handbook's print HTML."""
    content = load_content(root)
    if texts is not None:
        content = replace(content, texts=texts)
    site = site_info(content, "https://exempel.invalid/", dt.date(2026, 12, 5))
    outputs = render_site(content, site, {})
    pages = [o.content for o in outputs if isinstance(o.content, str)]
    pages.append(render_home(content, site))
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


def test_a_site_s_own_name_for_a_table_reaches_the_built_page(project):
    # sida.tabell names a table's scroll box, made when Markdown renders the page (trygg.markdown.captions)
    root = project({"content/texter.yml": "sida.tabell: Uppställning\n"})
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    page = (run.site / "organisation/index.html").read_text("utf-8")
    assert 'aria-label="Uppställning: Förkortningar" class="trygg-table-scroll"' in page
    assert 'aria-label="Tabell' not in page
    assert "Tabell, rulla i sidled" in page  # sida.tabell_i_sidled, left alone, stays as it is


@pytest.mark.browser
def test_a_site_s_own_wording_of_a_search_text_reaches_the_browser(project, browser):
    root = project({
        "content/moten/natverk/program.md": VALID_EVENT,
        "content/texter.yml": "sök.inga_träffar: Vi hittade ingen sida om ”{sökning}” på {program}.\n",
    })
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    pages = [p for p in sorted(run.site.rglob("*.html")) if re.search(r'<script src="[^"]*trygg\.[0-9a-f]+\.js"',
                                                                       p.read_text("utf-8"))]
    assert pages and [p for p in pages if 'id="trygg-texts"' not in p.read_text("utf-8")] == []
    with _served(run.site) as address:
        page = browser.new_page()
        try:
            page.goto(address + "sok/?q=xyzzyqwerty")
            status = page.locator("[data-trygg-search-page] [role=status]")
            page.wait_for_function("s => document.querySelector(s).textContent !== ''",
                                   arg="[data-trygg-search-page] [role=status]", timeout=15_000)
            program = yaml.safe_load((root / "content/webbplats.yml").read_text("utf-8"))["program"]["namn"]
            assert status.inner_text() == f"Vi hittade ingen sida om ”xyzzyqwerty” på {program}."
            page.fill("form[role=search] input[type=search]", "xyzzyqwerty")
            page.wait_for_function("() => document.querySelector('form[role=search] [role=status]').textContent"
                                   ".startsWith('Vi hittade ingen sida')", timeout=15_000)
        finally:
            page.close()


@contextlib.contextmanager
def _served(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
