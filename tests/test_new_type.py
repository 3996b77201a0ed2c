"""A new content type is one model, one package with its templates, and one test — nothing else.

This file is that one test for a throw-away type, reports (`content/rapporter/<namn>.md`), written
entirely here: its model, loader, renderer, API collection, skeleton, card and templates (in a
folder of this test's own). It registers the type, writes a report with `trygg new rapporter`,
builds the site with MkDocs in this process (so the registration holds) and finds the list page,
a page per report, the search index's entries, the sitemap's, the start page's card in the place
the type gives itself (`rank`), and the API collection valid against the JSON Schema generated
from the type's item model. No file of the project knows the type.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jsonschema
from pydantic import BaseModel, ConfigDict, Field

from conftest import TEST_DAY, TEST_EPOCH
from trygg import registry
from trygg.core.api import Collection, api_id, items_of, own_type
from trygg.core.contenttype import Card, ContentType
from trygg.core.output import Output
from trygg.core.register import slugify
from trygg.core.rendering import page
from trygg.core.skeleton import yaml_text
from trygg.models.common import Schema, Text

FOLDER = "rapporter"


class Report(Schema):
    title: Text = Field(alias="titel")
    summary: Text = Field(alias="sammanfattning")
    published: dt.date = Field(alias="publicerad")
    draft: bool = Field(False, alias="utkast")


@dataclass(frozen=True)
class LoadedReport:
    slug: str
    source: str
    report: Report
    body: str


def load_reports(ctx, resolver) -> tuple[LoadedReport, ...]:
    found = []
    for path in ctx.content_files(FOLDER, "*.md"):
        loaded = ctx.read(path, Report)
        if loaded is not None:
            doc, report = loaded
            found.append(LoadedReport(slugify(path.stem), ctx.rel(path), report, doc.body))
    return tuple(sorted(found, key=lambda r: r.slug))


def render_reports(reports: tuple[LoadedReport, ...], renderer) -> list[Output]:
    if not reports:
        return []
    outputs = []
    for loaded in reports:
        body = renderer.template("report.md.j2").render(loaded=loaded)
        meta = renderer.meta("list", loaded.report.title, loaded.report.summary, loaded.source,
                             published=loaded.report.published, owner=None)
        outputs.append(Output(f"{FOLDER}/{loaded.slug}/index.md", page(meta, body), loaded.source))
    meta = renderer.meta("list", "Rapporter", "Rapporter från arbetet.", None, published=None, owner=None)
    outputs.append(Output(f"{FOLDER}/index.md", page(meta, renderer.template("reports.md.j2").render(reports=reports))))
    return outputs


class ReportItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    type: str
    name: str = Field(min_length=1)
    web: str
    published: dt.date


def reports_collection(reports, site, extra=None, last_changed=None) -> Collection:
    items = items_of(ReportItem, (ReportItem(id=api_id(site, "reports", r.slug), type=own_type(site, "reports", "Report"),
                                             name=r.report.title, web=f"{site.url}{FOLDER}/{r.slug}/",
                                             published=r.report.published) for r in reports))
    return Collection("reports", "Report", items, oparl=False, model=ReportItem, title="Rapporter")


def report_skeleton(title: str, slug: str, today: dt.date, names=None) -> tuple[str, str]:
    return f"content/{FOLDER}/{slug}.md", (f"---\ntitel: {yaml_text(title)}\nsammanfattning: Skriv en mening om "
                                           f"rapporten.\npublicerad: {today.isoformat()}\n---\n\nSkriv rapporten här.\n")


def reports_type(templates: Path) -> ContentType:
    (templates / "report.md.j2").write_text("# {{ loaded.report.title | t }}\n\n{{ loaded.body }}\n", encoding="utf-8")
    (templates / "reports.md.j2").write_text(
        "# Rapporter\n\n{% for r in reports %}- [{{ r.report.title | t }}](/rapporter/{{ r.slug }}/index.md)\n"
        "{% endfor %}", encoding="utf-8")
    return ContentType(FOLDER, load_reports, render_reports, api=reports_collection, skeleton=report_skeleton,
                       card=lambda reports, texts: Card("Rapporter", f"{FOLDER}/index.md", "Rapporter från arbetet.")
                       if reports else None,
                       pages=lambda reports: [(f"{FOLDER}/{r.slug}", r.report.title) for r in reports],
                       rank=25, templates=templates)  # after news (20), before the register (30)


def test_a_type_registered_here_gets_pages_search_api_sitemap_a_card_and_a_skeleton(project, tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from trygg.search.vocabulary import read_fragments
    from trygg.writers.new import create_page

    templates = tmp_path / "rapporter-typ"
    templates.mkdir()
    types = registry.in_order([*registry.registered_types(), reports_type(templates)])
    monkeypatch.setattr(registry, "registered_types", lambda: types)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TEST_EPOCH)
    root = project({"docs/index.md": "---\ntitle: Start\n---\n\n# Start\n\n<!-- trygg:startsida -->\n",
                    "content/nyheter/a.md": "---\ntitel: A\npublicerad: 2024-01-01\nsammanfattning: S\n---\n\nText.\n"})

    assert create_page(root, FOLDER, "Trygghetsmätningen 2030", today=TEST_DAY) == 0
    text = (root / "content/rapporter/trygghetsmatningen-2030.md").read_text("utf-8")
    (root / "content/rapporter/trygghetsmatningen-2030.md").write_text(
        text.replace("Skriv rapporten här.", "Nio av tio känner sig trygga i centrum."), encoding="utf-8")
    site = root / "site"
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.site_url = "http://127.0.0.1:8000/"
    build(config)

    report = (site / "rapporter/trygghetsmatningen-2030/index.html").read_text("utf-8")
    assert "Trygghetsmätningen 2030</h1>" in report and "Nio av tio känner sig trygga i centrum." in report
    listing = (site / "rapporter/index.html").read_text("utf-8")
    assert 'href="trygghetsmatningen-2030/"' in listing
    assert "/rapporter/trygghetsmatningen-2030/" in {p.url for p in read_fragments(site / "pagefind")}
    assert "<loc>http://127.0.0.1:8000/rapporter/trygghetsmatningen-2030/</loc>" in (site / "sitemap.xml").read_text()
    start = (site / "index.html").read_text("utf-8")
    assert "Rapporter från arbetet." in start  # its card
    cards = start.split('class="trygg-start-cards"', 1)[1].split("</div>", 1)[0]
    # the start page follows the site's menu: the sections mkdocs.yml's nav names, in its order, then
    # those it does not name (this one), as the menu adds them
    assert re.findall(r'<a href="([^"]+)">', cards) == ["nyheter/", "organisation/", "rapporter/"]
    # its own place among the types (ContentType.rank: loading, rendering, `trygg new`): after the news
    keys = [t.key for t in registry.registered_types()]
    assert keys[keys.index("nyheter") + 1] == FOLDER
    assert '<a href="rapporter/" class="md-nav__link">' in start  # in the menu, though mkdocs.yml does not name it
    index = json.loads((site / "api/index.json").read_text("utf-8"))
    assert index["collections"]["reports"]["count"] == 1
    reports = json.loads((site / "api/reports.json").read_text("utf-8"))
    schema = json.loads((site / "api/schema/reports.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(reports)
    assert reports["data"] == [{"id": "http://127.0.0.1:8000/api/reports.json#trygghetsmatningen-2030",
                                "type": "http://127.0.0.1:8000/api/schema/reports.json#Report",
                                "name": "Trygghetsmätningen 2030", "published": TEST_DAY.isoformat(),
                                "web": "http://127.0.0.1:8000/rapporter/trygghetsmatningen-2030/"}]
    broken = {**reports, "data": [{**reports["data"][0], "name": ""}]}
    assert not jsonschema.Draft202012Validator(schema).is_valid(broken)


def test_without_the_registration_the_project_knows_no_such_type():
    assert "rapporter" not in {t.key for t in registry.registered_types()}
