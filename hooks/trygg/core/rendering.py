"""The rendering framework: every type's renderer gets a `Renderer` with its templates, the page
furniture (`meta`), pagination and the preview's memory; `render_site` runs them all.

Every page goes through a Jinja template into Markdown (so MkDocs' links, anchors, table of
contents and search apply). The templates are found in trygg/templates/ (shared ones) and in
each content type's own folder (`ContentType.templates`), with the filters its templates use.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import jinja2
import yaml

from trygg.core.content import REGISTER_DIR, Content
from trygg.core.memo import Recent
from trygg.core.output import Output, SiteInfo
from trygg.core.register import Entry
from trygg.core.sv import format_date

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from trygg.core.memo import Memo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The content-type label shown above each page's title (and in search results): its text's key.
TYPE_LABELS = {"event": "typ.möte", "article": "typ.nyhet", "register": "typ.register", "list": "typ.översikt",
               "statement": "typ.om"}


def render_site(content: Content, site: SiteInfo, last_changed: dict[str, dt.date],
                memo: Memo | None = None) -> list[Output]:
    """All generated files of every type `content` was loaded with, in the types' order. A type
    that `reads_other_pages` (news: 'relaterat' may name any page) renders after the others, with
    every other page known (`Renderer.pages`). `memo` (the preview's) keeps slow, pure results
    such as the handbooks' PDFs between builds."""
    renderer = Renderer(content, site, last_changed, memo)
    rendered: dict[str, list[Output]] = {}
    for content_type in sorted(content.types, key=lambda t: t.reads_other_pages):
        if content_type.reads_other_pages:
            renderer.pages = {o.uri: o for outputs in rendered.values() for o in outputs}
        rendered[content_type.key] = content_type.render(content.extra[content_type.key], renderer)
    return [o for content_type in content.types for o in rendered[content_type.key]]


class Renderer:
    """What every ContentType renders with: its templates, the page furniture, the preview's memory."""

    def __init__(self, content: Content, site: SiteInfo, last_changed: dict[str, dt.date],
                 memo: Memo | None = None) -> None:
        self.content = content
        self.site = site
        self.last_changed = last_changed
        self.memo = memo
        self.template_folders = tuple(content.types)
        self.env = _markdown_environment(self.template_folders)
        self.pages: dict[str, Output] = {}  # the pages rendered so far, by uri (see render_site)
        self.texts = content.texts

    def related_page(self, target: str) -> tuple[str, str] | None:
        """(title, page) of a page named by its path under content/ ('moten/<mapp>',
        'organisation/diagram/<namn>'), for the 'Läs mer' links; None if there is no such page.
        Any type's page, by the title its own front matter gives."""
        page = self.pages.get(f"{target.strip('/')}/index.md")
        title = _front_matter_title(page.content) if page is not None and isinstance(page.content, str) else None
        return (title, page.uri) if title else None

    # --- helpers --------------------------------------------------------------------------

    def template(self, name: str) -> _WithTexts:
        """A page template; every render gets the site's texts as `texts`."""
        return _WithTexts(self.env.get_template(name), self.texts)

    def remembered(self, parts: tuple, sources: list[str], render: Callable[[], Output]) -> Output:
        """`render()`, or in the preview the same page kept from an earlier build (trygg.core.memo.Recent).

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
# Keyed by the content types (compared by identity), whose folders and filters the templates use.
@functools.cache
def _escaping_environment(types: tuple = ()) -> jinja2.Environment:
    return _environment(autoescape=True, types=types)


@functools.cache
def _markdown_environment(types: tuple = ()) -> jinja2.Environment:
    return _environment(autoescape=False, types=types)


def html_template(name: str, types: tuple = ()) -> jinja2.Template:
    """A template for HTML or XML output, with autoescaping (one environment per process)."""
    return _escaping_environment(types).get_template(name)


TEMPLATES = Path(__file__).resolve().parents[1] / "templates"  # the templates every type shares


def _environment(autoescape: bool = False, types: tuple = ()) -> jinja2.Environment:
    """The templates of trygg/templates/ and of each of `types` (ContentType), with their filters."""
    folders = [TEMPLATES, *(t.templates for t in types if t.templates is not None)]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=autoescape, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # Markdown's attribute lists use '{#id}', so Jinja comments are '{##' … '##}'.
        comment_start_string="{##", comment_end_string="##}",
    )
    env.filters.update(t=escape_text, date=format_date, shift_headings=shift_headings, tel=_tel, capfirst=_capfirst)
    env.globals.update(register_link=register_link)
    for content_type in types:
        env.filters.update(content_type.filters)
        env.globals.update(content_type.globals)
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


def json_for_html(data: dict) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' at all (JSON's own \\u escapes), so neither
    '</script' nor '<!--' (which would make the browser read past the end) can occur."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

