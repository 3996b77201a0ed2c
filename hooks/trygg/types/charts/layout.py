"""Lays out an organisation chart for an inline SVG: pure geometry, no drawing, no randomness.

One column of boxes, top to bottom, so the chart stays readable on a 320 px phone: nodes are
ordered by level (strategisk above taktisk above operativ) and by their edges (a node that
leads, coordinates or supports comes above the node it acts on; a node that reports comes below
the one it reports to; where an edge contradicts the levels, the levels win), otherwise in the
writer's order. Children (`del av`) follow their parent,
indented, joined by tree lines. Edges run in lanes to the right of the boxes, each lane shared
only by edges whose vertical spans do not overlap.

Units are SVG user units in a viewBox WIDTH wide; at 320 px the text is 18 × 296/360 ≈ 14.8 px.

Where there is room (a desktop screen), `layout(…, width=WIDE_WIDTH, columns=3)` draws the same
chart as a hierarchy: children that are leaves and that no edge touches stand side by side in
rows under their parent, joined to it by a bus line, as an organisation chart is drawn on paper.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 360
WIDE_WIDTH = 760  # about the text column of a desktop page, so the text keeps its size there
FONT = 18
LINE = 23
PAD = 9
GAP = 14
INDENT = 24
MARGIN = 3
LANE = 13
LANES_MAX_WIDTH = 104  # past 8 lanes they move closer together, so boxes keep room for text
MAX_INDENT_DEPTH = 4  # deeper children are not indented further (the tree lines still show the nesting)
# Average glyph widths in em, pessimistic (DejaVu Sans is among the widest sans fonts).
BOLD_EM = 0.62
REGULAR_EM = 0.56

MEANINGS = ("leder", "samordnar", "stöder", "rapporterar till")
LEVEL_ORDER = {"strategisk": 0, "taktisk": 1, "operativ": 2}


@dataclass(frozen=True)
class LayoutNode:
    id: str
    label: str
    details: tuple[str, ...]  # shorter lines under the label, e.g. "Strategisk nivå"
    level: str | None
    parent: str | None
    href: str
    kind: str


@dataclass(frozen=True)
class LayoutEdge:
    source: str
    target: str
    meaning: str
    title: str


@dataclass(frozen=True)
class TextLine:
    text: str
    x: float
    y: float
    bold: bool


@dataclass(frozen=True)
class Box:
    node: LayoutNode
    x: float
    y: float
    w: float
    h: float
    lines: tuple[TextLine, ...]

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True)
class Route:
    edge: LayoutEdge
    points: tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class LegendRow:
    meaning: str  # an edge meaning, or "del av"
    y: float


@dataclass(frozen=True)
class Layout:
    width: int
    height: float
    boxes: tuple[Box, ...]
    routes: tuple[Route, ...]
    tree_lines: tuple[tuple[tuple[float, float], ...], ...]
    legend: tuple[LegendRow, ...]


def layout(nodes: list[LayoutNode], edges: list[LayoutEdge], *, width: int = WIDTH, columns: int = 1) -> Layout:
    """Place every node and route every edge; the same input always gives the same output."""
    ordered = order_nodes(nodes, edges)
    lanes = _assign_lanes(ordered, edges)
    lane_count = max(lanes.values(), default=-1) + 1
    lane_width = min(LANE, LANES_MAX_WIDTH / lane_count) if lane_count else LANE
    right = width - MARGIN - (8 + lane_count * lane_width if lane_count else 0)
    at_edges = {end for e in edges for end in (e.source, e.target)}
    boxes, y, buses = _place_boxes(ordered, right, _rows(ordered, at_edges, columns), columns)
    by_id = {b.node.id: b for b in boxes}
    routes = tuple(_route(e, by_id, right, lanes[i] * lane_width + lane_width / 2, _end_slots(edges, i))
                   for i, e in enumerate(edges))
    tree = tuple(_tree_lines(boxes, by_id, buses))
    used = [m for m in MEANINGS if any(e.meaning == m for e in edges)] + (["del av"] if tree else [])
    legend = tuple(LegendRow(m, y + 12 + i * (LINE + 8)) for i, m in enumerate(used))
    height = y + (12 + len(used) * (LINE + 8) if used else 0) + MARGIN
    return Layout(width, round(height, 1), tuple(boxes), routes, tree, legend)


def _rows(ordered: list[tuple[LayoutNode, int]], at_edges: set[str], columns: int) -> list[tuple[list[int], bool]]:
    """Indexes into `ordered` row by row, each row marked when it is part of a grid: with
    columns > 1, a run of two or more consecutive leaf siblings that no edge touches fills rows of
    up to `columns` (an edge needs its box at the lanes' side)."""
    parents = {node.parent for node, _ in ordered}

    def side_by_side(i: int) -> bool:
        node = ordered[i][0]
        return columns > 1 and node.parent is not None and node.id not in parents and node.id not in at_edges

    runs: list[list[int]] = []
    for i, (node, _) in enumerate(ordered):
        last = runs[-1] if runs else None
        if last and side_by_side(i) and side_by_side(last[0]) and ordered[last[0]][0].parent == node.parent:
            last.append(i)
        else:
            runs.append([i])
    return [(run[k:k + columns], True) if len(run) > 1 else (run, False)
            for run in runs for k in range(0, len(run), columns if len(run) > 1 else 1)]


def order_nodes(nodes: list[LayoutNode], edges: list[LayoutEdge]) -> list[tuple[LayoutNode, int]]:
    """Top-level nodes in a stable topological order, each followed by its children: (node, depth)."""
    parent = {n.id: n.parent for n in nodes}
    top = [n for n in nodes if n.parent is None]
    after = _constraints(top, edges, lambda node_id: _root(node_id, parent))
    placed = _stable_topological(top, after)
    children: dict[str, list[LayoutNode]] = {}
    for node in nodes:
        if node.parent is not None:
            children.setdefault(node.parent, []).append(node)
    result: list[tuple[LayoutNode, int]] = []

    def visit(node: LayoutNode, depth: int) -> None:
        result.append((node, depth))
        for child in children.get(node.id, []):
            visit(child, depth + 1)

    for node in placed:
        visit(node, 0)
    return result


def _root(node_id: str, parent: dict[str, str | None]) -> str:
    seen = {node_id}
    while parent.get(node_id) is not None and parent[node_id] not in seen:
        node_id = parent[node_id]  # type: ignore[assignment]
        seen.add(node_id)
    return node_id


def _constraints(top: list[LayoutNode], edges: list[LayoutEdge], root) -> dict[str, set[str]]:
    """For each top-level node, the nodes that must come above it; never a cycle.

    Levels come first and always hold; then each edge in the writer's order, unless it would
    contradict what is already fixed (e.g. a 'taktisk' node that leads a 'strategisk' one).
    """
    above: dict[str, set[str]] = {n.id: set() for n in top}
    levels = sorted({LEVEL_ORDER[n.level] for n in top if n.level})
    for higher, lower_level in zip(levels, levels[1:]):
        for node in top:
            if node.level and LEVEL_ORDER[node.level] == lower_level:
                above[node.id] |= {n.id for n in top if n.level and LEVEL_ORDER[n.level] == higher}
    for edge in edges:
        upper, lower = root(edge.source), root(edge.target)
        if edge.meaning == "rapporterar till":
            upper, lower = lower, upper
        if upper != lower and upper in above and lower in above and lower not in _ancestors(upper, above):
            above[lower].add(upper)
    return above


def _ancestors(node: str, above: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    stack = [node]
    while stack:
        for upper in above[stack.pop()]:
            if upper not in seen:
                seen.add(upper)
                stack.append(upper)
    return seen


def _stable_topological(top: list[LayoutNode], above: dict[str, set[str]]) -> list[LayoutNode]:
    """Kahn's algorithm that always takes the earliest-written node that is free."""
    remaining = list(top)
    done: set[str] = set()
    placed = []
    while remaining:
        free = next(n for n in remaining if above[n.id] <= done)  # exists: the constraints have no cycle
        placed.append(free)
        done.add(free.id)
        remaining.remove(free)
    return placed


def wrap(text: str, width: float, em: float) -> list[str]:
    """Greedy word wrap by estimated glyph width; a word longer than a line gets a line of its own."""
    limit = max(1, int(width / (FONT * em)))
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _place_boxes(ordered: list[tuple[LayoutNode, int]], right: float, rows: list[tuple[list[int], bool]],
                 columns: int) -> tuple[list[Box], float, dict[str, float]]:
    """Boxes row by row, and for each box in a row of several the y of the bus line above it."""
    boxes: list[Box] = []
    buses: dict[str, float] = {}
    y = float(MARGIN)
    for row, grid in rows:
        depth = ordered[row[0]][1]
        left = MARGIN + min(depth, MAX_INDENT_DEPTH) * INDENT
        if grid:
            y += GAP  # room for the bus line
        across = columns if grid else 1  # a short last row keeps the others' box width
        width = (right - left - GAP * (across - 1)) / across
        texts = [_box_texts(ordered[i][0], width - 2 * PAD) for i in row]
        h = 2 * PAD + max(len(t) for t in texts) * LINE
        for column, (i, lines_of) in enumerate(zip(row, texts)):
            node = ordered[i][0]
            x = left + column * (width + GAP)
            lines = tuple(TextLine(t, x + PAD, y + PAD + (k + 1) * LINE - 6, bold) for k, (t, bold) in enumerate(lines_of))
            boxes.append(Box(node, x, y, width, h, lines))
            if grid:
                buses[node.id] = y - GAP / 2 - 2
        y += h + GAP
    return boxes, y, buses


def _box_texts(node: LayoutNode, inner: float) -> list[tuple[str, bool]]:
    texts = [(t, True) for t in wrap(node.label, inner, BOLD_EM)]
    return texts + [(t, False) for d in node.details for t in wrap(d, inner, REGULAR_EM)]


def _assign_lanes(ordered: list[tuple[LayoutNode, int]], edges: list[LayoutEdge]) -> dict[int, int]:
    """Lane per edge index; shorter edges get the lanes nearer the boxes."""
    row = {node.id: i for i, (node, _) in enumerate(ordered)}
    spans = sorted(((abs(row[e.source] - row[e.target]), min(row[e.source], row[e.target]),
                     max(row[e.source], row[e.target]), i) for i, e in enumerate(edges)))
    lanes: dict[int, int] = {}
    occupied: list[list[tuple[int, int]]] = []
    for _, start, end, i in spans:
        lane = next((k for k, used in enumerate(occupied)
                     if all(end < s or start > e for s, e in used)), len(occupied))
        if lane == len(occupied):
            occupied.append([])
        occupied[lane].append((start, end))
        lanes[i] = lane
    return lanes


def _end_slots(edges: list[LayoutEdge], i: int) -> tuple[float, float]:
    """Vertical offsets of edge i where it leaves its source and enters its target, so ends don't overlap."""

    def slot(node: str) -> float:
        ends = [j for j, e in enumerate(edges) if node in (e.source, e.target)]
        k = ends.index(i)
        return (k - (len(ends) - 1) / 2) * 8

    return slot(edges[i].source), slot(edges[i].target)


def _route(edge: LayoutEdge, by_id: dict[str, Box], right: float, offset: float, slots: tuple[float, float]) -> Route:
    source, target = by_id[edge.source], by_id[edge.target]
    x = right + 8 + offset
    y1, y2 = source.cy + slots[0], target.cy + slots[1]
    points = ((right, y1), (x, y1), (x, y2), (right + 1, y2))
    return Route(edge, tuple((round(a, 1), round(b, 1)) for a, b in points))


def _tree_lines(boxes: list[Box], by_id: dict[str, Box], buses: dict[str, float]):
    for box in boxes:
        parent = box.node.parent
        if parent is None or parent not in by_id:
            continue
        upper = by_id[parent]
        x = min(upper.x + INDENT / 2, box.x - INDENT / 2) if box.node.id not in buses else upper.x + INDENT / 2
        if box.node.id in buses:  # side by side: down the trunk, along the bus, down into the box
            bus, mid = buses[box.node.id], box.x + box.w / 2
            points = ((x, upper.y + upper.h), (x, bus), (mid, bus), (mid, box.y))
        else:
            points = ((x, upper.y + upper.h), (x, box.cy), (box.x, box.cy))
        yield tuple((round(a, 1), round(b, 1)) for a, b in points)
