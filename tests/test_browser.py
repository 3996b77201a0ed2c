"""In Chromium: every page of the built site loads with no request to any other host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import site_pages

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_requests_anything_from_another_host(built_site, served_site, browser, width):
    origin = urlsplit(served_site).netloc
    context = browser.new_context(viewport={"width": width, "height": 900})
    foreign: list[str] = []
    page = context.new_page()
    page.on("request", lambda request: urlsplit(request.url).netloc in ("", origin)
            or request.url.startswith(("data:", "blob:")) or foreign.append(request.url))
    pages = site_pages(built_site)
    assert len(pages) >= 6
    for path in pages:
        response = page.goto(served_site + path, wait_until="networkidle")
        assert response is not None and response.ok, path
        page.locator("body").click(position={"x": 5, "y": 5})  # lazy widgets load on interaction
        page.keyboard.press("Tab")
    context.close()
    assert foreign == []


def test_the_event_page_reads_right_in_the_browser(served_site, browser):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(served_site + "moten/utvecklingsdag-saker-och-trygg-kommun/")
    assert page.locator("h1").inner_text() == "Strategisk utvecklingsdag om Säker och trygg kommun"
    page.get_by_role("link", name="Medborgarlöftet").first.click()
    assert page.url.endswith("#punkt-1310")
    assert page.locator("#punkt-1310").is_visible()
    page.close()
