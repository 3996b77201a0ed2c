"""Lighthouse mobile scores for one page of each kind, written to test-reports/lighthouse.md.

The scores are a report, not a pass/fail gate (goals: accessibility 100, performance ≥ 95,
best practices 100, SEO 100). The test fails only if Lighthouse cannot measure a page. The site
is served the way the web host serves it (deploy/trygg-site.conf: text compressed with gzip);
Lighthouse's phone on slow 4G would otherwise wait for 250 KB of uncompressed theme CSS and
script that no resident ever downloads. The machine's load average goes into the report: on a
busy machine the performance score (total blocking time) drops.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import CHROMIUM_ARGS, NODE_TOOLS, ROOT, _QuietHandler, site_pages

pytestmark = pytest.mark.browser


def built_pages(site) -> list[str]:
    """Every built page as a URL path from the site root: /, /moten/, /404.html."""
    return ["/" + path for path in site_pages(site)]

LIGHTHOUSE = NODE_TOOLS / "lighthouse" / "cli" / "index.js"
REPORT = ROOT / "test-reports" / "lighthouse.md"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


def pages_to_measure(pages: list[str]) -> list[str]:
    """The start page and the first page of each kind: a section index and one page inside it."""
    chosen = ["/"]
    for path in pages:
        parts = [p for p in path.strip("/").split("/") if p]
        if len(parts) in (1, 2) and not path.endswith(".html") and not any(
                _kind(c) == _kind(path) for c in chosen):
            chosen.append(path)
    return chosen


def _kind(path: str) -> tuple[str, int]:
    parts = [p for p in path.strip("/").split("/") if p]
    return (parts[0] if parts else "", len(parts))


class _GzipHandler(_QuietHandler):
    """Text responses gzip-compressed when the browser accepts it, as nginx's `gzip on` does."""

    TEXT = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.endswith("/"):
            path = path / "index.html"
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not self.guess_type(str(path)).startswith(self.TEXT)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@pytest.fixture(scope="module")
def compressed_site(built_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _measure(url: str) -> tuple[dict[str, int], list[str]]:
    """The four scores, and the audits that cost points (metrics with their values)."""
    run = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--output=json", "--quiet", "--only-categories=" + ",".join(CATEGORIES),
         "--chrome-flags=" + " ".join(CHROMIUM_ARGS)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    report = json.loads(run.stdout)
    categories, audits = report["categories"], report["audits"]
    failing = [f"{ref['id']}{' ' + audits[ref['id']].get('displayValue', '') if ref['weight'] else ''}".strip()
               for name in CATEGORIES for ref in categories[name]["auditRefs"]
               if ref["weight"] > 0 and (audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1)]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}, failing


def test_lighthouse_mobile_scores_are_reported(built_site, compressed_site):
    assert shutil.which("node"), "Node saknas: kör ./scripts/test, som installerar den"
    assert LIGHTHOUSE.exists(), f"{LIGHTHOUSE} saknas: kör ./scripts/test, som installerar Lighthouse med npm"
    load_before = os.getloadavg()[0]
    measured = {path: _measure(compressed_site.rstrip('/') + path) for path in pages_to_measure(built_pages(built_site))}
    scores = {path: values for path, (values, _) in measured.items()}
    lines = ["# Lighthouse, mobil", "",
             f"Maskinens belastning (load average, 1 min): {load_before:.1f} före, {os.getloadavg()[0]:.1f} efter "
             f"mätningen, {os.cpu_count()} kärnor. Webbplatsen serveras med gzip som på webbservern.", "",
             "Mål: " + ", ".join(f"{name} {'≥ ' if name == 'performance' else ''}{goal}" for name, goal in GOALS.items()),
             "", "| Sida | " + " | ".join(CATEGORIES) + " | Granskningar under full poäng |",
             "| --- |" + " --- |" * len(CATEGORIES) + " --- |"]
    for path, (values, failing) in measured.items():
        lines.append(f"| {path} | " + " | ".join(str(values[name]) for name in CATEGORIES) + f" | {', '.join(failing) or '–'} |")
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert all(0 <= value <= 100 for values in scores.values() for value in values.values())
    assert "/" in scores and len(scores) >= 3


def test_the_site_is_served_compressed_as_on_the_web_host(built_site, compressed_site):
    import urllib.request

    request = urllib.request.Request(compressed_site, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.read()) == (built_site / "index.html").read_bytes()


def test_one_page_of_each_kind_is_chosen():
    pages = ["/", "/404.html", "/moten/", "/moten/a/", "/moten/b/", "/nyheter/", "/nyheter/x/", "/sok/"]
    assert pages_to_measure(pages) == ["/", "/moten/", "/moten/a/", "/nyheter/", "/nyheter/x/", "/sok/"]
