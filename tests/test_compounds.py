"""Compound words split into parts for the search index (trygg.compounds).

A small hunspell dictionary written into tmp_path shows the rules; the real sv_SE dictionary
(installed by ./scripts/test) shows the words residents search for."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from trygg.compounds import (PARTS_MARK, Decompounder, compound_parts, load_lexicon,
                             with_compound_parts)
from trygg.search import index_site
from trygg.writing import find_dictionary

# The flags as in sv_SE.aff: X may begin a compound, U stand in the middle, Y end it; v makes the
# linking form with -s (trygghet → trygghets-), z drops a final vowel (medborgare → medborgar-),
# E and F inflect (löfte → löften, vandring → vandringar).
AFF = """SET UTF-8
COMPOUNDBEGIN X
COMPOUNDMIDDLE U
COMPOUNDEND Y
ONLYINCOMPOUND Z
SFX v N 2
SFX v a s/WXZ a
SFX v 0 s/WXZ [^a]
SFX z N 2
SFX z e 0/WXZ e
SFX z 0 a/WXZ [^ae]
SFX E Y 1
SFX E 0 n [^m]
SFX F Y 1
SFX F 0 ar g
"""
DIC = """10
trygg/Y
hets/XY
trygghet/vY
vandring/FvY
solvandring/vY
medborgare/zY
löfte/EY
effekt/XY
kedja/Y
sol/X
"""


@pytest.fixture
def dictionary(tmp_path: Path) -> Path:
    (tmp_path / "sv_TEST.aff").write_text(AFF, encoding="utf-8")
    (tmp_path / "sv_TEST.dic").write_text(DIC, encoding="utf-8")
    return tmp_path / "sv_TEST"


@pytest.mark.parametrize("word, parts", [
    ("trygghetsvandringar", ("trygghets", "vandringar")),  # fewest parts: not trygg|hets|vandringar
    ("medborgarlöften", ("medborgar", "löften")),          # medborgare loses its -e
    ("effektkedja", ("effekt", "kedja")),
    ("solkedja", ("sol", "kedja")),
    ("kedjeeffekt", ()),                                    # 'kedje' is no linking form of kedja here
    ("trygghet", ()),                                       # a word is not a compound of itself
    ("vandringkedja", ()),                                  # vandring has no flag X: it cannot begin one
])
def test_a_compound_splits_into_dictionary_words(dictionary: Path, word: str, parts: tuple[str, ...]):
    assert load_lexicon(dictionary).split(word) == parts


def test_parts_of_parts_are_found_too(dictionary: Path, tmp_path: Path):
    splitter = Decompounder(dictionary, cache_dir=tmp_path)
    assert splitter.parts("solvandringseffekt") == ("solvandrings", "effekt", "sol", "vandrings")


def test_parts_are_remembered_between_builds_without_reading_the_dictionary(
        dictionary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = tmp_path / "cache"
    first = Decompounder(dictionary, cache_dir=cache)
    assert first.parts("trygghetsvandringar") == ("trygghets", "vandringar")
    assert first.parts("trygghet") == ()
    first.save()
    [saved] = cache.iterdir()
    assert saved.name.startswith(f"sv_TEST-{int(dictionary.with_suffix('.dic').stat().st_mtime)}-")
    assert saved.read_text("utf-8") == "trygghet\t\ntrygghetsvandringar\ttrygghets vandringar\n"

    def unreadable(path):
        raise AssertionError("the dictionary was read although every word was in the cache")
    monkeypatch.setattr("trygg.compounds.load_lexicon", unreadable)
    second = Decompounder(dictionary, cache_dir=cache)
    assert second.parts("trygghetsvandringar") == ("trygghets", "vandringar")
    assert second.parts("trygghet") == ()


def test_a_page_gets_its_parts_in_an_element_only_the_index_reads(dictionary: Path, tmp_path: Path):
    splitter = Decompounder(dictionary, cache_dir=tmp_path)
    page = '<h1 id="x">Trygghetsvandringar</h1><p>Medborgarlöften &amp; trygghetsvandringar.</p>'
    assert compound_parts(page, splitter) == ["trygghets", "vandringar", "medborgar", "löften"]
    assert with_compound_parts(page, splitter) == page + (
        '<span data-pagefind-index-attrs="data-trygg-delar" data-pagefind-weight="0.5" '
        f'data-trygg-delar="{PARTS_MARK} trygghets vandringar medborgar löften"></span>')
    assert with_compound_parts("<p>Trygghet.</p>", splitter) == "<p>Trygghet.</p>"
    assert with_compound_parts(page, None) == page


def test_pagefind_indexes_the_parts_behind_the_mark(dictionary: Path, tmp_path: Path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    body = with_compound_parts("<h1>Trygghet</h1><p>Vi ordnar trygghetsvandringar.</p>",
                               Decompounder(dictionary, cache_dir=tmp_path))
    (site / "a/index.html").write_text('<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>A</title>'
                                       f'</head><body><main data-pagefind-body>{body}</main></body></html>', "utf-8")
    index_site(site)
    fragment = gzip.decompress(next((site / "pagefind/fragment").iterdir()).read_bytes()).decode()
    content = json.loads(fragment[fragment.index("{"):])["content"]
    assert content == f"Trygghet. Vi ordnar trygghetsvandringar. {PARTS_MARK} trygghets vandringar."


@pytest.mark.skipif(find_dictionary() is None, reason="hunspell-sv-se saknas (./scripts/test installerar den)")
@pytest.mark.parametrize("word, part", [
    ("trygghetsvandringar", "vandringar"), ("medborgarlöften", "löften"), ("effektkedjor", "kedjor"),
    ("påverkansarbete", "arbete"), ("brottsförebyggande", "brotts"), ("brottsförebyggande", "förebyggande"),
    ("vuxenutbildningsförvaltningen", "utbildnings"), ("räddningstjänstförbund", "förbund"),
])
def test_the_swedish_dictionary_splits_the_words_residents_search_by(word: str, part: str, tmp_path: Path):
    assert part in Decompounder(find_dictionary(), cache_dir=tmp_path).parts(word)
