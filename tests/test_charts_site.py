"""The built site: the chart pages name every part in text, the decision is findable by its diarienummer."""

from __future__ import annotations

import html
import re
from pathlib import Path

from test_site import text_of

CHART = "organisation/diagram/arbetsformer/index.html"
GOTHENBURG = "organisation/diagram/goteborgs-samverkansmodell/index.html"
DECISION = "beslut/arbetsformer-for-saker-och-trygg-kommun/index.html"
REFERENCE = "2017/KS0121 001"
GROUPS = {
    "Lokal samverkan": "Fritids- och folkhälsonämnden",
    "Barn och unga i riskzon": "Individ- och familjeomsorgsnämnden",
    "Trygg och säker vård- och omsorg": "Vård- och äldrenämnden",
    "Arbete och utbildning": "Arbetslivsnämnden",
    "Trygga miljöer": "Tekniska nämnden",
}
ACTIVITIES = ["trygghetsvandringar", "Människan bakom uniformen (MBU)", "grannsamverkan", "SSPF", "Västbus",
              "fältarbetet", "suicidprevention", "schyssta relationer", "feriearbete", "KRAMI",
              "arbetet med våld i nära relationer", "Borås rent och snyggt"]


def text_without_svg(site: Path, page: str) -> str:
    """The page's text with the chart removed: what the text alternative alone says."""
    raw = (site / page).read_text(encoding="utf-8")
    stripped = re.sub(r"<svg\b.*?</svg>", "", raw, flags=re.S)
    target = site / "_no_svg.html"
    target.write_text(stripped, encoding="utf-8")
    try:
        return text_of(site, "_no_svg.html")
    finally:
        target.unlink()


def test_the_chart_page_has_one_inline_svg_and_names_every_group_in_text(built_site):
    raw = (built_site / CHART).read_text(encoding="utf-8")
    assert raw.count('class="trygg-chart-svg"') == raw.count('class="trygg-chart-svg trygg-chart-svg--wide"') == 1 and '<figure class="trygg-chart">' in raw and "<figcaption>" in raw
    text = text_without_svg(built_site, CHART)
    for group, coordinator in GROUPS.items():
        assert f"{group} – grupp, samordnas av {coordinator}" in text, group
    assert "Kommunikation – grupp. Stöds av Kommunstyrelsen" in text
    for part in ("Kommunstyrelsen – nämnd", "Strategisk utvecklingsgrupp – grupp, strategisk nivå",
                 "Brottsförebyggande rådet (Brå) – forum, samordnas av Fritids- och folkhälsonämnden",
                 "Centrum för kunskap och säkerhet (CKS) – enhet. Stöder Samverkansgrupper"):
        assert part in text, part
    for activity in ACTIVITIES:
        assert activity in text, activity
    assert "Ordförande Malin Carlsson, kommunalråd" in text
    assert "Möten två heldagar per år" in text
    assert "på alla tre nivåer" in text


def test_every_node_in_the_svg_links_to_a_section_on_the_page(built_site):
    for page in (CHART, GOTHENBURG, "organisation/diagram/samarbetet-med-polisen-i-goteborg/index.html"):
        raw = (built_site / page).read_text(encoding="utf-8")
        svg = re.search(r'<svg[^>]*class="trygg-chart-svg".*?</svg>', raw, flags=re.S).group(0)
        targets = re.findall(r'<a xlink:href="#([^"]+)"', svg)
        assert targets
        for target in targets:
            assert re.search(rf'<details class="trygg-notes trygg-part" id="{re.escape(target)}"', raw), target
        ids = re.findall(r'\bid="([^"]+)"', raw)
        assert len(ids) == len(set(ids)), "duplicate ids"


def test_the_gothenburg_chart_keeps_the_three_levels_of_the_article(built_site):
    text = text_without_svg(built_site, GOTHENBURG)
    for part in ("Nämnden – nämnd, strategisk nivå",
                 "Ledningsgruppen för särskilda händelser – grupp, strategisk nivå",
                 "Nätverket för brottsförebyggande och trygghetsfrämjande åtgärder – nätverk, taktisk nivå",
                 "Stadsdelarnas brottsförebyggande råd – forum, operativ nivå",
                 "Ung och tryggs eget ”Brå” – forum, operativ nivå"):
        assert part in text, part
    assert "Rapporterar till Nämnden (förmedlar frågor av värde)" in text


def test_the_police_collaboration_keeps_its_own_three_levels(built_site):
    text = text_without_svg(built_site, "organisation/diagram/samarbetet-med-polisen-i-goteborg/index.html")
    for part in ("SSPF-grupper – grupp, operativ nivå", "Stadsdelarna – stadsdelar, taktisk nivå",
                 "Lokala Brå och samordnare för dessa – forum, strategisk nivå",
                 "Forum för stadsdelsförvaltningarna – forum, strategisk nivå",
                 "Närpolisenheternas ledningar – grupp, strategisk nivå",
                 "Kunskaps- och analysteam – grupp, strategisk nivå"):
        assert part in text, part


def test_the_decision_page_shows_the_facts_of_seed_004(built_site):
    text = text_of(built_site, DECISION)
    for fact in (f"Diarienummer {REFERENCE}", "Typ Beslutsförslag", "Datum 20 januari 2017",
                 "Status Tillstyrkt av Ulf Olsson 20 januari 2017", "Ansvarig Kommunstyrelsen",
                 "Handläggare Ingegerd Eriksson, tfn 35 71 65",
                 "Förvaltning Stadsledningskansliet, avdelningen Kvalitet och utveckling",
                 "Avdelningschef Svante Stomberg, 19 januari 2017", "Programområde 1",
                 "Ulf Olsson, kommunstyrelsens ordförande", "Svante Stomberg, kommunchef",
                 "Borås 2025", "Välfärdsbokslutet", "Folkhälsoavtal kommun-region",
                 "samverkansöverenskommelsen med Polisen", "samverkansytor", "ortsråd", "”hängränna”",
                 "erfarenhets- och informationsutbyte", "tydliggör prioriterade områden"):
        assert fact in text, fact
    for ocr in ("samverkansytter", "ordsråd", "hänggränna", "trygghetkapande", "tydliggör-prioriterade"):
        assert ocr not in text


def test_the_decision_publishes_the_signed_wording_and_shows_the_other(built_site):
    raw = (built_site / DECISION).read_text(encoding="utf-8")
    proposals = re.search(r'id="forslag".*?<ol>(.*?)</ol>', raw, flags=re.S).group(1)
    items = [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", i))).strip()
             for i in re.findall(r"<li>(.*?)</li>", proposals, flags=re.S)]
    assert items == [
        "Anta föreslagna arbetsformer för Säker och trygg kommun samt rekommendera övriga berörda nämnder att "
        "arbeta utifrån de föreslagna arbetsformerna.",
        "Kommunalråden för programområde 2 och 3 är Kommunstyrelsens representanter i den strategiska "
        "utvecklingsgruppen.",
        "Kommunalrådet Malin Carlsson utses till ordförande i den strategiska utvecklingsgruppen.",
    ]
    text = text_of(built_site, DECISION)
    assert "På försättsbladet är punkterna 1 och 2 formulerade annorlunda." in text and "Underlaget" not in text
    assert "utses till Kommunstyrelsens representanter" in text and "Anta arbetsformer för" in text


def test_the_diarienummer_is_in_the_description_and_the_search_index(built_site):
    raw = (built_site / DECISION).read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]*)"', raw).group(1)
    assert f"Diarienummer {REFERENCE}." in html.unescape(description)
    # Pagefind indexes the part marked data-pagefind-body; tests/test_search.py types the number
    # into the site's search in Chromium.
    searchable = raw[raw.index("data-pagefind-body"):raw.index("</article>")]
    assert REFERENCE in html.unescape(searchable)


def test_the_decision_list_links_each_decision_and_is_in_the_navigation(built_site):
    text = text_of(built_site, "beslut/index.html")
    assert f"20 januari 2017 {REFERENCE} Säker och trygg kommun – arbetsformer från 2017 Beslutsförslag Tillstyrkt" \
        in text
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="beslut/"[^>]*>\s*(<span[^>]*>)?\s*Beslut', home)


def test_the_chart_list_links_both_charts_and_is_in_the_navigation(built_site):
    raw = (built_site / "organisation/diagram/index.html").read_text(encoding="utf-8")
    for slug in ("arbetsformer", "goteborgs-samverkansmodell", "samarbetet-med-polisen-i-goteborg"):
        assert f'href="{slug}/"' in raw
    text = text_of(built_site, "organisation/diagram/index.html")
    assert "Arbetsformer för Säker och trygg kommun – Så föreslogs arbetet" in text
    assert "Samverkansmodellen i Göteborgs Stad – Göteborgs Stads samverkansmodell" in text
    register = (built_site / "organisation/index.html").read_text(encoding="utf-8")
    assert 'href="diagram/"' in register  # in the navigation's Organisation section


def test_chart_and_decision_link_to_each_other_and_the_article(built_site):
    chart = (built_site / CHART).read_text(encoding="utf-8")
    assert 'href="../../../beslut/arbetsformer-for-saker-och-trygg-kommun/"' in chart
    assert f"Säker och trygg kommun – arbetsformer från 2017, diarienummer {REFERENCE}" in text_of(built_site, CHART)
    decision = (built_site / DECISION).read_text(encoding="utf-8")
    assert 'href="../../organisation/diagram/arbetsformer/"' in decision
    gothenburg = (built_site / GOTHENBURG).read_text(encoding="utf-8")
    assert 'href="../../../nyheter/organiserad-trygghet/"' in gothenburg
