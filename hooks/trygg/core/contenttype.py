"""The protocol every content type fills in: `ContentType`, and the start page's `Card`.

Every type — events, news, the register page, charts, decisions, goal areas, key figures,
handbooks, the site's own pages — is a package under trygg/types/ ending with one `ContentType`:
a loader (content/ → validated models, problems reported through the LoadContext) and a
renderer (models → Outputs through its templates, beside it), and what it adds to the rest of
the site (API collection, skeleton for `trygg new`, card, menu, start-page part, pages for
cross-references, links to check). The registry (trygg.registry) finds it; nothing else
changes. This module imports nothing of trygg: the modules that take a ContentType import it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Literal


@dataclass(frozen=True)
class MenuSection:
    """A type's place in the menu: its pages (title, page) under the section whose index page is
    `index` (as mkdocs.yml's nav names it); `title`, when the content names the section itself
    (the goal areas' programme), replaces mkdocs.yml's name for it."""

    index: str
    entries: list[tuple[str, str]]
    title: str | None = None


@dataclass(frozen=True)
class Link:
    """A link from one page to another that the core checks against every type's pages: written
    in `source` at `line` as `field: <written>`, naming the page `folder` + written ('moten/<mapp>';
    a field that names pages of one folder, such as a decision's 'relaterat diagram', gives it)."""

    source: str
    written: str
    line: int | None
    field: str = "relaterat"
    folder: str = ""

    @property
    def target(self) -> str:
        return self.folder + self.written.strip("/")


@dataclass(frozen=True)
class Card:
    """A section's card on the start page: its title, its index page (under docs/) and a line."""

    title: str
    page: str
    text: str


@dataclass(frozen=True)
class EditorPlace:
    """Where the browser editor (trygg.editor) edits a type's files: one collection of files read
    with one schema (the pydantic model `trygg check` validates them with), from which its form is
    generated. Either a `folder` under content/ (one entry per file, or per subfolder with `path`)
    or a single `file` under content/."""

    name: str  # the collection's name, a part of the editor's address (#/collections/<name>)
    heading: str  # the catalogue key of the section's heading
    schema: type | None  # a pydantic BaseModel; None: the files are Markdown only (a meeting's notes)
    folder: str | None = None
    path: str | None = None  # the file inside the folder, e.g. "{{slug}}/program" (no extension)
    file: str | None = None
    extension: Literal["md", "yml"] = "md"
    body: bool | None = None  # Markdown below the front matter: None none, False optional, True required
    # Several single files with the same `name` are one section, each file labelled by `label` (a
    # catalogue key; else the heading) or by `title` (the content's own words: a meeting's title),
    # and named `entry` in the editor's address (else the file's name). `listed`: the file's top
    # level is a list of `schema` objects, one list field in the form. `only_with`: of a folder,
    # only the files that have this top-level key (the goal areas beside their programme's
    # index.yml; a meeting's program.md beside its notes).
    label: str | None = None
    title: str | None = None
    entry: str | None = None
    listed: bool = False
    only_with: str | None = None
    body_hint: str = "redigeraren.hjälp.text"  # the catalogue key of the Markdown field's help text


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (Jinja environments are kept per type)
class ContentType:
    key: str  # the key of its data in Content.extra, e.g. "beslut"
    # Its types are named in comments, not imported: the modules that use them import this one.
    load: Callable[..., Any]  # (trygg.core.loading.LoadContext, trygg.core.register.Resolver) → its data
    render: Callable[..., list]  # (its data, trygg.core.rendering.Renderer) → [trygg.core.output.Output]
    # Optional open data: its loaded data as /api/ collections (trygg.core.api), each with the
    # pydantic model of an item from which its JSON Schema is generated. The third argument is
    # every type's loaded data (Content.extra, by key), for links between collections; the fourth
    # the sources' dates.
    api: Callable[..., Any] | None = None  # (its data, SiteInfo, every type's data) → trygg.core.api.Collection
    # (title, slug, today, names) → (path under the project, text): a new page for `trygg new <key>`;
    # names (trygg.core.skeleton.SiteNames) come from the site's own register
    skeleton: Callable[..., tuple[str, str]] | None = None
    # Optional place in the site's menu: (loaded data, the build's day) → MenuSection, see trygg.sitewide.menu
    menu: Callable[[Any, Any], MenuSection] | None = None
    # Optional card on the start page: (loaded data, the site's texts, trygg.core.texts.Texts) → Card,
    # or None while the section is empty
    card: Callable[[Any, Any], Card | None] | None = None
    # Optional facts the theme draws on every page (trygg.sitewide.theme): (its data, Content) → dict
    theme: Callable[[Any, Any], dict] | None = None
    # More names for `trygg new` than its key: (name, skeleton), e.g. events' möte, seminarium …
    skeletons: tuple[tuple[str, Callable[..., tuple[str, str]]], ...] = ()
    # Optional part of the start page above the cards: (data, Renderer) → Markdown (the next meeting)
    home: Callable[[Any, Any], str] | None = None
    # Its pages as other pages' 'relaterat' names them: data → [(path under content/, title)]
    pages: Callable[[Any], Iterable[tuple[str, str]]] | None = None
    # Its links to other pages, checked against every type's pages: data → [Link]
    links: Callable[[Any], Iterable[Link]] | None = None
    # Rendered after every other type, with their pages known (Renderer.pages, Renderer.related_page)
    reads_other_pages: bool = False
    # Its place among the types: they load, render, give the start page's cards, the menu's sections
    # that mkdocs.yml's nav does not name and `trygg new`'s list in ascending rank, then by key.
    # The built-in types use 10 (meetings) to 90 (the site's own pages) in steps of ten; a new type
    # takes a number between the types it follows and precedes, or by default comes after them all.
    # (Rendering also waits for other types' pages where reads_other_pages says so.)
    rank: int = 100
    # Its page as a folder: the file each page's folder holds (events' program.md, handbooks'
    # handbok.yml), so the core can tell a page's source file; None: a page is a file <name>.md/.yml
    page_file: str | None = None
    # Its files in the browser editor (trygg.editor), and the schemas it reads that the editor does
    # not offer, each with the reason (a test holds every schema to one or the other)
    editor: tuple[EditorPlace, ...] = ()
    # and its places that depend on what was loaded: its data → places (a meeting's notes)
    editor_for: Callable[[Any], tuple[EditorPlace, ...]] | None = None
    not_in_editor: Mapping[type, str] = field(default_factory=dict)
    # Its templates' folder (beside its module), and the filters and globals they use
    templates: Path | None = None
    filters: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    globals: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
