"""Loads `content/` into validated models: the identity, the texts, the register, then every
content type's loader (trygg.core.contenttype), in the order the registry gives them.

Each loader reads its part of the tree, validates it with its schema and reports every problem
with file and line; `load_content` gathers them, checks the links between pages ('relaterat')
against every type's pages, and raises one `ContentError` at the end.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from trygg.core.history import build_date
from trygg.core.identity import load_identity
from trygg.core.loading import LoadContext
from trygg.core.personal import TEXT_SUFFIXES, check_personal_numbers
from trygg.core.problems import ContentError, Problem, Reporter, Severity
from trygg.core.register import Register, Resolver
from trygg.core.source import MAX_FILE_BYTES, YamlData, read_yaml_file
from trygg.core.texts import Texts, load_texts
from trygg.core.validation import suggest, validate
from trygg.core.writer_files import check_writer_files
from trygg.models.identity import Identity
from trygg.models.register import Organisation, Person, Term

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trygg.core.contenttype import ContentType


REGISTER_DIR = "organisation"


@dataclass(frozen=True)
class Content:
    root: Path
    register: Register
    warnings: tuple[Problem, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)  # ContentType.key → what its loader returned
    scheduled: tuple[tuple[str, dt.date], ...] = ()  # (source, day) of pages published after the build's today
    identity: Identity | None = None  # content/webbplats.yml; None only when it has errors (keep_going)
    texts: Texts = field(default_factory=lambda: Texts({}, {}))  # the interface texts (trygg.core.texts)
    types: tuple[ContentType, ...] = ()  # what was loaded, in the registry's order (renderers, API, menu)

    def page_title(self, path: str) -> str | None:
        """The title of the page `path` names ('moten/<mapp>', 'beslut/<namn>' …), whatever type
        made it: the one cross-reference look-up ('relaterat' in news, charts, goal areas)."""
        return self._pages.get(path.strip("/"))

    @functools.cached_property
    def _pages(self) -> dict[str, str]:
        return page_index(self.types, self.extra)


def page_index(types: Sequence[ContentType], extra: Mapping[str, Any]) -> dict[str, str]:
    """Every type's pages (`ContentType.pages`): path under content/ → title."""
    return {path: title for t in types if t.pages for path, title in t.pages(extra[t.key])}


def load_content(root: Path, types: Sequence[ContentType], *, include_drafts: bool = False,
                 keep_going: bool = False, today: dt.date | None = None) -> Content:
    """Load and validate everything under `root/content`; raise ContentError listing all errors.

    The register loads first: every type's loader (`types`, see trygg.registry) may resolve names
    in it. With `keep_going`
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
    extra = {t.key: t.load(ctx, resolver) for t in types}
    _check_links(ctx, types, extra)
    _check_personal_data(ctx)
    ctx.problems += check_writer_files(root)
    _drop_follow_on_register_errors(ctx)
    errors = [p for p in ctx.problems if p.severity is Severity.ERROR]
    if errors and not keep_going:
        raise ContentError(ctx.problems)
    return Content(root, register, tuple(ctx.problems), extra, tuple(sorted(ctx.scheduled)), identity, texts,
                   tuple(types))



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



def page_source_exists(root: Path, target: str, types: Sequence[ContentType]) -> bool:
    """Whether a page path under content/ ('moten/<mapp>', 'organisation/diagram/<namn>',
    'malomraden/<namn>') has a source file of any content type: <path>.md or .yml, or a page
    folder holding a type's `page_file`. A target whose file exists but did not load has its own
    error; it is not reported twice."""
    base = root / "content" / target.strip("/")
    return any(p.is_file() for p in (*(base / t.page_file for t in types if t.page_file), base.with_suffix(".md"),
                                     base.with_suffix(".yml")))


def page_path(rel: str, types: Sequence[ContentType]) -> str:
    """The page a source file under content/ makes: content/nyheter/a.md → nyheter/a, and a page
    folder's `ContentType.page_file` the folder (content/moten/m/program.md → moten/m)."""
    path = rel.removeprefix("content/").rsplit(".", 1)[0]
    for stem in (Path(t.page_file).stem for t in types if t.page_file):
        path = path.removesuffix("/" + stem)
    return path


# --- links between pages ----------------------------------------------------------------------

def _check_links(ctx: LoadContext, types: Sequence[ContentType], extra: Mapping[str, Any]) -> None:
    """Every 'relaterat' a type reports (`ContentType.links`) names a page of some type, or a
    source file that did not load (its own error says why): one message for an unknown target."""
    pages = page_index(types, extra)
    links = [link for t in types if t.links for link in t.links(extra[t.key])]
    known = sorted({page_path(ctx.rel(path), types) for path in content_text_files(ctx.root)}) if links else []
    for link in links:
        if link.target in pages or page_source_exists(ctx.root, link.target, types):
            continue
        # a guess as the writer would write it: within the link's folder, without the folder
        guess = suggest(link.written.strip("/"), [p.removeprefix(link.folder) for p in known if p.startswith(link.folder)])
        if guess:
            hint = f"menade du '{guess}'?"
        elif link.folder:
            hint = f"sidorna ligger i content/{link.folder}"
        else:
            hint = ("skriv sidans sökväg under content/ utan filändelse, till exempel moten/<mapp> eller "
                    "organisation/diagram/<namn>")
        ctx.reporter(ctx.root / link.source).error(link.line, f"'{link.field}' pekar på '{link.written}' som inte finns",
                                                   hint)

