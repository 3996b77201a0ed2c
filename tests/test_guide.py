"""The writers' guide (skrivguide): reachable, outside the residents' navigation, complete.

The message catalogue is generated from the code; these tests prove that every message the
bad-input corpus and the check tests expect is in it, and that every field of the built-in
schemas is described in the hand-written guide.
"""

from __future__ import annotations

import gzip
import json
import re

import pytest

from conftest import ROOT
from trygg.writers.guide import message_catalogue
from trygg.models.article import Article
from trygg.models.event import AgendaItem, Contact, Event, Registration
from test_bad_input import CASES

GUIDE = (ROOT / "docs/skrivguide/index.md").read_text("utf-8")
TEXTS_PAGE = (ROOT / "docs/skrivguide/texter.md").read_text("utf-8")  # the catalogue as a table
_PROBLEM = re.compile(r"^[^:]+(?::\d+){0,2}: (fel|varning): (.*)$")


@pytest.mark.parametrize("problem", sorted({p for _, expected in CASES.values() for p in expected}))
def test_every_message_a_writer_can_get_is_in_the_catalogue(problem):
    severity, rest = _PROBLEM.match(problem).groups()
    assert any(m.severity == severity and re.fullmatch(m.pattern().pattern + r"(?: \(.*\))?", rest, re.S)
               for m in message_catalogue()), rest


def test_the_catalogue_is_large_and_has_hints():
    catalogue = message_catalogue()
    assert len(catalogue) > 60
    assert any(m.text == "tabbtecken i YAML" and m.hint == "använd mellanslag för indrag, inte tabb" for m in catalogue)


@pytest.mark.parametrize("schema", [Event, AgendaItem, Contact, Registration, Article])
def test_every_field_is_described_in_the_guide(schema):
    missing = [f.alias for f in schema.model_fields.values() if f"`{f.alias}`" not in GUIDE]
    assert missing == []


GUIDE_PAGES = ("skrivguide/index.html", "skrivguide/meddelanden/index.html", "skrivguide/exempel/index.html",
               "skrivguide/texter/index.html")


def test_the_guide_is_internal_out_of_menu_sitemap_search_and_public_links(built_site):
    for page in built_site.rglob("*.html"):
        raw = page.read_text("utf-8")
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', raw, re.S)
        assert nav is None or "skrivguide" not in nav.group(0), page
        if not page.relative_to(built_site).as_posix().startswith("skrivguide/"):
            assert "skrivguide/" not in raw, page  # no public page links to it
    assert "skrivguide" not in (built_site / "sitemap.xml").read_text("utf-8")
    assert "moten/" in (built_site / "sitemap.xml").read_text("utf-8")
    for page in GUIDE_PAGES:
        raw = (built_site / page).read_text("utf-8")
        assert '<meta name="robots" content="noindex">' in raw and "data-pagefind-body" not in raw, page
    urls = [json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
            for p in (built_site / "pagefind" / "fragment").glob("*.pf_fragment")]
    assert "/moten/" in urls and not [url for url in urls if "skrivguide" in url]


def test_the_guide_is_served_with_its_generated_pages(built_site):
    messages = (built_site / "skrivguide/meddelanden/index.html").read_text("utf-8")
    assert "<code>tabbtecken i YAML</code>" in messages
    examples = (built_site / "skrivguide/exempel/index.html").read_text("utf-8")
    assert "trygg new nyhet" in examples and "trygg new möte" in examples


def test_every_interface_text_is_listed_in_the_guide_as_it_reads():
    # the guide's table of texts a site may override (content/texter.yml) follows the catalogue;
    # a line break inside a text (kept so the page's Markdown is unchanged) reads as a space
    from trygg.core.texts import catalogue

    missing = [key for key, text in catalogue().items()
               if f"| `{key}` | `{text.replace(chr(10), ' ')}` |" not in TEXTS_PAGE]
    assert missing == []


def test_the_guides_message_list_keeps_a_fixed_figure_of_a_message(built_site):
    # the list shows each message with '…' for what varies; the standard's minimum is no variable
    messages = (built_site / "skrivguide/meddelanden/index.html").read_text("utf-8")
    assert "har kontrasten … mot … bakgrund; kravet för text (nivå AA i riktlinjerna för tillgänglighet) är minst 4,5:1" in messages
