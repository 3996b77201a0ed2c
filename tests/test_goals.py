"""Socialt hållbart Borås and key figures: data from seed 002, Swedish errors, tables and charts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from test_site import OCR_FORMS, text_of
from trygg.content import load_content
from trygg.keyfigures import chart, parse_number
from trygg.pipeline import build_site
from trygg.problems import ContentError
from trygg.types import registered_types

AREA = "content/malomraden/test.yml"
INDEX = "content/malomraden/index.yml"
MINI_INDEX = """\
titel: Socialt hållbart Borås
sammanfattning: Test.
publicerad: 2026-11-22
principer:
  rubrik: Några vägledande förutsättningar
  punkter: [Vi arbetar långsiktigt]
"""
MINI_AREA = """\
titel: Testområde
ordning: 1
sammanfattning: Ett område.
ansvariga: [Anna Svalander]
publicerad: 2026-11-22
effektkedja:
  rubrik: Testområde – effektkedja
  grupper:
    - långsiktiga effekter: [I Borås ska allt vara bra]
      koppling: trolig
      rader:
        - kortsiktig effekt: Kort & gott
          prestation: ~
          aktivitet: Göra <saker>
          ansvar: [GVUF, AB-bostäder, fritext: samtliga förvaltningar & bolag]
          tid: ~
          resurser: ~
"""


def load(project, files: dict[str, str]):
    return load_content(project(files), types=registered_types())


def problems_for(project, files: dict[str, str]) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(project, files)
    return [str(p) for p in caught.value.problems]


# --- the real content ------------------------------------------------------------------------

def test_the_four_goal_areas_of_seed_002_in_order_with_their_chains():
    content = load_content(ROOT, types=registered_types())
    goals = content.extra["malomraden"]
    assert [a.area.title for a in goals.areas] == [
        "En god start i livet", "Förutsättningar för arbete", "Boende och närmiljö", "Områdesutveckling Norrby"]
    rows = {a.area.title: [r for g in a.area.chain.groups for r in g.rows] for a in goals.areas}
    assert {t: len(r) for t, r in rows.items()} == {
        "En god start i livet": 5, "Förutsättningar för arbete": 10, "Boende och närmiljö": 5,
        "Områdesutveckling Norrby": 5}
    # Time and resources are empty in every table of the source: flagged as missing, never filled in.
    assert all(r.time is None and r.resources is None for chain in rows.values() for r in chain)
    assert [p.text for p in goals.programme.programme.principles.points] == [
        "Vi arbetar långsiktigt", "Vi är uthålliga", "Vi gör det tillsammans och i samverkan",
        "Vi arbetar med helhetsperspektiv", "Vi arbetar kunskapsbaserat och evidensbaserat"]


def test_responsibility_resolves_to_the_register_including_ab_bostader():
    goals = load_content(ROOT, types=registered_types()).extra["malomraden"]
    norrby = goals.areas[-1]
    last = norrby.row_responsible[(0, 4)]
    assert [(r.text, r.entry.name) for r in last] == [
        ("TEK", "Tekniska förvaltningen"), ("AB-bostäder", "AB Bostäder i Borås"), ("Polisen", "Polisen")]


# Seed 002 names two responsible people per goal area, legibly; they are published as given, in
# the source's order, with å/ä/ö restored ('Par Arvidsson Faldt' → Pär Arvidsson Fäldt).
RESPONSIBLE = {
    "god-start-i-livet": ["Pär Arvidsson Fäldt", "Anna Svalander"],
    "forutsattningar-for-arbete": ["Tina Arekvist Lundell", "Ylva Lengberg"],
    "boende-och-narmiljo": ["Jonas Ward", "Kerstin Hermansson"],
}


@pytest.mark.parametrize("slug", RESPONSIBLE)
def test_the_responsible_people_of_seed_002_are_published_as_given(slug):
    areas = {a.slug: a for a in load_content(ROOT, types=registered_types()).extra["malomraden"].areas}
    assert [entry.name for entry in areas[slug].responsible] == RESPONSIBLE[slug]


# --- errors for communicators ----------------------------------------------------------------

ERRORS = {
    "unknown responsible body": (
        MINI_AREA.replace("[GVUF,", "[GVFU,"),
        f"{AREA}:15: fel: ansvar 'GVFU' finns inte i registret (menade du 'GVUF (Gymnasie- och vuxenutbildningsförvaltningen)'? Skriv 'fritext: …' för en "
        "grupp som inte finns i registret)"),
    "unknown responsible person": (
        MINI_AREA.replace("[Anna Svalander]", "[Anna Svallander]"),
        f"{AREA}:4: fel: 'Anna Svallander' finns inte i registret (menade du 'Anna Svalander'?)"),
    "a cell left out instead of written as missing": (
        MINI_AREA.replace("          tid: ~\n", ""),
        f"{AREA}:12: fel: fältet 'tid' saknas (lägg till 'tid: …')"),
    "misspelt link certainty": (
        MINI_AREA.replace("koppling: trolig", "koppling: trolg"),
        f"{AREA}:10: fel: 'trolg' är inget tillåtet värde för 'koppling' (menade du 'trolig'?)"),
    "related page that does not exist": (
        MINI_AREA + "relaterat:\n  - titel: Nyckeltal\n    sida: nyckeltal/gardsten\n",
        f"{AREA}:20: fel: 'relaterat' pekar på 'nyckeltal/gardsten' som inte finns (skriv sökvägen under content/ "
        "utan filändelse, till exempel nyckeltal/gardstensmodellen)"),
}


@pytest.mark.parametrize("case", ERRORS)
def test_goal_area_mistakes_get_exact_swedish_messages(project, case):
    text, expected = ERRORS[case]
    assert problems_for(project, {INDEX: MINI_INDEX, AREA: text}) == [expected]


def test_goal_areas_without_the_overview_file_get_a_plain_list(project):
    # before index.yml names the goal programme, the catalogue's general word labels it
    pages = {o.uri: o.content for o in build_site(project({AREA: MINI_AREA}), site_url="http://t/").outputs}
    assert pages["malomraden/index.md"].endswith("# Målområden\n\n- [Testområde](/malomraden/test/index.md)\n")
    assert "[Till Målområden](/malomraden/index.md)" in pages["malomraden/test/index.md"]


def test_the_goal_programme_is_named_by_its_content_not_by_code(project):
    index = MINI_INDEX.replace("titel: Socialt hållbart Borås", "titel: Trygg i Teststad")
    result = build_site(project({INDEX: index, AREA: MINI_AREA}), site_url="http://t/")
    pages = {o.uri: o.content for o in result.outputs}
    assert "[Till Trygg i Teststad](/malomraden/index.md)" in pages["malomraden/test/index.md"]
    assert "trygg_typ: Målområde" in pages["malomraden/test/index.md"]
    assert "trygg_typ: Trygg i Teststad" in pages["malomraden/index.md"]


def test_key_figure_needs_a_value_or_a_change(project):
    page = ("titel: T\nsammanfattning: S\nkälla: K\npublicerad: 2026-11-22\nnyckeltal:\n"
            "  - rubrik: R\n    vad: V\n    enhet: st\n")
    assert problems_for(project, {"content/nyckeltal/t.yml": page}) == [
        "content/nyckeltal/t.yml:6: fel: 'nyckeltal': skriv 'värde' för ett enskilt tal eller 'från' och 'till' "
        "för en förändring"]


# --- rendering: the table and the chart --------------------------------------------------------

def rendered(project, files: dict[str, str], uri: str) -> str:
    result = build_site(project(files), site_url="http://t/")
    return next(o.content for o in result.outputs if o.uri == uri)


def test_effect_chain_table_is_accessible_and_leaves_gaps_out_of_sight(project):
    second_row = ("        - kortsiktig effekt: Mer\n          prestation: Bättre\n          aktivitet: Göra\n"
                  "          ansvar: ~\n          tid: ~\n          resurser: ~\n")
    page = rendered(project, {INDEX: MINI_INDEX, AREA: MINI_AREA + second_row}, "malomraden/test/index.md")
    table = page[page.index("<table"):page.index("</table>") + 8]
    assert '<caption>Testområde – effektkedja</caption>' in table
    # Tid and Resurser are empty in every row: no column of gaps. Prestation has one value: it stays.
    assert re.findall(r'<th scope="col">([^<]+)</th>', table) == ["Kortsiktig effekt", "Prestation", "Aktivitet", "Ansvar"]
    assert ('<th scope="rowgroup" colspan="4" markdown="block">\nLångsiktig effekt: I Borås ska allt vara bra'
            in table)
    assert '<th scope="row" data-label="Kortsiktig effekt" markdown="span">Kort &amp; gott</th>' in table
    assert '<td data-label="Prestation" markdown="span"></td>' in table
    assert '<td data-label="Aktivitet" markdown="span">Göra &lt;saker&gt;</td>' in table
    assert ('<td data-label="Ansvar" markdown="span">GVUF, [AB-bostäder](/organisation/index.md#ab-bostader-i-boras), '
            "samtliga förvaltningar &amp; bolag</td>") in table
    assert '<td data-label="Ansvar" markdown="span"></td>' in table
    for note in ("Saknas", "källan", "trolig", "Tid", "Resurser"):
        assert note not in page, note


def test_editorial_notes_are_never_published(project):
    noted = MINI_AREA.replace("ansvariga: [Anna Svalander]\n", "ansvariga: [Anna Svalander]\n"
                              "ansvariga som inte kan läsas: 1\n").replace(
        "  rubrik: Testområde – effektkedja\n", "  rubrik: Testområde – effektkedja\n  anmärkning: Tid är tom i källan.\n"
    ).replace("          resurser: ~\n", "          resurser: ~\n          anmärkning: Raden går inte att läsa.\n")
    page = rendered(project, {INDEX: MINI_INDEX, AREA: noted}, "malomraden/test/index.md")
    for note in ("Tid är tom", "går inte att läsa", "Ytterligare en ansvarig"):
        assert note not in page, note
    assert "- [Anna Svalander, kommunalråd](/organisation/index.md#anna-svalander)" in page


@pytest.mark.parametrize(("effects", "shown"), [
    ("[{text: ~, läsbar del: I Borås ska …}]", "Långsiktig effekt: I Borås ska …\n"),  # only its start is legible
    ("[~]", None),  # nothing legible: no effect row at all
])
def test_an_effect_shows_what_can_be_read_of_it(project, effects, shown):
    area = MINI_AREA.replace("[I Borås ska allt vara bra]", effects)
    page = rendered(project, {INDEX: MINI_INDEX, AREA: area}, "malomraden/test/index.md")
    if shown:
        assert shown in page
    else:
        assert "Långsiktig effekt" not in page and "trygg-chain-effect" not in page


def test_numbers_are_read_as_written_and_never_guessed():
    assert [parse_number(t) for t in ("180", "1 850", "ca 9 500", "76,2", "åtta", "ca 65", None, "många")] == [
        180, 1850, 9500, 76.2, 8, 65, None, None]


CRIME_CHART = """\
<svg class="trygg-bars" viewBox="0 0 220 150" width="220" height="150" role="img" aria-labelledby="k-titel" focusable="false">
<title id="k-titel">Stapeldiagram. Brott per 1 000 invånare: från 180 brott per 1 000 invånare till 63 brott per 1 000 invånare, sedan 1997.</title>
<rect class="trygg-bars-bar trygg-bars-bar-from" x="30" y="24.0" width="64" height="96.0"/>
<text class="trygg-bars-value" x="62.0" y="18.0" text-anchor="middle">180</text>
<text class="trygg-bars-label" x="62.0" y="138" text-anchor="middle">Från</text>
<rect class="trygg-bars-bar trygg-bars-bar-to" x="126" y="86.4" width="64" height="33.6"/>
<text class="trygg-bars-value" x="158.0" y="80.4" text-anchor="middle">63</text>
<text class="trygg-bars-label" x="158.0" y="138" text-anchor="middle">Till</text>
<line class="trygg-bars-axis" x1="20" y1="120" x2="200" y2="120"/>
</svg>"""


def test_the_crime_chart_is_exactly_this_svg():
    from trygg.render import _environment
    content = load_content(ROOT, types=registered_types())
    figures = content.extra["nyckeltal"][0].page.figures
    svg = _environment().get_template("keyfigure_chart.svg.j2").render(c=chart(figures[0], content.texts), ident="k",
                                                                       texts=content.texts)
    assert svg.strip() == CRIME_CHART


def test_no_chart_where_a_value_is_missing_or_single():
    content = load_content(ROOT, types=registered_types())
    figures = content.extra["nyckeltal"][0].page.figures
    assert [f.heading for f in figures if chart(f, content.texts) is None] == ["Tryggheten", "Fler Gårdstensbor", "Starkare näringsliv"]


# --- the built site --------------------------------------------------------------------------

KEY_FIGURES = [
    "Brott per 1 000 invånare har minskat från 180 till 63 sedan 1997.",
    "Fastighetsvärdet har ökat från 150 MSEK till 1 850 MSEK sedan 1997.",
    "Tryggheten 76,2 % 2017 76,2 %",
    "8 000 kvm solfångare/solceller med sammanlagd kapacitet på 555 kW", "Kapaciteten byggs nu ut till 1116 kW.",
    "Från 80 till ca 65 % kommunala hyresrätter.", "Serviceindex 2018 81 % (2017: 78,5 %).",
    "1 500 nya bostäder byggs.", "Invånarantalet ökar från ca 9 500 till ca 13 000 (2025).",
    "Sedan 1997 har 3 000 jobb skapats av Gårdstensbostäder.", "Antalet företag har ökat från åtta till 50.",
    "Saknade dock stöd från övriga staden under lång, lång tid",
]
CHAIN_FACTS = {
    "malomraden/forutsattningar-for-arbete/index.html": [
        "Långsiktig effekt: I Borås ska alla invånare i arbetsför ålder ha utbildning på gymnasienivå.",
        "Kartlägga Jobb Borås utbud av studie- och arbetsförberedande insatser.",
        "Tillsätta stöd för arbetsgivare och individer i form av handledarskap",
        "Låt dem som kan sakfrågorna vara med och utforma ”huret” i så lång utsträckning som möjligt.",
        "Ansvariga Tina Arekvist Lundell Ylva Lengberg"],
    "malomraden/god-start-i-livet/index.html": [
        "Långsiktiga effekter: I Borås ska barn och unga ha tillit till sin egen förmåga och … I Borås ska",
        "Pär Arvidsson Fäldt Anna Svalander, kommunalråd", "Ca 200 barn som inte klarar skolan varje år (x10 år, ca 15%)"],
    "malomraden/boende-och-narmiljo/index.html": [
        "Implementering av Segregationsindex", "Reflektion: ”Våra farhågor är på väg att besannas”",
        "Jonas Ward Kerstin Hermansson (C), kommunalråd"],
    "malomraden/index.html": [
        "Vi arbetar kunskapsbaserat och evidensbaserat", "Svante Stomberg, stadsdirektör, Borås Stad",
        "Specificerat Samordnat Samverkan Integrerat Sammansmält",
        "Ju längre åt höger, desto mer kunskap och kännedom om varandra krävs",
        "Men det finns en kraftig, ibland osynlig, ström åt vänster", "Uppdrag/initiativärenden"],
}


def test_key_figures_are_on_the_site_exactly_as_in_the_seed(built_site):
    text = text_of(built_site, "nyckeltal/gardstensmodellen/index.html")
    for fact in KEY_FIGURES:
        assert fact in text, fact
    raw = (built_site / "nyckeltal/gardstensmodellen/index.html").read_text(encoding="utf-8")
    assert raw.count('<svg class="trygg-bars"') == 7
    assert raw.count('role="img"') == raw.count("<title id=") == 7
    # One card per heading: the source's two boxes with two figures each are one card each.
    titles = re.findall(r'<h3 id="nyckeltal-\d+">([^<]+)</h3>', raw)
    assert len(titles) == len(set(titles)) == 8
    assert "Saknas" not in text and "källan" not in text.replace("Källa", "")


@pytest.mark.parametrize("page", CHAIN_FACTS)
def test_goal_area_pages_carry_the_facts_of_seed_002(built_site, page):
    text = text_of(built_site, page)
    for fact in CHAIN_FACTS[page]:
        assert fact in text, fact
    for form in OCR_FORMS + ["Fddslovandor", "forsvaras", "Vigoringet", "|"]:
        assert form not in text, form


def test_taxonomy_figure_has_its_steps_in_order_as_text(built_site):
    raw = (built_site / "malomraden/index.html").read_text(encoding="utf-8")
    steps = re.findall(r'<li><span class="trygg-visually-hidden">Steg (\d) av 5: </span>(\w+)</li>', raw)
    assert steps == [("1", "Specificerat"), ("2", "Samordnat"), ("3", "Samverkan"), ("4", "Integrerat"),
                     ("5", "Sammansmält")]
    assert ('<figcaption id="taxonomi-bildtext">Fem sätt att arbeta med andra, från vänster till höger: '
            "specificerat, samordnat, samverkan, integrerat, sammansmält.") in raw


def test_effect_chain_cells_are_labelled_for_narrow_screens(built_site):
    raw = (built_site / "malomraden/forutsattningar-for-arbete/index.html").read_text(encoding="utf-8")
    table = raw[raw.index("<table"):raw.index("</table>")]
    assert table.count('data-label="Ansvar"') == len(re.findall(r'<th[^>]*scope="row"', table)) == 10
    assert 'data-label="Resurser"' not in table  # empty in every row of the source
    assert "<p><caption" not in raw and "<caption>Förutsättningar för arbete – effektkedja</caption>" in table
