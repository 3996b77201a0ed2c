"""Golden files: content in, exact Markdown / ICS / JSON-LD out.

Run `pytest tests/test_golden.py --update-golden` after an intended change; the diff is printed
and the files under tests/golden/ are rewritten for review in the commit.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from conftest import IDENTITY_PARTS, ROOT, VALID_EVENT, write_tree
from trygg.registry import load_content
from trygg.core.rendering import SiteInfo, render_site
from trygg.types.events import calendar

GOLDEN = Path(__file__).parent / "golden"
SITE = SiteInfo("Säker och trygg kommun", "https://trygg.example.se/", dt.date(2030, 1, 1), "Borås Stad")


def check_golden(request, name: str, actual: str | bytes) -> None:
    path = GOLDEN / name
    text = actual.decode("utf-8") if isinstance(actual, bytes) else actual
    if request.config.getoption("--update-golden"):
        old = path.read_bytes().decode("utf-8") if path.exists() else ""
        print("".join(difflib.unified_diff(old.splitlines(True), text.splitlines(True), name, name)))
        path.write_bytes(text.encode("utf-8"))  # bytes: ICS lines end in CRLF
        return
    expected = path.read_bytes().decode("utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), text.splitlines(True), "golden", "actual"))
        pytest.fail(f"{name} differs from its golden file (run with --update-golden if intended):\n{diff}")


@pytest.fixture(scope="module")
def seed_outputs():
    content = load_content(ROOT)
    return {o.uri: o.content for o in render_site(content, SITE, {})}


@pytest.mark.parametrize("uri", ["moten/utvecklingsdag-saker-och-trygg-kommun/index.md", "moten/index.md",
                                 "organisation/index.md", "nyheter/index.md", "nyheter/feed.xml"])
def test_seed_pages_render_exactly(request, seed_outputs, uri):
    check_golden(request, uri.replace("/", "__"), seed_outputs[uri])


def test_a_dated_event_renders_its_calendar_exactly(request, tmp_path):
    import shutil

    shutil.copytree(ROOT / "content" / "organisation", tmp_path / "content" / "organisation",
                    ignore=shutil.ignore_patterns("diagram"))  # the register only: charts name pages not here
    for name in IDENTITY_PARTS:
        shutil.copy(ROOT / "content" / name, tmp_path / "content" / name)
    write_tree(tmp_path, {"content/moten/natverk/program.md": VALID_EVENT})
    content = load_content(tmp_path)
    check_golden(request, "natverk.ics", calendar(list(content.extra["moten"]), SITE, content.texts))
    page = {o.uri: o.content for o in render_site(content, SITE, {})}["moten/natverk/index.md"]
    check_golden(request, "natverk.md", page)
