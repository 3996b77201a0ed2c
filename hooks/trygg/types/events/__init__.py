"""Events (meetings, development days, conferences, seminars): `content/moten/<mapp>/program.md`
with its agenda, `anteckningar.md` with notes per agenda item, and the files named under `filer`.

Pages: /moten/<mapp>/ (agenda, notes, files, registration), /moten/ (coming, undated and held, in
pages of EVENTS_PER_PAGE); calendars: one per dated meeting and one of all (icalendar, with
Stockholm's VTIMEZONE; UIDs from the folder, so two builds give the same bytes); JSON-LD;
/api/meetings.json (OParl Meeting with AgendaItems); the start page's next meeting; `trygg new möte`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import icalendar
from pydantic import Field

from trygg.core.api import (OPARL, Collection, Day, File, Item, Moment, Name, Reference, Uri, api_id, file_item,
                            reference, validated)
from trygg.core.attachments import Attachment, load_attachments, report_unnamed
from trygg.core.contenttype import Card, ContentType, EditorPlace, MenuSection
from trygg.core.output import Output, SiteInfo
from trygg.core.register import Entry
from trygg.core.rendering import STOCKHOLM, json_for_html, page, paginate
from trygg.core.skeleton import SiteNames, Skeleton, yaml_text
from trygg.core.source import Document, read_document
from trygg.core.sv import anchor_time
from trygg.models.common import DayMonth, TimeRange
from trygg.models.event import AgendaItem, Event

if TYPE_CHECKING:
    from trygg.core.loading import LoadContext
    from trygg.core.problems import Reporter
    from trygg.core.register import Resolver
    from trygg.core.rendering import Renderer
    from trygg.core.texts import Texts

EVENTS_DIR = "moten"
PROGRAM_FILE = "program.md"
NOTES_FILE = "anteckningar.md"
EVENTS_PER_PAGE = 60
MAX_MEETINGS = 12  # in the menu: the coming ones and the latest held; the list page has them all


@dataclass(frozen=True)
class NoteSection:
    """The notes written about one agenda item (or about the day, when `item` is None)."""

    item: int | None
    heading: str
    markdown: str
    line: int


@dataclass(frozen=True)
class LoadedEvent:
    slug: str
    source: str  # program.md, relative to the project
    notes_source: str | None
    event: Event
    intro: str
    presenters: tuple[tuple[Entry, ...], ...]  # per agenda item
    organisers: tuple[Entry, ...]
    notes: tuple[NoteSection, ...]
    attachments: tuple[Attachment, ...] = ()  # every file named under 'filer', the day's first

    def files_of(self, index: int | None) -> tuple[Attachment, ...]:
        """The files of agenda item `index`, or the day's own (None)."""
        refs = self.event.files if index is None else self.event.agenda[index].files
        named = {ref.file for ref in refs}
        return tuple(a for a in self.attachments if a.file in named)

    def is_held(self, today: dt.date) -> bool:
        """Held when its day has passed, or when notes from it are published (its date may be unknown)."""
        return bool(self.notes) or (self.event.is_dated and self.event.date < today)

    def registration_deadline(self, today: dt.date) -> dt.date | None:
        """The registration deadline residents may be asked to meet: with a year (given, or the
        last such day on or before the event's date), not passed, for a meeting not yet held.
        None when any of that is unknown — a deadline without a year is never published."""
        registration = self.event.registration
        if registration is None or registration.deadline is None or self.is_held(today):
            return None
        deadline = registration.deadline
        if deadline.year is None and self.event.is_dated:
            day = self.event.date
            year = day.year if (deadline.month, deadline.day) <= (day.month, day.day) else day.year - 1
            deadline = DayMonth(deadline.day, deadline.month, year)
        date = deadline.as_date()
        return date if date is not None and date >= today else None

    def invites_registration(self, today: dt.date) -> bool:
        """Whether the page asks residents to register: not after the day, nor by an unknown deadline."""
        registration = self.event.registration
        if registration is None or self.is_held(today):
            return False
        return registration.deadline is None or self.registration_deadline(today) is not None

    @property
    def url(self) -> str:
        return f"/{EVENTS_DIR}/{self.slug}/"

    def notes_for(self, index: int | None) -> NoteSection | None:
        return next((n for n in self.notes if n.item == index), None)


# --- loading --------------------------------------------------------------------------------

def _event_files(ctx: LoadContext) -> list[Path]:
    folders = [p for p in ctx.content_files(EVENTS_DIR, "*") if p.is_dir()]
    for stray in ctx.content_files(EVENTS_DIR, "*.md"):
        ctx.reporter(stray).error(None, "ett möte ska ligga i en egen mapp med filen program.md",
                                  f"flytta filen till content/{EVENTS_DIR}/{stray.stem}/program.md")
    programs = []
    for folder in folders:
        program = folder / PROGRAM_FILE
        if program.exists():
            programs.append(program)
        else:
            ctx.reporter(folder).error(None, "mappen saknar program.md", "varje möte behöver en program.md")
    return programs


def load_events(ctx: LoadContext, resolver: Resolver) -> tuple[LoadedEvent, ...]:
    return tuple(e for e in (_load_event(ctx, path, resolver) for path in _event_files(ctx)) if e)


def _load_event(ctx: LoadContext, path: Path, resolver: Resolver) -> LoadedEvent | None:
    loaded = ctx.read(path, Event)
    if loaded is None:
        return None
    doc, event = loaded
    report = ctx.reporter(path)
    _check_agenda(event, doc, report)
    presenters = tuple(resolver.look_up_all(item.presenters, ("program", i, "medverkande"), doc, report)
                       for i, item in enumerate(event.agenda))
    organisers = resolver.look_up_all(event.organisers, ("arrangör",), doc, report)
    notes_path = path.with_name(NOTES_FILE)
    notes = _load_notes(ctx, notes_path, event) if notes_path.exists() else ()
    refs = [(("filer", i, "fil"), ref) for i, ref in enumerate(event.files)]
    refs += [(("program", n, "filer", i, "fil"), ref) for n, item in enumerate(event.agenda) for i, ref in enumerate(item.files)]
    folder = ctx.rel(path.parent)
    files = load_attachments(path.parent, folder, refs, doc, report)
    report_unnamed(path.parent, folder, [ref.file for _, ref in refs], report)
    return LoadedEvent(path.parent.name, ctx.rel(path), ctx.rel(notes_path) if notes_path.exists() else None,
                       event, doc.body, presenters, organisers, notes, tuple(files.values()))


def _check_agenda(event: Event, doc: Document, report: Reporter) -> None:
    previous: tuple[int, TimeRange] | None = None
    for index, item in enumerate(event.agenda):
        line = doc.line(("program", index, "tid"))
        if not item.time.within(event.time):
            report.error(line, f"programpunkten '{item.title}' ({item.time}) ligger utanför dagens tid ({event.time})",
                         "ändra punktens tid eller dagens 'tid'")
        if previous is not None:
            _check_order(previous, index, item, line, event, report)
        previous = (index, item.time)


def _check_order(previous: tuple[int, TimeRange], index: int, item: AgendaItem, line: int | None,
                 event: Event, report: Reporter) -> None:
    prev_index, prev_time = previous
    prev_title = event.agenda[prev_index].title
    if item.time.start < prev_time.start:
        report.error(line, f"tiden {item.time} kommer före föregående punkt '{prev_title}' ({prev_time})",
                     "skriv programpunkterna i tidsordning")
    elif item.time.overlaps(prev_time):
        report.error(line, f"tiden {item.time} överlappar föregående punkt '{prev_title}' ({prev_time})",
                     "ändra starttiden eller föregående sluttid")


_NOTE_HEADING = re.compile(r"^##[ \t]+(.*?)[ \t]*#*[ \t]*$")
_NOTE_TIME = re.compile(r"^(\d{1,2})[.:](\d{2})\b[ \t]*[–—-]?[ \t]*(.*)$")


def _load_notes(ctx: LoadContext, path: Path, event: Event) -> tuple[NoteSection, ...]:
    """Split `anteckningar.md` at '## <starttid> …' headings into notes per agenda item."""
    report = ctx.reporter(path)
    doc = read_document(path, ctx.rel(path), report, require_meta=False)
    if doc is None:
        return ()
    starts = {f"{i.time.start.hour}.{i.time.start.minute:02d}": n for n, i in enumerate(event.agenda)}
    sections: list[NoteSection] = []
    current: tuple[int | None, str, int] = (None, "", doc.body_line)
    buffer: list[str] = []
    in_fence = False
    for offset, text in enumerate(doc.body.split("\n")):
        line = doc.body_line + offset
        in_fence ^= text.lstrip().startswith(("```", "~~~"))
        heading = None if in_fence else _NOTE_HEADING.match(text)
        if heading is None:
            buffer.append(text)
            continue
        _close_section(sections, current, buffer)
        current, buffer = _open_section(heading.group(1), line, starts, event, report), []
    _close_section(sections, current, buffer)
    _report_duplicate_notes(sections, event, report)
    return tuple(s for s in sections if s.item is not None or s.markdown.strip())


def _open_section(title: str, line: int, starts: dict[str, int], event: Event,
                  report: Reporter) -> tuple[int | None, str, int]:
    match = _NOTE_TIME.match(title)
    if not match:
        report.error(line, f"rubriken '## {title}' hör inte till någon programpunkt",
                     "börja rubriken med punktens starttid, till exempel '## 8.30 Inledning'; "
                     "använd ### för mellanrubriker")
        return (None, title, line)
    key = f"{int(match.group(1))}.{match.group(2)}"
    if key not in starts:
        known = ", ".join(starts) or "inga"
        report.error(line, f"ingen programpunkt börjar {key}", f"programmets starttider: {known}")
        return (None, title, line)
    return (starts[key], match.group(3) or event.agenda[starts[key]].title, line)


def _close_section(sections: list[NoteSection], current: tuple[int | None, str, int], buffer: list[str]) -> None:
    item, heading, line = current
    sections.append(NoteSection(item, heading, "\n".join(buffer).strip("\n"), line))


def _report_duplicate_notes(sections: list[NoteSection], event: Event, report: Reporter) -> None:
    seen: set[int] = set()
    for section in sections:
        if section.item is None:
            continue
        if section.item in seen:
            title = event.agenda[section.item].title
            report.error(section.line, f"programpunkten '{title}' har redan anteckningar längre upp",
                         "samla anteckningarna för en punkt under en rubrik")
        seen.add(section.item)


# --- pages ----------------------------------------------------------------------------------

def render_events(events: tuple[LoadedEvent, ...], renderer: Renderer) -> list[Output]:
    if not events:  # a type with no content has no pages (nor menu entry, sitemap entry or API collection)
        return []
    site, texts = renderer.site, renderer.texts
    outputs = [_event_page(loaded, renderer) for loaded in events]
    outputs += [Output(f"{EVENTS_DIR}/{e.slug}/kalender.ics", calendar([e], site, texts, e.slug), e.source)
                for e in events if e.event.is_dated]
    outputs += [Output(f"{EVENTS_DIR}/{e.slug}/{a.file}", a.data, a.source) for e in events for a in e.attachments]
    outputs.append(Output(f"{EVENTS_DIR}/kalender.ics", calendar(list(events), site, texts)))
    outputs += _events_index(events, renderer)
    return outputs


def _event_page(loaded: LoadedEvent, renderer: Renderer) -> Output:
    sources = [loaded.source, *([loaded.notes_source] if loaded.notes_source else []),
               *(a.source for a in loaded.attachments)]
    return renderer.remembered(("event", loaded), sources, lambda: _render_event_page(loaded, sources, renderer))


def _render_event_page(loaded: LoadedEvent, sources: list[str], renderer: Renderer) -> Output:
    event = loaded.event
    body = renderer.template("event.md.j2").render(
        loaded=loaded, event=event, today=renderer.site.today,
        file_date={a.file: a.dated(renderer.last_changed, event.published) for a in loaded.attachments})
    meta = renderer.meta("event", event.title, event.summary, loaded.source, published=event.published,
                         owner=event.owner, updated=event.updated, changed_sources=sources)
    meta["jsonld"] = event_jsonld(loaded, renderer.site)
    if event.draft:
        meta["utkast"] = True
    notes = (loaded.notes_source,) if loaded.notes_source else ()
    return Output(f"{EVENTS_DIR}/{loaded.slug}/index.md", page(meta, body), loaded.source, more_sources=notes)


def _events_index(events: tuple[LoadedEvent, ...], renderer: Renderer) -> list[Output]:
    texts, today = renderer.texts, renderer.site.today
    groups = [(texts[f"möten.{key}"], group) for key, group in event_groups(events, today)]
    dated = any(e.event.is_dated for e in events)
    # One list in pages of EVENTS_PER_PAGE, so no list page grows with the archive; each
    # page shows its part under the group headings, the first page also an empty "Kommande".
    entries = [(heading, loaded) for heading, group in groups for loaded in group]
    outputs = []
    for pager in paginate(EVENTS_DIR, entries, EVENTS_PER_PAGE):
        shown = [(heading, [e for h, e in pager.items if h == heading]) for heading, group in groups
                 if any(h == heading for h, _ in pager.items)
                 or (pager.number == 1 and heading == texts[f"möten.{UPCOMING}"])]
        body = renderer.template("events.md.j2").render(groups=shown, dated=dated, pager=pager, today=today)
        meta = renderer.meta("list", pager.title(texts, texts["möten.rubrik"]), texts["möten.beskrivning"], None,
                             published=None, owner=None)
        outputs.append(Output(pager.uri, page(meta, body)))
    return outputs


def events_home(events: tuple[LoadedEvent, ...], renderer: Renderer) -> str:
    """The start page's meeting: the next one, or the latest held, clearly as held."""
    groups = dict(event_groups(events, renderer.site.today))
    upcoming, held = groups[UPCOMING], groups[PAST]
    return renderer.template("home_events.md.j2").render(next_meeting=upcoming[0] if upcoming else None,
                                                          latest_meeting=held[0] if held else None)


def events_menu(events: tuple[LoadedEvent, ...], today: dt.date) -> MenuSection:
    """The coming meetings and the latest held under /moten/ in the menu; the list page has them all."""
    meetings = [loaded for _, group in event_groups(events, today) for loaded in group]
    return MenuSection(f"{EVENTS_DIR}/index.md",
                       [(m.event.title, f"{EVENTS_DIR}/{m.slug}/index.md") for m in meetings[:MAX_MEETINGS]])


def events_card(events: tuple[LoadedEvent, ...], texts: Texts) -> Card | None:
    return Card(texts["möten.rubrik"], f"{EVENTS_DIR}/index.md", texts["start.möten"]) if events else None


def events_pages(events: tuple[LoadedEvent, ...]) -> list[tuple[str, str]]:
    return [(f"{EVENTS_DIR}/{e.slug}", e.event.title) for e in events]


def _anchors() -> dict[str, Any]:
    return {"item_anchor": lambda item: f"punkt-{anchor_time(item.time.start)}",
            "notes_anchor": lambda item: f"anteckningar-{anchor_time(item.time.start)}"}


# The meeting groups, by key; their headings are the texts "möten.<key>".
UPCOMING, UNDATED, PAST = "kommande", "ej_fastställt", "tidigare"


def event_groups(events: Sequence[LoadedEvent], today: dt.date) -> list[tuple[str, list[LoadedEvent]]]:
    """The meetings by group key: upcoming (soonest first), undated and held (latest
    first; held meetings whose date is unknown last). A meeting with published notes was held."""
    held = [e for e in events if e.is_held(today)]
    coming = [e for e in events if not e.is_held(today)]
    by_date = lambda e: (e.event.date, e.slug)  # noqa: E731
    return [
        (UPCOMING, sorted((e for e in coming if e.event.is_dated), key=by_date)),
        (UNDATED, sorted((e for e in coming if not e.event.is_dated), key=lambda e: e.event.title)),
        (PAST, sorted((e for e in held if e.event.is_dated), key=by_date, reverse=True)
         + sorted((e for e in held if not e.event.is_dated), key=lambda e: e.event.title)),
    ]


# --- calendar and structured data ------------------------------------------------------------

def calendar(events: list[LoadedEvent], site: SiteInfo, texts: Any, key: str = "alla-moten") -> bytes:
    """An RFC 5545 calendar with Stockholm's VTIMEZONE and one VEVENT per dated event.

    Its UID is derived from `key`, never random, so two builds give the same bytes: those
    icalendar writes for the whole calendar (its own lines, each component's, END:VCALENDAR).
    """
    shell = _calendar_shell(site.name, site.publisher, f"kalender-{key}@{_host(site.url)}")
    end = shell.rindex(b"END:VCALENDAR")
    vevents = [_vevent(e, site, texts) for e in sorted(events, key=lambda e: e.slug) if e.event.is_dated]
    return shell[:end] + _stockholm_timezone() + b"".join(vevents) + shell[end:]


# Serialising calendars was the largest part of rendering: every event is in two calendars, and
# the preview renders all of them after each save. The pieces below are pure functions of their
# arguments, so each is serialised once per process. Stockholm's VTIMEZONE (some fifty lines of
# transitions) is the same in every calendar.

@functools.cache
def _stockholm_timezone() -> bytes:
    return icalendar.Timezone.from_tzid("Europe/Stockholm").to_ical()


@functools.lru_cache(maxsize=20_000)
def _calendar_shell(name: str, publisher: str, uid: str) -> bytes:
    cal = icalendar.Calendar.new(prodid=f"-//{publisher}//{name}//SV", name=name,
                                 language="sv", uid=uid)
    cal.add("x-wr-timezone", "Europe/Stockholm")
    return cal.to_ical()


def _vevent(loaded: LoadedEvent, site: SiteInfo, texts: Any) -> bytes:
    event = loaded.event
    url = site.url + loaded.url.lstrip("/")
    return _vevent_ical(
        uid=f"{loaded.slug}@{_host(site.url)}", summary=event.title, location=event.place,
        start=dt.datetime.combine(event.date, event.time.start, STOCKHOLM),
        end=dt.datetime.combine(event.date, event.time.end, STOCKHOLM),
        description=f"{event.summary}\n\n{texts.format('möten.kalender', adress=url)}", url=url,
        stamp=dt.datetime.combine(event.updated or event.published, dt.time(), dt.timezone.utc),
    )


@functools.lru_cache(maxsize=20_000)
def _vevent_ical(**fields: Any) -> bytes:
    return icalendar.Event.new(**fields).to_ical()


def _host(url: str) -> str:
    return re.sub(r"^[a-z]+://", "", url).split("/")[0].split(":")[0] or "localhost"


def event_jsonld(loaded: LoadedEvent, site: SiteInfo) -> str:
    event = loaded.event
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Event", "name": event.title,
        "description": event.summary, "url": site.url + loaded.url.lstrip("/"), "inLanguage": "sv",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": event.place},
    }
    if event.is_dated:
        data["startDate"] = dt.datetime.combine(event.date, event.time.start, STOCKHOLM).isoformat()
        data["endDate"] = dt.datetime.combine(event.date, event.time.end, STOCKHOLM).isoformat()
        data["eventStatus"] = "https://schema.org/EventScheduled"
    if loaded.organisers:
        data["organizer"] = [{"@type": "Organization", "name": e.name} for e in loaded.organisers]
    performers = {e.id: e for item in loaded.presenters for e in item}
    if performers:
        data["performer"] = [{"@type": "Person" if e.kind == "person" else "Organization", "name": e.name}
                             for e in performers.values()]
    return json_for_html(data)


# --- open data (trygg.core.api) --------------------------------------------------------------

class Location(Item):
    type: Literal[OPARL + "Location"]
    description: Name = Field(description="Platsen som programmet skriver den.")


class AgendaItemItem(Item):
    """En programpunkt (OParl AgendaItem)."""

    id: Uri
    type: Literal[OPARL + "AgendaItem"]
    number: str = Field(pattern=r"^[1-9][0-9]*$")
    name: Name
    itemType: Literal["programpunkt", "lunch", "paus"]  # noqa: N815 - OParl's names
    start: Moment | None
    end: Moment | None
    time: str = Field(pattern=r"^[0-9]{1,2}\.[0-9]{2}–[0-9]{1,2}\.[0-9]{2}$")
    web: Uri
    notes: Uri | None = Field(description="Anteckningarna från punkten på mötets sida, om de finns.")
    presenter: list[Reference]
    public: bool
    auxiliaryFile: list[File]  # noqa: N815


class MeetingItem(Item):
    """Ett möte, en utvecklingsdag, en konferens eller ett seminarium (OParl Meeting)."""

    id: Uri
    type: Literal[OPARL + "Meeting"]
    name: Name
    meetingType: Literal["utvecklingsdag", "möte", "konferens", "seminarium"]  # noqa: N815
    description: str
    web: Uri
    location: Location
    start: Moment | None = Field(description="Saknas (null) medan datumet inte är fastställt.")
    end: Moment | None
    dateFixed: bool  # noqa: N815
    created: Day
    modified: Day
    organization: list[Reference]
    agendaItem: list[AgendaItemItem]  # noqa: N815
    calendar: Uri | None
    notes: Uri | None
    auxiliaryFile: list[File]  # noqa: N815


def meetings(events: Sequence[LoadedEvent], site: SiteInfo, extra: Mapping[str, Any] | None = None,
             last_changed: Mapping[str, dt.date] | None = None) -> Collection:
    """Meetings as OParl Meeting with their AgendaItems, each linking to its notes on the page."""
    items = validated(MeetingItem, (_meeting(loaded, site, last_changed or {})
                                    for loaded in sorted(events, key=lambda e: e.slug)))
    return Collection("meetings", "Meeting", items, model=MeetingItem,
                      title="Möten (Meeting) med programpunkter (AgendaItem)")


def _meeting(loaded: LoadedEvent, site: SiteInfo, last_changed: Mapping[str, dt.date]) -> dict[str, Any]:
    event = loaded.event
    web = site.url + loaded.url.lstrip("/")
    changed = [last_changed[s] for s in (loaded.source, loaded.notes_source) if s in last_changed]
    modified = max([d for d in (event.updated, *changed) if d], default=event.published)
    key = api_id(site, "meetings", loaded.slug)
    data: dict[str, Any] = {
        "id": key, "type": OPARL + "Meeting", "name": event.title,
        "meetingType": event.kind, "description": event.summary, "web": web,
        "location": {"type": OPARL + "Location", "description": event.place},
        "start": _moment(event, event.time.start), "end": _moment(event, event.time.end),
        "dateFixed": event.is_dated, "created": event.published.isoformat(),
        "modified": max(modified, event.published).isoformat(),
        "organization": [reference(e, site) for e in loaded.organisers],
        "agendaItem": [_agenda_item(loaded, index, item, web, site) for index, item in enumerate(event.agenda)],
        "calendar": f"{web}kalender.ics" if event.is_dated else None,
        "notes": f"{web}#programpunkter" if loaded.notes else None,
        "auxiliaryFile": [file_item(key, f, web, f.dated(last_changed, event.published)) for f in loaded.files_of(None)],
    }
    for item, index in zip(data["agendaItem"], range(len(event.agenda))):
        item["auxiliaryFile"] = [file_item(key, f, web, f.dated(last_changed, event.published))
                                 for f in loaded.files_of(index)]
    return data


def _agenda_item(loaded: LoadedEvent, index: int, item: AgendaItem, web: str, site: SiteInfo) -> dict[str, Any]:
    event = loaded.event
    notes = loaded.notes_for(index)
    return {
        "id": f"{api_id(site, 'meetings', loaded.slug)}/{anchor_time(item.time.start)}",
        "type": OPARL + "AgendaItem", "number": str(index + 1), "name": item.title, "itemType": item.kind,
        "start": _moment(event, item.time.start), "end": _moment(event, item.time.end),
        "time": str(item.time), "web": f"{web}#punkt-{anchor_time(item.time.start)}",
        "notes": f"{web}#anteckningar-{anchor_time(item.time.start)}" if notes else None,
        "presenter": [reference(e, site) for e in loaded.presenters[index]],
        "public": True,
    }


def _moment(event: Any, clock: dt.time) -> str | None:
    """ISO 8601 with Stockholm's offset, or None while the date is not fixed."""
    return dt.datetime.combine(event.date, clock, STOCKHOLM).isoformat() if event.is_dated else None


# --- `trygg new möte` … ------------------------------------------------------------

EVENT_KINDS = ("möte", "utvecklingsdag", "konferens", "seminarium")
_ARTICLE = {"möte": "Ett möte", "utvecklingsdag": "En utvecklingsdag", "konferens": "En konferens",
            "seminarium": "Ett seminarium"}


def event_skeleton(kind: str) -> Skeleton:
    def make(title: str, slug: str, today: dt.date, names: SiteNames = SiteNames()) -> tuple[str, str]:
        return f"content/{EVENTS_DIR}/{slug}/program.md", f"""\
---
# {_ARTICLE[kind]}. Rader som börjar med # är kommentarer och syns inte på webbplatsen.
# Kontrollera med: .venv/bin/trygg check   Förhandsgranska med: ./scripts/serve
titel: {yaml_text(title)}
typ: {kind}
sammanfattning: Skriv en eller två meningar om vad dagen handlar om.
datum: ej fastställt  # eller ett datum: {today.isoformat()}
tid: 13.00–15.00      # dagens start och slut, med tankstreck
plats: Skriv var mötet hålls, till exempel lokal och adress
publicerad: {today.isoformat()}
# målgrupp: Vilka som är välkomna
# arrangör: [{names.organisation}]   # namn eller förkortning ur registret
# sidansvarig: Förnamn Efternamn
# utkast: true                              # syns då bara i förhandsvisningen
program:
  - tid: 13.00–13.15
    rubrik: Välkomna
    # medverkande: [Förnamn Efternamn]    # namn ur registret i content/organisation/
  - tid: 13.15–14.45
    rubrik: Skriv programpunktens rubrik
  - tid: 14.45–15.00
    rubrik: Avslutning
---

Skriv en inledning här. Anteckningar från dagen skriver du i anteckningar.md i samma mapp, med
en rubrik per programpunkt som börjar med punktens starttid, till exempel ## 13.15 Rubrik.
"""
    return make


def notes_in_editor(events: tuple[LoadedEvent, ...]) -> tuple[EditorPlace, ...]:
    """Every meeting's notes in the browser editor, by the meeting's title: Markdown only, the
    file written or not yet (the editor makes it on the first save)."""
    return tuple(EditorPlace("anteckningar", "redigeraren.anteckningar", None, title=e.event.title, entry=e.slug,
                             file=f"{EVENTS_DIR}/{e.slug}/{NOTES_FILE}", body=True,
                             body_hint="redigeraren.hjälp.anteckningar") for e in events)


EVENTS_TYPE = ContentType(EVENTS_DIR, load_events, render_events, rank=10, page_file=PROGRAM_FILE,
                          api=meetings, card=events_card,
                          skeletons=tuple((kind, event_skeleton(kind)) for kind in EVENT_KINDS),
                          menu=events_menu, home=events_home, pages=events_pages,
                          filters={"event_page": lambda slug: f"{EVENTS_DIR}/{slug}/index.md"}, globals=_anchors(),
                          templates=Path(__file__).parent,
                          # only_with: the meeting's program.md, not its notes beside it (no front matter)
                          editor=(EditorPlace(EVENTS_DIR, "möten.rubrik", Event, folder=EVENTS_DIR,
                                              path="{{slug}}/" + Path(PROGRAM_FILE).stem, body=False,
                                              only_with="titel"),),
                          editor_for=notes_in_editor)
