"""Tables: each plain table in a named, focusable region that scrolls sideways, made at build time
(trygg.markdown.captions), so a keyboard reaches a wide table on a phone without JavaScript."""

from __future__ import annotations

import markdown
import pytest

from trygg.core.texts import catalogue
from trygg.markdown.captions import TableCaptionExtension

TABLE = "| Datum | Diarienummer |\n| --- | --- |\n| 1 maj | 2017/KS0121 |\n"


def render(text: str, name: str | None = None) -> str:
    extension = TableCaptionExtension(catalogue()["sida.tabell"] if name is None else name)
    return markdown.markdown(text, extensions=["tables", "md_in_html", "attr_list", extension])


def test_a_table_is_wrapped_in_a_region_named_by_the_heading_above_it():
    html = render("# Beslut\n\nText.\n\n## Förkortningar &amp; namn\n\n" + TABLE + "\nEfter tabellen.")
    assert ('<div aria-label="Tabell: Förkortningar &amp; namn" class="trygg-table-scroll" role="region" '
            'tabindex="0"><table class="trygg-table">') in html
    assert html.count("<table") == 1
    assert "</table></div>\n<p>Efter tabellen.</p>" in html


def test_a_table_without_a_heading_is_called_tabell():
    assert '<div aria-label="Tabell" class="trygg-table-scroll"' in render(TABLE)


def test_a_table_s_name_is_the_text_it_is_given():
    # the hook gives the site's text (sida.tabell, which content/texter.yml may reword)
    assert '<div aria-label="Uppställning" class="trygg-table-scroll"' in render(TABLE, "Uppställning")
    html = render("## Förkortningar\n\n" + TABLE, "Uppställning")
    assert 'aria-label="Uppställning: Förkortningar"' in html and "Tabell" not in html


def test_a_caption_names_the_region():
    html = render('## Mål\n\n<table markdown="1">\n<caption>Nyckeltal 2023</caption>\n'
                  "<tr><th>Vad</th></tr>\n</table>\n")
    assert '<div aria-label="Nyckeltal 2023" class="trygg-table-scroll" role="region" tabindex="0">' in html


def test_a_table_with_a_class_of_its_own_is_left_alone():
    html = render('<table class="trygg-chain-table" markdown="1">\n<tr><td>x</td></tr>\n</table>\n')
    assert "role=\"region\"" not in html and '<table class="trygg-chain-table">' in html


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [False, True])
def test_a_wide_table_scrolls_by_keyboard_on_a_phone(served_site, browser, javascript):
    """The decisions list (five columns) is wider than a 390 px phone: Tab reaches its region and
    the arrow key scrolls it, with or without JavaScript; Material's script adds no second box."""
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served_site + "beslut/")
    region = page.get_by_role("region", name="Tabell: Beslut")
    assert region.evaluate("box => box.scrollWidth > box.clientWidth")  # really wider than the phone
    assert page.locator(".md-typeset__scrollwrap").count() == 0
    assert region.locator("table").count() == 1
    for _ in range(60):
        page.keyboard.press("Tab")
        if region.evaluate("box => box === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the table's region")
    assert region.evaluate("box => getComputedStyle(box).outlineStyle") != "none"  # focus is visible
    assert region.evaluate("box => box.scrollLeft") == 0
    page.keyboard.press("ArrowRight")
    for _ in range(40):  # polled from here: wait_for_function needs the page's own scripts
        if region.evaluate("box => box.scrollLeft") > 0:
            break
        page.wait_for_timeout(50)
    else:
        pytest.fail("ArrowRight did not scroll the table's region")
    context.close()
