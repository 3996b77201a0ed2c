"""Reproducible and atomic builds: same commit → same bytes; a failed build leaves site/ alone;
dates come from git; moved pages keep their old address working."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import VALID_EVENT, _QuietHandler, faked_clock, write_tree
from trygg.core.history import build_date, last_changed_dates
from trygg.publish.build import ASSET_LIST, keep_previous_assets
from trygg.core.problems import ContentError
from trygg.sitewide.redirects import render_redirects
from trygg.core.rendering import SiteInfo
from trygg.core.texts import Texts

COMMIT_DATE = "2025-03-04T10:00:00+00:00"
AFTER_THE_SEEDS = "2026-12-01T10:00:00+00:00"
GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(root: Path, *args: str, date: str = COMMIT_DATE) -> None:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def commit_all(root: Path, date: str = COMMIT_DATE) -> None:
    if not (root / ".git").exists():
        git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "content", date=date)


def trygg(root: Path, *args: str, clock: str | None = None) -> subprocess.CompletedProcess:
    """`trygg …` as on the command line, dated by git; `clock` fakes the machine's (libfaketime)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "GITHUB_ACTIONS")}
    faked = [] if clock is None else faked_clock(clock)
    return subprocess.run([*faked, sys.executable, "-m", "trygg.cli", *args, "--root", str(root)], cwd=root,
                          env=env, capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- reproducible ------------------------------------------------------------------------------

def test_two_builds_of_one_commit_are_byte_identical_and_never_read_the_clock(project):
    root = project({"content/moten/m/program.md": VALID_EVENT}, with_seed_content=True)
    commit_all(root, date=AFTER_THE_SEEDS)  # the build's day: the seeds (published 2026-11-22) are in it
    # Two machine clocks years apart: a date read from either would differ, or show in the output.
    first = trygg(root, "build", "--site-dir", str(root / "a"), clock="2031-02-03 04:05:06")
    assert first.returncode == 0, first.stderr
    second = trygg(root, "build", "--site-dir", str(root / "b"), clock="2035-06-01 23:30:00")
    assert second.returncode == 0, second.stderr
    a, b = snapshot(root / "a"), snapshot(root / "b")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    for clock_day in (b"2031-02-03", b"20310203", b"2035-06-01", b"20350601"):
        assert [name for name, data in a.items() if clock_day in data] == []
    # Every page's date is the commit's or one written in the content, never a clock's.
    lastmods = set(re.findall(r"<lastmod>(.*?)</lastmod>", a["sitemap.xml"].decode()))
    written = {day for p in (root / "content").rglob("*") if p.suffix in {".md", ".yml"}
               for day in re.findall(r"\d{4}-\d{2}-\d{2}", p.read_text("utf-8"))}
    assert "2026-12-01" in lastmods and lastmods <= written | {"2026-12-01"}  # the commit, or a date in the content
    assert {"index.html.gz", "pagefind/pagefind-entry.json.gz", "moten/kalender.ics.gz"} <= set(a)


def test_build_date_is_the_last_commit_unless_source_date_epoch_is_set(tmp_path, monkeypatch):
    write_tree(tmp_path, {"content/a.md": "a"})
    commit_all(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_date(tmp_path) == dt.date(2025, 3, 4)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    assert build_date(tmp_path) == dt.date(2026, 11, 18)


# --- atomic ------------------------------------------------------------------------------------

def test_a_failed_build_leaves_the_previous_site_exactly_as_it_was(project):
    root = project({"content/moten/m/program.md": VALID_EVENT})
    assert trygg(root, "build").returncode == 0
    before = snapshot(root / "site")
    stamps = {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")}
    write_tree(root, {"content/moten/m/program.md": VALID_EVENT.replace("plats: Stadshuset\n", "")})
    failed = trygg(root, "build")
    assert failed.returncode == 1
    assert "content/moten/m/program.md:2: fel: fältet 'plats' saknas (lägg till 'plats: …')" in failed.stderr
    assert f"Bygget misslyckades. {root / 'site'} är oförändrad." in failed.stderr
    assert snapshot(root / "site") == before
    assert {p: p.stat().st_mtime_ns for p in (root / "site").rglob("*")} == stamps
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []  # no half-built folder left


def test_a_successful_build_replaces_the_whole_site(project):
    root = project({"content/moten/m/program.md": VALID_EVENT})
    write_tree(root, {"site/gammal-fil.html": "<p>kvar från förr</p>"})
    assert trygg(root, "build").returncode == 0
    assert not (root / "site/gammal-fil.html").exists()
    assert (root / "site").stat().st_mode & 0o777 == 0o755  # readable by the web server
    assert (root / "site/moten/m/index.html").exists()
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


# --- the previous build's own assets survive one more build ---------------------------------

def own_css(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "assets").glob("trygg.*.css"))


def linked_css(site: Path) -> set[str]:
    return set(re.findall(r'href="[./]*assets/(trygg\.[0-9a-f]{12}\.css)"',
                          (site / "moten/m/index.html").read_text(encoding="utf-8")))


def test_a_page_cached_from_the_previous_build_still_finds_its_stylesheet(project):
    root = project({"content/moten/m/program.md": VALID_EVENT})
    stylesheet = root / "docs/assets/trygg.css"
    assert trygg(root, "build").returncode == 0
    [first] = own_css(root / "site")
    assert linked_css(root / "site") == {first}
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* ändrad */\n", encoding="utf-8")
    assert trygg(root, "build").returncode == 0
    [second] = linked_css(root / "site")
    assert own_css(root / "site") == sorted([first, second]) and first != second
    assert (root / f"site/assets/{first}.gz").exists()  # nginx's gzip_static serves the old one too
    assert (root / "site" / ASSET_LIST).read_text(encoding="utf-8").count("trygg.") == 2  # its own css and js
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "/* igen */\n", encoding="utf-8")
    assert trygg(root, "build").returncode == 0
    [third] = linked_css(root / "site")
    assert own_css(root / "site") == sorted([second, third])  # the first one is gone


def fake_site(folder: Path, own: list[str], kept: list[str] = (), listed: bool = True) -> Path:
    files = {f"assets/{name}": name for name in [*own, *kept]}
    files |= {f"assets/{name}.gz": "gz" for name in [*own, *kept]}
    files |= {"assets/stylesheets/main.0123abcd.min.css": "theme", "index.html": "page"}
    if listed:
        files[ASSET_LIST.as_posix()] = "".join(f"assets/{name}\n" for name in sorted(own))
    return write_tree(folder, files)


A, B, C = "trygg.aaaaaaaaaaaa.css", "trygg.bbbbbbbbbbbb.css", "trygg.cccccccccccc.css"
JS = "trygg.000000000000.js"


def test_only_the_assets_of_the_last_build_with_different_ones_are_kept(tmp_path):
    staging = fake_site(tmp_path / "new", [C, JS], listed=False)
    previous = fake_site(tmp_path / "old", [B, JS], kept=[A])
    assert keep_previous_assets(previous, staging) == [f"assets/{B}"]
    assert sorted(p.name for p in (staging / "assets").iterdir() if p.is_file()) == sorted(
        [B, f"{B}.gz", C, f"{C}.gz", JS, f"{JS}.gz"])  # A (two builds old) and the theme's files stay behind
    assert (staging / ASSET_LIST).read_text(encoding="utf-8") == f"assets/{JS}\nassets/{C}\n"  # sorted


def test_a_build_with_unchanged_assets_keeps_what_the_previous_one_kept(tmp_path):
    previous = fake_site(tmp_path / "old", [B, JS], kept=[A])
    staging = fake_site(tmp_path / "new", [B, JS], listed=False)
    assert keep_previous_assets(previous, staging) == [f"assets/{A}"]
    assert snapshot(staging) == snapshot(previous)  # the same commit built again: site/ unchanged


def test_a_site_without_a_list_counts_every_fingerprinted_asset_as_its_own(tmp_path):
    previous = fake_site(tmp_path / "old", [A, JS], listed=False)
    staging = fake_site(tmp_path / "new", [B, JS], listed=False)
    assert keep_previous_assets(previous, staging) == [f"assets/{A}"]
    assert keep_previous_assets(tmp_path / "saknas", fake_site(tmp_path / "first", [A], listed=False)) == []


# --- dates from git ----------------------------------------------------------------------------

def test_last_changed_dates_come_from_the_last_commit_touching_each_file(tmp_path):
    write_tree(tmp_path, {"content/moten/m/program.md": "a", "docs/om.md": "a", "annat.txt": "a"})
    commit_all(tmp_path, "2024-01-10T12:00:00+00:00")
    write_tree(tmp_path, {"docs/om.md": "b", "annat.txt": "b"})
    commit_all(tmp_path, "2024-06-01T12:00:00+00:00")
    assert last_changed_dates(tmp_path) == {"content/moten/m/program.md": dt.date(2024, 1, 10),
                                            "docs/om.md": dt.date(2024, 6, 1)}


def test_outside_git_there_are_no_commit_dates(tmp_path):
    write_tree(tmp_path, {"content/a.md": "a"})
    assert last_changed_dates(tmp_path) == {}


def test_hand_written_pages_show_their_last_commit_else_their_front_matter(project):
    page = "---\ntitle: Om\nsenast_andrad: 2023-02-01\n---\n\n# Om\n\nText.\n"
    root = project({"docs/om-webbplatsen.md": page})
    assert trygg(root, "build").returncode == 0
    html = (root / "site/om-webbplatsen/index.html").read_text(encoding="utf-8")
    assert 'Senast ändrad</dt><dd><time datetime="2023-02-01">1 februari 2023</time>' in html
    commit_all(root, "2025-01-15T09:00:00+00:00")
    assert trygg(root, "build").returncode == 0
    html = (root / "site/om-webbplatsen/index.html").read_text(encoding="utf-8")
    assert 'Senast ändrad</dt><dd><time datetime="2025-01-15">15 januari 2025</time>' in html
    sitemap = (root / "site/sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"om-webbplatsen/</loc>\s*<lastmod>2025-01-15</lastmod>", sitemap)


# --- moved pages -------------------------------------------------------------------------------

MOVED = "- från: moten/gammalt-namn/\n  till: moten/m/\n- från: gamla-om/\n  till: om-webbplatsen/\n"


def test_a_moved_page_redirects_from_its_old_address(project):
    root = project({"content/moten/m/program.md": VALID_EVENT, "content/flyttade-sidor.yml": MOVED})
    run = trygg(root, "build")
    assert run.returncode == 0, run.stderr
    html = (root / "site/moten/gammalt-namn/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../m/">' in html
    assert '<link rel="canonical" href="http://127.0.0.1:8000/moten/m/">' in html
    assert '<meta http-equiv="refresh" content="0; url=../om-webbplatsen/">' in \
        (root / "site/gamla-om/index.html").read_text(encoding="utf-8")


def redirect_problems(project, moved: str) -> list[str]:
    root = project({"content/moten/m/program.md": VALID_EVENT, "content/flyttade-sidor.yml": moved})
    site = SiteInfo("S", "https://example.org/", dt.date(2025, 1, 1), "T")
    from trygg.core.rendering import Output
    with pytest.raises(ContentError) as caught:
        render_redirects(root, [Output("moten/m/index.md", "")], site, Texts({}, {}))
    return [str(p) for p in caught.value.problems]


def test_a_redirect_to_a_missing_page_is_an_error_with_a_suggestion(project):
    assert redirect_problems(project, "- från: moten/gammalt/\n  till: moten/n/\n") == [
        "content/flyttade-sidor.yml:1: fel: 'moten/n/' finns inte som sida (menade du 'moten/m/'?)"]


def test_a_redirect_from_a_living_page_and_a_misspelt_key_are_errors(project):
    assert redirect_problems(project, "- från: moten/m/\n  till: om-webbplatsen/\n- fran: x/\n  till: moten/m/\n") == [
        "content/flyttade-sidor.yml:1: fel: 'moten/m/' är en sida som finns, den kan inte samtidigt vara flyttad "
        "(ta bort posten eller sidan)",
        "content/flyttade-sidor.yml:3: fel: fältet 'från' saknas (lägg till 'från: …')",
        "content/flyttade-sidor.yml:3: fel: okänt fält 'fran' (menade du 'från'?)",
    ]


@contextlib.contextmanager
def serve(folder: Path):
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_a_browser_following_an_old_address_lands_on_the_moved_page(project, browser):
    root = project({"content/moten/m/program.md": VALID_EVENT, "content/flyttade-sidor.yml": MOVED})
    assert trygg(root, "build").returncode == 0
    with serve(root / "site") as base:
        page = browser.new_page()
        page.goto(base + "moten/gammalt-namn/")
        page.wait_for_url(base + "moten/m/", timeout=10_000)
        assert page.locator("h1").first.inner_text() == "Nätverksmöte"
        page.close()
