"""Key figures: loads `content/nyckeltal/<slug>.yml` and renders /nyckeltal/<slug>/ and a list.

Every figure becomes an accessible card; a change whose both values are numbers also gets a
small static SVG bar chart (geometry computed here, drawn by a template, deterministic) whose
numbers are in the card's text as well.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from trygg.core.api import Collection, Day, Item, Name, Uri, api_id, own_type, validated
from trygg.core.contenttype import Card, ContentType, EditorPlace
from trygg.core.register import slugify
from trygg.core.rendering import Output, SiteInfo, page
from trygg.core.skeleton import SiteNames, yaml_text
from trygg.models.keyfigures import KeyFigure, KeyFigurePage

if TYPE_CHECKING:

    from trygg.core.content import LoadContext
    from trygg.core.register import Resolver
    from trygg.core.rendering import Renderer
    from trygg.core.texts import Texts

FIGURES_DIR = "nyckeltal"
_WORDS = {"en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
          "nio": 9, "tio": 10, "elva": 11, "tolv": 12}
_NUMBER = re.compile(r"^(?:ca\s+)?(\d{1,3}(?:[ \u00a0]\d{3})*|\d+)(?:,(\d+))?$")


@dataclass(frozen=True)
class LoadedFigures:
    slug: str
    source: str
    page: KeyFigurePage

    @property
    def url(self) -> str:
        return f"/{FIGURES_DIR}/{self.slug}/"


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    x: float
    y: float
    width: float
    height: float
    kind: str  # "from" | "to"


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    bars: tuple[Bar, Bar]
    title: str


def parse_number(text: str | None) -> float | None:
    """'ca 9 500' → 9500, '76,2' → 76.2, 'åtta' → 8; None when the text is no plain number."""
    if text is None:
        return None
    cleaned = text.strip().casefold()
    if cleaned in _WORDS:
        return float(_WORDS[cleaned])
    match = _NUMBER.match(cleaned)
    if not match:
        return None
    whole = re.sub(r"[ \u00a0]", "", match.group(1))
    return float(f"{whole}.{match.group(2)}" if match.group(2) else whole)


def load_figures(ctx: LoadContext, resolver: Resolver) -> tuple[LoadedFigures, ...]:
    loaded = (_load_page(ctx, path) for path in ctx.content_files(FIGURES_DIR, "*.yml"))
    return tuple(sorted((p for p in loaded if p), key=lambda p: p.slug))


def _load_page(ctx: LoadContext, path: Path) -> LoadedFigures | None:
    loaded = ctx.read_yaml(path, KeyFigurePage)
    if loaded is None:
        return None
    figures = loaded[1]
    return LoadedFigures(slugify(path.stem), ctx.rel(path), figures)


def chart(figure: KeyFigure, texts: Texts) -> Chart | None:
    """Two bars, 'from' and 'to', scaled to the larger value; None when a value is no number."""
    start, end = parse_number(figure.start), parse_number(figure.end)
    if not figure.is_change or start is None or end is None or max(start, end) <= 0:
        return None
    width, height, top, baseline, bar_width = 220, 150, 24, 120, 64
    scale = (baseline - top) / max(start, end)
    bars = []
    for index, (value, text, year, kind) in enumerate(((start, figure.start, figure.start_year, "from"),
                                                       (end, figure.end, figure.end_year, "to"))):
        bar_height = round(max(value * scale, 1.0), 1)
        label = str(year) if year else texts["nyckeltal.från" if kind == "from" else "nyckeltal.till"]
        x = 30 + index * 96
        bars.append(Bar(label, text or "", x, round(baseline - bar_height, 1), bar_width,
                        bar_height, kind))
    return Chart(width, height, baseline, (bars[0], bars[1]), describe_change(figure, texts))


def describe_change(figure: KeyFigure, texts: Texts) -> str:
    """The figure in one sentence, used as the chart's title and in the card's text."""
    what = figure.what or texts["nyckeltal.värdet"]
    start = _with_unit(figure.start, figure.unit) + (f" ({figure.start_year})" if figure.start_year else "")
    end = _with_unit(figure.end, figure.unit) + (f" ({figure.end_year})" if figure.end_year else "")
    if figure.period:
        return texts.format("nyckeltal.förändring_period", vad=what, från=start, till=end, period=figure.period)
    return texts.format("nyckeltal.förändring", vad=what, från=start, till=end)


def _with_unit(text: str | None, unit: str | None) -> str:
    return f"{text} {unit}" if text and unit else text or ""


@dataclass(frozen=True)
class FigureCard:
    """One card: a heading and the figures the source shows under it (one box, one or more numbers)."""

    heading: str
    figures: tuple[KeyFigure, ...]


def cards(figures: list[KeyFigure]) -> list[FigureCard]:
    """Figures under the same heading share one card, in the order the headings first appear:
    two cards never carry the same title."""
    grouped: dict[str, list[KeyFigure]] = {}
    for figure in figures:
        grouped.setdefault(figure.heading, []).append(figure)
    return [FigureCard(heading, tuple(group)) for heading, group in grouped.items()]


def headline(figure: KeyFigure) -> str | None:
    """The big number of a card: 'from → to' when both are known, else the one that is; an
    unknown value is never a headline."""
    if not figure.is_change:
        return figure.value
    if figure.start and figure.end:
        return f"{figure.start} → {figure.end}"
    return figure.start or figure.end


def facts(figure: KeyFigure, texts: Texts) -> list[tuple[str, str]]:
    """The card's facts as (label, text), only those the source gives."""
    rows = [(texts["nyckeltal.vad"], figure.what)] if figure.what else []
    if not figure.is_change:
        rows.append((texts["nyckeltal.värde"], _with_unit(figure.value, figure.unit)))
    elif figure.start and figure.end:
        rows += [(texts["nyckeltal.från"], _with_year(figure.start, figure.unit, figure.start_year)),
                 (texts["nyckeltal.till"], _with_year(figure.end, figure.unit, figure.end_year))]
    elif figure.start or figure.end:  # half a change: the known value, labelled by its year if given
        year = figure.start_year if figure.start else figure.end_year
        value = _with_unit(figure.start or figure.end, figure.unit)
        rows.append((str(year), value) if year else (texts["nyckeltal.från" if figure.start else "nyckeltal.till"], value))
    if figure.period:
        rows.append((texts["nyckeltal.period"], figure.period))
    if figure.unit:
        rows.append((texts["nyckeltal.enhet"], figure.unit))
    return [(label, text) for label, text in rows if text]


def _with_year(text: str, unit: str | None, year: int | None) -> str:
    return _with_unit(text, unit) + (f" ({year})" if year else "")


def render_figures(pages: tuple[LoadedFigures, ...], renderer: Renderer) -> list[Output]:
    if not pages:  # a type with no content has no pages
        return []
    outputs = [_render_page(loaded, renderer) for loaded in pages]
    body = renderer.template("keyfigures_index.md.j2").render(pages=pages)
    meta = renderer.meta("list", renderer.texts["nyckeltal.rubrik"], renderer.texts["nyckeltal.beskrivning"],
                         None, published=None, owner=None)
    outputs.append(Output(f"{FIGURES_DIR}/index.md", page(meta, body)))
    return outputs


def _render_page(loaded: LoadedFigures, renderer: Renderer) -> Output:
    figures = loaded.page
    body = renderer.template("keyfigures.md.j2").render(
        loaded=loaded, figures=figures, cards=cards(figures.figures), chart=chart, headline=headline, facts=facts,
        svg=renderer.env.get_template("keyfigure_chart.svg.j2"))
    meta = renderer.meta("list", figures.title, figures.summary, loaded.source, published=figures.published,
                         owner=figures.owner)
    meta["trygg_typ"] = renderer.texts["typ.nyckeltal"]
    if figures.draft:
        meta["utkast"] = True
    return Output(f"{FIGURES_DIR}/{loaded.slug}/index.md", page(meta, body), loaded.source)


def figures_skeleton(title: str, slug: str, today: dt.date, names: SiteNames = SiteNames()) -> tuple[str, str]:
    """`trygg new nyckeltal "Titel"`: a page with one key figure whose values are still missing."""
    return f"content/{FIGURES_DIR}/{slug}.yml", f"""\
# Nyckeltal. Rader som börjar med # är kommentarer och syns inte på webbplatsen. Skapad
# {today.isoformat()}. Sidan hamnar på /{FIGURES_DIR}/{slug}/. Skriv värdena exakt som i underlaget,
# inom citattecken. Skriv ~ för ett värde som saknas: det lämnas ute. Nyckeltal med samma rubrik
# hamnar på samma kort.
# Kontrollera med: .venv/bin/trygg check   Förhandsgranska med: ./scripts/serve
titel: {yaml_text(title)}
sammanfattning: Skriv en mening om vad nyckeltalen visar.
källa: Skriv varifrån siffrorna kommer.
publicerad: {today.isoformat()}
# utkast: true            # syns då bara i förhandsvisningen
nyckeltal:
  - rubrik: Skriv en kort rubrik
    vad: Skriv vad som mäts.
    från: ~               # till exempel '180'; eller värde: '1 500' för ett enskilt tal
    till: ~
    # period: sedan 1997
    # enhet: brott per 1 000 invånare
    # beskrivning: Meningen ur underlaget, med siffrorna.
"""


def figures_card(pages: tuple[LoadedFigures, ...], texts: Texts) -> Card | None:
    titles = ", ".join(p.page.title for p in pages)
    return Card(texts["nyckeltal.rubrik"], f"{FIGURES_DIR}/index.md",
                texts.format("start.nyckeltal", titlar=titles)) if pages else None



# --- open data (trygg.core.api) ------------------------------------------------------------

class ValueItem(Item):
    position: Literal["value", "start", "end"] = Field(
        description="value: ett enskilt värde; start och end: från och till i en förändring.")
    text: Name | None = Field(description='Värdet exakt som i källan, till exempel "ca 9 500" eller "åtta". null: '
                                          'saknas eller går inte att läsa i källan (visas som "Saknas i källan").')
    number: int | float | None = Field(description='Värdet som tal när texten är ett tal ("ca 9 500" ger 9500, '
                                                   '"åtta" ger 8), annars null.')
    approximate: bool = Field(description='true när källan skriver "ca".')
    year: int | None = Field(description="Året värdet gäller ('från år', 'till år'), när källan anger det.")


class Page(Item):
    """Sidan med nyckeltalet."""

    name: Name
    web: Uri


class GoalAreaReference(Item):
    id: str = Field(pattern=r"^https?://.+/api/goalareas\.json#[a-z0-9-]+$", json_schema_extra={"format": "uri"})
    name: Name
    web: Uri


class KeyFigureItem(Item):
    """Ett nyckeltal med sina värden (OParl saknar en typ för nyckeltal)."""

    id: str = Field(pattern=r"^https?://.+/api/keyfigures\.json#[a-z0-9-]+/[1-9][0-9]*$",
                    json_schema_extra={"format": "uri"})
    type: str = Field(pattern=r"^https?://.+/api/schema/keyfigures\.json#KeyFigure$")
    number: int = Field(ge=1, description="Nyckeltalets plats på sin sida (1 är det första).")
    name: Name = Field(description="Rubriken ('rubrik').")
    measure: Name | None = Field(description="Vad som mäts ('vad'). null: saknas eller går inte att läsa i källan.")
    unit: Name | None = Field(description="Enheten ('enhet'), till exempel % eller brott per 1 000 invånare.")
    source: Name = Field(description="Varifrån värdena kommer: nyckeltalets egen källa, annars sidans.")
    period: Name | None = Field(description="Perioden så som källan skriver den ('period'), till exempel \"sedan 1997\".")
    series: list[ValueItem] = Field(min_length=1, max_length=2, description="Ett värde ('värde') eller en förändring: "
                                                                           "först 'från', sedan 'till'.")
    description: Name | None = Field(description="Meningen ur källan med siffrorna ('beskrivning').")
    note: Name | None = Field(description="Anmärkning om källan ('anmärkning').")
    web: Uri = Field(description="Nyckeltalets kort på webbsidan.")
    page: Page
    goalArea: list[GoalAreaReference] = Field(description="Målområden i goalareas.json vars sida hänvisar till "  # noqa: N815
                                                          "nyckeltalens sida ('relaterat').")
    published: Day = Field(description="Då sidan med nyckeltalet publicerades.")


def keyfigures_collection(pages: Sequence[Any], site: SiteInfo, extra: Mapping[str, Any] | None = None,
                last_changed: Mapping[str, dt.date] | None = None) -> Collection:
    """Every key figure of every published page of figures: its values exactly as the source
    writes them (with the plain number where the text is one), their years and period, unit,
    source, and the goal areas whose page lists the figures' page under 'relaterat'.

    A figure is identified by its page and its position there (`…#gardstensmodellen/3`); its `web`
    is the anchor of its card (`#nyckeltal-3`), which figures with the same heading share."""
    areas = _goal_areas_relating_to(extra or {}, site)
    items = validated(KeyFigureItem, (_key_figure(loaded, number, figure, areas.get(_content_path(loaded.source), []), site)
                                      for loaded in pages for number, figure in enumerate(loaded.page.figures, start=1)))
    return Collection("keyfigures", "KeyFigure", sorted(items, key=lambda i: i["id"]), oparl=False, model=KeyFigureItem,
                      title="Nyckeltal (KeyFigure) med värden, perioder och källa")


def _key_figure(loaded: Any, number: int, figure: Any, areas: list[dict[str, Any]], site: SiteInfo) -> dict[str, Any]:
    figures = loaded.page
    web = site.url + loaded.url.lstrip("/")
    card = next(n for n, c in enumerate(cards(figures.figures), start=1) if figure in c.figures)
    if figure.is_change:
        series = [_value("start", figure.start, figure.start_year), _value("end", figure.end, figure.end_year)]
    else:
        series = [_value("value", figure.value, None)]
    return {
        "id": api_id(site, "keyfigures", f"{loaded.slug}/{number}"),
        "type": own_type(site, "keyfigures", "KeyFigure"), "number": number, "name": figure.heading,
        "measure": figure.what, "unit": figure.unit, "source": figure.source or figures.source,
        "period": figure.period, "series": series, "description": figure.description, "note": figure.note,
        "web": f"{web}#nyckeltal-{card}", "page": {"name": figures.title, "web": web},
        "goalArea": areas, "published": figures.published.isoformat(),
    }


def _value(position: str, text: str | None, year: int | None) -> dict[str, Any]:
    """One value as the source writes it; `number` only where the text is a plain number
    ('ca 9 500' → 9500 with approximate true, 'åtta' → 8), else null."""
    number = parse_number(text)
    return {"position": position, "text": text, "year": year,
            "number": int(number) if number is not None and number.is_integer() else number,
            "approximate": text is not None and text.strip().casefold().startswith("ca ")}


def _goal_areas_relating_to(extra: Mapping[str, Any], site: SiteInfo) -> dict[str, list[dict[str, Any]]]:
    """'nyckeltal/gardstensmodellen' → the goal areas listing that page under 'relaterat'."""
    goals = extra.get(GOALS_KEY)
    related: dict[str, list[dict[str, Any]]] = {}
    for area in goals.areas if goals is not None else ():
        reference = {"id": api_id(site, "goalareas", area.slug), "name": area.area.title,
                     "web": site.url + area.url.lstrip("/")}
        for target in {r.page.strip("/") for r in area.area.related}:
            related.setdefault(target, []).append(reference)
    return {target: sorted(refs, key=lambda r: r["id"]) for target, refs in related.items()}


def _content_path(source: str) -> str:
    """'content/nyckeltal/gardstensmodellen.yml' → 'nyckeltal/gardstensmodellen' (as 'relaterat' names it)."""
    return source.removeprefix("content/").rsplit(".", 1)[0]


GOALS_KEY = "malomraden"  # the goal areas whose 'relaterat' names a page of figures (trygg.types.goals)


def figures_pages(pages: tuple[LoadedFigures, ...]) -> list[tuple[str, str]]:
    return [(f"{FIGURES_DIR}/{p.slug}", p.page.title) for p in pages]


FIGURES_TYPE = ContentType("nyckeltal", load_figures, render_figures, rank=70, api=keyfigures_collection,
                           skeleton=figures_skeleton, card=figures_card, pages=figures_pages,
                           templates=Path(__file__).parent,
                           editor=(EditorPlace(FIGURES_DIR, "nyckeltal.rubrik", KeyFigurePage, folder=FIGURES_DIR,
                                               extension="yml"),))
