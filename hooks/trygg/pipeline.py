"""The whole build in one place: load → validate → render → redirects → API.

`build_site` is what the MkDocs hooks call once per build (and the preview, with `keep_going`);
`check_site` is what `trygg check` calls: the same load and validation, the same rendering to
Markdown (`render_outputs`, so links are checked against the pages the build makes), then the
writer's checks (links, headings, spelling, readability) instead of MkDocs' theme rendering.
Neither touches MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from trygg import registry
from trygg.console import config_problems
from trygg.core.api import render_api
from trygg.core.content import Content, content_text_files, load_content, page_path
from trygg.core.contenttype import ContentType
from trygg.core.history import build_date, last_changed_dates
from trygg.core.identity import identity_outputs
from trygg.core.memo import Memo
from trygg.core.problems import ContentError, Problem, Reporter, Severity
from trygg.core.register import Entry, slugify
from trygg.core.rendering import Output, SiteInfo, render_site
from trygg.core.source import line_at, read_document, read_yaml_file
from trygg.core.sv import format_iso_date
from trygg.core.validation import fold
from trygg.editor import EditorSite, prepare_editor
from trygg.markdown.sanitize import check_markdown_html
from trygg.models.identity import Identity
from trygg.sitewide.bundles import bundle_files
from trygg.sitewide.home import render_home, section_cards
from trygg.sitewide.menu import Menu, menu_children
from trygg.sitewide.redirects import render_redirects
from trygg.sitewide.theme import theme_facts
from trygg.writers.guide import render_guide
from trygg.writers.pagecheck import SitePages, check_page_markdown
from trygg.writers.writing import (DEFAULT_MAX_LIX, WORD_LIST, Speller, check_abbreviations, check_readability,
                                   check_spelling, find_dictionary, iter_text_values, markdown_pieces, read_word_list)


@dataclass(frozen=True)
class BuildResult:
    outputs: list[Output]
    warnings: tuple[Problem, ...]
    abbreviations: dict[str, Entry]
    today: dt.date  # the build's "today": SOURCE_DATE_EPOCH, else the last commit's date (trygg.core.history)
    last_changed: dict[str, dt.date]  # path → date of the last commit touching it (content/ and docs/)
    # Upper-case names in content/ordlista.txt (e.g. KRAMI): accepted without an expansion,
    # because the sources do not give one and none may be invented.
    known_names: frozenset[str] = frozenset()
    errors: tuple[Problem, ...] = ()  # only with keep_going (the preview); a build raises instead
    theme: dict = field(default_factory=dict)  # site facts the theme draws (trygg.sitewide.theme)
    site: SiteInfo | None = None  # the programme's name, the site's address and the publisher
    identity: Identity | None = None  # content/webbplats.yml (None only in a preview with its errors)
    # Organisation names and aliases: never split into abbreviations (a company 'AB …').
    names: tuple[str, ...] = ()
    menu: Menu = field(default_factory=Menu)  # generated pages under their section in the menu (trygg.sitewide.menu)
    home: str = ""  # the start page's generated Markdown (trygg.sitewide.home)
    sections: tuple[tuple[str, str], ...] = ()  # (title, index page) of every type with content: its card
    editor: EditorSite | None = None  # the browser editor's files under /admin/ (trygg.editor)


def build_site(root: Path, *, site_url: str | None = None, include_drafts: bool = False,
               keep_going: bool = False, memo: Memo | None = None, nav_order: Sequence[str] = ()) -> BuildResult:
    """Load and validate `root/content`, then render every generated file. Raises ContentError,
    unless `keep_going` (the preview): then what could be loaded is rendered and the errors are
    returned, so the server lives on. `site_url` (mkdocs.yml's, from TRYGG_SITE_URL) wins over the
    identity's public address; the local preview's address is the last resort. `memo` (the
    preview's, see trygg.core.memo) keeps slow pure results between builds. `nav_order`: the pages
    mkdocs.yml's nav names, in order, which the start page's cards follow."""
    types = registry.registered_types()
    today = build_date(root)
    content = load_content(root, types, include_drafts=include_drafts, keep_going=keep_going, today=today)
    site = site_info(content, site_url, today)
    last_changed = last_changed_dates(root)
    problems = list(content.warnings)
    outputs = render_outputs(root, content, site, last_changed, problems, memo=memo) or []
    problems += check_unique_uris(outputs, {})
    known_names = frozenset(w for w in read_word_list(root) if w.isupper())
    failed = {p.file for p in problems if p.severity is Severity.ERROR}
    problems += unexplained_abbreviations(root, {*content.register.abbreviations(), *known_names}, failed)
    errors = tuple(sorted(p for p in problems if p.severity is Severity.ERROR))
    if errors and not keep_going:
        raise ContentError(problems)
    unique = list({o.uri: o for o in reversed(outputs)}.values())[::-1]  # the preview may have clashes
    warnings = tuple(p for p in problems if p.severity is Severity.WARNING)
    return BuildResult(unique, warnings, content.register.abbreviations(), site.today, last_changed,
                       known_names=known_names, errors=errors, theme=theme_facts(content), site=site,
                       identity=content.identity, names=tuple(content.register.organisation_names()),
                       menu=menu_children(content, site.today), home=render_home(content, site, nav_order),
                       sections=tuple((card.title, card.page) for card in section_cards(content, nav_order)),
                       editor=prepare_editor(content, site, types))


def render_outputs(root: Path, content: Content, site: SiteInfo, last_changed: dict[str, dt.date],
                   problems: list[Problem], *, memo: Memo | None = None, publish: bool = True) -> list[Output] | None:
    """The generated files, in pipeline order: every type's pages → the guide → the identity's
    files → page bundles → redirects → the API. The build, the preview and `trygg check` all
    render here; `publish=False` (check) leaves out the identity's files and the API and keeps
    the bundles' warnings. Problems are added to `problems`; None when content with errors
    broke a template (those errors say why)."""
    try:
        outputs = render_site(content, site, last_changed, memo) + render_guide(site.today, content)
        outputs += identity_outputs(root, content.identity) if publish and content.identity else []
        bundled = bundle_files(root, outputs)
        outputs += bundled.outputs
        problems += bundled.errors if publish else [*bundled.errors, *bundled.warnings]
        try:
            outputs += render_redirects(root, outputs, site, content.texts)
        except ContentError as error:
            problems += error.problems
        outputs += render_api(content, site, last_changed) if publish else []
    except Exception:  # noqa: BLE001 - content with errors may break a template; the errors say why
        if not any(p.severity is Severity.ERROR for p in problems):
            raise
        return None
    return outputs


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Problem, ...]  # sorted by file, line and column
    content: Content | None  # None when content has errors
    scheduled: tuple[tuple[str, dt.date], ...] = ()  # (source, day): published by the first build on that day

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def check_site(root: Path, *, include_drafts: bool = True, spelling: bool = True,
               max_lix: float = DEFAULT_MAX_LIX) -> CheckReport:
    """Every problem in `root/content` without building the site: validation as in the build,
    then links, anchors, images, headings, spelling and readability of the writers' text.

    One mistake gives its own messages only: what loaded is rendered (as in the preview), the
    writer's checks run only on files without errors, and the register's names are known words
    even when another file is broken."""
    types = registry.registered_types()
    today = build_date(root)
    content = load_content(root, types, include_drafts=include_drafts, keep_going=True, today=today)
    problems: list[Problem] = [*config_problems(root), *content.warnings]
    failed = {p.file for p in problems if p.severity is Severity.ERROR}
    site: SitePages | None = None
    sources: dict[str, str] = {}
    outputs = render_outputs(root, content, site_info(content, None, today), {}, problems, publish=False)
    if outputs is not None:
        docs = _docs_pages(root)
        problems += check_unique_uris(outputs, docs)
        site = SitePages({**docs, **{o.uri: o.content if isinstance(o.content, str) and o.uri.endswith(".md")
                                     else None for o in outputs}}, missing=_failed_pages(failed, types),
                         unpublished=unpublished_pages(outputs))
        sources = {o.source: o.uri for o in outputs if o.source and o.uri.endswith(".md")}
    # Without the whole register its names would all be 'unknown words': one mistake, one message.
    register_broken = any(map(_is_register_file, failed))
    speller = _speller(root, content, problems) if spelling and not register_broken else None
    known = {*content.register.abbreviations(), *(w for w in read_word_list(root) if w.isupper())}
    problems += _check_writing(root, site, sources, speller, max_lix, failed)
    problems += unexplained_abbreviations(root, known, failed)
    problems += _check_docs_html(root)
    problems += check_placeholders(root)
    if speller is not None:
        speller.save()
    ok = not any(p.severity is Severity.ERROR for p in problems)
    return CheckReport(tuple(sorted(set(problems))), content if ok else None, content.scheduled)


def unpublished_pages(outputs: list[Output]) -> dict[str, str]:
    """Pages that `trygg check` and the preview render but the published site leaves out, and why."""
    found = {}
    for output in outputs:
        if isinstance(output.content, str) and output.content.startswith("---\n"):
            front = output.content[: output.content.find("\n---\n")]
            if "\nutkast: true" in front:
                found[output.uri] = "sidan är ett utkast"
            elif "\npubliceras: " in front:
                day = front.split("\npubliceras: ", 1)[1].split("\n", 1)[0].strip("'\"")
                found[output.uri] = f"sidan publiceras först {format_iso_date(day)}"
    return found


def _is_register_file(rel: str) -> bool:
    """content/organisation/*.yml, or the register as a whole (a name used twice in it)."""
    return rel == "content/organisation" or (rel.startswith("content/organisation/") and rel.count("/") == 2)


def _failed_pages(failed: set[str], types: list[ContentType]) -> set[str]:
    """The pages files with errors would become (content/nyheter/a.md → nyheter/a): a link to
    one of them is not a second mistake."""
    return {"/".join(map(slugify, page_path(rel, types).split("/"))) for rel in failed}


LOCAL_URL = "http://127.0.0.1:8000/"


def site_info(content: Content, site_url: str | None, today: dt.date) -> SiteInfo:
    identity = content.identity
    url = site_url or (identity.url if identity and identity.url else LOCAL_URL)
    return SiteInfo(identity.programme.name if identity else "", url.rstrip("/") + "/", today,
                    identity.publisher.name if identity else "")


def check_unique_uris(outputs: list[Output], docs: dict[str, object]) -> list[Problem]:
    """Two sources that would become the same page (or file) are an error naming both — also
    when their addresses differ only in case or in å/ä/ö, for every content type: such files
    collide in a Windows or macOS checkout, and readers cannot tell the addresses apart."""
    seen: dict[str, tuple[str, str]] = {fold(uri): (uri, f"docs/{uri}") for uri in docs}
    problems = []
    reported: set[tuple[str, str]] = set()  # a meeting's page and calendar clash together: one message
    for output in outputs:
        origin = output.source or "content/"
        key = fold(output.uri)
        if key in seen and (seen[key][1], origin) in reported:
            continue
        if key in seen:
            reported.add((seen[key][1], origin))
        if key in seen and seen[key][0] == output.uri:
            problems.append(Problem(origin, None, f"{seen[key][1]} och {origin} ger samma adress "
                                    f"(/{output.uri})", "byt namn på den ena filen eller mappen"))
        elif key in seen and seen[key][1] != origin:
            problems.append(Problem(origin, None, f"{seen[key][1]} och {origin} ger adresser som bara skiljer sig "
                                    f"i stora och små bokstäver eller å, ä och ö (/{seen[key][0]} och /{output.uri})",
                                    "byt namn på den ena filen eller mappen så att namnen skiljer sig tydligt"))
        seen.setdefault(key, (output.uri, origin))
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
                   max_lix: float, failed: set[str]) -> list[Problem]:
    """Links and headings (when the site's pages are known), spelling and LIX of every content
    file that loaded: a file with errors gets only its errors."""
    problems: list[Problem] = []
    for path in content_text_files(root):
        rel = path.relative_to(root).as_posix()
        if rel in failed:
            continue
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
            check_markdown_html([(doc.body, doc.body_line), *_raw_text_values(doc.meta, doc.lines)], report)
        elif path.suffix in (".yml", ".yaml"):
            parsed = read_yaml_file(path, rel, ignored)
            body, values = [], list(iter_text_values(parsed.data, parsed.lines)) if parsed else []
            check_markdown_html(_raw_text_values(parsed.data, parsed.lines) if parsed else [], report)
        else:
            continue
        if speller is not None:
            check_spelling([*values, *body], speller, report)
    return problems


def unexplained_abbreviations(root: Path, known: set[str], failed: set[str] = frozenset()) -> list[Problem]:
    """The one abbreviation rule of `trygg check`, the build and the preview: an upper-case word
    in a writer's text (Markdown and YAML alike) that the register does not explain is an error
    with its file and line. Files with other errors are left to those (one mistake, one message)."""
    if any(_is_register_file(rel) for rel in failed):
        return []  # the register's own error comes first: without it every abbreviation is unknown
    problems: list[Problem] = []
    for path in content_text_files(root):
        rel = path.relative_to(root).as_posix()
        if rel in failed or rel == WORD_LIST:
            continue
        ignored = Reporter(rel, [])
        if path.suffix in (".md", ".markdown"):
            doc = read_document(path, rel, ignored, require_meta=False)
            pieces = ([*iter_text_values(doc.meta, doc.lines), *markdown_pieces(doc.body, doc.body_line)]
                      if doc is not None else [])
        elif path.suffix in (".yml", ".yaml"):
            parsed = read_yaml_file(path, rel, ignored)
            pieces = list(iter_text_values(parsed.data, parsed.lines)) if parsed else []
        else:
            continue
        check_abbreviations(pieces, known, Reporter(rel, problems))
    return problems


def _check_docs_html(root: Path) -> list[Problem]:
    """What the allowlist removes from the hand-written pages under docs/ (writers edit them too)."""
    problems: list[Problem] = []
    for path in sorted((root / "docs").rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        doc = read_document(path, rel, Reporter(rel, []), require_meta=False)
        if doc is not None:
            check_markdown_html([(doc.body, doc.body_line)], Reporter(rel, problems))
    return problems


def _raw_text_values(data: object, lines: dict, path: tuple = ()) -> list[tuple[str, int]]:
    """Every text value in YAML data as written, with its line: many become Markdown on a page."""
    if isinstance(data, dict):
        return [v for key, value in data.items() for v in _raw_text_values(value, lines, (*path, str(key)))]
    if isinstance(data, list):
        return [v for index, value in enumerate(data) for v in _raw_text_values(value, lines, (*path, index))]
    return [(data, line_at(lines, path) or 1)] if isinstance(data, str) else []


def check_placeholders(root: Path) -> list[Problem]:
    """A skeleton's "Skriv …" text left in a content file (comments aside) is a warning."""
    from trygg.writers.new import placeholder_texts

    texts = placeholder_texts()
    problems: list[Problem] = []
    for path in content_text_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            lines = path.read_text("utf-8", "replace").split("\n")
        except OSError:
            continue
        for number, line in enumerate(lines, 1):
            if line.lstrip().startswith("#") and not rel.endswith(".md"):
                continue
            code = line.split(" #", 1)[0]
            found = next((t for t in sorted(texts) if t in code), None)
            if found:
                problems.append(Problem(rel, number, f"texten '{found}' från mallen står kvar",
                                        "skriv in sidans eget innehåll i stället", Severity.WARNING))
    return problems


def _page_of(rel: str, sources: dict[str, str]) -> str | None:
    """The generated page a content file becomes; notes belong to their event's page."""
    if rel in sources:
        return sources[rel]
    sibling = rel.rsplit("/", 1)[0] + "/program.md"
    return sources.get(sibling) if rel.endswith("/anteckningar.md") else None


def _speller(root: Path, content: Content, problems: list[Problem]) -> Speller | None:
    dictionary = find_dictionary()
    if dictionary is None:
        problems.append(Problem("content/", None, "stavningen kontrolleras inte: den svenska ordlistan "
                                "(hunspell-sv) är inte installerad", "kör ./scripts/test eller "
                                "apt-get install hunspell-sv", Severity.WARNING))
        return None
    return Speller(dictionary, [*read_word_list(root), *_register_words(content)])


def _register_words(content: Content) -> list[str]:
    """Names, abbreviations and aliases in the register are words the speller accepts."""
    register = content.register
    return [*(o.name for o in register.organisations), *(o.abbreviation or "" for o in register.organisations),
            *(a for o in register.organisations for a in o.aliases), *(p.name for p in register.people),
            *(t.abbreviation for t in register.terms)]
