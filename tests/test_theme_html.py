"""The corrections applied to the theme's HTML after rendering."""

from trygg.publish.theme_html import correct_theme_html


def test_autocomplete_is_removed_from_checkbox_toggles():
    html = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input class="trygg-search__input" type="search" name="q" autocomplete="off">')
    assert correct_theme_html(html) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input class="trygg-search__input" type="search" name="q" autocomplete="off">')


def test_a_page_without_toggles_is_unchanged():
    html = '<p autocomplete="off">text</p><input type="text" autocomplete="name">'
    assert correct_theme_html(html) == html


def test_materials_bundle_is_deferred_so_it_does_not_hold_up_the_first_paint():
    html = ('<script id="__config" type="application/json">{}</script>\n'
            '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
            '<script src="../assets/trygg.js" defer></script>')
    assert correct_theme_html(html) == html.replace('min.js">', 'min.js" defer>')
