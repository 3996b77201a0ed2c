"""The writers' guide (skrivguide): reachable, outside the residents' navigation, complete.

The message catalogue is generated from the code; these tests prove that every message the
bad-input corpus and the check tests expect is in it, and that every field of the built-in
schemas is described in the hand-written guide.
"""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from trygg.guide import message_catalogue
from trygg.models.article import Article
from trygg.models.event import AgendaItem, Contact, Event, Registration
from test_bad_input import CASES

GUIDE = (ROOT / "docs/skrivguide/index.md").read_text("utf-8")
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


def test_the_guide_is_reachable_but_not_in_the_navigation(built_site):
    about = (built_site / "om-webbplatsen/index.html").read_text("utf-8")
    assert 'href="../skrivguide/"' in about
    start = (built_site / "index.html").read_text("utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', start, re.S).group(0)
    assert "skrivguide" not in nav
    messages = (built_site / "skrivguide/meddelanden/index.html").read_text("utf-8")
    assert "<code>tabbtecken i YAML</code>" in messages
    examples = (built_site / "skrivguide/exempel/index.html").read_text("utf-8")
    assert "trygg new nyhet" in examples and "trygg new möte" in examples


def test_every_interface_text_is_listed_in_the_guide_as_it_reads():
    # the guide's table of texts a site may override (content/texter.yml) follows the catalogue
    from trygg.texts import catalogue

    missing = [key for key, text in catalogue().items() if f"| `{key}` | `{text}` |" not in GUIDE]
    assert missing == []
