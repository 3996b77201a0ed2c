"""Organisation charts: `content/organisation/diagram/<slug>.yml` → `/organisation/<slug>/`.

The loader validates each chart (schema, register references, node references, no cycle of
'leder' edges) and reports every mistake with file and line. The renderer lays the chart out
(trygg.types.charts.layout), draws it as an inline SVG (templates/chart.svg.j2) and writes a page with
the SVG and a text alternative carrying the same information (templates/chart.md.j2).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from trygg.core.contenttype import Card, ContentType, EditorPlace, Link
from trygg.core.register import Entry, slugify
from trygg.core.rendering import Output, page
from trygg.core.skeleton import SiteNames, yaml_text
from trygg.core.validation import suggest
from trygg.models.chart import PASSIVE, Chart, ChartNode
from trygg.types.charts.layout import WIDE_WIDTH, Layout, LayoutEdge, LayoutNode, layout

if TYPE_CHECKING:
    from trygg.core.content import LoadContext
    from trygg.core.problems import Reporter
    from trygg.core.register import Resolver
    from trygg.core.rendering import Renderer
    from trygg.core.texts import Texts

CHARTS_DIR = "organisation/diagram"
URL_DIR = CHARTS_DIR  # the file tree is the model: content/organisation/diagram/x.yml → /organisation/diagram/x/
KEY = "diagram"
RESERVED_IDS = {"i-text", "delarna", "relaterat"}  # headings of the chart page itself


@dataclass(frozen=True)
class ResolvedNode:
    node: ChartNode
    id: str
    parent: str | None
    entry: Entry | None
    coordinator: Entry | None
    chair: Entry | None
    members: tuple[Entry, ...]


@dataclass(frozen=True)
class ResolvedEdge:
    source: str  # node ids
    target: str
    meaning: str
    note: str | None


@dataclass(frozen=True)
class LoadedChart:
    slug: str
    source: str
    chart: Chart
    nodes: tuple[ResolvedNode, ...]
    edges: tuple[ResolvedEdge, ...]
    related_lines: tuple[int | None, ...] = ()  # the line of each 'relaterat' entry

    @property
    def url(self) -> str:
        return f"/{URL_DIR}/{self.slug}/"

    def node(self, ref: str) -> ResolvedNode:
        """A node by its id or its name."""
        return next(n for n in self.nodes if ref in (n.id, n.node.label))


# --- loading and validation -------------------------------------------------------------------

def load_charts(ctx: LoadContext, resolver: Resolver) -> tuple[LoadedChart, ...]:
    charts = (_load_chart(ctx, path, resolver) for path in ctx.content_files(CHARTS_DIR, "*.yml"))
    return tuple(sorted((c for c in charts if c), key=lambda c: c.slug))


def _load_chart(ctx: LoadContext, path: Path, resolver: Resolver) -> LoadedChart | None:
    loaded = ctx.read_yaml(path, Chart)
    if loaded is None:
        return None
    parsed, chart = loaded
    report = ctx.reporter(path)
    line = parsed.line
    ids = _node_ids(chart, report, line)
    nodes = tuple(_resolve_node(chart, i, ids, report, line, resolver) for i in range(len(chart.nodes)))
    _check_parent_cycles(nodes, report, line)
    _check_edges(chart, ids, report, line)
    _check_leader_cycles(chart, ids, report, line)
    edges = tuple(ResolvedEdge(source, target, e.meaning, e.note) for e in chart.edges
                  if (source := _find_node(e.source, ids)) and (target := _find_node(e.target, ids)))
    related_lines = tuple(line(("relaterat", index)) for index in range(len(chart.related)))
    return LoadedChart(slugify(path.stem), ctx.rel(path), chart, nodes, edges, related_lines)



def _node_ids(chart: Chart, report: Reporter, line) -> dict[str, str]:
    """Map from every way a node may be referred to (id, name; folded) to its id."""
    ids: dict[str, str] = {}
    for index, node in enumerate(chart.nodes):
        node_id = slugify(node.id or node.label)
        if node_id in RESERVED_IDS:
            report.error(line(("noder", index)), f"noden '{node.label}' får id:t '{node_id}', som sidan redan använder",
                         "ge noden ett annat 'id'")
        elif node_id in ids.values():
            report.error(line(("noder", index)), f"noden '{node.label}' har samma id ('{node_id}') som en nod ovanför",
                         "ge noderna olika namn eller olika 'id'")
        for key in (node_id, node.label):
            ids.setdefault(key.casefold(), node_id)
    return ids


def _check_parent_cycles(nodes: tuple[ResolvedNode, ...], report: Reporter, line) -> None:
    """A node cannot be, through other nodes, part of itself."""
    parent: dict[str, str | None] = {}
    label: dict[str, str] = {}
    firsts = []
    for node in nodes:
        if node.id not in parent:  # a duplicate id is reported already; the first node counts
            parent[node.id], label[node.id] = node.parent, node.node.label
            firsts.append(node)
    reported: set[str] = set()
    for node in firsts:
        index = nodes.index(node)
        chain, current = [node.id], node.parent
        while current is not None and current not in chain and current in parent:
            chain.append(current)
            current = parent[current]
        if current == node.id and not reported & set(chain):
            reported |= set(chain)
            names = " → ".join(label[n] for n in [*chain, node.id])
            report.error(line(("noder", index, "del av")), f"'del av' går runt i en cirkel: {names}",
                         "en grupp kan inte vara en del av sig själv; ändra 'del av' på en av noderna")


def _find_node(ref: str, ids: dict[str, str]) -> str | None:
    return ids.get(ref.casefold()) or ids.get(slugify(ref))


def _node_hint(ref: str, chart: Chart) -> str:
    guess = suggest(ref, [n.label for n in chart.nodes] + [n.id for n in chart.nodes if n.id])
    return f"menade du '{guess}'?" if guess else "skriv nodens namn eller id så som det står under 'noder'"


def _resolve_node(chart: Chart, index: int, ids: dict[str, str], report: Reporter, line,
                  resolver: Resolver) -> ResolvedNode:
    node, where = chart.nodes[index], ("noder", index)

    def entry(name: str | None, *loc) -> Entry | None:
        return resolver.look_up(name, line((*where, *loc)), report)

    parent = None
    if node.part_of is not None:
        parent = _find_node(node.part_of, ids)
        if parent is None:
            report.error(line((*where, "del av")), f"'del av' pekar på noden '{node.part_of}' som inte finns",
                         _node_hint(node.part_of, chart))
    members = tuple(e for i, m in enumerate(node.members) if (e := entry(m, "deltagare", i)))
    return ResolvedNode(node, slugify(node.id or node.label), parent, entry(node.entry, "register"),
                        entry(node.coordinator, "samordnas av"), entry(node.chair, "ordförande"), members)


def _check_edges(chart: Chart, ids: dict[str, str], report: Reporter, line) -> None:
    for index, edge in enumerate(chart.edges):
        for key, ref in (("från", edge.source), ("till", edge.target)):
            if _find_node(ref, ids) is None:
                report.error(line(("kanter", index, key)), f"kanten pekar på noden '{ref}' som inte finns",
                             _node_hint(ref, chart))
        if _find_node(edge.source, ids) is not None and _find_node(edge.source, ids) == _find_node(edge.target, ids):
            report.error(line(("kanter", index)), f"kanten går från '{edge.source}' till samma nod",
                         "en kant ska förbinda två olika noder")


def _check_leader_cycles(chart: Chart, ids: dict[str, str], report: Reporter, line) -> None:
    """'leder' edges must form no cycle: nobody leads, through others, the one who leads them."""
    leads: dict[str, list[tuple[str, int]]] = {}
    for index, edge in enumerate(chart.edges):
        source, target = _find_node(edge.source, ids), _find_node(edge.target, ids)
        if edge.meaning == "leder" and source and target and source != target:
            leads.setdefault(source, []).append((target, index))
    label = {slugify(n.id or n.label): n.label for n in chart.nodes}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target, index in leads.get(node, []):
            if state.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                report.error(line(("kanter", index)),
                             "'leder'-kanterna bildar en cirkel: " + " → ".join(label[n] for n in cycle),
                             "ingen kan leda den som leder den själv; ta bort eller vänd en av kanterna")
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in label:  # in the writer's order, so the cycle is named from where the reader starts
        if node in leads and node not in state:
            visit(node)


# --- rendering ------------------------------------------------------------------------------------

# The display texts of the chart's kinds, levels and relations: their keys in the text catalogue (trygg.core.texts).
KIND_LABELS = {kind: f"diagram.typ.{kind}" for kind in
               ("nämnd", "förvaltning", "enhet", "grupp", "forum", "nätverk", "stadsdel")}
LEVEL_LABELS = {level: f"diagram.nivå.{level}" for level in ("strategisk", "taktisk", "operativ")}
# Line style per meaning: colour (≥ 4.5:1 on white), dash pattern, width. Never colour alone.
EDGE_STYLES = {
    "leder": ("#1b1b1b", None, 3),
    "samordnar": ("#005a8c", "9 5", 2.5),
    "stöder": ("#6b3fa0", "1 6", 3.5),
    "rapporterar till": ("#8a4b00", "12 4 3 4", 2.5),
    "del av": ("#5f6368", None, 2),
}
# Each relation ('betydelse:') and its passive ("leds av"): legend, text version and the lines' titles.
RELATION_LABELS = {verb: "diagram.relation." + verb.replace(" ", "_") for verb in (*EDGE_STYLES, *PASSIVE.values())}
# Light fills per kind; text on them stays above 12:1. The kind is also written in the text alternative.
KIND_FILLS = {"nämnd": "#e3eef7", "förvaltning": "#e3eef7", "enhet": "#efe8f7", "grupp": "#e6f3e8", "forum": "#fbf0e0",
              "nätverk": "#fbf0e0", "stadsdel": "#f1f2f3"}


@dataclass(frozen=True)
class Relation:
    verb: str  # "samordnar", "samordnas av", …
    others: tuple[tuple[ResolvedNode, str | None], ...]  # each node with the edge's note


def render_charts(charts: tuple[LoadedChart, ...], renderer: Renderer) -> list[Output]:
    """A page per chart and the list of charts; none without charts (the menu entry goes too)."""
    if not charts:
        return []
    body = renderer.template("charts.md.j2").render(charts=charts)
    meta = renderer.meta("list", renderer.texts["diagram.rubrik"],
                         renderer.texts["diagram.beskrivning"],
                         None, published=None, owner=None)
    return [*(_chart_page(chart, renderer) for chart in charts), Output(f"{URL_DIR}/index.md", page(meta, body))]


def _chart_page(loaded: LoadedChart, renderer: Renderer) -> Output:
    texts = renderer.texts
    drawn = chart_layout(loaded, texts)
    svg = chart_svg(loaded, drawn, renderer)
    # The same chart as a hierarchy for a wide screen; the page shows one of the two (trygg.css).
    wide = chart_svg(loaded, chart_layout(loaded, texts, wide=True), renderer, wide=True)
    order = [loaded.node(box.node.id) for box in drawn.boxes]
    depth = {box.node.id: _depth(loaded, box.node.id) for box in drawn.boxes}
    body = renderer.template("chart.md.j2").render(
        loaded=loaded, chart=loaded.chart, svg=svg, svg_wide=wide, order=order, depth=depth, relations=_relations(loaded, texts),
        kind_labels=_labels(KIND_LABELS, texts), level_labels=_labels(LEVEL_LABELS, texts), related=_related(loaded, renderer),
        decisions=_decisions_citing(loaded, renderer))
    meta = renderer.meta("list", loaded.chart.title, loaded.chart.summary, loaded.source, published=None, owner=None)
    meta["trygg_typ"] = texts["typ.organisation"]
    return Output(f"{URL_DIR}/{loaded.slug}/index.md", page(meta, body), loaded.source)


def chart_layout(loaded: LoadedChart, texts: Texts, *, wide: bool = False) -> Layout:
    nodes = [LayoutNode(n.id, n.node.label, _box_details(n, texts), n.node.level, n.parent, f"#{n.id}", n.node.kind)
             for n in loaded.nodes]
    edges = [LayoutEdge(e.source, e.target, e.meaning, f"{loaded.node(e.source).node.label} "
                        f"{texts[RELATION_LABELS[e.meaning]]} {loaded.node(e.target).node.label}")
             for e in loaded.edges]
    return layout(nodes, edges, width=WIDE_WIDTH, columns=3) if wide else layout(nodes, edges)


def chart_svg(loaded: LoadedChart, drawn: Layout, renderer: Renderer, *, wide: bool = False) -> str:
    """The chart as one inline <svg> element without blank lines (a raw HTML block in Markdown)."""
    svg = renderer.template("chart.svg.j2").render(
        prefix=f"diagram-{loaded.slug}" + ("-bred" if wide else ""), wide=wide, chart=loaded.chart, layout=drawn, styles=EDGE_STYLES,
        legend_labels=_labels(RELATION_LABELS, renderer.texts), fills=KIND_FILLS, fmt=_number)
    return "\n".join(line.strip() for line in svg.splitlines() if line.strip())


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _labels(keys: dict[str, str], texts: Texts) -> dict[str, str]:
    return {value: texts[key] for value, key in keys.items()}


def _box_details(node: ResolvedNode, texts: Texts) -> tuple[str, ...]:
    details = []
    if node.node.level:
        details.append(texts[LEVEL_LABELS[node.node.level]])
    if node.coordinator:
        details.append(texts.format("diagram.ruta_samordnas_av", namn=node.coordinator.name))
    return tuple(details)


def _depth(loaded: LoadedChart, node_id: str) -> int:
    depth, current = 0, loaded.node(node_id)
    while current.parent is not None and depth < len(loaded.nodes):
        current, depth = loaded.node(current.parent), depth + 1
    return depth


def _relations(loaded: LoadedChart, texts: Texts) -> dict[str, list[Relation]]:
    """Per node, its edges in words from its own side, one Relation per verb in the writer's order."""
    found: dict[str, dict[str, list]] = {n.id: {} for n in loaded.nodes}
    for edge in loaded.edges:
        source, target = loaded.node(edge.source), loaded.node(edge.target)
        found[source.id].setdefault(edge.meaning, []).append((target, edge.note))
        if not (edge.meaning == "samordnar" and source.entry and source.entry == target.coordinator):
            found[target.id].setdefault(PASSIVE[edge.meaning], []).append((source, edge.note))  # else said already
    return {node: [Relation(texts[RELATION_LABELS[verb]], tuple(others)) for verb, others in verbs.items()]
            for node, verbs in found.items()}


def _related(loaded: LoadedChart, renderer: Renderer) -> list[tuple[str, str]]:
    """(title, page) for each related page that exists."""
    links = []
    citing = {f"beslut/{d.slug}" for d in _decisions_citing(loaded, renderer)}  # listed with the decisions
    for target in loaded.chart.related:
        path = target.strip("/")
        title = renderer.content.page_title(path)
        if title is not None and path not in citing:
            links.append((title, f"{path}/index.md"))
    return links


def _decisions_citing(loaded: LoadedChart, renderer: Renderer) -> list:
    return [d for d in renderer.content.extra.get("beslut", ()) if d.decision.chart == loaded.slug]


def charts_card(charts: tuple[LoadedChart, ...], texts: Texts) -> Card | None:
    return Card(texts["diagram.rubrik"], f"{URL_DIR}/index.md", texts["start.diagram"]) if charts else None



def chart_skeleton(title: str, slug: str, today: dt.date, names: SiteNames = SiteNames()) -> tuple[str, str]:
    return f"content/organisation/diagram/{slug}.yml", f"""\
# Ett organisationsdiagram. Rader som börjar med # är kommentarer och syns inte på webbplatsen.
# Skapad {today.isoformat()}. Sidan hamnar på /organisation/diagram/{slug}/. Skriv bara det som
# underlaget säger.
# Kontrollera med: .venv/bin/trygg check   Förhandsgranska med: ./scripts/serve
titel: {yaml_text(title)}
sammanfattning: Skriv en mening om vad diagrammet visar.
källa: Skriv varifrån uppgifterna kommer, till exempel ett beslut och dess diarienummer
# inledning: En längre text som visas före diagrammet.
# relaterat: [beslut/filens-namn]       # sidor som diagrammet hör till
# utkast: true                           # syns då bara i förhandsvisningen
noder:
  - namn: {yaml_text(names.organisation)}
    typ: nämnd        # nämnd, förvaltning, enhet, grupp, forum, nätverk eller stadsdel
    register: {yaml_text(names.organisation)}   # namnet i registret, om noden finns där
  - namn: Arbetsgruppen
    typ: grupp
    # nivå: strategisk                    # strategisk, taktisk eller operativ
    # deltagare: [Polisen]                # namn eller förkortningar ur registret
    beskrivning: Skriv vad gruppen gör.
kanter:
  - från: {yaml_text(names.organisation)}
    till: Arbetsgruppen
    betydelse: leder  # leder, samordnar, stöder eller rapporterar till
"""


def charts_pages(charts: tuple[LoadedChart, ...]) -> list[tuple[str, str]]:
    return [(f"{CHARTS_DIR}/{c.slug}", c.chart.title) for c in charts]


def charts_links(charts: tuple[LoadedChart, ...]) -> list[Link]:
    return [Link(c.source, target, line) for c in charts for target, line in zip(c.chart.related, c.related_lines)]


CHART_TYPE = ContentType(KEY, load_charts, render_charts, rank=40, skeleton=chart_skeleton, card=charts_card,
                         pages=charts_pages, links=charts_links, templates=Path(__file__).parent,
                         editor=(EditorPlace(KEY, "diagram.rubrik", Chart, folder=CHARTS_DIR, extension="yml"),))
