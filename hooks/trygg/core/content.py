"""Loads `content/` into validated models: the register, events with notes, and articles.

Each loader reads its part of the tree, validates it with its schema and reports every problem
with file and line; `load_content` gathers them and raises one `ContentError` at the end.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping, TypeVar

from pydantic import BaseModel

from trygg.core.loading import LoadContext
from trygg.core.attachments import Attachment, load_attachments, report_unnamed
from trygg.core.history import build_date
from trygg.core.identity import load_identity
from trygg.models.article import Article
from trygg.models.identity import Identity
from trygg.models.common import DayMonth, TimeRange
from trygg.models.event import AgendaItem, Event
from trygg.models.register import Organisation, Person, Term
from trygg.core.personal import TEXT_SUFFIXES, check_personal_numbers
from trygg.core.problems import ContentError, Problem, Reporter, Severity
from trygg.core.register import Entry, Register, Resolver, slugify
from trygg.core.source import MAX_FILE_BYTES, Document, YamlData, read_document, read_yaml_file
from trygg.core.texts import Texts, load_texts
from trygg.core.validation import suggest, validate
from trygg.core.writer_files import check_writer_files

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trygg.core.contenttype import ContentType


REGISTER_DIR = "organisation"
EVENTS_DIR = "moten"
ARTICLES_DIR = "nyheter"


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


@dataclass(frozen=True)
class LoadedArticle:
    slug: str
    source: str
    article: Article
    body: str
    body_line: int
    related_lines: tuple[int | None, ...] = ()

    @property
    def url(self) -> str:
        return f"/{ARTICLES_DIR}/{self.slug}/"


@dataclass(frozen=True)
class Content:
    root: Path
    register: Register
    events: tuple[LoadedEvent, ...]
    articles: tuple[LoadedArticle, ...]
    warnings: tuple[Problem, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)  # ContentType.key → what its loader returned
    scheduled: tuple[tuple[str, dt.date], ...] = ()  # (source, day) of pages published after the build's today
    identity: Identity | None = None  # content/webbplats.yml; None only when it has errors (keep_going)
    texts: Texts = field(default_factory=lambda: Texts({}, {}))  # the interface texts (trygg.core.texts)

    def find(self, url_path: str) -> LoadedEvent | LoadedArticle | None:
        wanted = "/" + url_path.strip("/") + "/"
        return next((c for c in (*self.events, *self.articles) if c.url == wanted), None)


def load_content(root: Path, *, include_drafts: bool = False, types: Sequence[ContentType] = (),
                 keep_going: bool = False, today: dt.date | None = None) -> Content:
    """Load and validate everything under `root/content`; raise ContentError listing all errors.

    Events, articles and the register are built in; every other content type is a `ContentType`
    (see trygg.core.contenttype) whose loader runs after them and may use the register. With `keep_going`
    (the preview) errors do not raise: what loaded is returned, every problem in `warnings`.
    `today` is the build's day (default: trygg.core.history.build_date), against which dated rules
    such as review dates are checked.
    """
    if not (root / "content").is_dir():
        raise ContentError([Problem("content/", None, "mappen content/ saknas, så det finns inget innehåll att bygga",
                                    "återställ mappen (git checkout -- content) eller skapa den med "
                                    "webbplats.yml enligt skrivguiden")])
    ctx = LoadContext(root, include_drafts, today or build_date(root))
    identity = load_identity(ctx)
    texts = load_texts(ctx, identity)
    register = load_register(ctx)
    resolver = Resolver(register)
    events = tuple(e for e in map(lambda p: _load_event(ctx, p, resolver), _event_files(ctx)) if e)
    articles = tuple(a for a in map(lambda p: _load_article(ctx, p), ctx.content_files(ARTICLES_DIR, "*.md")) if a)
    extra = {t.key: t.load(ctx, resolver) for t in types}
    content = Content(root, register, events, articles, extra=extra)
    _check_article_links(ctx, content)
    _check_personal_data(ctx)
    ctx.problems += check_writer_files(root)
    _drop_follow_on_register_errors(ctx)
    errors = [p for p in ctx.problems if p.severity is Severity.ERROR]
    if errors and not keep_going:
        raise ContentError(ctx.problems)
    return Content(root, register, events, articles, tuple(ctx.problems), extra, tuple(sorted(ctx.scheduled)),
                   identity, texts)



def _drop_follow_on_register_errors(ctx: LoadContext) -> None:
    """A register file that did not load leaves its names unknown everywhere; its own error is
    the one message to fix, not every 'finns inte i registret' that follows from it."""
    files = {f"content/{REGISTER_DIR}/{name}" for name in _REGISTER_FILES}
    if any(p.severity is Severity.ERROR and p.file in files for p in ctx.problems):
        ctx.problems[:] = [p for p in ctx.problems
                           if p.file in files or not p.message.endswith("finns inte i registret")]


def content_text_files(root: Path) -> list[Path]:
    """Every text file under content/ (any content type), symlinks leaving content/ excluded."""
    base = (root / "content").resolve()
    found = []
    # os.walk tells files from folders without a stat per entry; following folder links as glob does.
    for folder, _, files in os.walk(root / "content", followlinks=True):
        for name in files:
            if os.path.splitext(name)[1].lower() not in TEXT_SUFFIXES:
                continue
            path = Path(folder, name)
            if path.is_symlink() and not (path.is_file() and path.resolve().is_relative_to(base)):
                continue
            found.append(path)
    return sorted(found)


def _check_personal_data(ctx: LoadContext) -> None:
    """Personal identity numbers block publishing wherever they stand, in every content type."""
    for path in content_text_files(ctx.root):
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                continue  # reported by the loader that reads it
            text = path.read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        check_personal_numbers(path, text, ctx.reporter(path))


# --- register -----------------------------------------------------------------------------

_REGISTER_FILES: dict[str, type] = {"organisationer.yml": Organisation, "personer.yml": Person, "begrepp.yml": Term}


def load_register(ctx: LoadContext) -> Register:
    loaded: dict[type, list] = {schema: [] for schema in _REGISTER_FILES.values()}
    base = ctx.root / "content" / REGISTER_DIR
    if not base.is_dir():  # a site without a register: no register page (content types are optional)
        return Register((), (), ())
    for name, schema in _REGISTER_FILES.items():
        path = base / name
        if not path.exists():
            ctx.reporter(path).error(None, f"registerfilen {name} saknas", f"skapa content/{REGISTER_DIR}/{name}")
            continue
        report = ctx.reporter(path)
        parsed = read_yaml_file(path, ctx.rel(path), report)
        if parsed is None:
            continue
        loaded[schema] = _validate_list(schema, parsed, report)
    register = Register(*(tuple(loaded[s]) for s in (Organisation, Person, Term)))
    _check_register(ctx, register, base)
    return register


def _validate_list(schema: type, parsed: YamlData, report: Reporter) -> list:
    if parsed.data is None:
        return []
    if not isinstance(parsed.data, list):
        report.error(1, "filen ska vara en lista där varje post börjar med '- namn: …'")
        return []
    items = (validate(schema, item, report, parsed.line, (i,)) for i, item in enumerate(parsed.data))
    return [item for item in items if item is not None]


def _check_register(ctx: LoadContext, register: Register, base: Path) -> None:
    seen: dict[str, str] = {}
    reported: set[tuple[str, str]] = set()
    for entry in register.entries():
        for key in filter(None, (entry.abbreviation, entry.id)):
            if key in seen and seen[key] != entry.name and (seen[key], entry.name) not in reported:
                reported.add((seen[key], entry.name))
                ctx.reporter(base).error(None, f"'{key}' används av både '{seen[key]}' och '{entry.name}' i registret",
                                         "ge posterna olika namn eller förkortningar")
            seen.setdefault(key, entry.name)
    resolver = Resolver(register)
    path = base / "personer.yml"
    for person in register.people:
        if person.organisation and resolver.resolve(person.organisation) is None:
            ctx.reporter(path).error(None, f"{person.name}: organisationen '{person.organisation}' finns inte i registret",
                                     resolver.suggestion(person.organisation))



# --- events -------------------------------------------------------------------------------

def _event_files(ctx: LoadContext) -> list[Path]:
    folders = [p for p in ctx.content_files(EVENTS_DIR, "*") if p.is_dir()]
    for stray in ctx.content_files(EVENTS_DIR, "*.md"):
        ctx.reporter(stray).error(None, "ett möte ska ligga i en egen mapp med filen program.md",
                                  f"flytta filen till content/{EVENTS_DIR}/{stray.stem}/program.md")
    programs = []
    for folder in folders:
        program = folder / "program.md"
        if program.exists():
            programs.append(program)
        else:
            ctx.reporter(folder).error(None, "mappen saknar program.md", "varje möte behöver en program.md")
    return programs


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
    notes_path = path.with_name("anteckningar.md")
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


# --- articles -----------------------------------------------------------------------------

def _load_article(ctx: LoadContext, path: Path) -> LoadedArticle | None:
    loaded = ctx.read(path, Article)
    if loaded is None:
        return None
    doc, article = loaded
    if not doc.body.strip():
        ctx.reporter(path).error(doc.body_line, "artikeln har ingen text", "skriv brödtexten under sidhuvudet")
    related_lines = tuple(doc.line(("relaterat", i)) for i in range(len(article.related)))
    return LoadedArticle(slugify(path.stem), ctx.rel(path), article, doc.body, doc.body_line, related_lines)


def page_source_exists(root: Path, target: str) -> bool:
    """Whether a page path under content/ ('moten/<mapp>', 'organisation/diagram/<namn>',
    'malomraden/<namn>') has a source file of any content type. A target whose file exists but
    did not load has its own error; it is not reported twice."""
    base = root / "content" / target.strip("/")
    return any(p.is_file() for p in (base / "program.md", base / "handbok.yml", base.with_suffix(".md"),
                                     base.with_suffix(".yml")))


def _page_path(rel: str) -> str:
    """content/moten/m/program.md → moten/m; content/nyheter/a.md → nyheter/a."""
    path = rel.removeprefix("content/").rsplit(".", 1)[0]
    return path.removesuffix("/program").removesuffix("/handbok")


def _check_article_links(ctx: LoadContext, content: Content) -> None:
    known = sorted({_page_path(ctx.rel(path)) for path in content_text_files(ctx.root)})
    for loaded in content.articles:
        report = ctx.reporter(ctx.root / loaded.source)
        for target, line in zip(loaded.article.related, loaded.related_lines):
            if content.find(target) is None and not page_source_exists(ctx.root, target):
                guess = suggest(target.strip("/"), known)
                report.error(line, f"'relaterat' pekar på '{target}' som inte finns",
                             f"menade du '{guess}'?" if guess else "skriv sidans sökväg under content/ utan filändelse, "
                             "till exempel moten/<mapp> eller organisation/diagram/<namn>")

