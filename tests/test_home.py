"""The start page: the next meeting (or the latest, as held), the latest news, a card per section
that has content and none for a section without."""

from __future__ import annotations

import datetime as dt

from conftest import VALID_EVENT
from test_site import text_of
from trygg.registry import load_content
from trygg.sitewide.home import render_home
from trygg.core.rendering import SiteInfo

ALL_SECTIONS = ["Möten och utvecklingsdagar", "Nyheter", "Organisation och förkortningar", "Organisationsdiagram",
                "Beslut", "Socialt hållbart Borås", "Nyckeltal", "Handböcker"]


def home(root, today: dt.date) -> str:
    return render_home(load_content(root), SiteInfo("T", "http://t/", today, "Utgivaren"))


def test_the_next_meeting_is_shown_with_its_date(project):
    root = project({"content/moten/natverk/program.md": VALID_EVENT})
    page = home(root, dt.date(2030, 5, 1))
    assert "## Nästa möte {#nasta-mote}\n\n[Nätverksmöte](/moten/natverk/index.md)\n:   fredag 24 maj 2030, 9.00–12.00, Stadshuset" in page
    assert "Senaste mötet" not in page


def test_a_passed_meeting_is_shown_as_held_and_empty_sections_get_no_card(project):
    root = project({"content/moten/natverk/program.md": VALID_EVENT})
    page = home(root, dt.date(2030, 6, 1))
    assert "## Senaste mötet {#senaste-motet}\n\n[Nätverksmöte](/moten/natverk/index.md)\n:   Har hållits fredag 24 maj 2030" in page
    assert "Inga nya möten är inplanerade just nu." in page
    cards = page[page.index("## Hitta på webbplatsen"):]
    assert "[Möten och utvecklingsdagar](/moten/index.md)" in cards
    for empty in ("Nyheter", "Beslut", "Handböcker", "Nyckeltal", "Organisationsdiagram", "Senaste nytt"):
        assert f"[{empty}]" not in cards and "Senaste nytt" not in page, empty


def test_the_start_page_has_a_card_for_every_section_and_says_why_goteborg_is_here(built_site):
    text = text_of(built_site, "index.html")
    assert ("Senaste mötet Strategisk utvecklingsdag om Säker och trygg kommun Har hållits, Borås Kongress. "
            "Program och anteckningar från dagen finns på mötets sida.") in text
    assert "Senaste nytt Att jobba tillsammans i fokus på utvecklingsdagen" in text and "Organiserad trygghet" in text
    cards = text[text.index("Hitta på webbplatsen"):]
    assert [title for title in ALL_SECTIONS if title in cards] == ALL_SECTIONS
    assert "Exempel från Göteborg" in text and "som exempel på hur en annan stor stad" in text


def test_the_cards_follow_the_sites_menu_and_sections_it_does_not_name_come_after(project):
    from trygg.sitewide.home import section_cards

    content = load_content(project(with_seed_content=True))
    ranked = [card.page for card in section_cards(content)]
    assert ranked == ["moten/index.md", "nyheter/index.md", "organisation/index.md", "organisation/diagram/index.md",
                      "beslut/index.md", "malomraden/index.md", "nyckeltal/index.md", "handbocker/index.md"]
    menu = ["index.md", "handbocker/index.md", "beslut/index.md", "moten/index.md"]
    assert [card.page for card in section_cards(content, menu)] == [
        "handbocker/index.md", "beslut/index.md", "moten/index.md", "nyheter/index.md", "organisation/index.md",
        "organisation/diagram/index.md", "malomraden/index.md", "nyckeltal/index.md"]


def test_a_site_that_reorders_its_menu_reorders_its_start_page(project):
    from conftest import mkdocs_build

    root = project(with_seed_content=True)
    config = (root / "mkdocs.yml").read_text("utf-8")
    books = "  - Handböcker: handbocker/index.md\n"
    assert books in config
    (root / "mkdocs.yml").write_text(config.replace(books, "").replace("  - Start: index.md\n",
                                                                        "  - Start: index.md\n" + books), "utf-8")
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    text = text_of(run.site, "index.html")
    cards = text[text.index("Hitta på webbplatsen"):]
    order = ["Handböcker", *(title for title in ALL_SECTIONS if title != "Handböcker")]
    assert sorted(order, key=cards.index) == order
