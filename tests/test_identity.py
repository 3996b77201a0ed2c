"""The site's identity and wording are configuration: content/webbplats.yml and the message
catalogue, never a municipality's name in hooks/ or overrides/."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, VALID_EVENT, mkdocs_build, site_pages
from trygg.core.identity import contrast, svg_problem
from trygg.pipeline import check_site
from trygg.core.texts import catalogue

# Municipalities whose names must never be written in the generator's code or theme (the first
# customer, the programme in seed 003, and a few others a copy-paste could bring in).
MUNICIPALITIES = ["Borås", "Boras", "Göteborg", "Goteborg", "Malmö", "Uppsala", "Linköping",
                  "Västerås", "Örebro", "Norrby", "Sjöbo"]
PROGRAMME_WORDS = ["Säker och trygg kommun", "Socialt hållbart", "Stadshuset", "Stadsledningskansliet",
                   "Kerstin Hermansson", "Melia", "boras.se"]


def _tracked(folder: str) -> list[str]:
    out = subprocess.run(["git", "ls-files", folder], capture_output=True, text=True, cwd=ROOT, check=True)
    return [line for line in out.stdout.splitlines() if line]


@pytest.mark.parametrize("folder", ["hooks", "overrides"])
def test_no_municipality_or_programme_is_named_in_code_or_theme(folder):
    files = _tracked(folder)
    assert files, f"git ls-files found nothing under {folder}/"
    found = []
    for rel in files:
        text = (ROOT / rel).read_text("utf-8", "replace")
        for word in [*MUNICIPALITIES, *PROGRAMME_WORDS]:
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.I):
                found.append(f"{rel}: {word}")
    assert found == []


def test_the_catalogue_is_swedish_keyed_and_names_no_municipality():
    texts = catalogue()
    assert texts["kontakt.rubrik"] == "Kontakta oss"
    assert texts["målområden.tillbaka"] == "Till {målprogram}"
    assert all(value for value in texts.values()), [k for k, v in texts.items() if not v]


def test_a_site_overrides_texts_in_part_and_mistakes_name_file_and_line(project):
    root = project({"content/texter.yml": "kontakt.rubrik: Frågor?\nkontakt.rubrk: X\nnyheter.ingress: Om {platsen}.\n"})
    problems = [str(p) for p in check_site(root, spelling=False).problems]
    assert problems == [
        "content/texter.yml:2: fel: texten 'kontakt.rubrk' finns inte (menade du 'kontakt.rubrik'?)",
        "content/texter.yml:3: fel: texten 'nyheter.ingress' har en okänd platshållare {platsen} "
        "(tillåtna: {program}, {syfte}, {utgivare})"]


def test_brand_colours_are_checked_for_contrast_with_file_and_line(project):
    identity = (ROOT / "content/webbplats.yml").read_text("utf-8")
    light = re.sub(r'huvudfärg: "#[0-9a-f]{6}"', 'huvudfärg: "#7fb2d6"', identity)
    line = next(i for i, text in enumerate(identity.splitlines(), 1) if "huvudfärg:" in text)
    problems = [str(p) for p in check_site(project({"content/webbplats.yml": light}), spelling=False).problems]
    assert problems == [
        f"content/webbplats.yml:{line}: fel: färgen 'huvudfärg' (#7fb2d6) har kontrasten 2,0:1 mot ljusgrå "
        "(kontaktrutan och sidfoten) bakgrund; kravet för text (nivå AA i riktlinjerna för tillgänglighet) är "
        "minst 4,5:1 (välj en mörkare färg, till exempel med en kontrastkontroll på webben)",
        f"content/webbplats.yml:{line}: fel: färgen 'huvudfärg' (#7fb2d6) har kontrasten 2,2:1 mot vit bakgrund; "
        "kravet för text (nivå AA i riktlinjerna för tillgänglighet) är minst 4,5:1 (välj en mörkare färg, "
        "till exempel med en kontrastkontroll på webben)"]
    assert round(contrast("#005a8c", "#ffffff"), 1) == 7.4  # WCAG 2.1 relative luminance


@pytest.mark.parametrize("svg, problem", [
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "den innehåller <script>"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "den innehåller attributet onload"),
    (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><use x:href="http://a/b#c"/></svg>',
     "den länkar till en annan fil eller adress"),
    (b'<html/>', "filen är ingen svg-bild"),
    (b'<!DOCTYPE svg [<!ENTITY a "b">]><svg/>', "filen definierar egna entiteter eller en dokumenttyp"),
])
def test_an_unsafe_logo_is_refused(svg, problem):
    assert svg_problem(svg) == problem


def test_the_logo_must_exist_in_content(project):
    identity = (ROOT / "content/webbplats.yml").read_text("utf-8").replace("fil: logotyp.svg", "fil: saknas.svg")
    line = next(i for i, text in enumerate(identity.splitlines(), 1) if "fil: saknas.svg" in text)
    problems = [str(p) for p in check_site(project({"content/webbplats.yml": identity}), spelling=False).problems]
    assert problems == [f"content/webbplats.yml:{line}: fel: logotypen 'saknas.svg' finns inte i content/ "
                        "(lägg svg-filen i content/ eller rätta namnet)"]


def test_a_missing_identity_or_content_folder_is_a_swedish_message(project):
    root = project({})
    (root / "content/webbplats.yml").unlink()
    problems = [str(p) for p in check_site(root, spelling=False).problems]
    assert problems == ["content/webbplats.yml: fel: webbplatsens identitet saknas (content/webbplats.yml) (skapa "
                        "filen med organisation, program, kontakt, logotyp och färger; se skrivguiden, avsnittet "
                        "Webbplatsens identitet)"]


def test_every_page_gives_the_programme_contact_by_phone(built_site):
    # seed 001: "För mer information kontakta Melia Hadzisalihovic, Stadsledningskansliet, tel 0734328730"
    pages = [p for p in site_pages(built_site) if p != "404.html"]
    assert len(pages) > 30
    for page in pages:
        html = (built_site / (page + ("index.html" if page.endswith("/") or not page else ""))).read_text("utf-8")
        assert re.search(r'href="(?:mailto:[^"]+|tel:\+46734328730)"', html), page
    box = (built_site / "index.html").read_text("utf-8")
    assert '<p class="trygg-contact__name">Melia Hadzisalihovic, Stadsledningskansliet</p>' in box
    assert '<a href="tel:+46734328730">0734328730</a>' in box
    statement = (built_site / "tillganglighet/index.html").read_text("utf-8")
    assert 'Melia Hadzisalihovic, Stadsledningskansliet, telefon <a href="tel:+46734328730">0734328730</a>' in statement


def test_trygg_help_names_the_projects_own_site():
    run = subprocess.run([sys.executable, "-m", "trygg.cli", "--help"], capture_output=True, text=True, cwd=ROOT,
                         timeout=60)
    assert "Verktyg för webbplatsen Säker och trygg kommun." in run.stdout


def test_an_unpaired_brace_in_a_text_is_named_not_a_traceback(project):
    root = project({"content/texter.yml": "nyheter.ingress: 'Om {program.'\n"})
    problems = [str(p) for p in check_site(root, spelling=False).problems]
    assert problems == ["content/texter.yml:1: fel: texten 'nyheter.ingress' har en klammer { eller } utan sin "
                        "motsvarighet (skriv platshållare som {program}; ta bort ensamma klamrar)"]


def test_a_deleted_content_folder_stops_the_build_in_swedish(project):
    root = project({})
    shutil.rmtree(root / "content")
    run = mkdocs_build(root)
    assert run.returncode == 1
    assert ("content/: fel: mappen content/ saknas, så det finns inget innehåll att bygga (återställ mappen "
            "(git checkout -- content) eller skapa den med webbplats.yml enligt skrivguiden)") in run.output
    assert "Config value" not in run.output and "Traceback" not in run.output


def test_a_site_with_only_meetings_and_news_builds_without_the_other_types(project):
    event = VALID_EVENT.replace("    medverkande: [Kerstin Hermansson]\n", "").replace("    medverkande: [FOF, Polisen]\n", "")
    root = project({"content/moten/natverk/program.md": event,
                    "content/nyheter/en-nyhet.md": "---\ntitel: En nyhet\npublicerad: 2026-01-02\n"
                                                   "sammanfattning: Kort.\n---\n\nText.\n"})
    shutil.rmtree(root / "content/organisation")
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    site = run.site
    assert (site / "moten/natverk/index.html").is_file() and (site / "nyheter/en-nyhet/index.html").is_file()
    for gone in ("organisation", "beslut", "handbocker", "nyckeltal", "malomraden"):
        assert not (site / gone).exists(), gone
    assert sorted(p.name for p in (site / "api").glob("*.json")) == ["index.json", "meetings.json", "news.json"]
    sitemap = (site / "sitemap.xml").read_text()
    assert "/organisation/" not in sitemap and "/moten/natverk/" in sitemap
    menu = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', (site / "index.html").read_text(), re.S).group(0)
    assert ">Möten<" in menu.replace("\n", "").replace(" ", "") or "Möten" in menu
    assert "Organisation" not in menu and "Beslut" not in menu and "Handböcker" not in menu
