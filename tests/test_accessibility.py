"""Every built page in real Chromium at 390 and 1280 px: axe (WCAG 2.0/2.1 A and AA), keyboard,
requests to other hosts, and the Nu HTML checker over all pages at once.

The pages are found in the build output, so pages added by new content types are checked
without touching this file. One session-wide audit visits each page once per width and collects
every finding; each test then asserts one kind of finding is absent and lists all of them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import NODE_TOOLS, ROOT, site_pages

pytestmark = pytest.mark.browser


def built_pages(site: Path) -> list[str]:
    """Every built page a resident reads, as a URL path: /, /moten/, /404.html. Redirect pages of
    moved addresses (a meta refresh, nothing to read) are left to the Nu checker."""
    return ["/" + path for path in site_pages(site)
            if 'http-equiv="refresh"' not in (site / path / "index.html" if not path.endswith(".html")
                                              else site / path).read_text(encoding="utf-8")]

WIDTHS = (390, 1280)
HEIGHT = {390: 844, 1280: 800}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SEARCH_QUERY = "trygghet"  # found on many pages: the search panel shows a full list
REPORTS = ROOT / "test-reports"
VNU_JAR = NODE_TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Every element a keyboard user must reach: visible, enabled, not taken out of the tab order.
_CONTROLS_JS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const controls = [...document.querySelectorAll(selector)].filter(el =>
    el.tabIndex >= 0 && !el.disabled && !el.closest('[hidden], [inert]') &&
    el.checkVisibility({visibilityProperty: true, opacityProperty: true}) &&
    el.getClientRects().length > 0);
  controls.forEach((el, i) => el.setAttribute('data-audit-control', String(i)));
  return controls.map(el => el.outerHTML.slice(0, 120));
}"""

# The focused element, and whether its focus ring is visible (outline or box-shadow ring).
_FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  const ring = style.boxShadow !== 'none';
  const box = el.getBoundingClientRect();
  const onScreen = box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
  return {id: el.getAttribute('data-audit-control'), html: el.outerHTML.slice(0, 120),
          href: el.getAttribute('href'), text: el.textContent.trim(), visible: outline || ring,
          shown: el.checkVisibility() && el.getClientRects().length > 0, onScreen};
}"""


@dataclass
class Audit:
    axe: list[str] = field(default_factory=list)
    axe_search: list[str] = field(default_factory=list)
    axe_menu: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    skip_link: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    unreachable: list[str] = field(default_factory=list)
    search_shown: list[str] = field(default_factory=list)
    reflow: list[str] = field(default_factory=list)
    pages: int = 0


def _axe(axe, page, where: str) -> list[str]:
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [f"{where}: {v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:5]}"
            for v in result.response["violations"]]


def _check_keyboard(page, where: str, audit: Audit) -> None:
    controls = page.evaluate(_CONTROLS_JS)
    reached: set[str] = set()
    page.keyboard.press("Tab")
    first = page.evaluate(_FOCUS_JS)
    if not first or not (first["href"] or "").startswith("#") or "innehållet" not in first["text"]:
        audit.skip_link.append(f"{where}: first Tab reaches {first and first['html']}")
    elif not page.evaluate("h => !!document.getElementById(h.slice(1))", first["href"]):
        audit.skip_link.append(f"{where}: skip link target {first['href']} is missing")
    focused = first
    for _ in range(2 * len(controls) + 25):  # a full round back to the start ends the walk early
        if focused is not None:
            if focused["id"] in reached or (focused is not first and focused["html"] == first["html"]):
                break
            if focused["id"] is not None:
                reached.add(focused["id"])
            if not (focused["shown"] and focused["onScreen"]):
                audit.focus.append(f"{where}: focus on an element out of sight: {focused['html']}")
            elif not focused["visible"]:
                audit.focus.append(f"{where}: no visible focus on {focused['html']}")
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUS_JS)
    audit.unreachable += [f"{where}: {html}" for i, html in enumerate(controls) if str(i) not in reached]


def _open_search(page, where: str, audit: Audit) -> bool:
    field_ = page.locator("form[role=search] input[type=search]").first
    field_.fill(SEARCH_QUERY)
    try:
        page.locator("form[role=search] .trygg-result").first.wait_for(state="visible", timeout=10_000)
    except Exception:  # noqa: BLE001 - reported as a finding, not a crash of the whole audit
        audit.search_shown.append(f"{where}: no search results shown for {SEARCH_QUERY!r}")
        return False
    return True


def _open_menu(page, where: str, audit: Audit) -> bool:
    button = page.get_by_role("button", name="Meny")
    if not button.is_visible():
        audit.axe_menu.append(f"{where}: no visible 'Meny' button")
        return False
    button.click()
    page.locator(".md-sidebar--primary .md-nav__link").first.wait_for(state="visible", timeout=5_000)
    if button.get_attribute("aria-expanded") != "true":
        audit.axe_menu.append(f"{where}: the menu button does not say it is expanded")
    return True


def _visit(context, axe, url: str, where: str, width: int, audit: Audit, origin: str) -> None:
    page = context.new_page()
    page.on("request", lambda request: _record_request(request.url, origin, where, audit))
    page.goto(url, wait_until="load")
    audit.axe += _axe(axe, page, where)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 0:
        audit.reflow.append(f"{where}: the page is {overflow}px wider than the screen")
    _check_keyboard(page, where, audit)
    if _open_search(page, where, audit):
        audit.axe_search += _axe(axe, page, f"{where} (search open)")
        page.keyboard.press("Escape")  # closes the results
    if width < 1220:
        if _open_menu(page, where, audit):
            audit.axe_menu += _axe(axe, page, f"{where} (menu open)")
    page.close()


def _record_request(url: str, origin: str, where: str, audit: Audit) -> None:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob"):
        return
    if f"{parts.scheme}://{parts.netloc}" != origin:
        audit.requests.append(f"{where}: {url}")


@pytest.fixture(scope="session")
def audit(built_site, served_site, browser) -> Audit:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    result = Audit()
    origin = served_site.rstrip("/")
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": HEIGHT[width]}, locale="sv-SE")
        for path in built_pages(built_site):
            _visit(context, axe, origin + path, f"{path} @ {width}px", width, result, origin)
            result.pages += 1
        context.close()
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "accessibility.json").write_text(json.dumps(asdict(result), ensure_ascii=False, indent=1), encoding="utf-8")
    return result


def test_the_audit_visited_every_page_at_both_widths(audit, built_site):
    pages = built_pages(built_site)
    assert {"/", "/404.html", "/moten/", "/nyheter/", "/sok/"} <= set(pages)
    assert audit.pages == 2 * len(pages)


def test_axe_finds_no_wcag_a_or_aa_violation_on_any_page(audit):
    assert audit.axe == []


def test_axe_finds_no_violation_with_the_search_showing_results(audit):
    assert audit.search_shown == []
    assert audit.axe_search == []


def test_axe_finds_no_violation_with_the_mobile_menu_open(audit):
    assert audit.axe_menu == []


def test_no_page_scrolls_sideways(audit):
    assert audit.reflow == []


def test_every_request_goes_to_the_sites_own_host(audit):
    assert audit.requests == []


def test_a_skip_link_is_the_first_stop_of_the_keyboard(audit):
    assert audit.skip_link == []


def test_focus_is_visible_on_every_control(audit):
    assert audit.focus == []


def test_every_control_is_reachable_by_keyboard(audit):
    assert audit.unreachable == []


def test_the_nu_html_checker_finds_no_error_on_any_page(built_site):
    java = shutil.which("java")
    assert java, "Java saknas: kör ./scripts/test, som installerar den"
    assert VNU_JAR.exists(), f"{VNU_JAR} saknas: kör ./scripts/test, som installerar vnu-jar med npm"
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    run = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *pages],
                         capture_output=True, text=True, timeout=600)
    messages = json.loads(run.stderr or run.stdout or '{"messages": []}')["messages"]
    errors = [f"{Path(urlsplit(m['url']).path).relative_to(built_site)}:{m.get('lastLine')}: {m['message']}"
              for m in messages]
    assert errors == []
    assert len(pages) >= 9
