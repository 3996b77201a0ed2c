"""Organisation charts: loading and validation (exact Swedish messages), layout and the inline SVG."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT
from trygg.chart_layout import LayoutEdge, LayoutNode, WIDE_WIDTH, WIDTH, FONT, BOLD_EM, REGULAR_EM, PAD, layout
from trygg.charts import chart_layout, chart_svg
from trygg.content import load_content
from trygg.pipeline import check_site
from trygg.problems import ContentError
from trygg.render import Renderer, SiteInfo
from trygg.types import registered_types

CHART = "content/organisation/diagram/d.yml"
SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
GOLDEN = Path(__file__).parent / "golden" / "chart_small.svg"

VALID_CHART = """\
titel: Ett litet diagram
sammanfattning: Tre delar.
källa: ett test
noder:
  - namn: Kommunstyrelsen
    typ: nämnd
    register: Kommunstyrelsen
  - namn: Rådet
    typ: forum
    nivå: taktisk
    samordnas av: Fritids- och folkhälsonämnden
  - namn: Gruppen
    typ: grupp
    nivå: operativ
    del av: Rådet
kanter:
  - från: Kommunstyrelsen
    till: Rådet
    betydelse: leder
  - från: Gruppen
    till: Kommunstyrelsen
    betydelse: rapporterar till
"""


def load(project, files: dict[str, str]):
    return load_content(project(files), types=registered_types())


def problems_for(project, text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(project, {CHART: text})
    return [str(p) for p in caught.value.problems]


def test_a_valid_chart_loads_with_its_references_resolved(project):
    content = load(project, {CHART: VALID_CHART})
    (chart,) = content.extra["diagram"]
    assert chart.url == "/organisation/diagram/d/"
    council = chart.node("Rådet")
    assert council.coordinator.name == "Fritids- och folkhälsonämnden"
    assert chart.node("Gruppen").parent == "radet"
    assert chart.node("Kommunstyrelsen").entry.id == "kommunstyrelsen"


CASES = {
    "a cycle of 'leder' edges": (
        VALID_CHART + "  - från: Rådet\n    till: Kommunstyrelsen\n    betydelse: leder\n",
        [f"{CHART}:23: fel: 'leder'-kanterna bildar en cirkel: Kommunstyrelsen → Rådet → Kommunstyrelsen "
         "(ingen kan leda den som leder den själv; ta bort eller vänd en av kanterna)"]),
    "an unknown register reference": (
        VALID_CHART.replace("samordnas av: Fritids- och folkhälsonämnden", "samordnas av: Fritids och folkhalsonamnden"),
        [f"{CHART}:11: fel: 'Fritids och folkhalsonamnden' finns inte i registret "
         "(menade du 'Fritids- och folkhälsonämnden'?)"]),
    "an edge to an unknown node": (
        VALID_CHART.replace("    till: Rådet\n", "    till: Rådett\n"),
        [f"{CHART}:18: fel: kanten pekar på noden 'Rådett' som inte finns (menade du 'Rådet'?)"]),
    "a node without a label": (
        VALID_CHART.replace("  - namn: Gruppen\n    typ: grupp", "  - typ: grupp"),
        [f"{CHART}:12: fel: fältet 'namn' saknas (lägg till 'namn: …')"]),
    "a node with an empty label": (
        VALID_CHART.replace("namn: Gruppen", 'namn: ""'),
        [f"{CHART}:12: fel: 'namn' får inte vara tom"]),
    "an unknown meaning": (
        VALID_CHART.replace("betydelse: leder", "betydelse: leds"),
        [f"{CHART}:19: fel: 'leds' är inget tillåtet värde för 'betydelse' (menade du 'leder'?)"]),
    "a parent that does not exist": (
        VALID_CHART.replace("del av: Rådet", "del av: Rådetz"),
        [f"{CHART}:15: fel: 'del av' pekar på noden 'Rådetz' som inte finns (menade du 'Rådet'?)"]),
    "two nodes with one id": (
        VALID_CHART.replace("namn: Gruppen", "namn: Rådet!"),
        [f"{CHART}:12: fel: noden 'Rådet!' har samma id ('radet') som en nod ovanför "
         "(ge noderna olika namn eller olika 'id')",
         f"{CHART}:20: fel: kanten pekar på noden 'Gruppen' som inte finns "
         "(skriv nodens namn eller id så som det står under 'noder')"]),
    "a node whose id the page already uses": (
        VALID_CHART.replace("namn: Gruppen", "namn: Delarna"),
        [f"{CHART}:12: fel: noden 'Delarna' får id:t 'delarna', som sidan redan använder (ge noden ett annat 'id')",
         f"{CHART}:20: fel: kanten pekar på noden 'Gruppen' som inte finns "
         "(skriv nodens namn eller id så som det står under 'noder')"]),
    "a node that is part of itself": (
        VALID_CHART.replace("    samordnas av: Fritids- och folkhälsonämnden\n",
                            "    samordnas av: Fritids- och folkhälsonämnden\n    del av: Gruppen\n"),
        [f"{CHART}:12: fel: 'del av' går runt i en cirkel: Rådet → Gruppen → Rådet "
         "(en grupp kan inte vara en del av sig själv; ändra 'del av' på en av noderna)"]),
    "an edge from a node to itself": (
        VALID_CHART.replace("    till: Rådet\n", "    till: Kommunstyrelsen\n"),
        [f"{CHART}:17: fel: kanten går från 'Kommunstyrelsen' till samma nod (en kant ska förbinda två olika noder)"]),
}


@pytest.mark.parametrize("case", CASES)
def test_each_chart_mistake_gets_its_exact_swedish_message(project, case):
    text, expected = CASES[case]
    assert problems_for(project, text) == expected


def test_a_longer_cycle_is_named_in_order(project):
    text = VALID_CHART.replace("    betydelse: rapporterar till\n", "    betydelse: leder\n") + \
        "  - från: Rådet\n    till: Gruppen\n    betydelse: leder\n"
    assert problems_for(project, text) == [
        f"{CHART}:20: fel: 'leder'-kanterna bildar en cirkel: Kommunstyrelsen → Rådet → Gruppen → Kommunstyrelsen "
        "(ingen kan leda den som leder den själv; ta bort eller vänd en av kanterna)"]


def test_a_cycle_of_other_meanings_is_allowed(project):
    text = VALID_CHART + "  - från: Rådet\n    till: Kommunstyrelsen\n    betydelse: stöder\n"
    assert len(load(project, {CHART: text}).extra["diagram"][0].edges) == 3


# --- layout -----------------------------------------------------------------------------------

def _node(node_id: str, level: str | None = None, parent: str | None = None, label: str | None = None) -> LayoutNode:
    return LayoutNode(node_id, label or node_id, (), level, parent, f"#{node_id}", "grupp")


def _order(drawn) -> list[str]:
    return [b.node.id for b in drawn.boxes]


def test_levels_go_top_down_whatever_the_writers_order():
    drawn = layout([_node("o", "operativ"), _node("t", "taktisk"), _node("s", "strategisk")], [])
    assert _order(drawn) == ["s", "t", "o"]


def test_who_leads_comes_above_and_who_reports_comes_below():
    nodes = [_node("a"), _node("b"), _node("c")]
    edges = [LayoutEdge("b", "a", "leder", ""), LayoutEdge("a", "c", "rapporterar till", "")]
    assert _order(layout(nodes, edges)) == ["b", "c", "a"]


def test_levels_win_over_an_edge_that_contradicts_them():
    nodes = [_node("t", "taktisk"), _node("s", "strategisk")]
    assert _order(layout(nodes, [LayoutEdge("t", "s", "leder", "")])) == ["s", "t"]


def test_children_follow_their_parent_indented_and_boxes_never_overlap():
    nodes = [_node("p"), _node("x"), _node("c1", parent="p"), _node("c2", parent="p")]
    drawn = layout(nodes, [LayoutEdge("x", "c2", "stöder", "")])
    assert _order(drawn) == ["x", "p", "c1", "c2"]
    boxes = {b.node.id: b for b in drawn.boxes}
    assert boxes["c1"].x > boxes["p"].x
    for upper, lower in zip(drawn.boxes, drawn.boxes[1:]):
        assert upper.y + upper.h < lower.y
    assert all(0 <= b.x and b.x + b.w <= WIDTH for b in drawn.boxes)


def test_where_there_is_room_leaf_children_stand_side_by_side_under_their_parent():
    nodes = [_node("p"), _node("x"), *(_node(f"c{i}", parent="p") for i in range(1, 6))]
    drawn = layout(nodes, [LayoutEdge("x", "c5", "stöder", "")], width=WIDE_WIDTH, columns=3)
    boxes = {b.node.id: b for b in drawn.boxes}
    assert drawn.width == WIDE_WIDTH
    # c1–c3 in a row, c4 below c1 with c1's width; c5 has an edge, so it keeps a row of its own by the lanes
    assert boxes["c1"].y == boxes["c2"].y == boxes["c3"].y < boxes["c4"].y < boxes["c5"].y
    assert boxes["c1"].x < boxes["c2"].x < boxes["c3"].x and boxes["c4"].x == boxes["c1"].x
    assert boxes["c4"].w == boxes["c1"].w < boxes["c5"].w
    for a in drawn.boxes:  # no two boxes overlap
        for b in drawn.boxes:
            if a is not b:
                assert a.x + a.w <= b.x or b.x + b.w <= a.x or a.y + a.h <= b.y or b.y + b.h <= a.y
    # each child in a row hangs from a bus line: down the trunk, along, down into the box's top
    lines = {line[-1]: line for line in drawn.tree_lines}
    c2 = boxes["c2"]
    assert lines[(round(c2.x + c2.w / 2, 1), round(c2.y, 1))][0][1] == round(boxes["p"].y + boxes["p"].h, 1)
    assert layout(nodes, [], columns=1) == layout(nodes, [])  # one column: as before


def test_long_labels_wrap_inside_their_box():
    label = "Nätverket för brottsförebyggande och trygghetsfrämjande åtgärder i hela staden"
    drawn = layout([_node("n", label=label)], [])
    (box,) = drawn.boxes
    assert len(box.lines) > 1
    assert " ".join(line.text for line in box.lines) == label
    for line in box.lines:
        assert len(line.text) * FONT * (BOLD_EM if line.bold else REGULAR_EM) <= box.w - 2 * PAD


def test_edges_that_overlap_get_separate_lanes():
    nodes = [_node(n) for n in "abcd"]
    edges = [LayoutEdge("a", "c", "stöder", ""), LayoutEdge("b", "d", "stöder", "")]
    drawn = layout(nodes, edges)
    lane_x = {r.points[1][0] for r in drawn.routes}
    assert len(lane_x) == 2


# --- the SVG ----------------------------------------------------------------------------------

def _svg_of(content, slug: str) -> str:
    renderer = Renderer(content, SiteInfo("t", "http://t/", __import__("datetime").date(2030, 1, 1), "T"), {})
    chart = next(c for c in content.extra["diagram"] if c.slug == slug)
    return chart_svg(chart, chart_layout(chart, renderer.texts), renderer)


def test_the_small_chart_svg_matches_its_golden_file(project):
    svg = _svg_of(load(project, {CHART: VALID_CHART}), "d")
    if os.environ.get("TRYGG_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(svg + "\n", encoding="utf-8")
    assert svg + "\n" == GOLDEN.read_text(encoding="utf-8"), "run with TRYGG_UPDATE_GOLDEN=1 and review the diff"


@pytest.fixture(scope="module")
def real_content():
    return load_content(ROOT, types=registered_types())


@pytest.mark.parametrize("slug", ["arbetsformer", "goteborgs-samverkansmodell", "samarbetet-med-polisen-i-goteborg"])
def test_the_real_charts_are_valid_deterministic_svg_with_every_node_linked(real_content, slug):
    svg = _svg_of(real_content, slug)
    assert svg == _svg_of(real_content, slug)
    assert "\n\n" not in svg  # one raw HTML block in Markdown
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox").startswith(f"0 0 {WIDTH} ")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    chart = next(c for c in real_content.extra["diagram"] if c.slug == slug)
    links = {a.get(XLINK_HREF): " ".join(t.text for t in a.iter(f"{SVG_NS}text") if t.get("font-weight"))
             for a in root.iter(f"{SVG_NS}a")}
    assert links == {f"#{n.id}": n.node.label for n in chart.nodes}
    markers = [p for p in root.iter(f"{SVG_NS}polyline") if p.get("marker-end") and p.find(f"{SVG_NS}title") is not None]
    assert len(markers) == len(chart.edges)
    for polyline in markers:
        target = re.fullmatch(r"url\(#(.+)\)", polyline.get("marker-end")).group(1)
        assert target in ids
    assert "script" not in svg and "http" not in svg.replace("http://www.w3.org/", "")


def test_the_arbetsformer_chart_shows_the_six_groups_under_samverkansgrupper(real_content):
    chart = next(c for c in real_content.extra["diagram"] if c.slug == "arbetsformer")
    groups = [n.node.label for n in chart.nodes if n.parent == "samverkansgrupper"]
    assert groups == ["Lokal samverkan", "Barn och unga i riskzon", "Trygg och säker vård- och omsorg",
                      "Arbete och utbildning", "Trygga miljöer", "Kommunikation"]
    coordinators = {n.node.label: n.coordinator.name for n in chart.nodes if n.coordinator}
    assert coordinators == {
        "Strategisk utvecklingsgrupp": "Kommunstyrelsen",
        "Brottsförebyggande rådet (Brå)": "Fritids- och folkhälsonämnden",
        "Lokal samverkan": "Fritids- och folkhälsonämnden",
        "Barn och unga i riskzon": "Individ- och familjeomsorgsnämnden",
        "Trygg och säker vård- och omsorg": "Vård- och äldrenämnden",
        "Arbete och utbildning": "Arbetslivsnämnden",
        "Trygga miljöer": "Tekniska nämnden",
    }
    sug = chart.node("Strategisk utvecklingsgrupp")
    assert (sug.node.level, sug.chair.name, sug.node.meetings) == ("strategisk", "Malin Carlsson", "två heldagar per år")
    assert len(sug.members) == 18


def test_the_readme_chart_example_loads(project):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("<!-- example-chart")[1].split("```yaml\n")[1].split("```")[0]
    (chart,) = load(project, {CHART: example}).extra["diagram"]
    assert [n.node.label for n in chart.nodes] == ["Kommunstyrelsen", "Strategisk utvecklingsgrupp",
                                                   "Samverkansgrupper", "Lokal samverkan"]
    assert chart.node("Lokal samverkan").parent == "samverkansgrupper"


def test_upper_case_names_in_the_word_list_need_no_expansion(project):
    from trygg.pipeline import build_site

    root = project({"content/ordlista.txt": "KRAMI  # ej utskrivet i underlaget\nEssén\n"})
    result = build_site(root, site_url="http://t/")
    assert result.known_names == frozenset({"KRAMI"})


def test_a_related_page_that_does_not_exist_is_named(project):
    text = VALID_CHART.replace("källa: ett test\n", "källa: ett test\nrelaterat:\n  - nyheter/finns-inte\n")
    assert problems_for(project, text) == [
        f"{CHART}:5: fel: 'relaterat' pekar på 'nyheter/finns-inte' som inte finns "
        "(skriv sökvägen som nyheter/<namn>, moten/<mapp> eller beslut/<namn>)"]


# --- layout properties for any chart ------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

LEVEL_CHOICES = st.sampled_from([None, "strategisk", "taktisk", "operativ"])


@st.composite
def charts(draw):
    count = draw(st.integers(1, 12))
    nodes = []
    for i in range(count):
        parent = draw(st.one_of(st.none(), st.just(i - 1), st.integers(0, i - 1))) if i else None
        label = draw(st.text(alphabet="abc åäö-", min_size=1, max_size=60)).strip() or "x"
        nodes.append(LayoutNode(f"n{i}", label, (), draw(LEVEL_CHOICES), None if parent is None else f"n{parent}",
                                f"#n{i}", "grupp"))
    pairs = st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)).filter(lambda p: p[0] != p[1])
    edges = [LayoutEdge(f"n{a}", f"n{b}", draw(st.sampled_from(["leder", "samordnar", "stöder", "rapporterar till"])), "")
             for a, b in draw(st.lists(pairs, max_size=16))] if count > 1 else []
    return nodes, edges


@settings(max_examples=150, deadline=None)
@given(charts())
def test_any_chart_gets_a_deterministic_layout_without_overlaps(chart):
    nodes, edges = chart
    drawn = layout(nodes, edges)
    assert drawn == layout(nodes, edges)
    assert sorted(b.node.id for b in drawn.boxes) == sorted(n.id for n in nodes)
    for upper, lower in zip(drawn.boxes, drawn.boxes[1:]):
        assert upper.y + upper.h < lower.y
    assert all(0 <= b.x and b.x + b.w <= WIDTH and b.w >= 140 for b in drawn.boxes)
    assert all(0 < x <= WIDTH for r in drawn.routes for x, _ in r.points)
    assert drawn.height >= max(b.y + b.h for b in drawn.boxes)
    rank = {"strategisk": 0, "taktisk": 1, "operativ": 2}
    top_levels = [rank[b.node.level] for b in drawn.boxes if b.node.parent is None and b.node.level]
    assert top_levels == sorted(top_levels)
    position = {b.node.id: i for i, b in enumerate(drawn.boxes)}
    for node in nodes:
        if node.parent is not None:
            assert position[node.parent] < position[node.id]


@pytest.mark.parametrize("path", [CHART, "content/malomraden/tomt.yml", "content/handbocker/h/handbok.yml",
                                  "content/webbplats.yml"])
def test_an_empty_yaml_file_gets_the_same_message_as_every_other_yaml_type(project, path):
    # charts (and the site's identity) read their YAML through LoadContext.read_yaml like every other
    # YAML type; an empty chart used to be validated as {} and got one message per missing field
    problems = [str(p) for p in check_site(project({path: ""}), spelling=False).problems]
    assert problems == [f"{path}: fel: här ska stå fält som 'namn: värde' (se skrivguiden för ett exempel)"]
