"""A second site in the repository: examples/exempelstad/, an obviously fictional municipality,
built strict with this project's hooks, theme and shared docs exactly as scripts/exempel does.

Nothing of the first customer's identity, programme, people or places may reach its output:
HTML, feeds, calendars, JSON, CSS/JS, the search index's fragments and the PDF's text.
"""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, mkdocs_build, site_pages

EXAMPLE = ROOT / "examples" / "exempelstad"


def _first_customer_words() -> list[str]:
    """Borås's identity, programme, people and places, read from its own content."""
    people = [p["namn"] for p in yaml.safe_load((ROOT / "content/organisation/personer.yml").read_text("utf-8"))]
    identity = yaml.safe_load((ROOT / "content/webbplats.yml").read_text("utf-8"))
    return [*people, identity["organisation"]["namn"], identity["program"]["namn"], identity["kontakt"]["namn"],
            identity["kontakt"]["funktion"], identity["kontakt"]["telefon"], identity["logotyp"]["alt"],
            "Borås", "Boras", "boras.se", "saker-och-trygg", "Socialt hållbart", "Norrby", "Sjöbo", "Gårdsten",
            "Göteborg", "Kongress", "Stadshuset"]


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("exempelstad") / "site"
    run = subprocess.run([str(ROOT / "scripts/exempel"), str(out)], capture_output=True, text=True, timeout=600,
                         env={"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1895000000"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "WARNING" not in run.stderr
    return out


def _texts(site: Path):
    """Every published text: files as UTF-8, Pagefind's gzip fragments unpacked, PDFs as text."""
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".pf_fragment":
            yield path, gzip.decompress(path.read_bytes()).decode("utf-8")
        elif path.suffix == ".pdf":
            yield path, subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                                       text=True, check=True).stdout
        elif path.suffix in {".html", ".xml", ".ics", ".json", ".txt", ".css", ".js", ".svg", ".md"}:
            yield path, path.read_text("utf-8", "replace")


def test_nothing_of_the_first_customer_reaches_the_example_site(example_site):
    words = _first_customer_words()
    kinds, found = set(), []
    for path, text in _texts(example_site):
        kinds.add(path.suffix)
        for word in words:
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I):
                found.append(f"{path.relative_to(example_site)}: {word}")
    assert {".html", ".xml", ".ics", ".json", ".pf_fragment", ".pdf"} <= kinds
    assert found == []


def test_another_municipality_s_content_in_this_checkout_names_nothing_of_the_first_customer(tmp_path):
    """The issue's check: a checkout whose content/, identity and changed docs/ pages (start and
    about) are another municipality's — mkdocs.yml, hooks/, overrides/ and the rest unchanged."""
    root = copy_project(tmp_path)
    shutil.rmtree(root / "content")
    shutil.copytree(EXAMPLE / "content", root / "content")
    for page in ("index.md", "om-webbplatsen.md"):
        shutil.copy(EXAMPLE / "docs" / page, root / "docs" / page)
    run = mkdocs_build(root, env={"SOURCE_DATE_EPOCH": "1895000000"})
    assert run.returncode == 0, run.output
    found = [f"{path.relative_to(run.site)}: {word}" for path, text in _texts(run.site)
             for word in _first_customer_words() if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I)]
    assert found == []
    start = (run.site / "index.html").read_text("utf-8")
    assert '<link rel="icon" href="assets/logotyp.svg">' in start
    # mkdocs.yml's sections appear as far as the content has them: goal areas, no decisions
    assert 'href="malomraden/"' in start and 'href="beslut/"' not in start


def test_the_handbook_pdf_is_printed_in_the_site_s_own_colours():
    from trygg.content import load_content
    from trygg.handbook_pdf import render_html
    from trygg.identity import brand_colours
    from trygg.types import registered_types

    content = load_content(EXAMPLE, types=registered_types())
    [handbook] = content.extra["handbocker"]
    html = render_html(handbook, "https://exempelstad.example/", content.texts, brand_colours(content.identity))
    assert "a { color: #1d5e3a;" in html and "h1, h2, h3, h4, h5, h6 { color: #174a2e;" in html


def test_the_example_site_speaks_with_its_own_identity(example_site):
    start = (example_site / "index.html").read_text("utf-8")
    assert '<span class="trygg-brand__sender">Exempelstads kommun</span>' in start
    assert '<img src="assets/logotyp.svg" alt="Exempelstads logotyp, ett grönt hus">' in start  # the drawer's
    assert "<title>Trygg i Exempelstad - Trygg i Exempelstad</title>" in start
    assert "PRODID:-//Exempelstads kommun//Trygg i Exempelstad//SV" in (example_site / "moten/kalender.ics").read_text()
    assert "<author><name>Exempelstads kommun</name></author>" in (example_site / "nyheter/feed.xml").read_text()
    assert '"contactName":"Exempelstads kommun"' in (example_site / "api/index.json").read_text()
    news = (example_site / "nyheter/parkerna-far-ny-belysning/index.html").read_text("utf-8")
    assert '"publisher": {"@type": "GovernmentOrganization", "name": "Exempelstads kommun"}' in news
    colours = next((example_site / "assets").glob("webbplats.*.css")).read_text()
    assert "--trygg-brand: #1d5e3a;" in colours


def test_content_types_without_content_are_switched_off(example_site):
    # the example's mkdocs.yml lists Beslut in the menu, but the site has no decisions
    assert not (example_site / "beslut").exists() and not (example_site / "nyckeltal").exists()
    assert not (example_site / "api/papers.json").exists()
    sitemap = (example_site / "sitemap.xml").read_text()
    assert "/beslut/" not in sitemap and "/nyheter/" in sitemap
    start = (example_site / "index.html").read_text("utf-8")
    assert ">Beslut<" not in start and ">Handböcker<" in start


def test_every_page_of_the_example_gives_a_way_to_reach_someone(example_site):
    pages = [p for p in site_pages(example_site) if p not in ("404.html",)]
    assert len(pages) > 10
    for page in pages:
        html = (example_site / (page + ("index.html" if page.endswith("/") or not page else ""))).read_text("utf-8")
        assert 'href="mailto:trygghet@exempelstad.example"' in html and 'href="tel:+46100123456"' in html, page
