"""Open data under /api/: every collection valid against its JSON Schema, references resolve,
facts match the pages, and the data links back to the pages and their notes."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import ROOT, VALID_EVENT, mkdocs_build
from trygg.registry import load_content
from trygg.core.rendering import SiteInfo
from trygg.registry import registered_types

BASE = "http://127.0.0.1:8000/"


def load(site: Path, url: str) -> dict:
    assert url.startswith(BASE), url
    return json.loads((site / url[len(BASE):]).read_text(encoding="utf-8"))


def validate(document: dict, schema: dict) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(document)


def collections(site: Path) -> dict[str, dict]:
    index = json.loads((site / "api/index.json").read_text(encoding="utf-8"))
    return {name: load(site, entry["url"]) for name, entry in index["collections"].items()}


def registered_collections(root: Path) -> set[str]:
    """The names of the collections every registered type with an `api` makes from `root`'s content."""
    content = load_content(root)
    site = SiteInfo("S", BASE, dt.date(2030, 1, 1), "U")
    found = [t.api(content.extra[t.key], site, content.extra, {}) for t in registered_types() if t.api]
    return {c.name for made in found for c in (made if isinstance(made, list) else [made]) if c.items}


def test_the_index_and_every_collection_match_their_schema(built_site):
    index = json.loads((built_site / "api/index.json").read_text(encoding="utf-8"))
    validate(index, load(built_site, f"{BASE}api/schema/index.json"))
    # every collection the registered types make from this content is listed (the registry's list,
    # not one written here), and every published schema describes one of them
    assert set(index["collections"]) == registered_collections(ROOT)
    # Every schema is generated from the collection's item model: every collection has one and
    # every schema a collection.
    assert {p.stem for p in (built_site / "api/schema").glob("*.json")} == {*index["collections"], "index"}
    for name, entry in index["collections"].items():
        document = load(built_site, entry["url"])
        assert entry["schema"] == f"{BASE}api/schema/{name}.json" == document["schema"]
        validate(document, load(built_site, entry["schema"]))
        assert document["count"] == entry["count"] == len(document["data"])
        assert [i["id"] for i in document["data"]] == sorted(i["id"] for i in document["data"])


def test_schemas_are_generated_from_the_item_models_with_the_oparl_vocabulary(built_site):
    schema = load(built_site, f"{BASE}api/schema/meetings.json")
    assert set(schema["$defs"]) == {"Meeting", "AgendaItem", "Location", "Reference", "File"}
    assert schema["$defs"]["Meeting"]["properties"]["type"]["const"] == "https://schema.oparl.org/1.1/Meeting"
    assert schema["$defs"]["AgendaItem"]["properties"]["auxiliaryFile"] == {
        "items": {"$ref": "#/$defs/File"}, "title": "Auxiliaryfile", "type": "array"}
    assert not (ROOT / "docs/api").exists()  # nobody writes a schema by hand


@pytest.mark.parametrize("collection", ["meetings", "news"])
def test_the_schema_rejects_an_item_without_a_name(built_site, collection):
    document = load(built_site, f"{BASE}api/{collection}.json")
    broken = copy.deepcopy(document)
    del broken["data"][0]["name"]
    with pytest.raises(jsonschema.ValidationError, match="'name' is a required property"):
        validate(broken, load(built_site, document["schema"]))


def test_every_reference_points_at_an_item_of_its_collection(built_site):
    data = collections(built_site)
    ids = {item["id"] for document in data.values() for item in document["data"]}
    references = [ref["id"] for meeting in data["meetings"]["data"] for ref in meeting["organization"]]
    references += [ref["id"] for meeting in data["meetings"]["data"] for item in meeting["agendaItem"]
                   for ref in item["presenter"]]
    references += [m["organization"] for person in data["persons"]["data"] for m in person["membership"]
                   if m["organizationName"]]
    references += [ref["id"] for paper in data["papers"]["data"]
                   for key in ("underDirectionOf", "originator", "officer", "signatory", "endorsedBy")
                   for ref in paper[key]]
    references += [ref["id"] for book in data["handbooks"]["data"]
                   for ref in [*book["owner"], *filter(None, [book["commissionedBy"]])]]
    references += [ref["id"] for area in data["goalareas"]["data"] for ref in area["responsible"]]
    references += [ref["id"] for area in data["goalareas"]["data"] for group in area["effectChain"]["group"]
                   for row in group["row"] for ref in row["responsible"] or [] if ref["id"] is not None]
    references += [ref["id"] for figure in data["keyfigures"]["data"] for ref in figure["goalArea"]]
    assert references and [r for r in references if r not in ids] == []


def test_the_development_day_is_a_meeting_with_its_agenda_and_notes(built_site):
    meeting = next(m for m in collections(built_site)["meetings"]["data"]
                   if m["web"] == f"{BASE}moten/utvecklingsdag-saker-och-trygg-kommun/")
    assert meeting["name"] == "Strategisk utvecklingsdag om Säker och trygg kommun"
    assert meeting["dateFixed"] is False and meeting["start"] is None and meeting["calendar"] is None
    assert meeting["location"]["description"] == "Borås Kongress"
    assert [(i["time"], i["name"]) for i in meeting["agendaItem"]][:2] == [
        ("8.30–8.40", "Inledning"), ("8.40–8.55", "Vad har hänt sen sist och fortsatt arbete")]
    assert len(meeting["agendaItem"]) == 13
    page = (built_site / "moten/utvecklingsdag-saker-och-trygg-kommun/index.html").read_text(encoding="utf-8")
    with_notes = [i for i in meeting["agendaItem"] if i["notes"]]
    assert with_notes
    for item in meeting["agendaItem"]:
        assert f'id="{item["web"].split("#")[1]}"' in page
    for item in with_notes:
        assert f'id="{item["notes"].split("#")[1]}"' in page
    presenters = {p["name"] for i in meeting["agendaItem"] for p in i["presenter"]}
    assert {"Kerstin Hermansson", "Svante Stomberg"} <= presenters


def test_people_appear_in_their_public_roles(built_site):
    persons = {p["name"]: p for p in collections(built_site)["persons"]["data"]}
    kerstin = persons["Kerstin Hermansson"]
    assert kerstin["party"] == "C"
    assert kerstin["membership"] == [{"type": "https://schema.oparl.org/1.1/Membership", "role": "kommunalråd",
                                      "organization": None, "organizationName": None}]
    svante = persons["Svante Stomberg"]["membership"][0]
    assert (svante["role"], svante["organizationName"]) == ("stadsdirektör", "Borås Stad")
    assert svante["organization"] is not None


def test_a_dated_meeting_has_times_in_stockholm_and_a_calendar(project):
    root = project({"content/moten/natverk/program.md": VALID_EVENT})
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    meeting = json.loads((run.site / "api/meetings.json").read_text(encoding="utf-8"))["data"][0]
    assert (meeting["start"], meeting["end"]) == ("2030-05-24T09:00:00+02:00", "2030-05-24T12:00:00+02:00")
    assert meeting["calendar"] == f"{BASE}moten/natverk/kalender.ics"
    assert meeting["agendaItem"][1]["start"] == "2030-05-24T09:30:00+02:00"
    assert [o["name"] for o in meeting["agendaItem"][1]["presenter"]] == [
        "Fritids- och folkhälsoförvaltningen", "Polisen"]


def test_om_webbplatsen_links_to_the_open_data(built_site):
    page = (built_site / "om-webbplatsen/index.html").read_text(encoding="utf-8")
    assert 'href="../api/index.json"' in page


def test_the_decision_is_a_paper_with_its_reference_and_proposals(built_site):
    papers = collections(built_site)["papers"]["data"]
    paper = next(p for p in papers if p["web"] == f"{BASE}beslut/arbetsformer-for-saker-och-trygg-kommun/")
    source = (ROOT / "content/beslut/arbetsformer-for-saker-och-trygg-kommun.md").read_text(encoding="utf-8")
    assert (paper["reference"], paper["date"], paper["status"]) == ("2017/KS0121 001", "2017-01-20", "tillstyrkt")
    assert f"diarienummer: {paper['reference']}" in source
    assert paper["proposals"] and all(p.split()[0] in source for p in paper["proposals"])
    assert paper["originator"] and paper["officer"]


def _url_to_file(site: Path, url: str) -> Path:
    assert url.startswith(BASE), url
    path = site / url[len(BASE):]
    return path / "index.html" if url.endswith("/") else path


def test_a_handbook_has_its_owners_review_dates_published_chapters_and_pdf(built_site):
    books = {b["web"]: b for b in collections(built_site)["handbooks"]["data"]}
    book = books[f"{BASE}handbocker/trygghet-i-offentlig-miljo/"]
    source = yaml.safe_load((ROOT / "content/handbocker/trygghet-i-offentlig-miljo/handbok.yml").read_text("utf-8"))
    assert book["name"] == source["titel"] == "Handbok för trygghet i offentlig miljö"
    assert [o["name"] for o in book["owner"]] == ["Tekniska förvaltningen", "Fritids- och folkhälsoförvaltningen"]
    assert book["commissionedBy"]["name"] == "Tekniska nämnden"
    assert (book["published"], book["lastReviewed"], book["reviewBy"]) == (
        source["publicerad"].isoformat(), source["senast granskad"].isoformat(), source["granskas senast"].isoformat())
    # the chapter 'Sju faktorer …' is a draft: neither listed nor built
    assert [(c["number"], c["name"]) for c in book["chapter"]] == [(1, "Om handboken")]
    assert not (built_site / "handbocker/trygghet-i-offentlig-miljo/sju-faktorer").exists()
    chapter = _url_to_file(built_site, book["chapter"][0]["web"]).read_text(encoding="utf-8")
    assert "Handboken för trygghet i offentlig miljö är framtagen på uppdrag av Tekniska nämnden." in chapter
    assert "hela handboken" in _url_to_file(built_site, book["wholeWeb"]).read_text(encoding="utf-8")
    assert book["file"]["fileName"] == "trygghet-i-offentlig-miljo.pdf"
    assert _url_to_file(built_site, book["file"]["accessUrl"]).read_bytes().startswith(b"%PDF-")
    assert books[f"{BASE}handbocker/metodhandbok-otillaten-paverkan/"]["commissionedBy"] is None


def test_a_goal_area_carries_its_effect_chain_as_in_the_source_with_missing_cells_as_null(built_site):
    areas = {a["web"]: a for a in collections(built_site)["goalareas"]["data"]}
    assert [a["order"] for a in sorted(areas.values(), key=lambda a: a["order"])] == [1, 2, 3, 4]
    area = areas[f"{BASE}malomraden/god-start-i-livet/"]
    source = yaml.safe_load((ROOT / "content/malomraden/god-start-i-livet.yml").read_text(encoding="utf-8"))
    assert (area["name"], area["fullName"], area["message"]) == (
        "En god start i livet", "En god start i livet och goda uppväxtvillkor", "Att satsa tidigt lönar sig i längden")
    assert [r["name"] for r in area["responsible"]] == ["Pär Arvidsson Fäldt", "Anna Svalander"]
    assert area["unreadableResponsible"] == 0
    assert area["programme"] == {"name": "Socialt hållbart Borås", "web": f"{BASE}malomraden/"}
    chain = area["effectChain"]
    assert chain["note"] is None  # the editors' note is a comment in the YAML file
    groups = source["effektkedja"]["grupper"]
    assert [[row["activity"] for row in g["row"]] for g in chain["group"]] == [
        [row["aktivitet"] for row in g["rader"]] for g in groups]
    first = chain["group"][0]
    assert first["link"] == "osäker"
    assert first["longTermEffect"][0] == {
        "text": None, "readablePart": "I Borås ska barn och unga ha tillit till sin egen förmåga och …"}
    row = first["row"][0]
    assert (row["time"], row["resources"]) == (None, None)
    assert row["responsible"] == [
        {"id": f"{BASE}api/organizations.json#ska", "name": "Stadsledningskansliet"},
        {"id": None, "name": "berörda förvaltningar genom Beredningsgrupp barn- och unga"}]
    goals = areas[f"{BASE}malomraden/forutsattningar-for-arbete/"]["goals"]
    assert goals["name"] == "Vi ska…"
    assert goals["point"][0] == {"text": "Verka för att alla invånare i arbetsför ålder ska ha utbildning på "
                                         "gymnasienivå.", "subpoint": []}


def test_key_figures_carry_their_values_exactly_as_in_the_source(built_site):
    figures = {f["id"].split("#")[1]: f for f in collections(built_site)["keyfigures"]["data"]}
    source = yaml.safe_load((ROOT / "content/nyckeltal/gardstensmodellen.yml").read_text(encoding="utf-8"))
    assert sorted(figures) == sorted(f"gardstensmodellen/{n}" for n in range(1, len(source["nyckeltal"]) + 1))
    crime = figures["gardstensmodellen/1"]
    assert (crime["name"], crime["measure"], crime["unit"], crime["period"]) == (
        "Minskad brottslighet", "Brott per 1 000 invånare", "brott per 1 000 invånare", "sedan 1997")
    assert crime["series"] == [
        {"position": "start", "text": "180", "number": 180, "approximate": False, "year": None},
        {"position": "end", "text": "63", "number": 63, "approximate": False, "year": None}]
    assert crime["source"] == source["källa"] == "Bildspelet om Socialt hållbart Borås, bilden ”Gårdstensmodellen”"
    assert crime["page"] == {"name": "Gårdstensmodellen", "web": f"{BASE}nyckeltal/gardstensmodellen/"}
    page = (built_site / "nyckeltal/gardstensmodellen/index.html").read_text(encoding="utf-8")
    for figure in figures.values():
        assert f'id="{figure["web"].split("#")[1]}">{figure["name"]}</h3>' in page
    # every value is the source's text; a number only where that text is one
    for key, figure in figures.items():
        written = source["nyckeltal"][figure["number"] - 1]
        expected = [written.get("värde")] if "värde" in written else [written.get("från"), written.get("till")]
        assert [v["text"] for v in figure["series"]] == [None if e is None else str(e) for e in expected], key
    # a value that cannot be read in the source is null, with its year; 'ca' is kept and flagged
    safety = figures["gardstensmodellen/2"]
    assert (safety["measure"], [(v["text"], v["number"], v["year"]) for v in safety["series"]]) == (
        None, [("76,2", 76.2, 2017), (None, None, 2018)])
    residents = figures["gardstensmodellen/7"]
    assert [(v["text"], v["number"], v["approximate"], v["year"]) for v in residents["series"]] == [
        ("ca 9 500", 9500, True, None), ("ca 13 000", 13000, True, 2025)]
    assert figures["gardstensmodellen/6"]["series"] == [
        {"position": "value", "text": "1 500", "number": 1500, "approximate": False, "year": None}]
    assert figures["gardstensmodellen/10"]["series"][0]["text"] == "åtta"


def test_key_figures_link_the_goal_area_that_refers_to_their_page(built_site):
    data = collections(built_site)
    area = next(a for a in data["goalareas"]["data"] if a["web"] == f"{BASE}malomraden/boende-och-narmiljo/")
    assert {"name": "Nyckeltal från Gårdstensmodellen", "web": f"{BASE}nyckeltal/gardstensmodellen/"} in area["related"]
    reference = {"id": area["id"], "name": "Boende och närmiljö", "web": area["web"]}
    assert [f["goalArea"] for f in data["keyfigures"]["data"]] == [[reference]] * data["keyfigures"]["count"]


def test_the_schema_rejects_a_key_figure_with_a_guessed_number(built_site):
    figures = load(built_site, f"{BASE}api/keyfigures.json")
    broken = copy.deepcopy(figures)
    broken["data"][0]["series"][0]["number"] = "ca 180"
    schema = load(built_site, figures["schema"])
    with pytest.raises(jsonschema.ValidationError, match="'ca 180' is not valid under any of the given schemas"):
        validate(broken, schema)
    broken = copy.deepcopy(figures)
    del broken["data"][0]["source"]
    with pytest.raises(jsonschema.ValidationError, match="'source' is a required property"):
        validate(broken, schema)


DRAFT_AREA = """\
titel: Ett nytt målområde
ordning: 9
sammanfattning: Ett målområde som inte är klart.
publicerad: 2024-01-10
utkast: true
relaterat:
  - titel: Nyckeltal
    sida: nyckeltal/nya
"""

DRAFT_FIGURES = """\
titel: Nya nyckeltal
sammanfattning: Nyckeltal som inte är klara.
källa: Ett underlag.
publicerad: 2024-01-10
utkast: true
nyckeltal:
  - rubrik: Ett utkast
    vad: Något som mäts
    värde: ~
"""

DRAFT_HANDBOOK = """\
titel: En ny handbok
sammanfattning: En handbok som inte är klar.
ägare: [SKA]
publicerad: 2024-01-10
senast granskad: 2030-01-10
granskas senast: 2031-01-10
utkast: true
"""


@pytest.mark.parametrize("include_drafts", [False, True])
def test_drafts_are_open_data_only_in_the_preview(project, include_drafts):
    root = project({"content/malomraden/nytt.yml": DRAFT_AREA, "content/handbocker/ny/handbok.yml": DRAFT_HANDBOOK,
                    "content/nyckeltal/nya.yml": DRAFT_FIGURES,
                    "content/handbocker/ny/01-kapitel.md": "---\ntitel: Kapitel\n---\n\nText.\n"})
    content = load_content(root, include_drafts=include_drafts)
    site = SiteInfo("Säker och trygg kommun", BASE, dt.date(2030, 1, 10), "Borås Stad")
    api = {t.key: t.api for t in registered_types()}
    areas = api["malomraden"](content.extra["malomraden"], site, content.extra).items
    books = api["handbocker"](content.extra["handbocker"], site, content.extra).items
    assert [a["name"] for a in areas] == (["Ett nytt målområde"] if include_drafts else [])
    assert [b["name"] for b in books] == (["En ny handbok"] if include_drafts else [])
    figures = api["nyckeltal"](content.extra["nyckeltal"], site, content.extra).items
    assert [(f["name"], f["goalArea"]) for f in figures] == (
        [("Ett utkast", [{"id": f"{BASE}api/goalareas.json#nytt", "name": "Ett nytt målområde",
                          "web": f"{BASE}malomraden/nytt/"}])] if include_drafts else [])


NEWS_ABOUT_A_DECISION = """\
---
titel: Ett förslag om samverkan
publicerad: 2030-01-21
sammanfattning: Förslaget går vidare.
relaterat: [beslut/b, moten/natverk]
---

Text om förslaget.
"""


def test_news_names_pages_of_any_type_on_its_page_and_in_its_collection(project):
    from test_decisions import SMALL_CHART, VALID_DECISION

    from trygg.core.rendering import render_site

    root = project({"content/nyheter/n.md": NEWS_ABOUT_A_DECISION, "content/beslut/b.md": VALID_DECISION,
                    "content/organisation/diagram/skiss.yml": SMALL_CHART, "content/moten/natverk/program.md": VALID_EVENT})
    content = load_content(root, today=dt.date(2030, 1, 22))
    site = SiteInfo("S", BASE, dt.date(2030, 1, 22), "U")
    page = {o.uri: o.content for o in render_site(content, site, {})}["nyheter/n/index.md"]
    assert "[Ett förslag](/beslut/b/index.md)" in page and "[Nätverksmöte](/moten/natverk/index.md)" in page
    news = {t.key: t for t in registered_types()}["nyheter"].api(content.extra["nyheter"], site, content.extra, {})
    assert news.items[0]["related"] == [f"{BASE}beslut/b/", f"{BASE}moten/natverk/"]

