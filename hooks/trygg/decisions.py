"""Decision documents: `content/beslut/<slug>.md` → `/beslut/<slug>/`, and the list at `/beslut/`.

The loader validates the front matter (trygg.models.decision), resolves the register references
(responsible body, officer, signatories) and checks that the related chart exists. The renderer
writes a page per decision (templates/decision.md.j2) and the list (templates/decisions.md.j2).
Where the source words the proposals twice, both wordings are shown and the difference marked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .api import decisions_collection
from .attachments import Attachment, load_attachments, report_unnamed
from .charts import CHARTS_DIR, URL_DIR as CHART_URL_DIR
from .models.decision import Decision
from .register import Entry, slugify
from .render import Output, page
from .skeletons import decision_skeleton
from .types import Card, ContentType
from .validation import suggest

if TYPE_CHECKING:
    from .content import LoadContext
    from .register import Resolver
    from .render import Renderer
    from .texts import Texts

DECISIONS_DIR = "beslut"
KEY = "beslut"
# The display texts of the kinds and statuses: their keys in the text catalogue (trygg.texts).
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
        if name is None:
            return None
        found = resolver.resolve(name)
        if found is None:
            report.error(doc.line(loc), f"'{name}' finns inte i registret", resolver.suggestion(name))
        return found

    other = decision.other_wording
    if other is not None and len(other.proposals) != len(decision.proposals):
        report.error(doc.line(("annan lydelse", "förslag")),
                     f"'annan lydelse' har {len(other.proposals)} förslag men 'förslag till beslut' har "
                     f"{len(decision.proposals)}", "skriv samma förslag i samma ordning i båda listorna")
    _check_chart(ctx, decision, report, doc.line(("relaterat diagram",)))
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
        tuple(files.values()),
    )


def _check_chart(ctx: LoadContext, decision: Decision, report, line: int | None) -> None:
    if decision.chart is None:
        return
    folder = ctx.root / "content" / CHARTS_DIR
    known = sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []
    if decision.chart not in known:
        guess = suggest(decision.chart, known)
        report.error(line, f"'relaterat diagram' pekar på '{decision.chart}' som inte finns",
                     f"menade du '{guess}'?" if guess else f"diagrammen ligger i content/{CHARTS_DIR}/")


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
    chart = next((c for c in renderer.content.extra.get("diagram", ()) if c.slug == decision.chart), None)
    body = renderer.template("decision.md.j2").render(
        loaded=loaded, decision=decision, chart=chart, chart_dir=CHART_URL_DIR, **_labels(renderer.texts),
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


DECISION_TYPE = ContentType(KEY, load_decisions, render_decisions, api=decisions_collection,
                            skeleton=decision_skeleton, card=decisions_card)
