"""The search index: Pagefind over the built HTML, only the marked content of each page."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from trygg.search.index import BackgroundIndexer, SearchIndexError, index_site

PAGE = ('<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{title}</title></head>'
        '<body><nav>Meny</nav><main {body}><h1>{title}</h1><p>{text}</p></main></body></html>')


def test_only_pages_marked_as_content_are_indexed(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/index.html").write_text(PAGE.format(title="Hemlöshet", body="data-pagefind-body",
                                                        text="Handlingsplan mot hemlöshet."), encoding="utf-8")
    (tmp_path / "404.html").write_text(PAGE.format(title="Sidan finns inte", body="", text="Fel."), encoding="utf-8")
    index_site(tmp_path)
    entry = json.loads((tmp_path / "pagefind/pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["sv"]
    assert entry["languages"]["sv"]["page_count"] == 1


def test_a_site_that_cannot_be_indexed_is_a_clear_error(tmp_path: Path):
    missing = tmp_path / "saknas"
    with pytest.raises(SearchIndexError, match=r"^Sökindexet kunde inte byggas \(pagefind\): "):
        index_site(missing)


def _until(condition, what: str) -> None:
    deadline = time.monotonic() + 20
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(what)
        time.sleep(0.02)


def test_the_preview_indexes_in_the_background_and_a_new_build_stops_a_stale_run(tmp_path: Path):
    runs = tmp_path / "runs"
    # A stand-in for Pagefind that notes each start and then takes its time.
    indexer = BackgroundIndexer(delay=0, command=lambda site: ["sh", "-c", f"echo {site.name} >> {runs}; exec sleep 30"])
    errors: list[str] = []
    first = indexer.after_build(tmp_path / "bygge-1", errors.append)
    _until(lambda: runs.exists(), "the first run never started")
    indexer.build_starts()  # the writer saved again: the run for the old site is stopped
    first.join(timeout=20)
    assert not first.is_alive()
    assert errors == []  # stopped on purpose, not a failure
    second = indexer.after_build(tmp_path / "bygge-2", errors.append)
    _until(lambda: runs.read_text().split() == ["bygge-1", "bygge-2"], "the second run never started")
    indexer.build_starts()
    second.join(timeout=20)


def test_builds_in_quick_succession_index_only_the_newest_site(tmp_path: Path):
    runs = tmp_path / "runs"
    indexer = BackgroundIndexer(delay=0.5, command=lambda site: ["sh", "-c", f"echo {site.name} >> {runs}"])
    threads = [indexer.after_build(tmp_path / f"bygge-{n}", print) for n in (1, 2, 3)]
    for thread in threads:
        thread.join(timeout=20)
    assert runs.read_text().split() == ["bygge-3"]


def test_a_failing_background_run_is_reported_not_raised(tmp_path: Path):
    errors: list[str] = []
    indexer = BackgroundIndexer(delay=0, command=lambda site: ["sh", "-c", "echo trasig >&2; exit 3"])
    indexer.after_build(tmp_path, errors.append).join(timeout=20)
    assert errors == ["Sökindexet kunde inte byggas (pagefind): trasig"]


def _site(root: Path, pages: dict[str, tuple[str, str]]) -> Path:
    for path, (title, text) in pages.items():
        (root / path).mkdir(parents=True, exist_ok=True)
        (root / path / "index.html").write_text(PAGE.format(title=title, body="data-pagefind-body", text=text),
                                                 encoding="utf-8")
    return root


def test_the_vocabulary_lists_the_indexed_words_by_first_letter_most_pages_first(tmp_path: Path):
    site = _site(tmp_path, {"a": ("Norrby", "Trygghetsvandring i Norrby mot hemlöshet."),
                            "b": ("Hemlöshet", "Handlingsplan mot hemlöshet i Norrby, 2024."),
                            "c": ("Nyheter", "Hemlöshet och nya bostäder.")})
    index_site(site)
    folder = site / "pagefind/trygg"
    assert json.loads((folder / "ord-h.json").read_text("utf-8")) == ["hemlöshet", "Handlingsplan"]
    assert json.loads((folder / "ord-n.json").read_text("utf-8")) == ["Norrby", "nya", "Nyheter"]
    assert json.loads((folder / "ord-q.json").read_text("utf-8")) == []  # every letter: no 404 in the console
    assert sorted(path.name for path in folder.iterdir()) == sorted(
        ["forkortningar.json", *(f"ord-{chr(c)}.json" for c in range(ord("a"), ord("z") + 1))])


def test_an_abbreviation_leads_to_its_register_page_and_the_pages_named_after_it(tmp_path: Path):
    from trygg.core.register import Entry
    from trygg.search.vocabulary import read_fragments

    site = _site(tmp_path, {"organisation": ("Organisation och förkortningar", "EST: Effektiv samordning för trygghet."),
                            "est": ("Effektiv samordning för trygghet", "Om arbetet i EST."),
                            "moten": ("Möte", "EST-arbetet redovisades.")})
    entry = Entry("est", "term", "Effektiv samordning för trygghet", "EST", "EST", "Effektiv samordning för trygghet")
    index_site(site, {"EST": entry})
    ids = {page.url: page.id for page in read_fragments(site / "pagefind")}
    assert json.loads((site / "pagefind/trygg/forkortningar.json").read_text("utf-8")) == {
        "est": [ids["/organisation/"], ids["/est/"]]}


def test_an_index_whose_fragments_cannot_be_read_is_a_clear_error(tmp_path: Path, monkeypatch):
    """Pagefind's fragments are read back for the vocabulary; a Pagefind that writes them otherwise
    stops the build with a Swedish message, not a traceback."""
    import trygg.search.index as search

    def unreadable(index_dir, abbreviations):
        raise ValueError("okänt format")

    monkeypatch.setattr(search, "write_search_vocabulary", unreadable)
    site = _site(tmp_path, {"a": ("Hemlöshet", "Text.")})
    with pytest.raises(SearchIndexError) as raised:
        index_site(site)
    assert str(raised.value) == "Sökningens ordlista kunde inte skrivas bredvid sökindexet: okänt format"


def _fragments(site: Path) -> dict[str, str]:
    import gzip
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        found[data["url"]] = data["content"]
    return found


def test_excerpts_say_each_word_once_and_a_company_name_is_no_abbreviation(built_site):
    """The spelled-out expansion screen readers hear after an abbreviation's first use is left out
    of the index, so a result's excerpt does not repeat it; 'AB Bostäder i Borås' stays a name."""
    fragments = _fragments(built_site)
    chart = fragments["/organisation/diagram/arbetsformer/"]
    assert chart.count("Människan bakom uniformen") == 1 and "Människan bakom uniformen (MBU)" in chart
    assert "Centrum för kunskap och säkerhet (CKS (" not in chart
    for url, text in fragments.items():
        assert "(Aktiebolag)" not in text and "((" not in text, url
    assert "AB Bostäder i Borås" in fragments["/moten/utvecklingsdag-saker-och-trygg-kommun/"]
