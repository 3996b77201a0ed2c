"""Drafts (`utkast: true`) of every content type: a clear banner in the preview server, and absent
from the production build — pages, navigation lists, search, feed, sitemap, calendar and PDFs."""

from __future__ import annotations

import gzip
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import VALID_EVENT, mkdocs_build

DRAFT_TITLES = ["Hemligt målområde", "Hemliga nyckeltal", "Hemlig handbok", "Hemligt kapitel", "Hemlig nyhet",
                "Hemligt möte"]
DRAFTS = {
    "content/malomraden/hemligt.yml": (
        "titel: Hemligt målområde\nordning: 9\nsammanfattning: Utkast.\npublicerad: 2026-11-22\nutkast: true\n"),
    "content/nyckeltal/hemliga.yml": (
        "titel: Hemliga nyckeltal\nsammanfattning: Utkast.\nkälla: Ingen\npublicerad: 2026-11-22\nutkast: true\n"
        "nyckeltal:\n  - rubrik: R\n    vad: V\n    värde: '1'\n"),
    "content/handbocker/hemlig/handbok.yml": (
        "titel: Hemlig handbok\nsammanfattning: Utkast.\nägare: [CKS]\npublicerad: 2026-11-22\n"
        "senast granskad: 2026-11-22\ngranskas senast: 2027-11-22\nutkast: true\n"),
    "content/handbocker/hemlig/01-a.md": "---\ntitel: Kapitel A\n---\n\nText.\n",
    "content/handbocker/trygghet-i-offentlig-miljo/03-hemligt.md": (
        "---\ntitel: Hemligt kapitel\nutkast: true\n---\n\nHemlig kapiteltext.\n"),
    "content/nyheter/hemlig.md": (
        "---\ntitel: Hemlig nyhet\npublicerad: 2026-11-01\nsammanfattning: Utkast.\nutkast: true\n---\n\nText.\n"),
    "content/moten/hemligt/program.md": VALID_EVENT.replace("titel: Nätverksmöte", "titel: Hemligt möte")
    .replace("publicerad: 2024-01-10", "publicerad: 2024-01-10\nutkast: true"),
}
DRAFT_URLS = ["malomraden/hemligt/", "nyckeltal/hemliga/", "handbocker/hemlig/",
              "handbocker/trygghet-i-offentlig-miljo/hemligt/", "nyheter/hemlig/", "moten/hemligt/"]


def test_drafts_are_absent_from_the_production_build(project):
    root = project(DRAFTS, with_seed_content=True)
    run = mkdocs_build(root, env={"SOURCE_DATE_EPOCH": "1796000000"})
    assert run.returncode == 0, run.output
    site = run.site
    for url in DRAFT_URLS:
        assert not (site / url).exists(), url
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".json", ".xml", ".ics"}]
    assert any(p.name == "sitemap.xml" for p in files) and any(p.name == "feed.xml" for p in files)
    texts = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in files}
    # Pagefind's search index: gzip-compressed fragments, one per indexed page.
    fragments = sorted((site / "pagefind").rglob("*.pf_fragment"))
    assert fragments
    index = {p.name: gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in fragments}
    assert any("Handboken för trygghet i offentlig miljö är framtagen" in t for t in index.values())  # readable
    texts.update(index)
    for name, text in texts.items():
        for title in DRAFT_TITLES + ["hemlig", "Hemlig kapiteltext"]:
            assert title not in text, f"{title} in {name}"
    pdf = site / "handbocker/trygghet-i-offentlig-miljo/trygghet-i-offentlig-miljo.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Om handboken" in text and "Hemligt kapitel" not in text and "Hemlig kapiteltext" not in text
    assert not list(site.glob("handbocker/hemlig*"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_drafts_show_an_utkast_banner_in_the_preview_server(project):
    root = project({**DRAFTS, **SCHEDULED}, with_seed_content=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
         "-f", str(root / "mkdocs.yml")], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1796000000"})
    try:
        deadline = time.monotonic() + 180
        base = f"http://127.0.0.1:{port}/"
        for url in DRAFT_URLS:
            page = _get(base + url, deadline).decode("utf-8")
            banner = re.search(r'<p class="trygg-draft-banner" role="note">([^<]+)</p>', page)
            assert banner, url
            assert banner.group(1).startswith("Utkast – sidan visas bara i förhandsgranskningen")
        for url in SCHEDULED_URLS:
            page = _get(base + url, deadline).decode("utf-8")
            banner = re.search(r'<p class="trygg-draft-banner" role="note">([^<]+)</p>', page)
            assert banner and banner.group(1) == ("Publiceras 15 januari 2027 – sidan visas i förhandsgranskningen "
                                                  "och kommer med på webbplatsen den dagen."), url
        published = _get(base + "handbocker/trygghet-i-offentlig-miljo/om-handboken/", deadline).decode("utf-8")
        assert "trygg-draft-banner" not in published
        assert "Nästa kapitel: 2. Sju faktorer som påverkar den fysiska miljön" in published
        pdf = _get(base + "handbocker/trygghet-i-offentlig-miljo/trygghet-i-offentlig-miljo.pdf", deadline)
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        assert "3. Hemligt kapitel (utkast)" in text
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_trygg_check_catches_a_link_from_a_published_page_to_a_draft(project):
    from trygg.pipeline import check_site

    def news(title: str, body: str, draft: bool = False) -> str:
        return (f"---\ntitel: {title}\npublicerad: 2020-01-01\nsammanfattning: S.\n"
                + ("utkast: true\n" if draft else "") + f"---\n\n{body}\n")

    root = project({"content/nyheter/klar.md": news("Klar", "Se [utkastet](/nyheter/utkast/index.md)."),
                    "content/nyheter/utkast.md": news("Utkast", "Se [den andra](/nyheter/klar/index.md).", True)})
    assert [str(p) for p in check_site(root, spelling=False).problems] == [
        "content/nyheter/klar.md:7:15: fel: länken '/nyheter/utkast/index.md' pekar på en sida som inte publiceras: "
        "sidan är ett utkast (ta bort länken tills sidan publiceras)"]



# --- scheduled publishing: 'publicerad' after the build's today ---------------------------------

SCHEDULED = {
    "content/nyheter/framtida.md": ("---\ntitel: Framtida nyhet\npublicerad: 2027-01-15\nsammanfattning: Snart.\n"
                                    "---\n\nFramtida text.\n"),
    "content/moten/framtida/program.md": VALID_EVENT.replace("titel: Nätverksmöte", "titel: Framtida möte")
    .replace("publicerad: 2024-01-10", "publicerad: 2027-01-15"),
}
SCHEDULED_URLS = ["nyheter/framtida/", "moten/framtida/"]
BEFORE, ON_THE_DAY = "1796000000", "1800000000"  # 2026-11-30 and 2027-01-15


def _site_texts(site: Path) -> dict[str, str]:
    files = [p for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".json", ".xml", ".ics"}]
    texts = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in files}
    texts.update({p.name: gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
                  for p in (site / "pagefind").rglob("*.pf_fragment")})
    return texts


def test_a_scheduled_page_is_published_by_the_first_build_on_its_day(project):
    root = project(SCHEDULED)
    run = mkdocs_build(root, env={"SOURCE_DATE_EPOCH": BEFORE})
    assert run.returncode == 0, run.output
    texts = _site_texts(run.site)
    assert {"sitemap.xml", "api/index.json"} <= set(texts)
    # The fixture's only news item is the scheduled one: news is switched off until its day.
    assert not (run.site / "nyheter").exists()
    for url in SCHEDULED_URLS:
        assert not (run.site / url).exists(), url
    assert [name for name, text in texts.items() if "Framtida" in text or "framtida" in text] == []
    later = mkdocs_build(root, "--clean", env={"SOURCE_DATE_EPOCH": ON_THE_DAY})
    assert later.returncode == 0, later.output
    texts = _site_texts(later.site)
    for url in SCHEDULED_URLS:
        assert "trygg-draft-banner" not in (later.site / url / "index.html").read_text("utf-8")
    assert "Framtida nyhet" in texts["nyheter/feed.xml"] and "nyheter/framtida/" in texts["sitemap.xml"]
    assert any("Framtida text" in text for name, text in texts.items() if name.endswith(".pf_fragment"))


def test_trygg_check_lists_what_is_scheduled(project, monkeypatch):
    root = project({**SCHEDULED, "content/nyheter/nu.md": (
        "---\ntitel: Nu\npublicerad: 2026-01-01\nsammanfattning: S.\n---\n\nSe [nyheten](/nyheter/framtida/index.md).\n")})
    env = {**os.environ, "SOURCE_DATE_EPOCH": BEFORE}
    run = subprocess.run([sys.executable, "-m", "trygg.cli", "check", "--root", str(root), "--utan-stavning"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.stdout.splitlines() == [
        "content/nyheter/nu.md:7:14: fel: länken '/nyheter/framtida/index.md' pekar på en sida som inte publiceras: "
        "sidan publiceras först 15 januari 2027 (ta bort länken tills sidan publiceras)",
        "content/moten/framtida/program.md: publiceras 15 januari 2027 (visas i förhandsvisningen, på webbplatsen "
        "från den dagen)",
        "content/nyheter/framtida.md: publiceras 15 januari 2027 (visas i förhandsvisningen, på webbplatsen från den dagen)",
        "Innehållet har 1 fel och 0 varningar.",
    ]
