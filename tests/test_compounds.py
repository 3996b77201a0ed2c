"""Compound words split into parts for the search index (trygg.search.compounds).

A small hunspell dictionary written into tmp_path shows the rules; the real sv_SE dictionary
(installed by ./scripts/test) shows the words residents search for."""

from __future__ import annotations

import gzip
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import mkdocs_build

from trygg.search.compounds import (PARTS_MARK, Decompounder, compound_parts, load_lexicon,
                             with_compound_parts)
from trygg.search.index import index_site
from trygg.writers.writing import find_dictionary

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
    monkeypatch.setattr("trygg.search.compounds.load_lexicon", unreadable)
    second = Decompounder(dictionary, cache_dir=cache)
    assert second.parts("trygghetsvandringar") == ("trygghets", "vandringar")
    assert second.parts("trygghet") == ()


def test_a_page_gets_its_parts_in_an_element_only_the_index_reads(dictionary: Path, tmp_path: Path):
    splitter = Decompounder(dictionary, cache_dir=tmp_path)
    page = '<h1 id="x">Trygghetsvandringar</h1><p>Medborgarlöften &amp; trygghetsvandringar.</p>'
    assert compound_parts(page, splitter) == ["vandringar", "medborgar", "löften"]
    assert with_compound_parts(page, splitter) == page + (
        '<span data-pagefind-index-attrs="data-trygg-delar" data-pagefind-weight="0.5" '
        f'data-trygg-delar="{PARTS_MARK} vandringar medborgar löften"></span>')
    assert with_compound_parts("<p>Trygghet.</p>", splitter) == "<p>Trygghet.</p>"
    assert with_compound_parts(page, None) == page


@pytest.mark.parametrize("page, parts", [
    # a first part with the linking -s begins the compound itself: the search finds it by prefix
    ("<p>Trygghetsvandringar</p>", ["vandringar"]),
    # a first part without it stays: "medborgare" finds "medborgar" by its longest indexed prefix
    ("<p>Medborgarlöften</p>", ["medborgar", "löften"]),
    # a part that is a word of the page adds nothing
    ("<p>Löften och medborgarlöften</p>", ["medborgar"]),
    ("<p>Vandringar, trygghetsvandringar</p>", []),
    # a part that only begins a word of the page (no linking -s) stays: "vandring" ≠ "vandringar"
    ("<p>Vandringar och solvandring</p>", ["sol", "vandring"]),
    # words in code are examples, not the page's subject
    ("<p>Se <code>trygghetsvandringar</code>.</p><pre><code>medborgarlöften</code></pre>", []),
    ("<p>Medborgarlöften, <code>medborgarlöften</code></p>", ["medborgar", "löften"]),
])
def test_only_parts_a_search_needs_are_indexed(dictionary: Path, tmp_path: Path, page: str, parts: list[str]):
    assert compound_parts(page, Decompounder(dictionary, cache_dir=tmp_path)) == parts


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
    assert content == f"Trygghet. Vi ordnar trygghetsvandringar. {PARTS_MARK} vandringar."


@pytest.mark.skipif(find_dictionary() is None, reason="hunspell-sv saknas (./scripts/test installerar den)")
@pytest.mark.parametrize("word, part", [
    ("trygghetsvandringar", "vandringar"), ("medborgarlöften", "löften"), ("effektkedjor", "kedjor"),
    ("påverkansarbete", "arbete"), ("brottsförebyggande", "brotts"), ("brottsförebyggande", "förebyggande"),
    ("vuxenutbildningsförvaltningen", "utbildnings"), ("räddningstjänstförbund", "förbund"),
])
def test_the_swedish_dictionary_splits_the_words_residents_search_by(word: str, part: str, tmp_path: Path):
    assert part in Decompounder(find_dictionary(), cache_dir=tmp_path).parts(word)


# --- without hunspell-sv: whole words only, said once as info ---------------------------------

# mkdocs as the project runs it, with no Swedish dictionary to be found (trygg.writers.writing looks there).
WITHOUT_DICTIONARY = ("import sys, trygg.writers.writing; trygg.writers.writing.DICTIONARY_PATHS = (); "
                      "from mkdocs.__main__ import cli; cli(sys.argv[1:])")
PREVIEW_NOTICE = ("INFO    -  trygg: Sökningen i förhandsvisningen hittar bara hela ord, inte delar av sammansatta "
                  "ord (”vandring” hittar inte ”trygghetsvandringar”): den svenska ordlistan saknas. Installera den "
                  "med: sudo apt-get install hunspell-sv")
BUILD_NOTICE = ("INFO    -  trygg: Sökningen delar inte upp sammansatta ord, den hittar bara hela ord: den svenska "
                "ordlistan saknas. Installera den med: sudo apt-get install hunspell-sv")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def notices(output: str) -> list[str]:
    return [line for line in output.splitlines() if "hunspell-sv" in line]


def test_a_strict_build_without_the_dictionary_indexes_whole_words_and_says_so_once(project):
    root = project()
    run = subprocess.run([sys.executable, "-c", WITHOUT_DICTIONARY, "build", "--strict", "-f",
                          str(root / "mkdocs.yml"), "-d", str(root / "site")],
                         cwd=root, env=ENV, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert notices(run.stdout + run.stderr) == [BUILD_NOTICE]
    page = (root / "site/skrivguide/index.html").read_text(encoding="utf-8")  # a long hand-written page
    assert "Arbetsgången" in page and "data-trygg-delar" not in page
    assert (root / "site/pagefind/pagefind-entry.json").exists()  # the index is built, of whole words


@pytest.mark.skipif(find_dictionary() is None, reason="hunspell-sv saknas (./scripts/test installerar den)")
def test_with_the_dictionary_the_build_adds_parts_and_says_nothing(project):
    root = project()
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    assert notices(run.output) == []
    assert "data-trygg-delar" in (root / "site/skrivguide/index.html").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_line(log: Path, text: str, count: int, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.read_text(encoding="utf-8").count(text) >= count:
            return
        assert process.poll() is None, log.read_text(encoding="utf-8")
        time.sleep(0.2)
    raise AssertionError(f"'{text}' x{count} did not appear:\n{log.read_text(encoding='utf-8')}")


def test_the_preview_without_the_dictionary_says_once_that_search_matches_whole_words(project, tmp_path):
    root = project()
    log = tmp_path / "serve.log"
    with log.open("w") as out:  # as scripts/serve runs it
        process = subprocess.Popen([sys.executable, "-c", WITHOUT_DICTIONARY, "serve", "--dirty", "--livereload",
                                    "-f", str(root / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{_free_port()}"],
                                   cwd=root, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        try:
            _wait_for_line(log, "Förhandsvisningen finns på", 1, process)  # MkDocs in Swedish (trygg.console)
            page = root / "docs/om-webbplatsen.md"
            page.write_text(page.read_text(encoding="utf-8") + "\nEn ny mening.\n", encoding="utf-8")
            _wait_for_line(log, "Webbplatsen byggdes på", 2, process)  # the rebuild after the edit
        finally:
            process.terminate()
            process.wait(timeout=30)
    output = log.read_text(encoding="utf-8")
    assert notices(output) == [PREVIEW_NOTICE]
    assert "WARNING" not in output
