"""Search benchmark: the bytes a resident's first search fetches, against Material's whole index.

Builds the site (the real content, and the real content plus N generated pages, default 1,000)
twice: as it is (Pagefind) and with Material's lunr search plugin switched back on. Pagefind's
first search is measured in Chromium: the page is opened, a query typed into the search field,
and every response under /pagefind/ counted until the results are shown (the transfer, which
for Pagefind's chunks is already compressed). Material fetches its whole search_index.json before
the first result; it is counted as gzip would send it. Prints bytes and the ratio.

    .venv/bin/python benchmarks/bench_search.py [--pages 1000] [--query trygghetsvandringar]
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


def first_search_bytes(site: Path, query: str) -> tuple[int, int]:
    """(bytes under /pagefind/ fetched by typing `query` into a fresh page, number of requests)."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    fetched: list[int] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("response", lambda r: fetched.append(len(r.body())) if "/pagefind/" in r.url else None)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
            page.fill("form[role=search] input[type=search]", query)
            page.wait_for_selector("form[role=search] .trygg-result", timeout=30_000)
            page.wait_for_load_state("networkidle")
            browser.close()
    finally:
        server.shutdown()
    return sum(fetched), len(fetched)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def material_index_bytes(site: Path) -> tuple[int, int]:
    index = (site / "search" / "search_index.json").read_bytes()
    return len(index), len(gzip.compress(index, 6))


def measure(project: Path, query: str, label: str) -> None:
    ours, requests = first_search_bytes(build(project, material_search=False), query)
    raw, zipped = material_index_bytes(build(project, material_search=True))
    print(f"{label}: first search with Pagefind {ours / 1000:.0f} KB in {requests} requests; "
          f"Material's whole index {raw / 1000:.0f} KB ({zipped / 1000:.0f} KB gzip); "
          f"ratio {ours / zipped:.3f}× of Material's gzip")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--query", default="trygghetsvandringar")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="trygg-search-") as tmp:
        measure(make_trygg_project(Path(tmp) / "real", 0), args.query, "the site as it is")
        measure(make_trygg_project(Path(tmp) / "big", args.pages), args.query, f"plus {args.pages} pages")
        shutil.rmtree(tmp, ignore_errors=True)
    print("goal: ≤ 250 KB for a first search on a 1,000-page site")


if __name__ == "__main__":
    main()
