"""The browser editor (/admin/, trygg.editor): its forms come from the schemas and cannot drift.

Unit tests compare the generated Decap configuration with the pydantic models both ways; a build
test checks what the site publishes; the Chromium tests (tests/test_editor_browser.py) write
pages through the forms against the local backend.
"""

from __future__ import annotations

import html
import importlib
import inspect
import json
import pkgutil
import re
import typing

import pytest
from pydantic import BaseModel

from conftest import ROOT, copy_project, mkdocs_build
from trygg.editor import editor_config, editor_places, not_edited
from trygg.editor.config import (BODY, LIST_KEY, REGISTER_FIELDS, _DAY_MONTH, _EVENT_DATE, _PERIOD, _unwrap,
                                 shorthand_fields)
from trygg.models.common import parse_day_month, parse_time_range
from trygg.models.event import _parse_event_date
from trygg.models.handbook import CHAPTER_NUMBER, parse_chapter_number
from trygg.core.texts import Texts, catalogue
from trygg.registry import registered_types

NAMES = ["Kerstin Hermansson", "FOF", "Polisen"]
TEXTS = Texts({}, {"program": "Programmet", "syfte": "trygghet", "utgivare": "Kommunen"})
EDITOR_INSTALLED = (ROOT / "editor" / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file()


HANDBOOKS = [("trygghet-i-offentlig-miljo", "Trygghet i offentlig miljö")]
PLACES = editor_places(registered_types())  # each content type names its own (ContentType.editor)


def _config() -> dict:
    return editor_config(registered_types(), TEXTS, NAMES, repo="org/webbplats", handbooks=HANDBOOKS)


def _collection(name: str) -> dict:
    found = next(c for c in _config()["collections"] if c["name"] == name)
    return found["files"][0] if "files" in found else found


def _place_fields(place) -> list[dict]:
    """The form fields of one Place: its collection's, or its file's in a collection of files;
    a file that is a list shows the schema's fields inside its one list field."""
    found = next(c for c in _config()["collections"] if c["name"] == place.name)
    if "files" in found:
        found = next(f for f in found["files"] if f["file"] == f"content/{place.file}")
    if not place.listed:
        return found["fields"]
    [wrapper] = found["fields"]
    assert (wrapper["name"], wrapper["widget"]) == (LIST_KEY, "list")
    return wrapper["fields"]


def _field(fields: list[dict], *path: str) -> dict:
    found = next(f for f in fields if f["name"] == path[0])
    return found if len(path) == 1 else _field(found["fields"], *path[1:])


def _nested(annotation) -> type[BaseModel] | None:
    """The schema a field holds, directly, in a list or as an optional value."""
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) is list:
        return _nested(typing.get_args(annotation)[0])
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _schema_paths(schema: type[BaseModel], prefix: tuple = ()) -> set[tuple]:
    paths = set()
    for info in schema.model_fields.values():
        path = (*prefix, info.alias)
        paths.add(path)
        inner = _nested(info.annotation)
        if inner is not None:
            paths |= _schema_paths(inner, path)
    return paths


def _config_paths(fields: list[dict], prefix: tuple = ()) -> set[tuple]:
    paths = set()
    for field in fields:
        path = (*prefix, field["name"])
        paths.add(path)
        paths |= _config_paths(field.get("fields", []), path)
        # a list of plain values names its one inner field like the list itself
        assert "field" not in field or field["field"]["name"] == field["name"], field
    return paths


def _all_schemas() -> set[type[BaseModel]]:
    import trygg.models

    found = set()
    for module in pkgutil.iter_modules(trygg.models.__path__, "trygg.models."):
        for _, value in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(value, BaseModel) and value.__module__ == module.name and value.model_fields:
                found.add(value)
    return found


def _reachable(schema: type[BaseModel]) -> set[type[BaseModel]]:
    found = {schema}
    for info in schema.model_fields.values():
        inner = _nested(info.annotation)
        if inner is not None and inner not in found:
            found |= _reachable(inner)
    return found


@pytest.mark.parametrize("place", PLACES, ids=[f"{p.name}-{p.schema.__name__}" for p in PLACES])
def test_every_field_of_the_schema_is_a_form_field_and_the_form_has_nothing_else(place):
    fields = _place_fields(place)
    form = _config_paths([f for f in fields if f["name"] != BODY])
    schema = _schema_paths(place.schema)
    assert sorted(schema - form) == [], "fields the form lacks"
    assert sorted(form - schema) == [], "form fields the schema does not know"
    assert (BODY in [f["name"] for f in fields]) == (place.body is not None)


def test_the_register_is_one_section_of_three_files_each_a_list_with_swedish_labels():
    register = next(c for c in _config()["collections"] if c["name"] == "register")
    assert register["label"] == "Organisation och förkortningar" and register["extension"] == "yml"
    assert [(f["name"], f["label"], f["file"], f["fields"][0]["label_singular"]) for f in register["files"]] == [
        ("organisationer", "Organisationer", "content/organisation/organisationer.yml", "organisation"),
        ("personer", "Personer", "content/organisation/personer.yml", "person"),
        ("begrepp", "Förkortningar och begrepp", "content/organisation/begrepp.yml", "förkortning")]
    assert register["trygg"] == {"frontmatter": False, "shorthand": [], "list": LIST_KEY}
    moved = _collection("flyttade-sidor")
    assert (moved["label"], moved["file"]) == ("Flyttade sidor", "content/flyttade-sidor.yml")
    assert [f["name"] for f in moved["fields"][0]["fields"]] == ["från", "till"]


def test_shorthand_fields_come_from_the_models_and_the_form_shows_their_objects():
    from trygg.models.goals import GoalArea

    assert shorthand_fields(GoalArea) == [
        (("mål", "punkter", "*"), "text"), (("nuläge", "punkter", "*"), "text"),
        (("avsnitt", "*", "punkter", "*"), "text"),
        (("effektkedja", "grupper", "*", "långsiktiga effekter", "*"), "text"),
        (("effektkedja", "grupper", "*", "rader", "*", "ansvar", "*"), "namn")]
    for place in PLACES:
        collection = next(c for c in _config()["collections"] if c["name"] == place.name)
        for path, key in collection["trygg"]["shorthand"]:
            keys = [k for k in path if k != "*"]
            fields = _place_fields(place) if not place.listed else [{"name": LIST_KEY, "fields": _place_fields(place)}]
            assert key in [f["name"] for f in _field(fields, *keys)["fields"]], (place.name, path)


def test_the_goal_areas_are_the_folders_files_with_an_order_and_the_overview_is_its_own_file():
    areas = _collection("malomraden")
    assert (areas["folder"], areas["extension"], areas["trygg"]["only_with"]) == ("content/malomraden", "yml", "ordning")
    assert "ordning" in [f["name"] for f in areas["fields"]]  # every goal area has it (required) ...
    from trygg.models.goals import Programme
    assert "ordning" not in {info.alias for info in Programme.model_fields.values()}  # ... the overview has not
    overview = _collection("malprogram")
    assert (overview["file"], overview["label"]) == ("content/malomraden/index.yml", "Målprogrammets översikt")


def test_the_editors_formats_resolve_plain_yaml_values_as_trygg_check_does():
    """formats.js reads YAML with its own resolvers (null, true/false, dates; the rest is text):
    they must type every plain value exactly as trygg's loader does (trygg.core.source)."""
    import yaml

    from trygg.core.source import _Loader

    script = (ROOT / "hooks/trygg/editor/formats.js").read_text("utf-8")
    tests = dict(re.findall(r'tag: "(tag:yaml\.org,2002:\w+)", default: true, test: /(.+?)/,', script))
    assert set(tests) == {"tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
    samples = ["", "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "yes", "no",
               "ja", "on", "off", "y", "0701740605", "8.30", "12", "0x1F", "1e3", ".inf", "2025-05-24",
               "2025-5-24", "2025-05-24T10:00:00", "2025-02-30", "24/5", "ej fastställt"]
    for sample in samples:
        node = yaml.compose(f"v: {sample}\n" if sample else "v:\n", Loader=_Loader).value[0][1]
        ours = next((tag for tag, test in tests.items() if re.fullmatch(test, sample)), "tag:yaml.org,2002:str")
        assert ours == node.tag, sample


def test_the_editors_formats_quote_a_new_text_that_other_yaml_readers_would_not_read_as_text():
    """trygg reads every plain value but null, booleans and dates as text; a text the form writes
    anew is quoted where YAML 1.1 (PyYAML, GitHub's view) or 1.2 would read it as something else."""
    import datetime as dt

    import yaml

    script = (ROOT / "hooks/trygg/editor/formats.js").read_text("utf-8")
    source = re.search(r"const READ_AS_OTHER = new RegExp\((.+?)\);", script, re.S).group(1)
    pattern = "".join(json.loads(literal) for literal in re.findall(r'"(?:[^"\\]|\\.)*"', source))
    # PyYAML reads these as text; a YAML 1.2 reader does not (1e3, 0o17), nor YAML 1.1's spec (y)
    only_other_readers = {"1e3", "0o17", "-1E+3", "y"}
    samples = ["~", "null", "true", "False", "yes", "No", "on", "OFF", "y", "ja", "nej", "0701740605", "03", "8.30",
               "12", "-7", "+1_000", "0x1F", "0b101", "1e3", "-1E+3", "0o17", "1.", ".5", "1:30", "190:20:30.15",
               ".inf", "-.Inf", ".NaN", "8.30–8.40", "24/5", "ej fastställt", "Team Domino", "1.2.3", ".",
               "2025-05-24x", "Kapitel 3"]
    for sample in samples:
        read = yaml.safe_load(f"v: {sample}\n")["v"]
        assert not isinstance(read, dt.date), sample  # dates are written as dates
        quoted = re.fullmatch(pattern, sample) is not None
        assert quoted == (not isinstance(read, str) or sample in only_other_readers), sample


def test_a_handbooks_chapters_are_a_collection_of_every_chapter_field():
    from trygg.models.handbook import Chapter

    found = _collection("kapitel-trygghet-i-offentlig-miljo")
    assert found["label"] == "Kapitel i Trygghet i offentlig miljö"
    assert (found["folder"], found["extension"], found["create"]) == (
        "content/handbocker/trygghet-i-offentlig-miljo", "md", True)
    assert _config_paths([f for f in found["fields"] if f["name"] != BODY]) == _schema_paths(Chapter)
    assert _field(found["fields"], BODY)["required"] is True


def test_a_new_chapter_is_named_after_its_number_and_title():
    found = _collection("kapitel-trygghet-i-offentlig-miljo")
    # the handbook orders its chapters by the file name's two digits (trygg.types.handbooks)
    assert found["slug"] == "{{fields.nummer}}-{{fields.titel}}"
    assert _field(found["fields"], "nummer") == {
        "name": "nummer", "label": "Kapitelnummer", "required": True, "widget": "string",
        "hint": "Två siffror som bestämmer kapitlets plats i handboken: 03 blir filen 03-rubriken.md. Ett nytt "
                "kapitel behöver ett nummer som inget annat kapitel har. För ett kapitel som redan finns skriver du "
                "numret som filnamnet börjar med; flytta kapitlet genom att byta namn på filen.",
        "pattern": [r"^\d{2}$", "Skriv två siffror, till exempel 03."]}


def test_every_schema_is_in_the_editor_or_says_why_not():
    from trygg.models.handbook import Chapter

    edited = set().union(*(_reachable(p.schema) for p in PLACES), {Chapter})
    reasons = not_edited(registered_types())
    left_out = set().union(*(_reachable(s) for s in reasons))
    assert sorted(s.__name__ for s in _all_schemas() - edited - left_out) == []
    assert all(len(reason) > 20 for reason in reasons.values())
    assert not edited & set(reasons), "a schema both edited and said not to be"


def test_every_content_type_has_its_place_in_the_editor_or_says_why_not():
    # a new content type in the registry fails here until it names its place (or the reason)
    silent = [t.key for t in registered_types() if not t.editor and not t.not_in_editor]
    assert silent == []
    assert {"nyheter", "moten", "beslut", "handbocker", "diagram", "malomraden", "malprogram", "nyckeltal", "register",
            "flyttade-sidor", "tillganglighet"} == {p.name for p in PLACES}


def test_every_register_field_names_a_real_field():
    fields = {(s.__name__, info.alias) for s in _all_schemas() for info in s.model_fields.values()}
    assert sorted(REGISTER_FIELDS - fields) == []


def test_an_agenda_is_a_list_of_items_with_time_ranges_and_register_names():
    agenda = _field(_collection("moten")["fields"], "program")
    assert agenda["widget"] == "list" and agenda["summary"] == "{{fields.tid}} {{fields.rubrik}}"
    assert agenda["label"] == "Programpunkter" and agenda["required"] is False and agenda["default"] == []
    assert agenda["label_singular"] == "programpunkt"  # the add button: "Lägg till programpunkt"
    time = _field(agenda["fields"], "tid")
    assert time == {"name": "tid", "label": "Tid", "required": True,
                    "hint": "Start och slut med tankstreck, till exempel 8.30–8.40.", "widget": "string",
                    "pattern": [_PERIOD, "Skriv start och slut med tankstreck, till exempel 8.30–8.40."]}
    kind = _field(agenda["fields"], "typ")
    assert kind["options"] == ["programpunkt", "lunch", "paus"] and kind["default"] == "programpunkt"
    assert kind["required"] is False
    presenters = _field(agenda["fields"], "medverkande")
    assert presenters["widget"] == "select" and presenters["multiple"] is True and presenters["options"] == NAMES


def test_required_fields_are_required_and_optional_objects_demand_nothing():
    fields = _collection("moten")["fields"]
    assert _field(fields, "titel")["required"] is True
    assert _field(fields, "målgrupp")["required"] is False
    assert _field(fields, "typ")["options"] == ["utvecklingsdag", "möte", "konferens", "seminarium"]
    # 'anmälan' is optional: its 'avser' is required only once it is written, which trygg check says
    assert _field(fields, "anmälan", "avser")["required"] is False
    decision = _collection("beslut")["fields"]
    assert _field(decision, "förslag till beslut")["min"] == 1
    assert "min" not in _field(decision, "annan lydelse", "förslag")
    assert _field(decision, "handläggare", "namn")["options"] == NAMES
    assert _field(decision, "datum") == {
        "name": "datum", "label": "Datum", "required": True, "hint": "Datum som 2025-05-24.", "widget": "datetime",
        "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False, "picker_utc": True}


def test_labels_and_help_come_from_the_catalogue_and_a_site_may_reword_them():
    summary = _field(_collection("nyheter")["fields"], "sammanfattning")
    assert summary["hint"] == catalogue()["redigeraren.hjälp.sammanfattning"]
    reworded = Texts({"redigeraren.fält.program": "Dagordning"}, {})
    config = editor_config(registered_types(), reworded, NAMES, repo=None)
    meetings = next(c for c in config["collections"] if c["name"] == "moten")
    assert _field(meetings["fields"], "program")["label"] == "Dagordning"
    assert meetings["label"] == "Möten och utvecklingsdagar"


@pytest.mark.parametrize(("pattern", "parse", "good", "bad"), [
    (_PERIOD, parse_time_range, ["8.30–8.40", "8:30-9:00", " 13.10 – 13.40 "],
     ["8.30", "8.30–", "kl 8–9", "8.30/8.40"]),
    (_DAY_MONTH, parse_day_month, ["24/5", "1/12"], ["24 maj", "24-5", "5/"]),
    (_EVENT_DATE, _parse_event_date, ["ej fastställt"], ["snart", "24/5"]),
    (CHAPTER_NUMBER, parse_chapter_number, ["03", "10"], ["3", "003", "tre", "3a"]),
])
def test_form_patterns_accept_what_the_schema_reads_and_refuse_what_it_refuses(pattern, parse, good, bad):
    for value in good:
        assert re.match(pattern, value), value
        parse(value)
    for value in bad:
        assert not re.match(pattern, value), value
        with pytest.raises(ValueError):
            parse(value)


def test_the_local_backend_and_the_editorial_workflow():
    config = _config()
    backend = dict(config["backend"])
    assert backend.pop("commit_messages")["create"] == "Ny sida i {{collection}}: {{slug}}"  # Decap's placeholders
    assert backend == {"name": "github", "repo": "org/webbplats", "branch": "main", "squash_merges": True}
    assert config["publish_mode"] == "editorial_workflow" and config["local_backend"] is True
    assert config["locale"] == "sv"
    meetings = _collection("moten")
    assert (meetings["folder"], meetings["path"], meetings["extension"]) == ("content/moten", "{{slug}}/program", "md")
    # pictures beside the page, linked by name (trygg.bundles)
    assert (meetings["media_folder"], meetings["public_folder"]) == ("", "")


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    if not EDITOR_INSTALLED:
        if __import__("os").environ.get("CI"):
            pytest.fail("redigeraren saknas: scripts/test installerar den (scripts/_editor.sh)")
        pytest.skip("the editor is not installed; run bash scripts/_editor.sh")
    root = copy_project(tmp_path_factory.mktemp("editor"), with_seed_content=True)
    (root / "editor").symlink_to(ROOT / "editor")
    run = mkdocs_build(root, env={"TRYGG_REPO_URL": "https://github.com/kommunen/trygg-webbplats",
                                  "TRYGG_EDITOR_AUTH_URL": "https://inloggning.example.org"})
    assert run.returncode == 0, run.output
    return run.site


def test_the_site_publishes_the_editor_for_writers_only(editor_site):
    admin = (editor_site / "admin" / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in admin
    assert '<script src="names.js"></script>\n<script src="start.js"></script>' in admin
    assert "MutationObserver" in (editor_site / "admin" / "names.js").read_text("utf-8")
    assert "/admin/" not in (editor_site / "sitemap.xml").read_text("utf-8")
    assert "admin" not in (editor_site / "index.html").read_text("utf-8")  # not in the menu
    assert "data-pagefind-body" not in admin  # not in the search index
    config = json.loads((editor_site / "admin" / "config.json").read_text("utf-8"))
    assert config["backend"] == {"name": "github", "repo": "kommunen/trygg-webbplats", "branch": "main",
                                 "squash_merges": True, "base_url": "https://inloggning.example.org",
                                 "commit_messages": {
                                     "create": "Ny sida i {{collection}}: {{slug}}",
                                     "update": "Ändrad sida i {{collection}}: {{slug}}",
                                     "delete": "Borttagen sida i {{collection}}: {{slug}}",
                                     "uploadMedia": "Ny fil: {{path}}", "deleteMedia": "Borttagen fil: {{path}}"}}
    names = list(dict.fromkeys(p.name for p in PLACES))
    assert [c["name"] for c in config["collections"]] == [names[0], "anteckningar", *names[1:],
                                                          "kapitel-metodhandbok-otillaten-paverkan",
                                                          "kapitel-trygghet-i-offentlig-miljo"]
    notes = next(c for c in config["collections"] if c["name"] == "anteckningar")
    assert notes["label"] == "Anteckningar från möten"
    # one entry per meeting, by its title: the notes are Markdown only (no front matter)
    assert [(f["name"], f["file"], f["label"], [field["name"] for field in f["fields"]]) for f in notes["files"]] == [
        ("utvecklingsdag-saker-och-trygg-kommun", "content/moten/utvecklingsdag-saker-och-trygg-kommun/anteckningar.md",
         "Strategisk utvecklingsdag om Säker och trygg kommun", [BODY])]
    assert notes["files"][0]["fields"][0]["hint"].startswith("Anteckningar per programpunkt: en rubrik på nivå 2")
    people = _field(_field(next(c for c in config["collections"] if c["name"] == "moten")["fields"], "program")
                    ["fields"], "medverkande")["options"]
    assert {"Kerstin Hermansson", "FOF"} <= set(people)
    found = re.search(r'name="trygg-preview-styles" content="([^"]*)"', admin).group(1)
    styles = json.loads(html.unescape(found))
    assert styles and all((editor_site / "admin" / s).resolve().is_file() for s in styles)
    assert any("stylesheets/main." in s for s in styles) and any("/trygg." in s for s in styles)
    assert (editor_site / "admin" / "decap-cms.js").stat().st_size > 1_000_000


def test_the_published_editor_keeps_its_own_policy_and_pages_get_the_sites(editor_site):
    from trygg.publish.webserver import secure_site

    secure_site(editor_site)  # what `trygg build` does last
    admin = (editor_site / "admin" / "index.html").read_text("utf-8")
    assert admin.count('http-equiv="Content-Security-Policy"') == 1 and "'unsafe-eval'" in admin
    start = (editor_site / "index.html").read_text("utf-8")
    assert start.count('http-equiv="Content-Security-Policy"') == 1 and "'unsafe-eval'" not in start


def test_without_the_editor_installed_the_site_builds_without_admin(project):
    root = project()
    run = mkdocs_build(root)
    assert run.returncode == 0, run.output
    assert not (run.site / "admin").exists()
    assert "Redigeraren (/admin/) kommer inte med: den är inte installerad (bash scripts/_editor.sh)" in run.output
