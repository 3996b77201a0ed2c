"""Lighthouse mobile scores for one page of each kind, written to test-reports/lighthouse.md.

The scores are a report, not a pass/fail gate (goals: accessibility 100, performance ≥ 95,
best practices 100, SEO 100). The test fails only if Lighthouse cannot measure a page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from conftest import CHROMIUM_ARGS, ROOT, site_pages

pytestmark = pytest.mark.browser


def built_pages(site) -> list[str]:
    """Every built page as a URL path from the site root: /, /moten/, /404.html."""
    return ["/" + path for path in site_pages(site)]

LIGHTHOUSE = ROOT / ".tools" / "node" / "node_modules" / "lighthouse" / "cli" / "index.js"
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


def _measure(url: str) -> dict[str, int]:
    run = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--output=json", "--quiet", "--only-categories=" + ",".join(CATEGORIES),
         "--chrome-flags=" + " ".join(CHROMIUM_ARGS)],
        capture_output=True, text=True, timeout=180, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    categories = json.loads(run.stdout)["categories"]
    return {name: round(categories[name]["score"] * 100) for name in CATEGORIES}


def test_lighthouse_mobile_scores_are_reported(built_site, served_site):
    assert shutil.which("node"), "Node saknas: kör ./scripts/test, som installerar den"
    assert LIGHTHOUSE.exists(), f"{LIGHTHOUSE} saknas: kör ./scripts/test, som installerar Lighthouse med npm"
    scores = {path: _measure(served_site.rstrip('/') + path) for path in pages_to_measure(built_pages(built_site))}
    lines = ["# Lighthouse, mobil", "",
             "Mål: " + ", ".join(f"{name} {'≥ ' if name == 'performance' else ''}{goal}" for name, goal in GOALS.items()),
             "", "| Sida | " + " | ".join(CATEGORIES) + " |", "| --- |" + " --- |" * len(CATEGORIES)]
    for path, values in scores.items():
        lines.append(f"| {path} | " + " | ".join(str(values[name]) for name in CATEGORIES) + " |")
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert all(0 <= value <= 100 for values in scores.values() for value in values.values())
    assert "/" in scores and len(scores) >= 3


def test_one_page_of_each_kind_is_chosen():
    pages = ["/", "/404.html", "/moten/", "/moten/a/", "/moten/b/", "/nyheter/", "/nyheter/x/", "/sok/"]
    assert pages_to_measure(pages) == ["/", "/moten/", "/moten/a/", "/nyheter/", "/nyheter/x/", "/sok/"]
