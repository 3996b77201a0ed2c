"""Swedish search in the browser: the queries of tests/search_queries.yml typed into the site's
search field, recall@5 per category reported in test-reports/search.md; the result list's
furniture; and what the search says when it reads a query otherwise (issue 18): the pages with
some of the words, a typo read as the site's word, "Menade du …?", abbreviations first."""

from __future__ import annotations

from pathlib import Path
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT, site_pages

pytestmark = pytest.mark.browser

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yml").read_text(encoding="utf-8"))
REPORT = ROOT / "test-reports" / "search.md"
FIELD = "form[role=search] input[type=search]"
STATUS = "form[role=search] [role=status]"


def search(page, query: str) -> list[str]:
    """Types the query into the header's search field; returns the result paths in order."""
    if f"”{query.strip()}”" in page.inner_text(STATUS):  # "Menade du ”EST”?" is not the answer for "EST"
        page.fill(FIELD, "")
        page.wait_for_function("s => document.querySelector(s).textContent === ''", arg=STATUS)
    page.fill(FIELD, query)
    page.wait_for_function(
        "q => { const s = document.querySelector('form[role=search] [role=status]');"
        " return s && s.textContent.includes('”' + q.trim() + '”'); }", arg=query, timeout=15_000)
    hrefs = page.eval_on_selector_all("form[role=search] .trygg-result__link", "els => els.map(e => e.href)")
    return [urlsplit(href).path for href in hrefs]


def built_pages(site: Path) -> set[str]:
    return {"/" + path for path in site_pages(site)}


@pytest.fixture(scope="module")
def search_page(served_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(served_site)
    yield page
    context.close()


def test_the_query_set_is_large_enough_and_well_formed():
    assert len(QUERIES) >= 30
    for entry in QUERIES:
        assert set(entry) <= {"fråga", "sidor", "väntar_på", "kategori"} and entry["fråga"] and entry["sidor"], entry
        assert entry.get("kategori"), entry
    assert len({entry["fråga"] for entry in QUERIES}) == len(QUERIES), "a query is listed twice"


def test_swedish_queries_find_their_page_among_the_first_five(search_page, built_site):
    pages = built_pages(built_site)
    active = [q for q in QUERIES if pages & set(q["sidor"])]
    waiting = [q for q in QUERIES if q not in active]
    assert not [q for q in waiting if "väntar_på" not in q], "a query's page is missing without a reason"
    misses, lines = [], []
    asked, hits = defaultdict(int), defaultdict(int)
    for entry in active:
        found = search(search_page, entry["fråga"])[:5]
        hit = bool(set(found) & set(entry["sidor"]))
        asked[entry["kategori"]] += 1
        hits[entry["kategori"]] += hit
        lines.append(f"| {entry['kategori']} | {entry['fråga']} | {'ja' if hit else '**nej**'} | {', '.join(found) or '–'} |")
        if not hit:
            misses.append((entry["fråga"], found))
    recall = (len(active) - len(misses)) / len(active)
    per_category = [f"| {name} | {hits[name] / asked[name]:.0%} | {hits[name]} av {asked[name]} |" for name in asked]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join([
        "# Sökning: recall@5", "", f"recall@5 = {recall:.0%} ({len(active) - len(misses)} av {len(active)} frågor)",
        f"Väntar på innehåll: {len(waiting)} frågor ({', '.join(q['fråga'] for q in waiting) or '–'})", "",
        "| Kategori | recall@5 | Frågor |", "| --- | ---: | ---: |", *per_category, "",
        "| Kategori | Fråga | Rätt sida bland fem första | Fem första |", "| --- | --- | --- | --- |", *lines]) + "\n",
        encoding="utf-8")
    print(f"recall@5 = {recall:.0%} on {len(active)} queries, {len(waiting)} waiting for content")
    for name in asked:
        print(f"  {name}: recall@5 = {hits[name] / asked[name]:.0%} ({hits[name]} of {asked[name]})")
    assert len(active) >= 30
    assert misses == []


def test_results_show_title_type_and_a_highlighted_snippet(search_page):
    search(search_page, "hemloshet")
    first = search_page.locator("form[role=search] .trygg-result").first
    assert first.locator(".trygg-result__type").inner_text().strip().lower() in {"möte", "nyhet"}
    assert first.locator(".trygg-result__title a").inner_text().strip()
    mark = first.locator("mark").first
    assert mark.inner_text().lower().startswith("hemlöshet")
    colours = mark.evaluate("m => [getComputedStyle(m).color, getComputedStyle(m).backgroundColor]")
    assert colours == ["rgb(31, 35, 38)", "rgb(255, 229, 138)"]  # 14:1, far above AA


def test_a_word_inside_a_compound_is_marked_where_the_compound_stands(search_page):
    """"vandring" is found through the parts trygg.compounds indexes; the snippet shows the page's
    own word "trygghetsvandringar" marked, never the hidden list of parts."""
    found = search(search_page, "vandring")
    result = search_page.locator("form[role=search] .trygg-result").nth(found.index("/nyheter/organiserad-trygghet/"))
    marks = result.locator("mark").all_inner_texts()
    assert marks and all(m.lower().startswith("trygghetsvandring") for m in marks), marks
    excerpts = search_page.locator("form[role=search] .trygg-result__excerpt").all_inner_texts()
    assert not [text for text in excerpts if "⁂" in text]


def test_excerpts_are_the_pages_own_text_never_the_parts_of_its_compounds(search_page, served_site):
    """Pagefind stores a page's compound parts after its text ("⁂ vandringar …"); whatever Pagefind's
    excerpt window, the result shows a run of the page's own words, with the match marked."""
    found = search(search_page, "vandring")
    assert "/nyheter/organiserad-trygghet/" in found[:3] and not [p for p in found if "skrivguide" in p], found
    excerpts = search_page.locator("form[role=search] .trygg-result__excerpt").all_inner_texts()
    marks = [search_page.locator("form[role=search] .trygg-result").nth(i).locator("mark").all_inner_texts()
             for i in range(len(found))]
    assert len(excerpts) == len(found) >= 3
    reader = search_page.context.new_page()
    try:
        for path, excerpt, marked in zip(found, excerpts, marks):
            assert "⁂" not in excerpt, (path, excerpt)
            assert marked and all("vandring" in m.lower() for m in marked), (path, marked)
            reader.goto(served_site.rstrip("/") + path)
            reader.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # collapsed parts
            page_words = _words(reader.inner_text("[data-pagefind-body]"))
            shown = _words(excerpt)
            assert len(shown) >= 8, (path, excerpt)
            assert any(page_words[i:i + len(shown)] == shown for i in range(len(page_words))), (path, excerpt)
    finally:
        reader.close()


def _words(text: str) -> list[str]:
    """Words without the punctuation Pagefind adds at the end of a block ("Nyhet." for "Nyhet")."""
    words = (word.strip(".,:;!?()”“\"").lower() for word in text.replace("\u00ad", "").split())
    return [word for word in words if word]


def test_no_hit_says_so_in_swedish(search_page):
    assert search(search_page, "xyzzyqwerty") == []
    status = search_page.inner_text(STATUS)
    assert status == "Inga träffar för ”xyzzyqwerty”."
    assert search_page.locator("form[role=search] .trygg-search__suggestion").count() == 0


def test_a_question_is_searched_by_its_content_words(search_page):
    """"vem" is on no page: the question finds what "ansvarar god start livet" finds, no fallback."""
    found = search(search_page, "vem ansvarar för god start i livet")
    assert found[0] == "/malomraden/god-start-i-livet/"
    assert search_page.inner_text(STATUS).endswith("träffar för ”vem ansvarar för god start i livet”.")


def test_when_no_page_has_all_words_the_pages_with_most_of_them_are_shown_and_it_says_so(search_page):
    found = search(search_page, "hur kan jag anmäla klagomål")
    assert "/malomraden/boende-och-narmiljo/" in found[:5], found  # the only page with "klagomål" (bostadsklagomål)
    assert search_page.inner_text(STATUS) == ("Ingen sida har alla orden i ”hur kan jag anmäla klagomål”. "
                                              "Visar sidor med några av orden.")
    assert search_page.inner_text("form[role=search] .trygg-search__count") == search_page.inner_text(STATUS)


@pytest.mark.parametrize("query, read_as, first", [
    ("Norby", "Norrby", "/malomraden/omradesutveckling-norrby/"),
    ("hemloeshet", "hemlöshet", "/moten/utvecklingsdag-saker-och-trygg-kommun/"),
    ("naermiljoe", "närmiljö", "/malomraden/boende-och-narmiljo/"),
    ("trygghetsvandrnig", "trygghetsvandring", "/nyheter/organiserad-trygghet/"),
])
def test_a_word_the_site_does_not_use_is_read_as_the_site_writes_it(search_page, query, read_as, first):
    found = search(search_page, query)
    assert found[0] == first or first in found[:5], found
    status = search_page.inner_text(STATUS)
    assert status.endswith(f"träffar för ”{read_as}” (du skrev ”{query}”)."), status


def test_a_phrase_in_quotes_is_pagefinds_exact_search_as_typed(search_page):
    found = search(search_page, '"god start i livet"')
    assert "/malomraden/god-start-i-livet/" in found[:5]
    assert search_page.inner_text(STATUS).endswith('för ”"god start i livet"”.')


def test_a_word_the_site_uses_is_searched_as_typed(search_page):
    """Inflections and words within the site's vocabulary are never "corrected"."""
    for query in ("vandringen", "kommunens", "Bra", "Boras", "gymnasiet"):
        search(search_page, query)
        assert "du skrev" not in search_page.inner_text(STATUS), query


def test_menade_du_offers_the_sites_closest_word_and_searches_it_in_one_click(search_page):
    assert search(search_page, "norbyy") == []  # two edits from "Norrby": too far to read it so unasked
    assert search_page.inner_text(STATUS) == "Inga träffar för ”norbyy”. Menade du ”Norrby”?"
    offer = search_page.locator("form[role=search] .trygg-search__suggestion")
    assert offer.inner_text() == "Menade du ”Norrby”?"
    offer.get_by_role("link", name="Norrby").click()
    search_page.wait_for_function("() => document.querySelector('form[role=search] [role=status]')"
                                  ".textContent.includes('för ”Norrby”.')", timeout=15_000)
    assert search_page.input_value(FIELD) == "Norrby"
    first = search_page.locator("form[role=search] .trygg-result__link").first.get_attribute("href")
    assert urlsplit(first).path == "/malomraden/omradesutveckling-norrby/"


def test_menade_du_for_a_short_word_one_letter_off(search_page):
    """Three letters are too few to read a word otherwise unasked; "Menade du" offers it."""
    assert search(search_page, "esr") == []
    assert search_page.inner_text(STATUS) == "Inga träffar för ”esr”. Menade du ”EST”?"


@pytest.mark.parametrize("query", ["EST", "vad står EST för", "FOF", "CKS", "Brå", "vad betyder LÖK", "KAA"])
def test_a_registered_abbreviation_puts_the_register_page_that_defines_it_first(search_page, query):
    assert search(search_page, query)[0] == "/organisation/"


def test_search_fetches_the_vocabulary_only_from_this_site_and_only_the_letters_typed(served_site, browser):
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served_site)
    search(page, "hemlöshet")
    assert [urlsplit(url).path for url in requests if "/pagefind/trygg/" in url] == ["/pagefind/trygg/ord-h.json",
                                                                                   "/pagefind/trygg/forkortningar.json"]
    search(page, "norbyy trygghetsvandring")  # no page has both; one word has a typo
    search(page, "norbyy")  # "Menade du"
    origin = urlsplit(served_site).netloc
    assert [url for url in requests if urlsplit(url).netloc != origin and not url.startswith(("data:", "blob:"))] == []
    vocabulary = sorted({urlsplit(url).path for url in requests if "/pagefind/trygg/" in url})
    assert vocabulary == ["/pagefind/trygg/forkortningar.json", "/pagefind/trygg/ord-h.json",
                          "/pagefind/trygg/ord-n.json", "/pagefind/trygg/ord-t.json"]
    context.close()


def test_enter_opens_the_search_page_with_the_same_results(search_page, served_site):
    search_page.fill(FIELD, "medborgarlöftet")
    search_page.press(FIELD, "Enter")
    search_page.wait_for_url("**/sok/?q=*")
    search_page.locator("[data-trygg-search-page] .trygg-result").first.wait_for()
    links = search_page.eval_on_selector_all("[data-trygg-search-page] .trygg-result__link", "els => els.map(e => e.href)")
    assert urlsplit(links[0]).path == "/moten/utvecklingsdag-saker-och-trygg-kommun/"
    search_page.goto(served_site)


def test_the_404_and_search_pages_are_not_indexed(search_page):
    found = search(search_page, "sidan finns inte")
    assert "/404.html" not in found and "/sok/" not in found
