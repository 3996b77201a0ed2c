"""Goal areas with effect chains: loads `content/malomraden/` and renders its pages. The goal
programme's own name (index.yml's `titel`) labels its pages and the way back to the overview.

`index.yml` becomes /malomraden/ (guiding principles, the goal areas, the collaboration
taxonomy as an HTML figure); every other `<slug>.yml` becomes /malomraden/<slug>/ with goals,
reflections, current state and the effect chain as an accessible table that stacks on phones.
Responsible bodies are register references; unknown ones get "menade du …?" with file and line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import Field

from trygg.core.api import Collection, Day, Item, Name, Reference, Uri, api_id, own_type, reference, validated
from trygg.core.contenttype import Card, ContentType, EditorPlace, MenuSection
from trygg.core.contenttype import Link as PageLink
from trygg.core.register import Entry, Resolver, slugify
from trygg.core.rendering import Output, SiteInfo, page
from trygg.core.skeleton import SiteNames, yaml_text
from trygg.core.source import YamlData
from trygg.models.goals import ChainRow, EffectChain, GoalArea, Link, Programme

if TYPE_CHECKING:
    from trygg.core.content import LoadContext
    from trygg.core.problems import Reporter
    from trygg.core.rendering import Renderer
    from trygg.core.texts import Texts

GOALS_DIR = "malomraden"
INDEX_FILE = "index.yml"
# An effect chain's columns: the row field each shows, and its Swedish heading.
# The effect chain's columns: the row's field and its heading's key in the text catalogue (trygg.core.texts).
COLUMNS = (("short_term", "målområde.kortsiktig_effekt"), ("output", "målområde.prestation"),
           ("activity", "målområde.aktivitet"), ("responsible", "målområde.ansvar"), ("time", "målområde.tid"),
           ("resources", "målområde.resurser"))


def chain_columns(chain: EffectChain) -> list[tuple[str, str]]:
    """The columns that have a value in at least one row: a column the source leaves empty in
    every row (Tid and Resurser, so far) is left out, not shown as a column of gaps. The first
    column always stays: it heads each row."""
    rows = [row for group in chain.groups for row in group.rows]
    return [(key, label) for index, (key, label) in enumerate(COLUMNS)
            if index == 0 or any(getattr(row, key) for row in rows)]


@dataclass(frozen=True)
class Responsible:
    """One entry of a row's 'ansvar': the text as written and its register entry (if any)."""

    text: str
    entry: Entry | None

    @property
    def is_abbreviation(self) -> bool:
        return self.entry is not None and self.entry.abbreviation == self.text


@dataclass(frozen=True)
class LoadedGoalArea:
    slug: str
    source: str
    area: GoalArea
    responsible: tuple[Entry, ...]
    row_responsible: dict[tuple[int, int], tuple[Responsible, ...] | None]
    related_lines: tuple[int | None, ...] = ()  # the line of each 'relaterat' entry's 'sida'

    @property
    def url(self) -> str:
        return f"/{GOALS_DIR}/{self.slug}/"


@dataclass(frozen=True)
class LoadedProgramme:
    source: str
    programme: Programme
    responsible: tuple[Entry, ...]


@dataclass(frozen=True)
class Goals:
    programme: LoadedProgramme | None
    areas: tuple[LoadedGoalArea, ...]

    @property
    def url(self) -> str:
        return f"/{GOALS_DIR}/"


# --- loading --------------------------------------------------------------------------------

def load_goals(ctx: LoadContext, resolver: Resolver) -> Goals:
    programme = None
    areas = []
    for path in ctx.content_files(GOALS_DIR, "*.yml"):
        if path.name == INDEX_FILE:
            programme = _load_programme(ctx, path, resolver)
        else:
            areas.append(_load_area(ctx, path, resolver))
    loaded = sorted((a for a in areas if a), key=lambda a: (a.area.order, a.slug))
    return Goals(programme, tuple(loaded))


def _load_programme(ctx: LoadContext, path: Path, resolver: Resolver) -> LoadedProgramme | None:
    loaded = ctx.read_yaml(path, Programme)
    if loaded is None:
        return None
    parsed, programme = loaded
    report = ctx.reporter(path)
    names = programme.overall.responsible if programme.overall else []
    responsible = resolver.look_up_all(names, ("övergripande", "ansvariga"), parsed, report)
    return LoadedProgramme(ctx.rel(path), programme, responsible)


def _load_area(ctx: LoadContext, path: Path, resolver: Resolver) -> LoadedGoalArea | None:
    loaded = ctx.read_yaml(path, GoalArea)
    if loaded is None:
        return None
    parsed, area = loaded
    report = ctx.reporter(path)
    responsible = resolver.look_up_all(area.responsible, ("ansvariga",), parsed, report)
    rows: dict[tuple[int, int], tuple[Responsible, ...] | None] = {}
    for g, group in enumerate(area.chain.groups if area.chain else []):
        for r, row in enumerate(group.rows):
            where = ("effektkedja", "grupper", g, "rader", r, "ansvar")
            rows[(g, r)] = _resolve_row(row, where, parsed, report, resolver)
    related_lines = tuple(parsed.line(("relaterat", index, "sida")) for index in range(len(area.related)))
    return LoadedGoalArea(slugify(path.stem), ctx.rel(path), area, responsible, rows, related_lines)


def _resolve_row(row: ChainRow, where: tuple, parsed: YamlData, report: Reporter,
                 resolver: Resolver) -> tuple[Responsible, ...] | None:
    if row.responsible is None:
        return None
    resolved = []
    for index, item in enumerate(row.responsible):
        line = parsed.line((*where, index))
        if (item.name is None) == (item.free_text is None):
            report.error(line, "skriv antingen ett namn ur registret eller 'fritext: …'",
                         "till exempel '- Kommunstyrelsen' eller '- fritext: samtliga förvaltningar & bolag'")
            continue
        if item.free_text is not None:
            resolved.append(Responsible(item.free_text, None))
            continue
        entry = resolver.resolve(item.name)
        if entry is None:
            report.error(line, f"ansvar '{item.name}' finns inte i registret",
                         resolver.suggestion(item.name) + " Skriv 'fritext: …' för en grupp som inte finns i registret")
            continue
        resolved.append(Responsible(item.name, entry))
    return tuple(resolved)


# --- rendering ------------------------------------------------------------------------------

def render_goals(goals: Goals, renderer: Renderer) -> list[Output]:
    if goals.programme is None and not goals.areas:  # a type with no content has no pages
        return []
    label = programme_title(goals, renderer)
    outputs = [_render_area(loaded, renderer, label) for loaded in goals.areas]
    if goals.programme is None:  # goal areas before index.yml is written: a plain list of them
        body = renderer.template("goals_index_plain.md.j2").render(title=label, areas=goals.areas)
        meta = renderer.meta("list", label, renderer.texts.format("målområden.beskrivning", målprogram=label), None,
                             published=None, owner=None)
        meta["trygg_typ"] = label
        return [*outputs, Output(f"{GOALS_DIR}/index.md", page(meta, body))]
    outputs.append(_render_programme(goals, renderer, label))
    return outputs


def programme_title(goals: Goals, renderer: Renderer) -> str:
    """The goal programme's own name (index.yml's title), the type label on its pages; before
    index.yml is written, the catalogue's general word."""
    return goals.programme.programme.title if goals.programme else renderer.texts["målområden.rubrik"]


def _render_programme(goals: Goals, renderer: Renderer, label: str) -> Output:
    loaded = goals.programme
    assert loaded is not None
    body = renderer.template("goals_index.md.j2").render(
        loaded=loaded, programme=loaded.programme, areas=goals.areas, **_helpers())
    return Output(f"{GOALS_DIR}/index.md", page(_meta(renderer, loaded.programme, loaded.source, False, label), body),
                  loaded.source)


def _render_area(loaded: LoadedGoalArea, renderer: Renderer, label: str) -> Output:
    body = renderer.template("goal_area.md.j2").render(
        loaded=loaded, area=loaded.area, back_link=renderer.texts.format("målområden.tillbaka", målprogram=label),
        **_helpers())
    meta = _meta(renderer, loaded.area, loaded.source, loaded.area.draft, label)
    meta["trygg_typ"] = renderer.texts["typ.målområde"]
    return Output(f"{GOALS_DIR}/{loaded.slug}/index.md", page(meta, body), loaded.source)


def _meta(renderer: Renderer, item: Programme | GoalArea, source: str, draft: bool, label: str) -> dict:
    meta = renderer.meta("list", item.title, item.summary, source, published=item.published, owner=item.owner)
    meta["trygg_typ"] = label
    if draft:
        meta["utkast"] = True
    return meta


def _helpers() -> dict[str, Any]:
    return {"chain_columns": chain_columns}


def goal_area_skeleton(title: str, slug: str, today: dt.date, names: SiteNames = SiteNames()) -> tuple[str, str]:
    """`trygg new malomraden "Titel"`: a goal area with one effect-chain row to fill in."""
    return f"content/{GOALS_DIR}/{slug}.yml", f"""\
# Ett målområde. Rader som börjar med # är kommentarer och syns inte på
# webbplatsen. Skapad {today.isoformat()}. Sidan hamnar på /{GOALS_DIR}/{slug}/. Skriv bara det som
# underlaget säger. Skriv ~ där en uppgift saknas i underlaget: den lämnas tom, och en kolumn som
# är tom på alla rader visas inte. Anteckningar om källan skriver du som kommentarer (#).
# Kontrollera med: .venv/bin/trygg check   Förhandsgranska med: ./scripts/serve
titel: {yaml_text(title)}
ordning: 9                      # målområdenas ordning på översiktssidan
sammanfattning: Skriv en mening om målområdet.
# budskap: Ett kort budskap som visas under rubriken.
# ansvariga: [{names.person}]   # namn ur registret
publicerad: {today.isoformat()}
# utkast: true                  # syns då bara i förhandsvisningen
effektkedja:
  rubrik: {yaml_text(title + " – effektkedja")}
  grupper:
    - långsiktiga effekter:
        - Skriv den långsiktiga effekten.
      koppling: säker           # säker, trolig, osäker eller okänd
      rader:
        - kortsiktig effekt: Skriv den kortsiktiga effekten.
          prestation: ~
          aktivitet: Skriv aktiviteten.
          ansvar: [{yaml_text(names.organisation)}]   # namn eller förkortningar ur registret, eller fritext: …
          tid: ~
          resurser: ~
"""


def goals_menu(goals: Goals, today: dt.date | None = None) -> MenuSection:
    """Each goal area under the programme's page in the menu, in their order; the section is
    named as the programme names itself (index.yml's title)."""
    return MenuSection(f"{GOALS_DIR}/index.md", [(a.area.title, f"{GOALS_DIR}/{a.slug}/index.md") for a in goals.areas],
                       goals.programme.programme.title if goals.programme else None)


def goals_card(goals: Goals, texts: Texts) -> Card | None:
    if goals.programme is None and not goals.areas:
        return None
    title = goals.programme.programme.title if goals.programme else texts["målområden.rubrik"]
    areas = " · ".join(a.area.title for a in goals.areas)
    return Card(title, f"{GOALS_DIR}/index.md", texts.format("start.målområden", områden=areas) if areas else
                goals.programme.programme.summary)



# --- open data (trygg.core.api) ------------------------------------------------------------

_MISSING = "null: saknas eller går inte att läsa i källan (visas som \"Saknas i källan\")."


class ProgrammeItem(Item):
    """Programmet som målområdet hör till."""

    name: Name
    web: Uri


class Point(Item):
    text: Name
    subpoint: list[Name]


class SectionItem(Item):
    name: Name
    lead: Name | None
    closing: Name | None
    point: list[Point]


class LongTermEffect(Item):
    text: Name | None = Field(description=_MISSING)
    readablePart: Name | None = Field(description="Den del som går att läsa när resten inte gör det.")  # noqa: N815


class ResponsibleItem(Item):
    """En post ur registret, eller (id null) en grupp som inte finns i registret, skriven som fritext."""

    id: Uri | None
    name: Name


class ChainRowItem(Item):
    shortTermEffect: Name | None = Field(description=_MISSING)  # noqa: N815
    output: Name | None = Field(description=_MISSING)
    activity: Name | None = Field(description=_MISSING)
    responsible: list[ResponsibleItem] | None = Field(description=_MISSING)
    time: Name | None = Field(description=_MISSING)
    resources: Name | None = Field(description=_MISSING)
    note: Name | None


class ChainGroup(Item):
    longTermEffect: list[LongTermEffect] = Field(  # noqa: N815
        description="De långsiktiga effekter som står bredvid raderna i underlaget.")
    link: Link = Field(description="Hur säkert det är att raderna hör till effekterna.")
    row: list[ChainRowItem] = Field(min_length=1)


class EffectChainItem(Item):
    name: Name
    note: Name | None
    group: list[ChainGroup] = Field(min_length=1)


class RelatedPage(Item):
    name: Name
    web: Uri


class GoalAreaItem(Item):
    """Ett målområde med mål, nuläge och effektkedja (OParl saknar en typ för målområden)."""

    id: Uri
    type: str = Field(pattern=r"^https?://.+/api/schema/goalareas\.json#GoalArea$")
    name: Name
    fullName: Name | None = Field(description="Titeln på rubrikbilden, när den är längre än namnet.")  # noqa: N815
    order: int = Field(description="Ordningen på översiktssidan.")
    description: str
    message: Name | None
    web: Uri
    programme: ProgrammeItem | None
    responsible: list[Reference] = Field(description="Ansvariga ur registret.")
    unreadableResponsible: int = Field(ge=0, description="Antal ansvariga vars namn inte går att läsa i källan.")  # noqa: N815
    goals: SectionItem | None = Field(description="Målen ('mål').")
    currentState: SectionItem | None = Field(description="Nuläget ('nuläge').")  # noqa: N815
    section: list[SectionItem]
    effectChain: EffectChainItem | None  # noqa: N815
    related: list[RelatedPage]
    published: Day


def goals_collection(goals: Any, site: SiteInfo, extra: Mapping[str, Any] | None = None,
                last_changed: Mapping[str, dt.date] | None = None) -> Collection:
    """The goal programme: each goal area with its goals, current state and effect chain.
    A cell missing or unreadable in the source is null, never a guess."""
    programme = None
    if goals.programme is not None:
        programme = {"name": goals.programme.programme.title, "web": site.url + goals.url.lstrip("/")}
    items = [_goal_area(loaded, programme, site) for loaded in goals.areas]
    items = validated(GoalAreaItem, items)
    return Collection("goalareas", "GoalArea", sorted(items, key=lambda i: i["id"]), oparl=False, model=GoalAreaItem,
                      title="Målområden (GoalArea) med effektkedjor")


def _goal_area(loaded: Any, programme: dict[str, str] | None, site: SiteInfo) -> dict[str, Any]:
    area = loaded.area
    chain = area.chain
    return {
        "id": api_id(site, "goalareas", loaded.slug), "type": own_type(site, "goalareas", "GoalArea"),
        "name": area.title, "fullName": area.full_title, "order": area.order, "description": area.summary,
        "message": area.message, "web": site.url + loaded.url.lstrip("/"), "programme": programme,
        "responsible": [reference(e, site) for e in loaded.responsible],
        "unreadableResponsible": area.unreadable_responsible,
        "goals": _section(area.goals), "currentState": _section(area.current_state),
        "section": [_section(s) for s in area.sections],
        "effectChain": None if chain is None else {
            "name": chain.title, "note": chain.note,
            "group": [_chain_group(loaded, g, group, site) for g, group in enumerate(chain.groups)]},
        "related": [{"name": r.title, "web": f"{site.url}{r.page.strip('/')}/"} for r in area.related],
        "published": area.published.isoformat(),
    }


def _section(section: Any) -> dict[str, Any] | None:
    if section is None:
        return None
    return {"name": section.title, "lead": section.lead, "closing": section.closing,
            "point": [{"text": p.text, "subpoint": list(p.subpoints)} for p in section.points]}


def _chain_group(loaded: Any, g: int, group: Any, site: SiteInfo) -> dict[str, Any]:
    return {
        "longTermEffect": [{"text": e.text, "readablePart": e.readable_part} for e in group.effects],
        "link": group.link,
        "row": [{"shortTermEffect": row.short_term, "output": row.output, "activity": row.activity,
                 "responsible": _row_responsible(loaded.row_responsible[(g, r)], site),
                 "time": row.time, "resources": row.resources, "note": row.note}
                for r, row in enumerate(group.rows)],
    }


def _row_responsible(responsible: Sequence[Any] | None, site: SiteInfo) -> list[dict[str, Any]] | None:
    """A row's 'ansvar': register entries as references, free text (a collective term) with id null."""
    if responsible is None:
        return None
    return [reference(r.entry, site) if r.entry is not None else {"id": None, "name": r.text}
            for r in responsible]


def goals_pages(goals: Goals) -> list[tuple[str, str]]:
    return [(f"{GOALS_DIR}/{a.slug}", a.area.title) for a in goals.areas]


def goals_links(goals: Goals) -> list[PageLink]:
    return [PageLink(a.source, r.page, line) for a in goals.areas for r, line in zip(a.area.related, a.related_lines)]


GOALS_TYPE = ContentType("malomraden", load_goals, render_goals, rank=60, api=goals_collection, skeleton=goal_area_skeleton,
                         menu=goals_menu, card=goals_card, pages=goals_pages, links=goals_links,
                         templates=Path(__file__).parent,
                         # the goal areas sit beside the programme's index.yml: only files with 'ordning' are goal areas
                         editor=(EditorPlace(GOALS_DIR, "målområden.rubrik", GoalArea, folder=GOALS_DIR, extension="yml",
                                             only_with="ordning"),
                                 EditorPlace("malprogram", "redigeraren.målprogram", Programme,
                                             file=f"{GOALS_DIR}/{INDEX_FILE}", extension="yml")))
