"""Decision documents: `content/beslut/<slug>.md` → `/beslut/<slug>/`, and the list at `/beslut/`.

The loader validates the front matter (trygg.models.decision), resolves the register references
(responsible body, officer, signatories) and checks that the related chart exists. The renderer
writes a page per decision (templates/decision.md.j2) and the list (templates/decisions.md.j2).
Where the source words the proposals twice, both wordings are shown and the difference marked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from trygg.core.api import (OPARL, Collection, Day, File, Item, Name, Reference, Uri, api_id, file_item, reference,
                            validated)
from trygg.core.attachments import Attachment, load_attachments, report_unnamed
from trygg.core.contenttype import Card, ContentType, EditorPlace, Link
from trygg.core.register import Entry, slugify
from trygg.core.rendering import Output, SiteInfo, page
from trygg.core.skeleton import SiteNames, yaml_text
from trygg.models.decision import Decision, DecisionKind, Status

if TYPE_CHECKING:
    from trygg.core.content import LoadContext
    from trygg.core.register import Resolver
    from trygg.core.rendering import Renderer
    from trygg.core.texts import Texts

DECISIONS_DIR = "beslut"
# Where 'relaterat diagram' names a chart: content/organisation/diagram/<namn>.yml → /organisation/diagram/<namn>/
# (the charts type's folder; a type never imports another, see trygg.registry: the chart's title
# comes from the one cross-reference look-up, Content.page_title)
CHARTS_DIR = CHART_URL_DIR = "organisation/diagram"
KEY = "beslut"
# The display texts of the kinds and statuses: their keys in the text catalogue (trygg.core.texts).
KIND_LABELS = {kind: f"beslut.typ.{kind}" for kind in ("beslutsförslag", "beslut")}
STATUS_LABELS = {status: f"beslut.status.{status}" for status in ("förslag", "tillstyrkt", "beslutat", "avslaget")}


@dataclass(frozen=True)
class LoadedDecision:
    slug: str
    source: str
    decision: Decision
    body: str
    responsible: Entry | None
    officer: Entry | None
    department: Entry | None
    endorsed_by: Entry | None
    head_of_division: Entry | None
    signatories: tuple[Entry | None, ...]
    attachments: tuple[Attachment, ...] = ()  # the files under 'filer', from content/beslut/<namn>/
    chart_line: int | None = None  # where 'relaterat diagram' stands

    @property
    def url(self) -> str:
        return f"/{DECISIONS_DIR}/{self.slug}/"

    @property
    def differences(self) -> list[tuple[int, str, str]]:
        """(number, published wording, other wording) for each proposal worded differently."""
        other = self.decision.other_wording
        if other is None:
            return []
        pairs = zip(self.decision.proposals, other.proposals)
        return [(i, a, b) for i, (a, b) in enumerate(pairs, 1) if a != b]


def load_decisions(ctx: LoadContext, resolver: Resolver) -> tuple[LoadedDecision, ...]:
    found = (_load_decision(ctx, path, resolver) for path in ctx.content_files(DECISIONS_DIR, "*.md"))
    return tuple(sorted((d for d in found if d), key=lambda d: (d.decision.date, d.slug), reverse=True))


def _load_decision(ctx: LoadContext, path: Path, resolver: Resolver) -> LoadedDecision | None:
    loaded = ctx.read(path, Decision)
    if loaded is None:
        return None
    doc, decision = loaded
    report = ctx.reporter(path)

    def entry(name: str | None, *loc) -> Entry | None:
        return resolver.look_up(name, doc.line(loc), report)

    other = decision.other_wording
    if other is not None and len(other.proposals) != len(decision.proposals):
        report.error(doc.line(("annan lydelse", "förslag")),
                     f"'annan lydelse' har {len(other.proposals)} förslag men 'förslag till beslut' har "
                     f"{len(decision.proposals)}", "skriv samma förslag i samma ordning i båda listorna")
    if not doc.body.strip():
        report.error(doc.body_line, "beslutet har ingen text", "skriv bakgrunden under sidhuvudet")
    folder, rel_folder = path.with_suffix(""), ctx.rel(path.with_suffix(""))
    refs = [(("filer", i, "fil"), ref) for i, ref in enumerate(decision.files)]
    files = load_attachments(folder, rel_folder, refs, doc, report)
    report_unnamed(folder, rel_folder, [ref.file for _, ref in refs], report)
    return LoadedDecision(
        slugify(path.stem), ctx.rel(path), decision, doc.body,
        entry(decision.responsible, "ansvarig"), entry(decision.officer.name, "handläggare", "namn"),
        entry(decision.department, "förvaltning"),
        entry(decision.endorsed.by if decision.endorsed else None, "tillstyrkt", "av"),
        entry(decision.head_of_division.by if decision.head_of_division else None, "avdelningschef", "av"),
        tuple(entry(s.name, "underskrifter", i, "namn") for i, s in enumerate(decision.signatures)),
        tuple(files.values()), doc.line(("relaterat diagram",)),
    )


def decisions_links(decisions: tuple[LoadedDecision, ...]) -> list[Link]:
    """'relaterat diagram' names a chart: checked against every type's pages (trygg.core.content)."""
    return [Link(d.source, d.decision.chart, d.chart_line, "relaterat diagram", f"{CHARTS_DIR}/")
            for d in decisions if d.decision.chart]


def render_decisions(decisions: tuple[LoadedDecision, ...], renderer: Renderer) -> list[Output]:
    if not decisions:  # a type with no content has no pages
        return []
    outputs = [_decision_page(d, renderer) for d in decisions]
    outputs += [Output(f"{DECISIONS_DIR}/{d.slug}/{a.file}", a.data, a.source) for d in decisions for a in d.attachments]
    body = renderer.template("decisions.md.j2").render(decisions=decisions, **_labels(renderer.texts))
    meta = renderer.meta("list", renderer.texts["beslut.rubrik"], renderer.texts["beslut.beskrivning"],
                         None, published=None, owner=None)
    outputs.append(Output(f"{DECISIONS_DIR}/index.md", page(meta, body)))
    return outputs


def _decision_page(loaded: LoadedDecision, renderer: Renderer) -> Output:
    decision = loaded.decision
    chart_title = renderer.content.page_title(f"{CHARTS_DIR}/{decision.chart}") if decision.chart else None
    body = renderer.template("decision.md.j2").render(
        loaded=loaded, decision=decision, chart_title=chart_title, chart_dir=CHART_URL_DIR, **_labels(renderer.texts),
        signatures=list(zip(decision.signatures, loaded.signatories)),
        # a decision's documents are dated by the writer or by the decision, in the API as well
        file_date={a.file: a.dated({}, decision.date) for a in loaded.attachments})
    description = renderer.texts.format("beslut.sidbeskrivning", sammanfattning=decision.summary,
                                        diarienummer=decision.reference)
    meta = renderer.meta("list", decision.title, description, loaded.source, published=None, owner=None)
    meta["trygg_typ"] = renderer.texts[KIND_LABELS[decision.kind]]
    meta["diarienummer"] = decision.reference
    return Output(f"{DECISIONS_DIR}/{loaded.slug}/index.md", page(meta, body), loaded.source)


def _labels(texts: Texts) -> dict[str, dict[str, str]]:
    return {"kind_labels": {kind: texts[key] for kind, key in KIND_LABELS.items()},
            "status_labels": {status: texts[key] for status, key in STATUS_LABELS.items()}}


def decisions_card(decisions: tuple[LoadedDecision, ...], texts: Texts) -> Card | None:
    return Card(texts["beslut.rubrik"], f"{DECISIONS_DIR}/index.md", texts["start.beslut"]) if decisions else None



def decision_skeleton(title: str, slug: str, today: dt.date, names: SiteNames = SiteNames()) -> tuple[str, str]:
    return f"content/beslut/{slug}.md", f"""\
---
# Ett beslut eller beslutsförslag. Rader som börjar med # är kommentarer och syns inte på
# webbplatsen. Skriv allt precis som i underlaget. Namn ska finnas i content/organisation/.
# Kontrollera med: .venv/bin/trygg check   Förhandsgranska med: ./scripts/serve
titel: {yaml_text(title)}
typ: beslutsförslag     # eller: beslut
diarienummer: Skriv diarienumret
datum: {today.isoformat()}
sammanfattning: Skriv en eller två meningar om vad beslutet gäller.
ansvarig: {yaml_text(names.organisation)}
handläggare:
  namn: {yaml_text(names.person)}   # byt till handläggarens namn, som i registret
  # telefon: som i underlaget
status: förslag         # förslag, tillstyrkt, beslutat eller avslaget
förslag till beslut:
  - Skriv förslaget till beslut.
# förvaltning: {names.organisation}
# utkast: true           # syns då bara i förhandsvisningen
---

Skriv bakgrunden här, med mellanrubriker som ## Bakgrund.
"""



# --- open data (trygg.core.api) ------------------------------------------------------------

class PaperItem(Item):
    """Ett beslut eller beslutsförslag (OParl Paper)."""

    id: Uri
    type: Literal[OPARL + "Paper"]
    name: Name
    reference: Name = Field(description="Diarienumret.")
    date: Day
    paperType: DecisionKind  # noqa: N815 - OParl's names
    status: Status
    description: str
    web: Uri
    proposals: list[Name] = Field(min_length=1, description="Förslagen till beslut, i underlagets ordning.")
    underDirectionOf: list[Reference]  # noqa: N815
    originator: list[Reference]
    officer: list[Reference]
    signatory: list[Reference]
    endorsedBy: list[Reference]  # noqa: N815
    endorsed: Day | None
    auxiliaryFile: list[File]  # noqa: N815


def decisions_collection(decisions: Sequence[Any], site: SiteInfo, extra: Mapping[str, Any] | None = None,
                last_changed: Mapping[str, dt.date] | None = None) -> Collection:
    """Decision documents as OParl Paper: reference number, date, status, proposals, people."""
    items = validated(PaperItem, (_paper(loaded, site) for loaded in decisions))
    return Collection("papers", "Paper", sorted(items, key=lambda i: i["id"]), model=PaperItem,
                      title="Beslut och beslutsförslag (Paper)")


def _paper(loaded: Any, site: SiteInfo) -> dict[str, Any]:
    decision = loaded.decision
    refs = lambda entries: [reference(e, site) for e in entries if e is not None]  # noqa: E731
    return {
        "id": api_id(site, "papers", loaded.slug), "type": OPARL + "Paper", "name": decision.title,
        "reference": decision.reference, "date": decision.date.isoformat(), "paperType": decision.kind,
        "status": decision.status, "description": decision.summary, "web": site.url + loaded.url.lstrip("/"),
        "proposals": list(decision.proposals),
        "underDirectionOf": refs([loaded.department]), "originator": refs([loaded.responsible]),
        "officer": refs([loaded.officer]), "signatory": refs(loaded.signatories),
        "endorsedBy": refs([loaded.endorsed_by]),
        "endorsed": decision.endorsed.date.isoformat() if decision.endorsed else None,
        "auxiliaryFile": [file_item(api_id(site, "papers", loaded.slug), f, site.url + loaded.url.lstrip("/"),
                                f.dated({}, decision.date)) for f in loaded.attachments],
    }


def decisions_pages(decisions: tuple[LoadedDecision, ...]) -> list[tuple[str, str]]:
    return [(f"{DECISIONS_DIR}/{d.slug}", d.decision.title) for d in decisions]


DECISION_TYPE = ContentType(KEY, load_decisions, render_decisions, rank=50, api=decisions_collection,
                            skeleton=decision_skeleton, card=decisions_card, pages=decisions_pages,
                            links=decisions_links, templates=Path(__file__).parent,
                            editor=(EditorPlace(KEY, "beslut.rubrik", Decision, folder=DECISIONS_DIR, body=True),))
