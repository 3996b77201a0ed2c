"""Search benchmark: the bytes a resident's first search fetches, against Material's whole index.

Builds the site (the real content, and the real content plus N generated pages, default 1,000)
twice: as it is (Pagefind) and with Material's lunr search plugin switched back on. Pagefind's
first search is measured in Chromium: the page is opened, a query typed into the search field,
and every response under /pagefind/ counted until the results are shown and the network is idle
(the transfer, which for Pagefind's chunks is already compressed; the search's own vocabulary
files under /pagefind/trygg/ are counted as served, uncompressed, and also on their own).
Material fetches its whole search_index.json before the first result; it is counted as gzip would
send it. Prints bytes and the ratio.

A "Menade du" round is measured the same way: a fresh page, a query with no hits (`--typo`), every
byte until "Menade du …?" is shown; then the click on the suggestion, counted on its own.

    .venv/bin/python benchmarks/bench_search.py [--pages 1000] [--query trygghetsvandringar] [--typo norbyy]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import ENV, make_trygg_project  # noqa: E402  (the same generated content)

import subprocess  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build(project: Path, *, material_search: bool) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if material_search:
        text = text.replace("plugins: []", "plugins:\n  - search:\n      lang: sv")
    (project / "bench.yml").write_text(text, encoding="utf-8")
    site = project / ("site-material" if material_search else "site")
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "bench.yml"),
                          "-d", str(site)], cwd=project, env=ENV, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(run.stdout + run.stderr)
    return site


STATUS = "form[role=search] [role=status]"


@dataclass
class Fetched:
    """Bytes under /pagefind/ (and of those, the vocabulary files under /pagefind/trygg/), requests."""
    total: int = 0
    vocabulary: int = 0
    requests: int = 0

    def add(self, url: str, size: int) -> None:
        if "/pagefind/" in url:
            self.total += size
            self.requests += 1
            if "/pagefind/trygg/" in url:
                self.vocabulary += size

    def __str__(self) -> str:
        return f"{self.total / 1000:.1f} KB in {self.requests} requests (vocabulary {self.vocabulary / 1000:.1f} KB)"


def search_bytes(site: Path, query: str, *, click_suggestion: bool = False) -> tuple[Fetched, Fetched | None]:
    """What typing `query` into a fresh page fetches; with `click_suggestion`, also what the click on
    "Menade du …?" fetches (None where the search offers none)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    first, click = Fetched(), Fetched()
    counting = [first]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("response", lambda r: counting[0].add(r.url, len(r.body())))
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
            page.fill("form[role=search] input[type=search]", query)
            page.wait_for_function(f"q => document.querySelector({STATUS!r}).textContent.includes('”' + q + '”')",
                                   arg=query, timeout=30_000)
            page.wait_for_load_state("networkidle")
            suggestion = page.locator("form[role=search] .trygg-search__suggestion a")
            offered = click_suggestion and suggestion.count() > 0
            if offered:
                counting[0] = click
                word = suggestion.inner_text()
                suggestion.click()
                page.wait_for_function(f"w => document.querySelector({STATUS!r}).textContent.includes('för ”' + w + '”')",
                                       arg=word, timeout=30_000)
                page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return first, click if offered else None


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def material_index_bytes(site: Path) -> tuple[int, int]:
    index = (site / "search" / "search_index.json").read_bytes()
    return len(index), len(gzip.compress(index, 6))


def measure(project: Path, query: str, typo: str, label: str) -> None:
    site = build(project, material_search=False)
    ours, _ = search_bytes(site, query)
    no_hits, click = search_bytes(site, typo, click_suggestion=True)
    raw, zipped = material_index_bytes(build(project, material_search=True))
    print(f"{label}: first search ({query!r}) {ours}; "
          f"Material's whole index {raw / 1000:.0f} KB ({zipped / 1000:.0f} KB gzip); "
          f"ratio {ours.total / zipped:.3f}× of Material's gzip")
    print(f"{label}: a first search with no hits ({typo!r}) until \"Menade du\" shows {no_hits}; "
          f"the click on it {click if click else '– (no suggestion offered)'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--query", default="trygghetsvandringar")
    parser.add_argument("--typo", default="norbyy", help="a query with no hits, two edits from a word of the site")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trygg-search-") as tmp:
        measure(make_trygg_project(Path(tmp) / "real", 0), args.query, args.typo, "the site as it is")
        measure(make_trygg_project(Path(tmp) / "big", args.pages), args.query, args.typo, f"plus {args.pages} pages")
        shutil.rmtree(tmp, ignore_errors=True)
    print("goal: ≤ 250 KB for a first search on a 1,000-page site")


if __name__ == "__main__":
    main()
