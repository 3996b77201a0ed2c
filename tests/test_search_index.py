"""The search index: Pagefind over the built HTML, only the marked content of each page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trygg.search import SearchIndexError, index_site

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
