"""The whole build in one place: load → validate → model → render.

`build_site` is what the MkDocs hooks call once per build; `check_site` is what `trygg check`
calls: the same load and validation, the same rendering to Markdown (so links are checked against
the pages the build makes), then the writer's checks (links, headings, spelling, readability)
instead of MkDocs' theme rendering. Neither touches MkDocs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .about import theme_facts
from .api import render_api
from .content import Content, content_text_files, load_content
from .guide import render_guide
from .home import render_home
from .memo import Memo
from .menu import Menu, menu_children
from .history import build_date, last_changed_dates
from .pagecheck import SitePages, check_page_markdown
from .problems import ContentError, Problem, Reporter, Severity
from .redirects import render_redirects
from .register import Entry
from .render import Output, SiteInfo, render_site
from .source import read_document, read_yaml_file
from .types import registered_types
from .writing import (DEFAULT_MAX_LIX, Speller, check_abbreviations, check_readability, check_spelling,
                      find_dictionary, iter_text_values, markdown_pieces, read_word_list)


@dataclass(frozen=True)
class BuildResult:
    outputs: list[Output]
    warnings: tuple[Problem, ...]
    abbreviations: dict[str, Entry]
    today: dt.date  # the build's "today": SOURCE_DATE_EPOCH, else the last commit's date (trygg.history)
    last_changed: dict[str, dt.date]  # path → date of the last commit touching it (content/ and docs/)
    # Upper-case names in content/ordlista.txt (e.g. KRAMI): accepted without an expansion,
    # because the sources do not give one and none may be invented.
    known_names: frozenset[str] = frozenset()
    errors: tuple[Problem, ...] = ()  # only with keep_going (the preview); a build raises instead
    theme: dict = field(default_factory=dict)  # site facts the theme draws (trygg.about.theme_facts)
    # Organisation names and aliases: never split into abbreviations (a company 'AB …').
    names: tuple[str, ...] = ()
    menu: Menu = field(default_factory=dict)  # generated pages under their section in the menu (trygg.menu)
    home: str = ""  # the start page's generated Markdown (trygg.home)


def build_site(root: Path, *, site_name: str, site_url: str, include_drafts: bool = False,
               keep_going: bool = False, memo: Memo | None = None) -> BuildResult:
    """Load and validate `root/content`, then render every generated file. Raises ContentError,
    unless `keep_going`: then what could be loaded is rendered and the errors are returned.
    `memo` (the preview's, see trygg.memo) keeps slow pure results between builds."""
    types = registered_types()
    today = build_date(root)
    content = load_content(root, include_drafts=include_drafts, types=types, keep_going=keep_going, today=today)
    site = SiteInfo(site_name, site_url.rstrip("/") + "/", today)
    last_changed = last_changed_dates(root)
    if keep_going:
        return _build_preview(root, content, site, types, last_changed, memo)
    outputs = render_site(content, site, last_changed, types) + render_guide(site.today)
    outputs += render_redirects(root, outputs, site)
    outputs += render_api(content, site, last_changed, types)
    duplicates = check_unique_uris(outputs, {})
    if duplicates:
        raise ContentError([*content.warnings, *duplicates])
    known_names = frozenset(w for w in read_word_list(root) if w.isupper())
    return BuildResult(outputs, content.warnings, content.register.abbreviations(), site.today, last_changed,
                       known_names, theme=theme_facts(content), names=tuple(content.register.organisation_names()),
                       menu=menu_children(content, types, site.today), home=render_home(content, site, types))


def _build_preview(root: Path, content: Content, site: SiteInfo, types: list,
                   last_changed: dict[str, dt.date], memo: Memo | None) -> BuildResult:
    """The preview renders whatever loaded and carries the errors along, so the server lives on."""
    problems = list(content.warnings)
    try:
        outputs = render_site(content, site, last_changed, types, memo) + render_guide(site.today)
        try:
            outputs += render_redirects(root, outputs, site)
        except ContentError as error:
            problems += error.problems
        outputs += render_api(content, site, last_changed, types)
    except Exception:  # noqa: BLE001 - content with errors may break a template; the errors say why
        if not any(p.severity is Severity.ERROR for p in problems):
            raise
        outputs = []
    problems += check_unique_uris(outputs, {})
    unique = list({o.uri: o for o in reversed(outputs)}.values())[::-1]
    errors = tuple(sorted(p for p in problems if p.severity is Severity.ERROR))
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    known_names = frozenset(w for w in read_word_list(root) if w.isupper())
    return BuildResult(unique, warnings, content.register.abbreviations(), site.today, last_changed,
                       known_names=known_names, errors=errors, theme=theme_facts(content),
                       names=tuple(content.register.organisation_names()), menu=menu_children(content, types, site.today),
                       home=render_home(content, site, types))


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Problem, ...]  # sorted by file, line and column
    content: Content | None  # None when content has errors

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def check_site(root: Path, *, include_drafts: bool = True, spelling: bool = True,
               max_lix: float = DEFAULT_MAX_LIX) -> CheckReport:
    """Every problem in `root/content` without building the site: validation as in the build,
    then links, anchors, images, headings, spelling and readability of the writers' text."""
    types = registered_types()
    problems: list[Problem] = []
    content: Content | None = None
    site: SitePages | None = None
    sources: dict[str, str] = {}
    today = build_date(root)
    try:
        content = load_content(root, include_drafts=include_drafts, types=types, today=today)
    except ContentError as error:
        problems += error.problems
    if content is not None:
        problems += content.warnings
        site_info = SiteInfo("", "http://127.0.0.1:8000/", today)
        outputs = render_site(content, site_info, {}, types) + render_guide(site_info.today)
        try:
            outputs += render_redirects(root, outputs, site_info)
        except ContentError as error:
            problems += error.problems
        docs = _docs_pages(root)
        problems += check_unique_uris(outputs, docs)
        site = SitePages({**docs, **{o.uri: o.content if isinstance(o.content, str) and o.uri.endswith(".md")
                                     else None for o in outputs}})
        sources = {o.source: o.uri for o in outputs if o.source and o.uri.endswith(".md")}
    speller = _speller(root, content, problems) if spelling else None
    known = ({*content.register.abbreviations(), *(w for w in read_word_list(root) if w.isupper())}
             if content is not None else None)
    problems += _check_writing(root, site, sources, speller, max_lix, known)
    if speller is not None:
        speller.save()
    return CheckReport(tuple(sorted(set(problems))), content)


def check_unique_uris(outputs: list[Output], docs: dict[str, object]) -> list[Problem]:
    """Two sources that would become the same page (or file) are an error naming both."""
    seen: dict[str, str] = {uri: f"docs/{uri}" for uri in docs}
    problems = []
    for output in outputs:
        origin = output.source or "content/"
        if output.uri in seen:
            problems.append(Problem(origin, None, f"{seen[output.uri]} och {origin} ger samma adress "
                                    f"(/{output.uri})", "byt namn på den ena filen eller mappen"))
        seen.setdefault(output.uri, origin)
    return problems


def _docs_pages(root: Path) -> dict[str, str | None]:
    docs = root / "docs"
    pages: dict[str, str | None] = {}
    for path in sorted(docs.rglob("*")) if docs.is_dir() else []:
        if path.is_file():
            uri = path.relative_to(docs).as_posix()
            pages[uri] = path.read_text("utf-8", "replace") if path.suffix == ".md" else None
    return pages


def _check_writing(root: Path, site: SitePages | None, sources: dict[str, str], speller: Speller | None,
                   max_lix: float, abbreviations: set[str] | None) -> list[Problem]:
    """Links and headings (when the site's pages are known), spelling and LIX of every content file."""
    problems: list[Problem] = []
    for path in content_text_files(root):
        rel = path.relative_to(root).as_posix()
        report, ignored = Reporter(rel, problems), Reporter(rel, [])  # loaders report unreadable files
        if path.suffix in (".md", ".markdown"):
            doc = read_document(path, rel, ignored, require_meta=False)
            if doc is None:
                continue
            body = markdown_pieces(doc.body, doc.body_line)
            values = list(iter_text_values(doc.meta, doc.lines))
            if site is not None:
                check_page_markdown(doc.body, doc.body_line, _page_of(rel, sources), site, report)
            check_readability(body, doc.body_line, max_lix, report)
        elif path.suffix in (".yml", ".yaml"):
            parsed = read_yaml_file(path, rel, ignored)
            body, values = [], list(iter_text_values(parsed.data, parsed.lines)) if parsed else []
        else:
            continue
        if speller is not None:
            check_spelling([*values, *body], speller, report)
        if abbreviations is not None and rel.endswith(".md"):
            check_abbreviations([*values, *body], abbreviations, report)
    return problems


def _page_of(rel: str, sources: dict[str, str]) -> str | None:
    """The generated page a content file becomes; notes belong to their event's page."""
    if rel in sources:
        return sources[rel]
    sibling = rel.rsplit("/", 1)[0] + "/program.md"
    return sources.get(sibling) if rel.endswith("/anteckningar.md") else None


def _speller(root: Path, content: Content | None, problems: list[Problem]) -> Speller | None:
    dictionary = find_dictionary()
    if dictionary is None:
        problems.append(Problem("content/", None, "stavningen kontrolleras inte: den svenska ordlistan "
                                "(hunspell-sv) är inte installerad", "kör ./scripts/test eller "
                                "apt-get install hunspell-sv", Severity.WARNING))
        return None
    return Speller(dictionary, [*read_word_list(root), *_register_words(content)])


def _register_words(content: Content | None) -> list[str]:
    """Names, abbreviations and aliases in the register are words the speller accepts."""
    if content is None:
        return []
    register = content.register
    return [*(o.name for o in register.organisations), *(o.abbreviation or "" for o in register.organisations),
            *(a for o in register.organisations for a in o.aliases), *(p.name for p in register.people),
            *(t.abbreviation for t in register.terms)]
