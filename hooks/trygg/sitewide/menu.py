"""The site's menu: mkdocs.yml's `nav` with the generated pages under their section's index page.

mkdocs.yml names the sections (meetings, goal areas …) and their index pages; the pages
made from content/ (each meeting, each goal area) come and go with the content, so they are added
here, after their section's index page. A section written as one page (`Möten: moten/index.md`)
becomes a section with that page as its index. A content type whose list page the nav does not
name (a new type) gets a section at the end, titled as its start-page card. Pure data in, data
out: the hooks pass the result to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trygg.core.content import Content


@dataclass(frozen=True)
class Menu:
    # a section's index page → (title, page) of its generated pages
    children: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # a section's index page → the section's name as the content gives it (ContentType.menu's MenuSection)
    titles: dict[str, str] = field(default_factory=dict)


def menu_children(content: Content, today: dt.date) -> Menu:
    """The generated pages each section's index page carries in the menu, in reading order."""
    children: dict[str, list[tuple[str, str]]] = {}
    titles = {}
    for content_type in content.types:
        if content_type.menu is not None:
            section = content_type.menu(content.extra[content_type.key], today)
            children.setdefault(section.index, []).extend(section.entries)
            if section.title:
                titles[section.index] = html.escape(section.title, quote=False)
    return Menu({index: entries for index, entries in children.items() if entries}, titles)


def with_children(nav: list[Any] | None, menu: Menu, sections: Sequence[tuple[str, str]] = ()) -> list[Any] | None:
    """`nav` (as mkdocs.yml writes it) with each index page of `menu` followed by its pages, each
    section the content names under that name, and each of `sections` ((title, index page):
    every type's card) that `nav` does not name at its end."""
    if nav is None:
        return None
    named = set(nav_pages(nav))
    added = ({html.escape(title, quote=False): page} for title, page in sections if page not in named)
    return [_item(item, menu) for item in [*nav, *added]]


def nav_pages(nav: Any) -> list[str]:
    """Every page `nav` (mkdocs.yml's) names, in its order: the site's own order of its sections."""
    if isinstance(nav, str):
        return [nav.strip("/")]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in nav_pages(value)]
    return [page for item in nav for page in nav_pages(item)] if isinstance(nav, list) else []


def _item(item: Any, menu: Menu) -> Any:
    if not isinstance(item, dict) or len(item) != 1:
        return item
    [(title, value)] = item.items()
    if isinstance(value, str) and value in menu.children:
        return {menu.titles.get(value, title): [value, *_entries(menu.children[value])]}
    if isinstance(value, list):
        index = value[0] if value and isinstance(value[0], str) else None
        return {menu.titles.get(index, title): _section(value, menu)}
    return item


def _section(items: list[Any], menu: Menu) -> list[Any]:
    generated = {page for entries in menu.children.values() for _, page in entries}
    out: list[Any] = []
    for item in items:
        if isinstance(item, dict) and len(item) == 1 and next(iter(item.values())) in generated:
            continue  # added before (a nav that was extended already): added anew below, once
        out.append(_item(item, menu))
        if isinstance(item, str) and item in menu.children:
            out += _entries(menu.children[item])
    return out


def _entries(entries: list[tuple[str, str]]) -> list[dict[str, str]]:
    # The theme prints nav titles as HTML, unescaped: a title from content is text, escaped here.
    return [{html.escape(title, quote=False): page} for title, page in entries]
