"""A Python-Markdown extension that makes every page's tables accessible without JavaScript.

- With md_in_html, `<caption>` is not a block-level tag, so Python-Markdown wraps it in `<p>`
  inside the table — invalid HTML that browsers move out of the table, losing the caption.
  Declaring it block-level keeps it where it belongs.
- A table wider than a phone must scroll in its own box, and a box that scrolls must be reachable
  by keyboard (WCAG 2.1.1). Material builds that box with JavaScript only, so each plain table
  (Markdown's, without a class) is wrapped at build time in a named, focusable region:
  `<div class="trygg-table-scroll" role="region" tabindex="0" aria-label="…">`. Its name is the
  table's caption, else "Tabell: " and the heading above it, else "Tabell" ("Tabell" is the
  catalogue's `sida.tabell`, given by the hook, so a site may reword it). The table gets the
  class `trygg-table`, so Material's script, which wraps `table:not([class])`, leaves it alone
  (no box inside the box). Tables with a class of their own (effect chains) are laid out by their
  own styles and stay as they are; tables inside raw HTML blocks never reach this tree and keep
  Material's script-built box.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
TABLE_CLASS = "trygg-table"
REGION_CLASS = "trygg-table-scroll"
_TAG = re.compile(r"<[^>]*>")


class TableCaptionExtension(Extension):
    def __init__(self, name: str, **kwargs) -> None:
        self.name = name  # a table's name without a caption: the catalogue's "Tabell" (sida.tabell)
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        if "caption" not in md.block_level_elements:
            md.block_level_elements.append("caption")
        # After the inline patterns (20), so headings and captions hold their final text.
        md.treeprocessors.register(_TableRegionProcessor(md, self.name), "trygg_table_regions", 4)


class _TableRegionProcessor(Treeprocessor):
    def __init__(self, md: Markdown, name: str) -> None:
        super().__init__(md)
        self.name = name

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        for table, heading in self._plain_tables(root):
            _wrap_in_region(table, parents[table], self._region_name(table, heading))

    def _plain_tables(self, root: etree.Element) -> list[tuple[etree.Element, str | None]]:
        """Each table without a class, in document order, with the last heading's text before it."""
        found, heading = [], None
        for element in root.iter():
            if element.tag in HEADINGS:
                heading = self._text(element)
            elif element.tag == "table" and not element.get("class"):
                found.append((element, heading))
        return found

    def _region_name(self, table: etree.Element, heading: str | None) -> str:
        caption = table.find("caption")
        if caption is not None and self._text(caption):
            return self._text(caption)
        return f"{self.name}: {heading}" if heading else self.name

    def _text(self, element: etree.Element) -> str:
        """The element's words, with raw HTML that Markdown put aside (an entity, a tag) as text."""
        text = HTML_PLACEHOLDER_RE.sub(self._stashed_text, "".join(element.itertext()))
        return " ".join(text.split())

    def _stashed_text(self, match: re.Match[str]) -> str:
        raw = str(self.md.htmlStash.rawHtmlBlocks[int(match.group(1))])
        return html.unescape(_TAG.sub("", raw))


def _wrap_in_region(table: etree.Element, parent: etree.Element, name: str) -> None:
    region = etree.Element("div", {"class": REGION_CLASS, "role": "region", "tabindex": "0", "aria-label": name})
    parent.insert(list(parent).index(table), region)
    parent.remove(table)
    region.tail, table.tail = table.tail, None
    table.set("class", TABLE_CLASS)
    region.append(table)

