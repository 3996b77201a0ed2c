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
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trygg.core.content import Content

Menu = dict[str, list[tuple[str, str]]]  # a section's index page → (title, page) of its generated pages


def menu_children(content: Content, today: dt.date) -> Menu:
    """The generated pages each section's index page carries in the menu, in reading order."""
    menu: Menu = {}
    for content_type in content.types:
        if content_type.menu is not None:
            index, entries = content_type.menu(content.extra[content_type.key], today)
            menu.setdefault(index, []).extend(entries)
    return {index: entries for index, entries in menu.items() if entries}


def with_children(nav: list[Any] | None, menu: Menu, sections: Sequence[tuple[str, str]] = ()) -> list[Any] | None:
    """`nav` (as mkdocs.yml writes it) with each index page of `menu` followed by its pages, and
    each of `sections` ((title, index page): every type's card) that `nav` does not name at its end."""
    if nav is None:
        return None
    named = _pages_named(nav)
    return [_item(item, menu) for item in [*nav, *({title: page} for title, page in sections if page not in named)]]


def _pages_named(items: Any) -> set[str]:
    if isinstance(items, str):
        return {items}
    if isinstance(items, dict):
        return {page for value in items.values() for page in _pages_named(value)}
    return {page for item in items for page in _pages_named(item)} if isinstance(items, list) else set()


def _item(item: Any, menu: Menu) -> Any:
    if not isinstance(item, dict) or len(item) != 1:
        return item
    [(title, value)] = item.items()
    if isinstance(value, str) and value in menu:
        return {title: [value, *_entries(menu[value])]}
    if isinstance(value, list):
        return {title: _section(value, menu)}
    return item


def _section(items: list[Any], menu: Menu) -> list[Any]:
    generated = {page for entries in menu.values() for _, page in entries}
    out: list[Any] = []
    for item in items:
        if isinstance(item, dict) and len(item) == 1 and next(iter(item.values())) in generated:
            continue  # added before (a nav that was extended already): added anew below, once
        out.append(_item(item, menu))
        if isinstance(item, str) and item in menu:
            out += _entries(menu[item])
    return out


def _entries(entries: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [{title: page} for title, page in entries]
