"""The site's menu: mkdocs.yml's `nav` with the generated pages under their section's index page.

mkdocs.yml names the sections (meetings, goal areas …) and their index pages; the pages
made from content/ (each meeting, each goal area) come and go with the content, so they are added
here, after their section's index page. A section written as one page (`Möten: moten/index.md`)
becomes a section with that page as its index. Pure data in, data out: the hooks pass the result
to MkDocs.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .content import EVENTS_DIR
from .render import event_groups

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .content import Content
    from .types import ContentType

MAX_MEETINGS = 12  # the coming ones and the latest held; the list page has them all


@dataclass(frozen=True)
class Menu:
    # a section's index page → (title, page) of its generated pages
    children: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    # a section's index page → the section's name as the content gives it (trygg.types.MenuSection)
    titles: dict[str, str] = field(default_factory=dict)


def menu_children(content: Content, types: Sequence[ContentType], today: dt.date) -> Menu:
    """The generated pages each section's index page carries in the menu, in reading order."""
    meetings = [loaded for _, group in event_groups(content.events, today) for loaded in group]
    children = {f"{EVENTS_DIR}/index.md": [(m.event.title, f"{EVENTS_DIR}/{m.slug}/index.md")
                                           for m in meetings[:MAX_MEETINGS]]}
    titles = {}
    for content_type in types:
        if content_type.menu is not None:
            section = content_type.menu(content.extra[content_type.key])
            children.setdefault(section.index, []).extend(section.entries)
            if section.title:
                titles[section.index] = html.escape(section.title, quote=False)
    return Menu({index: entries for index, entries in children.items() if entries}, titles)


def with_children(nav: list[Any] | None, menu: Menu) -> list[Any] | None:
    """`nav` (as mkdocs.yml writes it) with each index page of `menu` followed by its pages, and
    each section the content names under that name."""
    if nav is None:
        return None
    return [_item(item, menu) for item in nav]


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
