"""Renders loaded content into the site's generated files: Markdown pages, ICS, Atom and JSON-LD.

Every page goes through a Jinja template into Markdown (so MkDocs' links, anchors, table of
contents and search apply); calendars go through `icalendar`, the feed through an XML template.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import icalendar
import jinja2
import yaml

from .content import ARTICLES_DIR, EVENTS_DIR, REGISTER_DIR, Content, LoadedArticle, LoadedEvent
from .memo import Recent
from .models.register import ORG_KIND_LABELS, Organisation
from .register import Entry, slugify
from .sv import anchor_time, format_date

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from .memo import Memo
    from .types import ContentType

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The content-type label shown above each page's title (and in search results): its text's key.
TYPE_LABELS = {"event": "typ.möte", "article": "typ.nyhet", "register": "typ.register", "list": "typ.översikt",
               "statement": "typ.om"}


@dataclass(frozen=True)
class Output:
    """One generated file: its path in the site's source tree, its content, the file it came from."""

    uri: str
    content: str | bytes
    source: str | None = None


@dataclass(frozen=True)
class SiteInfo:
    name: str  # the programme's name (content/webbplats.yml)
    url: str  # absolute, ending in '/'
    today: dt.date
    publisher: str  # the publishing organisation's name (content/webbplats.yml)


def render_site(content: Content, site: SiteInfo, last_changed: dict[str, dt.date],
                types: Sequence[ContentType] = (), memo: Memo | None = None) -> list[Output]:
    """All generated files of the site, in a stable order. `memo` (the preview's) keeps slow,
    pure results such as the handbooks' PDFs between builds."""
    renderer = Renderer(content, site, last_changed, memo)
    # A built-in type with no content has no pages (nor menu entry, sitemap entry or API collection).
    outputs = [*renderer.register(), *renderer.events()]
    others = [o for content_type in types for o in content_type.render(content.extra[content_type.key], renderer)]
    # News may name any page under 'relaterat' (a chart, a goal area …): rendered last, with every title known.
    renderer.pages = {o.uri: o for o in [*outputs, *others]}
    return [*outputs, *renderer.articles(), *others]


class Renderer:
    """Renders the built-in types and gives every ContentType its templates and page furniture."""

    def __init__(self, content: Content, site: SiteInfo, last_changed: dict[str, dt.date],
                 memo: Memo | None = None) -> None:
        self.content = content
        self.site = site
        self.last_changed = last_changed
        self.memo = memo
        self.env = _markdown_environment()
        self.pages: dict[str, Output] = {}  # the pages rendered so far, by uri (see render_site)
        self.texts = content.texts

    # --- pages ----------------------------------------------------------------------------

    def register(self) -> list[Output]:
        register = self.content.register
        if not register.entries():
            return []
        groups = [(self.texts[label], [o for o in register.organisations if o.kind == kind])
                  for kind, label in ORG_KIND_LABELS.items()]
        body = self.template("register.md.j2").render(
            abbreviations=register.abbreviations().items(),
            org_groups=[(label, orgs) for label, orgs in groups if orgs],
            people=sorted(register.people, key=lambda p: p.name.split()[-1]),
            terms=sorted(register.terms, key=lambda t: t.abbreviation.casefold()),
        )
        sources = [f"content/{REGISTER_DIR}/{name}" for name in ("organisationer.yml", "personer.yml", "begrepp.yml")]
        meta = self.meta("register", self.texts["register.rubrik"], self.texts["register.beskrivning"],
                          sources[0], published=None, owner=None, changed_sources=sources)
        return [Output(f"{REGISTER_DIR}/index.md", _page(meta, body), sources[0])]

    def events(self) -> list[Output]:
        if not self.content.events:
            return []
        outputs = [self._event_page(loaded) for loaded in self.content.events]
        outputs += [Output(f"{EVENTS_DIR}/{e.slug}/kalender.ics", calendar([e], self.site, self.texts, e.slug), e.source)
                    for e in self.content.events if e.event.is_dated]
        outputs += [Output(f"{EVENTS_DIR}/{e.slug}/{a.file}", a.data, a.source)
                    for e in self.content.events for a in e.attachments]
        outputs.append(Output(f"{EVENTS_DIR}/kalender.ics", calendar(list(self.content.events), self.site, self.texts)))
        outputs += self._events_index()
        return outputs

    def articles(self) -> list[Output]:
        if not self.content.articles:
            return []
        ordered = sorted(self.content.articles, key=lambda a: (a.article.published, a.slug), reverse=True)
        outputs = [self._article_page(loaded) for loaded in ordered]
        for pager in paginate(ARTICLES_DIR, ordered, ARTICLES_PER_PAGE):
            body = self.template("articles.md.j2").render(articles=pager.items, pager=pager)
            meta = self.meta("list", pager.title(self.texts, self.texts["nyheter.rubrik"]),
                              self.texts["nyheter.beskrivning"], None, published=None, owner=None)
            meta["feed"] = "feed.xml" if pager.number == 1 else "../feed.xml"
            outputs.append(Output(pager.uri, _page(meta, body)))
        outputs.append(Output(f"{ARTICLES_DIR}/feed.xml", self._atom(ordered)))
        return outputs

    def _event_page(self, loaded: LoadedEvent) -> Output:
        sources = [loaded.source, *([loaded.notes_source] if loaded.notes_source else []),
                   *(a.source for a in loaded.attachments)]
        return self.remembered(("event", loaded), sources, lambda: self._render_event_page(loaded, sources))

    def _render_event_page(self, loaded: LoadedEvent, sources: list[str]) -> Output:
        event = loaded.event
        body = self.template("event.md.j2").render(
            loaded=loaded, event=event, today=self.site.today,
            file_date={a.file: a.dated(self.last_changed, event.published) for a in loaded.attachments})
        meta = self.meta("event", event.title, event.summary, loaded.source, published=event.published,
                          owner=event.owner, updated=event.updated, changed_sources=sources)
        meta["jsonld"] = event_jsonld(loaded, self.site)
        if event.draft:
            meta["utkast"] = True
        return Output(f"{EVENTS_DIR}/{loaded.slug}/index.md", _page(meta, body), loaded.source)

    def _events_index(self) -> list[Output]:
        groups = [(self.texts[f"möten.{key}"], group)
                  for key, group in event_groups(self.content.events, self.site.today)]
        dated = any(e.event.is_dated for e in self.content.events)
        # One list in pages of EVENTS_PER_PAGE, so no list page grows with the archive; each
        # page shows its part under the group headings, the first page also an empty "Kommande".
        entries = [(heading, loaded) for heading, group in groups for loaded in group]
        outputs = []
        for pager in paginate(EVENTS_DIR, entries, EVENTS_PER_PAGE):
            shown = [(heading, [e for h, e in pager.items if h == heading]) for heading, group in groups
                     if any(h == heading for h, _ in pager.items)
                     or (pager.number == 1 and heading == self.texts[f"möten.{UPCOMING}"])]
            body = self.template("events.md.j2").render(groups=shown, dated=dated, pager=pager, today=self.site.today)
            meta = self.meta("list", pager.title(self.texts, self.texts["möten.rubrik"]),
                              self.texts["möten.beskrivning"], None, published=None, owner=None)
            outputs.append(Output(pager.uri, _page(meta, body)))
        return outputs

    def _article_page(self, loaded: LoadedArticle) -> Output:
        related = [found for found in map(self.related_page, loaded.article.related) if found is not None]
        return self.remembered(("article", loaded, related), [loaded.source],
                               lambda: self._render_article_page(loaded, related))

    def related_page(self, target: str) -> tuple[str, str] | None:
        """(title, page) of a page named by its path under content/ ('moten/<mapp>',
        'organisation/diagram/<namn>'), for the 'Läs mer' links; None if there is no such page."""
        found = self.content.find(target)
        if found is not None:
            return _target_title(found), _target_page(found)
        page = self.pages.get(f"{target.strip('/')}/index.md")
        title = _front_matter_title(page.content) if page is not None and isinstance(page.content, str) else None
        return (title, page.uri) if title else None

    def _render_article_page(self, loaded: LoadedArticle, related: list) -> Output:
        article = loaded.article
        body = self.template("article.md.j2").render(loaded=loaded, article=article, related=related)
        meta = self.meta("article", article.title, article.summary, loaded.source, published=article.published,
                          owner=article.owner, updated=article.updated)
        meta["jsonld"] = article_jsonld(loaded, self.site)
        if article.draft:
            meta["utkast"] = True
        return Output(f"{ARTICLES_DIR}/{loaded.slug}/index.md", _page(meta, body), loaded.source)

    def _atom(self, ordered: list[LoadedArticle]) -> str:
        newest = max((a.article.updated or a.article.published for a in ordered), default=dt.date(2015, 1, 1))
        return html_template("atom.xml.j2").render(
            articles=ordered, site_name=self.site.name, base_url=self.site.url, updated=_atom_date(newest),
            author=self.site.publisher, texts=self.texts)

    # --- helpers --------------------------------------------------------------------------

    def template(self, name: str) -> _WithTexts:
        """A page template; every render gets the site's texts as `texts`."""
        return _WithTexts(self.env.get_template(name), self.texts)

    def remembered(self, parts: tuple, sources: list[str], render: Callable[[], Output]) -> Output:
        """`render()`, or in the preview the same page kept from an earlier build (trygg.memo.Recent).

        `parts` must hold everything the page is made from besides the site, its texts, the sources' dates
        and trygg's code and templates (the memo's `code_version`: Jinja reloads an edited
        template, so must the preview), as frozen dataclasses or models (their `repr` is complete).
        """
        if self.memo is None:
            return render()
        dates = [self.last_changed.get(source) for source in sources]
        return _PREVIEW_PAGES.get((parts, self.site, self.texts, dates, self.memo.code_version), render)

    def meta(self, kind: str, title: str, description: str, source: str | None, *, published: dt.date | None,
              owner: str | None, updated: dt.date | None = None, changed_sources: list[str] | None = None) -> dict:
        """Front matter of a generated page, read by the theme for the page furniture.

        The theme prints these values into HTML without escaping (MkDocs' Jinja does not
        autoescape), so writers' text is escaped here: a '<script>' in a title stays text.
        """
        changed = [self.last_changed[s] for s in (changed_sources or [source]) if s in self.last_changed]
        last = max([d for d in (updated, *changed) if d], default=None)
        meta: dict[str, Any] = {"title": html.escape(title), "description": html.escape(description),
                                "trygg_typ": self.texts[TYPE_LABELS[kind]]}
        if published:
            meta["publicerad"] = published.isoformat()
            if published > self.site.today:  # only in the preview and trygg check: the build leaves it out
                meta["publiceras"] = published.isoformat()
        if last and (published is None or last > published):
            meta["senast_andrad"] = last.isoformat()
        if owner:
            meta["sidansvarig"] = html.escape(owner)
        if source:
            meta["kalla"] = source
        return meta


@dataclass(frozen=True)
class _WithTexts:
    template: jinja2.Template
    texts: Any

    def render(self, **context: Any) -> str:
        return self.template.render(texts=self.texts, **context)


ARTICLES_PER_PAGE = 30
EVENTS_PER_PAGE = 60
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


@dataclass(frozen=True)
class Pager:
    """One page of a long list: its items, its address, and links to the other pages."""

    folder: str
    number: int
    count: int
    items: Sequence[Any]

    @property
    def uri(self) -> str:
        return self.page_uri(self.number)

    def page_uri(self, number: int) -> str:
        return f"{self.folder}/index.md" if number == 1 else f"{self.folder}/sida-{number}/index.md"

    def title(self, texts: Any, heading: str) -> str:
        """The list's title, with the page's number from the second page on."""
        if self.number == 1:
            return heading
        return texts.format("lista.titel_sida", rubrik=heading, nummer=self.number, antal=self.count)

    @property
    def pages(self) -> list[tuple[int, str]]:
        return [(n, self.page_uri(n)) for n in range(1, self.count + 1)]


def paginate(folder: str, items: Sequence[Any], size: int) -> list[Pager]:
    """Split a list over `folder/index.md`, `folder/sida-2/index.md`, …; always at least one page."""
    chunks = [items[start:start + size] for start in range(0, len(items), size)] or [items[:0]]
    return [Pager(folder, number, len(chunks), chunk) for number, chunk in enumerate(chunks, 1)]


def page(meta: dict, body: str) -> str:
    """A generated Markdown page: YAML front matter (for the theme) and the rendered body."""
    return _page(meta, body)


# libyaml's emitter when available: the pure-Python one took a third of the render time.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _page(meta: dict, body: str) -> str:
    front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{front}---\n\n{_tidy(body)}"


def _tidy(markdown: str) -> str:
    """Collapse the blank lines templates leave, so generated Markdown reads like written Markdown."""
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


# --- Jinja environment ------------------------------------------------------------------------

_PREVIEW_PAGES = Recent(20_000)  # pages rendered in this process (the preview's; see Renderer.remembered)


# One environment of each kind per process: compiled templates are reused by every build (Jinja
# still reloads a template whose file changed), which matters most in the preview's rebuilds.
@functools.cache
def _escaping_environment() -> jinja2.Environment:
    return _environment(autoescape=True)


@functools.cache
def _markdown_environment() -> jinja2.Environment:
    return _environment(autoescape=False)


def html_template(name: str) -> jinja2.Template:
    """A template for HTML or XML output, with autoescaping (one environment per process)."""
    return _escaping_environment().get_template(name)


def _environment(autoescape: bool = False) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("trygg", "templates"),
        autoescape=autoescape, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # Markdown's attribute lists use '{#id}', so Jinja comments are '{##' … '##}'.
        comment_start_string="{##", comment_end_string="##}",
    )
    env.filters.update(
        t=escape_text, date=format_date, shift_headings=shift_headings, tel=_tel, capfirst=_capfirst,
        event_page=lambda slug: f"{EVENTS_DIR}/{slug}/index.md",
        article_page=lambda slug: f"{ARTICLES_DIR}/{slug}/index.md", atom_date=_atom_date,
    )
    env.globals.update(
        item_anchor=lambda item: f"punkt-{anchor_time(item.time.start)}",
        notes_anchor=lambda item: f"anteckningar-{anchor_time(item.time.start)}",
        register_link=register_link, org_id=_org_id, person_id=lambda p: slugify(p.name),
        term_id=lambda t: slugify(t.abbreviation), target_title=_target_title, target_page=_target_page,
    )
    return env


def escape_text(value: Any) -> str:
    """Plain text into Markdown: HTML-significant characters become entities, so '<script>' is text."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shift_headings(markdown: str, levels: int) -> str:
    """Demote ATX headings by `levels`, so a writer's '##' fits under the page's structure."""
    out, in_fence = [], False
    for line in markdown.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if not in_fence and re.match(r"^#{1,6}\s", line):
            hashes = len(line) - len(line.lstrip("#"))
            line = "#" * min(6, hashes + levels) + line[hashes:]
        out.append(line)
    return "\n".join(out)


def register_link(entry: Entry) -> str:
    return f"/{REGISTER_DIR}/index.md#{entry.id}"


def _org_id(org: Organisation) -> str:
    return slugify(org.abbreviation or org.name)


def _target_title(target: LoadedEvent | LoadedArticle) -> str:
    return target.event.title if isinstance(target, LoadedEvent) else target.article.title


def _target_page(target: LoadedEvent | LoadedArticle) -> str:
    return target.url.strip("/") + "/index.md"


_TITLE_LINE = re.compile(r"\A---\n(?:.*\n)*?title: (.*)\n")


def _front_matter_title(markdown: str) -> str | None:
    """The title a generated page's front matter gives (escaped there for the theme, see `meta`)."""
    match = _TITLE_LINE.match(markdown)
    return html.unescape(str(yaml.safe_load(match.group(1)))) if match else None
def tel_uri(phone: str) -> str:
    """A phone number as written ('0734328730', '033-35 72 19') as a tel: link's number."""
    return _tel(phone)


def _tel(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return "+46" + digits[1:] if digits.startswith("0") else digits


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _atom_date(value: dt.date) -> str:
    return f"{value.isoformat()}T00:00:00Z"


# --- calendar and structured data --------------------------------------------------------------

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
    return _json_for_html(data)


def article_jsonld(loaded: LoadedArticle, site: SiteInfo) -> str:
    article = loaded.article
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
        "description": article.summary, "datePublished": article.published.isoformat(),
        "url": site.url + loaded.url.lstrip("/"), "inLanguage": "sv",
        "publisher": {"@type": "GovernmentOrganization", "name": site.publisher},
    }
    if article.updated:
        data["dateModified"] = article.updated.isoformat()
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    return _json_for_html(data)


def _json_for_html(data: dict) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' at all (JSON's own \\u escapes), so neither
    '</script' nor '<!--' (which would make the browser read past the end) can occur."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

