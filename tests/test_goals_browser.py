"""Real Chromium: the effect-chain, key-figure and handbook pages have no axe violations (WCAG 2.0/2.1 A/AA)
at phone and desktop widths, and the effect chain stacks into labelled cards on a phone."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = ["malomraden/", "malomraden/forutsattningar-for-arbete/", "malomraden/god-start-i-livet/",
         "malomraden/boende-och-narmiljo/", "malomraden/omradesutveckling-norrby/", "nyckeltal/gardstensmodellen/",
         "handbocker/trygghet-i-offentlig-miljo/", "handbocker/trygghet-i-offentlig-miljo/om-handboken/",
         "handbocker/trygghet-i-offentlig-miljo/hela/"]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(browser, served_site, path, width):
    from axe_playwright_python.sync_playwright import Axe
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(served_site + path)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    page.close()
    assert results.violations_count == 0, results.generate_report()


def test_effect_chain_is_a_table_on_desktop_and_labelled_cards_on_a_phone(browser, served_site):
    layouts = {}
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(served_site + "malomraden/omradesutveckling-norrby/")
        cell = page.locator('td[data-label="Prestation"]').first
        layouts[width] = (cell.evaluate("e => getComputedStyle(e).display"),
                          cell.evaluate("e => getComputedStyle(e, '::before').content"),
                          page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))
        page.close()
    assert layouts[1280][0] == "table-cell"
    assert layouts[390] == ("block", '"Prestation"', True)  # stacked, labelled, no sideways scrolling
