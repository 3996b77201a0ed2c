"""The real site, built with --strict: seed facts in correct Swedish, furniture, feeds, links."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

EVENT = "moten/utvecklingsdag-saker-och-trygg-kommun/index.html"


def text_of(site: Path, page: str) -> str:
    """Visible text of a page's article, tags removed and whitespace folded."""
    raw = (site / page).read_text(encoding="utf-8")
    article = raw[raw.index("<article"):raw.index("</article>")]
    article = re.sub(r'<span class="trygg-visually-hidden">.*?</span>', "", article)
    article = re.sub(r"</?(?:a|abbr|span|strong|em|time|code)\b[^>]*>", "", article)  # inline: no space
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article)))


PROGRAMME = [
    ("8.30–8.40", "Inledning"), ("8.40–8.55", "Vad har hänt sen sist och fortsatt arbete"),
    ("8.55–10.50", "Områdesutveckling för ett socialt hållbart Borås"),
    ("10.50–11.45", "Vad säger forskningen om ”Tillit i områdesutveckling”"), ("11.45–12.45", "Lunch"),
    ("12.45–13.10", "Handbok för trygghet i offentlig miljö"), ("13.10–13.40", "Medborgarlöftet"),
    ("13.40–14.10", "EST-arbetet – behov och utvecklingen i staden"), ("14.10–14.40", "Handlingsplan mot hemlöshet"),
    ("14.40–15.00", "Fika"), ("15.00–15.30", "Otillåten påverkan"), ("15.30–15.50", "Arena skola"),
    ("15.50–16.00", "Avrundning och slut för idag"),
]
PEOPLE_001 = ["Kerstin Hermansson", "Annette Carlson", "Åsa Skytt Jansson", "Svante Stomberg", "Stina Hansson",
              "Anton Spetz", "Mikael Andersson", "Nadim Ghazale", "Johanna Sandin", "Melia Hadzisalihovic"]
FACTS_000 = ["1584 svarande", "200 djupintervjuer", "77 demografiska områden", "de 15 områden",
             "Billdalsgatan och Värmlandsgatan", "Kronängsparken (en del av Viskans park)", "Södra torget",
             "den sista december 2023", "sju faktorer", "Drömmen om Norrby", "Talar Kirkor, områdesutvecklingschef",
             "Kristina Nyberg Smahel", "Maja Karlsson", "Maria Wallengren", "Gustav Axell", "Alma Rejler",
             "Anna Svalander", "Linnea Larsson, samordnare Arenaskola", "Mia Isaksson, rektor på Sjöboskolan"]
OCR_FORMS = ["Saker och Trygg", "tillfélle", "tillfdlle", "Krondngsparken", " pa ", "Boras", "Vibehover",
             "Grindsio", "Curman", "Ibdirahman", "6kat", "hemldshet", "|16fte", "Stinas presenterar", "amvändning"]


def test_the_programme_of_seed_001_is_on_the_event_page(built_site):
    text = text_of(built_site, EVENT)
    for time, title in PROGRAMME:
        assert f"{time} {title}" in text, title
    for name in PEOPLE_001:
        assert name in text
    for phone in ("0734328730", "033-35 72 19", "033-35 82 97"):
        assert phone in text
    assert "Plats Borås Kongress" in text and "Tid 8.30–16.00" in text


def test_the_held_day_has_no_invented_date_and_asks_no_one_to_register(built_site):
    """Its notes are published, so the day was held; its date is unknown, so none is given, and the
    programme's "anmäl senast 24/5" (no year) is not put to residents."""
    text = text_of(built_site, EVENT)
    assert "Datum" not in text and "fastställt" not in text and "Underlaget" not in text
    assert "Anmälan" not in text and "24 maj" not in text
    assert not (built_site / "moten/utvecklingsdag-saker-och-trygg-kommun/kalender.ics").exists()
    listing = text_of(built_site, "moten/index.html")
    assert ("Kommande Inga kommande möten är inplanerade just nu. Tidigare Strategisk utvecklingsdag om Säker och "
            "trygg kommun – 8.30–16.00, Borås Kongress") in listing
    assert "prenumerera" not in listing.lower()  # no dated meeting: no calendar to subscribe to


def test_the_notes_of_seed_000_are_attached_to_their_items(built_site):
    raw = (built_site / EVENT).read_text(encoding="utf-8")
    text = text_of(built_site, EVENT)
    for fact in FACTS_000:
        assert fact in text, fact
    medborgar = raw[raw.index('id="anteckningar-1310"'):raw.index('id="punkt-1340"')]
    assert "Det här är inte en pappersprodukt" in medborgar
    assert 'href="#punkt-1310"' in medborgar  # notes link back to their item
    assert 'href="#anteckningar-1310"' in raw[raw.index('id="program"'):]  # and the agenda links to notes


def test_no_ocr_forms_on_any_page(built_site):
    for page in built_site.rglob("*.html"):
        text = re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))
        for form in OCR_FORMS:
            assert form not in text, f"{form!r} in {page.relative_to(built_site)}"


def test_article_003_keeps_its_facts(built_site):
    text = text_of(built_site, "nyheter/organiserad-trygghet/index.html")
    for fact in ["Agneta Essén", "Forum S2020 den 13 november", "Text: Johan Bergsten", "Livsvillkor",
                 "Göteborgs Stad – Det är tryggt att ha att göra med Göteborgs Stad", "operativ nivå",
                 "strategisk nivå", "Taktisk nivå", "oktober 2015", "100 000 invånare"]:
        assert fact in text, fact
    assert len(re.findall(r"<li><strong>", (built_site / "nyheter/organiserad-trygghet/index.html").read_text())) == 10
    page = (built_site / "nyheter/organiserad-trygghet/index.html").read_text(encoding="utf-8")
    assert "Publicerad</dt><dd><time datetime=\"2015-02-24\">24 februari 2015" in page
    assert "Sidansvarig</dt><dd>Vanja Larberg" in page


def test_article_000_links_to_the_event(built_site):
    page = (built_site / "nyheter/att-jobba-tillsammans-i-fokus-pa-utvecklingsdagen/index.html").read_text()
    assert 'href="../../moten/utvecklingsdag-saker-och-trygg-kommun/"' in page


def test_abbreviations_are_expanded_and_lead_to_the_register(built_site):
    raw = (built_site / EVENT).read_text(encoding="utf-8")
    first = raw.index('<a class="trygg-abbr" href="../../organisation/#fof"><abbr title="Fritids- och folkhälsoförvaltningen">FOF</abbr>')
    assert ('<span class="trygg-visually-hidden" data-pagefind-ignore=""> (Fritids- och folkhälsoförvaltningen)</span>'
            in raw[first:first + 300])
    assert raw.count('href="../../organisation/#fof"') == 1  # linked once, then plain <abbr>
    assert raw.count('<abbr title="Fritids- och folkhälsoförvaltningen">FOF</abbr>') > 3
    register = (built_site / "organisation/index.html").read_text(encoding="utf-8")
    for anchor in ("fof", "ska", "tek", "cks", "ifo", "alf", "sbf", "kuf", "ff", "gruf", "gvuf", "af", "vgr", "sarf",
                   "bra", "kerstin-hermansson", "est"):
        assert f'id="{anchor}"' in register, anchor


def test_event_page_carries_schema_org_event(built_site):
    raw = (built_site / EVENT).read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S).group(1))
    assert data["@type"] == "Event" and data["location"]["name"] == "Borås Kongress"
    assert "startDate" not in data  # no date is fixed


def test_news_feed_lists_articles_newest_first(built_site):
    feed = ET.parse(built_site / "nyheter/feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)]
    assert titles == ["Att jobba tillsammans i fokus på utvecklingsdagen", "Organiserad trygghet"]


def test_every_page_shows_published_date_where_known_and_never_made_with_material(built_site):
    for page in built_site.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        assert "Made with" not in raw
        assert '<html lang="sv"' in raw


@pytest.mark.parametrize("attribute", ["src", "href"])
def test_no_resource_from_another_host(built_site, attribute):
    external = re.compile(rf'<(?:script|link|img|iframe|source)[^>]*\s{attribute}="(?:https?:)?//', re.I)
    for page in built_site.rglob("*.html"):
        for match in external.finditer(page.read_text(encoding="utf-8")):
            tag = match.group(0)
            assert 'rel="canonical"' in tag or "alternate" in tag, f"{page}: {tag}"
