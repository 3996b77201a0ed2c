"""The preview (`mkdocs serve --dirty`, as scripts/serve runs it) survives a writer's mistakes
and rebuilds only what an edit changes.

In Chromium: a broken file shows a Swedish error on the page instead of ending the server, and
fixing the file brings the page back. A production build of the same mistake still fails. An
edit re-renders the edited page and no other, unless it changes what every page shows.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.browser

EVENT = "content/moten/utvecklingsdag-saker-och-trygg-kommun/program.md"
EVENT_URL = "moten/utvecklingsdag-saker-och-trygg-kommun/"
BROKEN_LINE = "tid: 8.30–16.00"
SERVE = ["serve", "--dirty"]  # as scripts/serve runs it


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"mkdocs serve ended:\n{process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout} s")


@contextlib.contextmanager
def _serving(root: Path, log_path: Path, **env: str):
    """`mkdocs serve --dirty` of `root` on a free port: yields (base URL, process); the log in `log_path`."""
    port = _free_port()
    log = log_path.open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", *SERVE, "-f", str(root / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}",
         "--livereload"],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    process.stdout = log  # for _wait_for's message
    try:
        _wait_for(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}/", process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def preview(project, tmp_path):
    root = project(with_seed_content=True)
    with _serving(root, tmp_path / "serve.log") as (base, process):
        yield root, base, process, tmp_path / "serve.log"


def _visit(page, url: str) -> None:
    """page.goto, where the preview's live reload may reload the same page at the same moment."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        page.goto(url)
    except PlaywrightError as error:
        if "interrupted by another navigation" not in str(error):
            raise
        page.wait_for_load_state()


def _reload_until(page, url: str, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _visit(page, url)
        if text in page.locator("body").inner_text():
            return
        time.sleep(0.5)
    raise AssertionError(f"'{text}' did not appear on {url}:\n{page.locator('body').inner_text()[:2000]}")


def _assert_gone(page, url: str, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        _visit(page, url)
        if text not in page.locator("body").inner_text():
            return
        time.sleep(0.5)
    raise AssertionError(f"'{text}' stayed on {url}")


def test_a_broken_file_shows_in_swedish_in_the_browser_and_fixing_it_brings_the_page_back(preview, browser):
    root, base, process, log = preview
    page = browser.new_page()
    page.goto(base + EVENT_URL)
    assert page.locator("h1").inner_text() == "Strategisk utvecklingsdag om Säker och trygg kommun"
    source = root / EVENT
    good = source.read_text("utf-8")
    assert BROKEN_LINE in good
    source.write_text(good.replace(BROKEN_LINE, "tid: 25.00–16.00"), "utf-8")

    message = f"{EVENT}:8: fel: 'tid': klockslaget '25.00' finns inte; timmar 0–23 och minuter 00–59"
    _reload_until(page, base + EVENT_URL, "Innehållet har 1 fel – förhandsvisningen visar inte allt")
    assert message in page.locator(".trygg-preview-errors").inner_text()
    page.goto(base)  # every page carries the banner, not only the broken one
    assert message in page.locator(".trygg-preview-errors").inner_text()
    assert process.poll() is None, "the preview server must stay up"
    assert message in log.read_text("utf-8")  # and the terminal says the same

    source.write_text(good, "utf-8")
    _assert_gone(page, base + EVENT_URL, "förhandsvisningen visar inte allt")
    assert page.locator("h1").inner_text() == "Strategisk utvecklingsdag om Säker och trygg kommun"
    assert page.locator(".trygg-preview-errors").count() == 0
    page.close()


def test_the_preview_starts_even_when_content_is_broken_from_the_start(project, tmp_path, browser):
    root = project({"content/nyheter/a.md": "---\ntitel: A\n"})
    with _serving(root, tmp_path / "serve.log") as (base, _):
        page = browser.new_page()
        page.goto(f"{base}nyheter/a/")  # the broken page itself: a 404 with the banner
        assert ("content/nyheter/a.md:1: fel: sidhuvudet avslutas aldrig (lägg till en rad med tre bindestreck "
                "(---) efter sidhuvudet)") in page.locator(".trygg-preview-errors").inner_text()
        page.close()
    assert mkdocs_build(root).returncode == 1  # a production build of the same content still stops


def test_passed_review_dates_show_as_tasks_in_the_preview_banner_only(project, tmp_path, browser):
    root = project(with_seed_content=True)
    after_review = "1826971200"  # 2027-11-23, the day after both handbooks' "granskas senast"
    with _serving(root, tmp_path / "serve.log", SOURCE_DATE_EPOCH=after_review) as (base, _):
        page = browser.new_page()
        page.goto(base)
        banner = page.locator(".trygg-preview-reminders").inner_text()
        assert "Att göra: 3 datum har passerats" in banner
        assert ("content/handbocker/trygghet-i-offentlig-miljo/handbok.yml:11: varning: handboken skulle ha "
                "granskats senast 2027-11-22") in banner
        assert "content/om/tillganglighet.yml:7: varning: tillgänglighetsredogörelsen bedömdes senast" in banner
        assert page.locator(".trygg-preview-errors").count() == 0  # nothing stops publishing
        page.close()
    built = mkdocs_build(root, env={"SOURCE_DATE_EPOCH": after_review})
    assert built.returncode == 0, built.output
    assert "trygg-preview-reminders" not in (built.site / "index.html").read_text("utf-8")


# --- incremental rebuilds -------------------------------------------------------------------------

# Builds the way `mkdocs serve --dirty` does (one process, one site folder, hooks loaded once),
# once per step of edits given as JSON; prints, per build, every built file's modification time.
_DRIVER = """
import json, sys, threading
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

root, site, steps = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
times = []
for number, edits in enumerate(steps):
    for name, text in edits.items():
        (root / name).write_text(text, encoding="utf-8")
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.site_url = "http://127.0.0.1:8000/"
    if number == 0:
        config.plugins.on_startup(command="serve", dirty=True)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    for thread in threading.enumerate():  # the search index is made in the background
        if thread.name == "trygg-pagefind":
            thread.join()
    times.append({p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()})
print(json.dumps(times))
"""

ARTICLE = "---\ntitel: Trygg i parken\npublicerad: 2024-01-02\nsammanfattning: Om parken.\n---\n\n{body}\n"


def _incremental_builds(root: Path, site: Path, steps: list[dict[str, str]]) -> list[dict[str, int]]:
    run = subprocess.run([sys.executable, "-c", _DRIVER, str(root), str(site), json.dumps(steps)], cwd=root,
                         capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def _rewritten(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name, stamp in after.items() if before.get(name) != stamp}


def test_an_edit_rebuilds_only_the_pages_it_changes_and_a_register_change_rebuilds_all(project, tmp_path):
    root = project({"content/nyheter/parken.md": ARTICLE.format(body="Första versionen."),
                    "content/nyheter/torget.md": ARTICLE.format(body="Om torget.").replace("parken", "torget")})
    register = (root / "content/organisation/begrepp.yml").read_text("utf-8")
    assert "Brottsförebyggande rådet" not in register
    site = tmp_path / "site"
    first, body_edit, title_edit, register_edit = _incremental_builds(root, site, [
        {},
        {"content/nyheter/parken.md": ARTICLE.format(body="Andra versionen, om FOF.")},
        {"content/nyheter/parken.md": ARTICLE.format(body="Andra versionen, om FOF.").replace(
            "Trygg i parken", "Tryggt i parken")},
        {"content/organisation/begrepp.yml": register + "\n- förkortning: BRÅ\n  betydelse: Brottsförebyggande rådet\n"},
    ])
    pages = {name for name in first if name.endswith(".html")}
    assert len(pages) > 10
    # The body changed: that page alone (not even MkDocs' 404 page); the search index follows.
    assert _rewritten(first, body_edit) & pages == {"nyheter/parken/index.html"}
    assert "Andra versionen" in (site / "nyheter/parken/index.html").read_text("utf-8")
    assert "pagefind/pagefind-entry.json" in _rewritten(first, body_edit)
    # The title shows in the news list and on the start page too: those pages are built again, no others.
    assert _rewritten(body_edit, title_edit) & pages == {"nyheter/parken/index.html", "nyheter/index.html", "index.html"}
    # A new abbreviation may appear on any page: every page is built again.
    assert _rewritten(title_edit, register_edit) & pages == pages


def _hooks_module():
    spec = importlib.util.spec_from_file_location("trygg_hooks_under_test", ROOT / "hooks" / "trygg_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("polling", [False, True])
def test_the_preview_watches_with_file_events_unless_asked_to_poll(polling, tmp_path, monkeypatch):
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    if polling:
        monkeypatch.setenv("TRYGG_POLLING", "1")
    else:
        monkeypatch.delenv("TRYGG_POLLING", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(config.docs_dir)  # what `mkdocs serve` watches before on_serve
    server.watch(config.config_file_path)
    server = _hooks_module().on_serve(server, config, None)  # also watches content/, hooks/, overrides/
    assert isinstance(server.observer, PollingObserver) is polling
    watched = {(emitter.watch.path, emitter.watch.is_recursive) for emitter in server.observer.emitters}
    # watchdog watches a file through its folder; with file events that folder must not be watched
    # recursively, or the preview's own writes below it (.cache/) would start build after build.
    assert watched == {(str(ROOT / "docs"), True), (str(ROOT), False), *((str(ROOT / name), True) for name in
                                                                       ("content", "hooks", "overrides"))}


def test_file_events_report_changes_and_folders_but_not_reads(tmp_path):
    from watchdog.events import FileSystemEventHandler

    from trygg.watching import ChangeObserver

    events: queue.Queue = queue.Queue()
    handler = FileSystemEventHandler()
    handler.on_any_event = events.put  # as MkDocs' callback: every event it is given is a change
    (tmp_path / "nyheter").mkdir()
    (tmp_path / "nyheter/a.md").write_text("a", "utf-8")
    (tmp_path / "moten/mote-1").mkdir(parents=True)
    (tmp_path / "moten/mote-1/program.md").write_text("p", "utf-8")
    observer = ChangeObserver()
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()

    def until(wanted) -> list:
        got = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                got.append(events.get(timeout=0.5))
            except queue.Empty:
                continue
            if wanted(got[-1]):
                return got
        raise AssertionError(f"no such event among {got}")

    try:
        assert (tmp_path / "nyheter/a.md").read_text("utf-8") == "a"  # a build reads files: no change
        (tmp_path / "nyheter/b.md").write_text("b", "utf-8")  # events arrive in order: b comes after a's read
        seen = until(lambda e: e.src_path.endswith("b.md"))
        assert not [e for e in seen if e.src_path.endswith("a.md")]
        assert all(not e.is_directory for e in seen)
        (tmp_path / "nyheter/a.md").write_text("a, ändrad", "utf-8")
        until(lambda e: e.src_path.endswith("a.md") and e.event_type == "modified")
        shutil.move(str(tmp_path / "moten/mote-1"), str(tmp_path.parent / f"{tmp_path.name}-papperskorg"))
        # The folder left the watched tree: a file event, so MkDocs' callback (which skips folder events) rebuilds.
        gone = until(lambda e: e.src_path.endswith("mote-1"))
        assert not gone[-1].is_directory
    finally:
        observer.stop()
        observer.join(timeout=10)
