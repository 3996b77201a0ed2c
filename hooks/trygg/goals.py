"""Goal areas with effect chains: loads `content/malomraden/` and renders its pages. The goal
programme's own name (index.yml's `titel`) labels its pages and the way back to the overview.

`index.yml` becomes /malomraden/ (guiding principles, the goal areas, the collaboration
taxonomy as an HTML figure); every other `<slug>.yml` becomes /malomraden/<slug>/ with goals,
reflections, current state and the effect chain as an accessible table that stacks on phones.
Responsible bodies are register references; unknown ones get "menade du …?" with file and line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .api import goals_collection
from .models.goals import ChainRow, EffectChain, GoalArea, Programme, Related
from .register import Entry, Resolver, slugify
from .render import Output, page
from .skeletons import SiteNames, yaml_text
from .source import YamlData
from .types import Card, ContentType, MenuSection

if TYPE_CHECKING:
    from .content import LoadContext
    from .problems import Reporter
    from .render import Renderer
    from .texts import Texts

GOALS_DIR = "malomraden"
INDEX_FILE = "index.yml"
# An effect chain's columns: the row field each shows, and its Swedish heading.
# The effect chain's columns: the row's field and its heading's key in the text catalogue (trygg.texts).
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
    responsible = resolve_names(names, ("övergripande", "ansvariga"), parsed, report, resolver)
    return LoadedProgramme(ctx.rel(path), programme, responsible)


def _load_area(ctx: LoadContext, path: Path, resolver: Resolver) -> LoadedGoalArea | None:
    loaded = ctx.read_yaml(path, GoalArea)
    if loaded is None:
        return None
    parsed, area = loaded
    report = ctx.reporter(path)
    responsible = resolve_names(area.responsible, ("ansvariga",), parsed, report, resolver)
    rows: dict[tuple[int, int], tuple[Responsible, ...] | None] = {}
    for g, group in enumerate(area.chain.groups if area.chain else []):
        for r, row in enumerate(group.rows):
            where = ("effektkedja", "grupper", g, "rader", r, "ansvar")
            rows[(g, r)] = _resolve_row(row, where, parsed, report, resolver)
    _check_related(ctx, area.related, parsed, report)
    return LoadedGoalArea(slugify(path.stem), ctx.rel(path), area, responsible, rows)


def resolve_names(names: list[str], where: tuple, parsed: YamlData, report: Reporter,
                  resolver: Resolver) -> tuple[Entry, ...]:
    found = []
    for index, name in enumerate(names):
        entry = resolver.resolve(name)
        if entry is None:
            report.error(parsed.line((*where, index)), f"'{name}' finns inte i registret",
                         resolver.suggestion(name))
        else:
            found.append(entry)
    return tuple(found)


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


def _check_related(ctx: LoadContext, targets: list[Related], parsed: YamlData, report: Reporter) -> None:
    for index, related in enumerate(targets):
        target = related.page
        base = ctx.root / "content" / target.strip("/")
        if not any(p.exists() for p in (base.with_suffix(".yml"), base.with_suffix(".md"), base)):
            report.error(parsed.line(("relaterat", index, "sida")), f"'relaterat' pekar på '{target}' som inte finns",
                         "skriv sökvägen under content/ utan filändelse, till exempel nyckeltal/gardstensmodellen")



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


def goals_menu(goals: Goals) -> MenuSection:
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


GOALS_TYPE = ContentType("malomraden", load_goals, render_goals, api=goals_collection, skeleton=goal_area_skeleton,
                         menu=goals_menu, card=goals_card)
