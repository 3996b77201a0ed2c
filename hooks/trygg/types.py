"""Content types beyond the built-in register, events and articles.

A new content type is one module: a schema in models/, a `ContentType` here-registered with a
loader (content/ → validated models, problems reported through the LoadContext) and a renderer
(models → Outputs through its templates), one template, and one test. Nothing else changes.
A type may also give `skeleton`, so `trygg new <key> "Titel"` can write a commented example
page for it (see trygg.skeletons); the tests then check that the skeleton passes and builds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping

if TYPE_CHECKING:
    from .api import Collection
    from .content import LoadContext
    from .register import Resolver
    from .render import Output, Renderer, SiteInfo


@dataclass(frozen=True)
class MenuSection:
    """A type's place in the menu: its pages (title, page) under the section whose index page is
    `index` (as mkdocs.yml's nav names it); `title`, when the content names the section itself
    (the goal areas' programme), replaces mkdocs.yml's name for it."""

    index: str
    entries: list[tuple[str, str]]
    title: str | None = None


@dataclass(frozen=True)
class Card:
    """A section's card on the start page: its title, its index page (under docs/) and a line."""

    title: str
    page: str
    text: str


@dataclass(frozen=True)
class ContentType:
    key: str  # the key of its data in Content.extra, e.g. "beslut"
    load: Callable[[LoadContext, Resolver], Any]
    render: Callable[[Any, Renderer], list[Output]]
    # Optional open data: its loaded data as an /api/ collection (trygg.api), with a JSON Schema
    # in docs/api/schema/<name>.json that the tests validate it against. The third argument is
    # every type's loaded data (Content.extra, by key), for links between collections.
    api: Callable[[Any, SiteInfo, Mapping[str, Any]], Collection] | None = None
    # (title, slug, today, names) → (path under the project, text): a new page for `trygg new <key>`;
    # names (trygg.skeletons.SiteNames) come from the site's own register
    skeleton: Callable[..., tuple[str, str]] | None = None
    # Optional place in the site's menu: loaded data → MenuSection, see trygg.menu
    menu: Callable[[Any], MenuSection] | None = None
    # Optional card on the start page: (loaded data, the site's texts, trygg.texts.Texts) → Card,
    # or None while the section is empty
    card: Callable[[Any, Any], Card | None] | None = None


def registered_types() -> list[ContentType]:
    """Every extra content type, in rendering order. Add new types to this list."""
    from .about import ABOUT_TYPE
    from .charts import CHART_TYPE  # imported here: the type modules import this one
    from .decisions import DECISION_TYPE
    from .goals import GOALS_TYPE
    from .handbooks import HANDBOOKS_TYPE
    from .keyfigures import FIGURES_TYPE

    return [CHART_TYPE, DECISION_TYPE, GOALS_TYPE, FIGURES_TYPE, HANDBOOKS_TYPE, ABOUT_TYPE]
