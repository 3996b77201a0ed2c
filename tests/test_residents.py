"""What residents expect of every page: the accessibility statement with Digg's mandatory parts
and a link to it in every footer, contact, page tools, Swedish 404, sitemap, robots.txt,
canonical, Open Graph, favicon and lang."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from conftest import ROOT, site_pages, write_tree
from trygg.pipeline import check_site
from trygg.about import load_about
from trygg.content import LoadContext

STATEMENT = "tillganglighet/index.html"


def article(site: Path, page: str) -> str:
    raw = (site / page).read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", raw[raw.index("<article"):raw.index("</article>")])
    return re.sub(r"\s+", " ", text)


def test_the_statement_has_digg_s_mandatory_parts(built_site):
    text = article(built_site, STATEMENT)
    raw = (built_site / STATEMENT).read_text(encoding="utf-8")
    assert "Borås Stad står bakom webbplatsen Säker och trygg kommun." in text
    assert "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, " \
           "på grund av de brister som beskrivs nedan." in text
    assert "Sökningen kräver JavaScript" in text and "Så gör du i stället" in text and "Orsak" in text
    assert "Senaste bedömningen gjordes den 22 november 2026." in text
    assert "Redogörelsen uppdaterades senast den 22 november 2026." in text
    assert "i ett annat format" in text and "Rapportera brister i webbplatsens tillgänglighet" in text
    assert '<a href="https://www.digg.se/tdosanmalan">anmäla det till Digg</a>' in raw
    assert "självskattning" in text and "axe" in text


def test_every_page_links_to_the_statement_in_its_footer(built_site):
    for page in built_site.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in raw:
            continue  # a moved page's redirect, nothing to read
        footer = raw[raw.index('<footer class="md-footer trygg-footer">'):]
        assert re.search(r'<a href="(?:[./]*tillganglighet/|\./)">Tillgänglighetsredogörelse</a>', footer), page
        assert "Om webbplatsen" in footer, page


def test_content_pages_have_contact_print_and_share(built_site):
    raw = (built_site / "nyheter/organiserad-trygghet/index.html").read_text(encoding="utf-8")
    assert '<h2 id="trygg-contact-heading" class="trygg-contact__heading">Kontakta oss</h2>' in raw
    assert '<p class="trygg-contact__name">Melia Hadzisalihovic, Stadsledningskansliet</p>' in raw
    assert '<li>Telefon: <a href="tel:+46734328730">0734328730</a></li>' in raw
    assert "data-trygg-print hidden>Skriv ut</button>" in raw  # shown by our script only
    assert re.search(r'<a href="mailto:\?subject=Organiserad%20trygghet&amp;body=http[^"]+organiserad-trygghet', raw)
    assert re.search(r'<a href="http[^"]+/nyheter/organiserad-trygghet/" data-trygg-copy>Kopiera länk</a>', raw)


def test_the_404_page_is_swedish_and_leads_on(built_site):
    raw = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>Sidan finns inte</h1>" in raw and "Gå till startsidan" in raw and "Sök på webbplatsen" in raw
    assert "Not found" not in raw


def test_sitemap_robots_canonical_open_graph_favicon_and_lang(built_site):
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert robots == "User-agent: *\nAllow: /\n\nSitemap: http://127.0.0.1:8000/sitemap.xml\n"
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:8000/tillganglighet/</loc>" in sitemap
    assert (built_site / "assets/favicon.svg").read_text().startswith("<svg")
    raw = (built_site / "nyheter/organiserad-trygghet/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="http://127.0.0.1:8000/nyheter/organiserad-trygghet/">' in raw
    assert '<meta property="og:title" content="Organiserad trygghet">' in raw
    assert '<meta property="og:type" content="article">' in raw
    assert '<meta property="og:url" content="http://127.0.0.1:8000/nyheter/organiserad-trygghet/">' in raw
    assert '<meta property="og:locale" content="sv_SE">' in raw
    assert re.search(r'<link rel="icon" href="[./]*assets/logotyp.svg">', raw)  # the identity's logo
    assert '<html lang="sv"' in raw


def test_the_contact_needs_an_email_or_a_phone(project):
    # every page's contact box and the statement's feedback route must reach someone
    identity = (ROOT / "content/webbplats.yml").read_text("utf-8")
    without = re.sub(r'^  telefon: .*\n', "", identity, flags=re.M)
    line = identity.splitlines().index("kontakt:") + 1
    problems = [str(p) for p in check_site(project({"content/webbplats.yml": without}), spelling=False).problems]
    assert problems == [f"content/webbplats.yml:{line}: fel: 'kontakt': kontakten behöver e-post eller telefon, "
                        "så att invånare kan nå någon"]


@pytest.mark.parametrize("value, message", [
    ("helt", "content/om/tillganglighet.yml:3: fel: "),
])
def test_an_unknown_compliance_is_reported_with_its_line(tmp_path, value, message):
    write_tree(tmp_path, {
        "content/om/tillganglighet.yml": (
            f"aktör: Borås Stad\nwebbplats: X\nförenlighet: {value}\nbedömd: 2026-11-22\n"
            "uppdaterad: 2026-11-22\nmetod: Självskattning.\n")})
    ctx = LoadContext(tmp_path, include_drafts=False, today=dt.date(2026, 12, 1))
    assert load_about(ctx, None).statement is None
    assert len(ctx.problems) == 1 and str(ctx.problems[0]).startswith(message)
    assert "helt förenlig" in str(ctx.problems[0])


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_reading_and_navigation_work_without_javascript(served_site, browser, width):
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(served_site + "nyheter/organiserad-trygghet/")
    assert page.locator("h1").inner_text() == "Organiserad trygghet"
    assert page.get_by_role("button", name="Meny").is_hidden()  # needs the script: not shown without it
    footer = page.locator("nav.trygg-footer__nav")
    for name in ("Start", "Möten", "Nyheter"):
        assert footer.get_by_role("link", name=name, exact=True).is_visible(), name
    footer.get_by_role("link", name="Möten", exact=True).click()
    page.wait_for_url("**/moten/")
    assert page.get_by_role("link", name="Tillgänglighetsredogörelse").is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [False, True])
def test_the_search_page_says_it_needs_scripts_only_where_they_do_not_run(served_site, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served_site + "sok/")
    text = page.locator("article").inner_text()
    assert "<" not in text and "&lt;" not in text  # no markup shown as text
    assert ("Sökningen behöver JavaScript" in text) is not javascript
    context.close()


_BROKEN_WORDS = """() => {
  const broken = [], content = document.querySelector(".md-content");
  if (!content) return broken;  // a moved page's redirect
  const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    for (const match of node.textContent.matchAll(/[A-Za-zÅÄÖåäöÉé]{6,}/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return [...new Set(broken)];
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_no_word_is_broken_mid_word_on_a_phone_or_a_desktop(served_site, built_site, browser, width):
    """This Chromium has no Swedish hyphenation dictionary (residents' browsers do; the pages say
    lang="sv" and hyphens: auto), so any word split over two lines is split without a hyphen."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    broken = {}
    for path in site_pages(built_site):
        if path.startswith(("skrivguide", "sok", "404")):
            continue
        page.goto(served_site + path)
        if found := page.evaluate(_BROKEN_WORDS):
            broken[path] = found
    assert broken == {}
    context.close()


@pytest.mark.browser
def test_page_tools_and_contact_line_up_with_the_text_on_a_phone(served_site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(served_site + "nyheter/organiserad-trygghet/")
    def left(selector: str) -> float:
        return page.locator(selector).first.bounding_box()["x"]

    assert left(".trygg-pagetools li") == pytest.approx(left("article h1"), abs=1)
    assert left(".trygg-contact li") == pytest.approx(left(".trygg-contact__heading"), abs=1)
    context.close()
