"""The menu: each meeting and goal area under its section, in Swedish, with the site's logo."""

from __future__ import annotations

import re

from trygg.menu import Menu, with_children

NAV = [{"Start": "index.md"}, {"Möten": "moten/index.md"},
       {"Målområden": ["malomraden/index.md", {"Nyckeltal": "nyckeltal/index.md"}]},
       {"Om webbplatsen": "om-webbplatsen.md"}]


def test_generated_pages_follow_their_section_s_index_page():
    menu = Menu({"moten/index.md": [("Vårmöte", "moten/var/index.md")],
                 "malomraden/index.md": [("Boende", "malomraden/boende/index.md")]},
                {"malomraden/index.md": "Ett tryggt Exempelstad"})  # the content names the goal areas' section
    assert with_children(NAV, menu) == [
        {"Start": "index.md"},
        {"Möten": ["moten/index.md", {"Vårmöte": "moten/var/index.md"}]},
        {"Ett tryggt Exempelstad": ["malomraden/index.md", {"Boende": "malomraden/boende/index.md"},
                                    {"Nyckeltal": "nyckeltal/index.md"}]},
        {"Om webbplatsen": "om-webbplatsen.md"}]
    assert with_children(NAV, Menu()) == NAV and with_children(None, menu) is None
    assert with_children(with_children(NAV, menu), menu) == with_children(NAV, menu)  # a rebuild adds nothing twice


def primary_nav(site, page: str) -> str:
    raw = (site / page).read_text("utf-8")
    return re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', raw, re.S).group(0)


def test_a_goal_area_page_s_menu_shows_its_section_with_every_goal_area(built_site):
    nav = primary_nav(built_site, "malomraden/god-start-i-livet/index.html")
    assert nav.startswith('<nav class="md-nav md-nav--primary" aria-label="Huvudmeny" data-md-level="0">')
    labels = [re.sub(r"\s+", " ", label).strip() for label in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.S)]
    section = labels[labels.index("Socialt hållbart Borås"):]
    for title in ("En god start i livet", "Förutsättningar för arbete", "Boende och närmiljö",
                  "Områdesutveckling Norrby", "Nyckeltal"):
        assert title in section, title
    assert 'src="../../assets/logotyp.svg"' in nav  # the drawer's logo is the site's, not Material's icon


def test_meetings_are_in_the_menu(built_site):
    nav = primary_nav(built_site, "moten/index.html")
    assert "Strategisk utvecklingsdag om Säker och trygg kommun" in nav
