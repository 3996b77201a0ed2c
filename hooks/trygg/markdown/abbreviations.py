"""A Python-Markdown extension that expands register abbreviations on every page.

Each occurrence becomes `<abbr title="…">` (mouse users see the expansion); the first on a page
also becomes a link to its register entry with the expansion as visually hidden text, so
keyboard and screen-reader users get both the meaning and the way to the entry. Text inside
code, links, existing `<abbr>` and headings' links is left alone.

`find_unknown` lists upper-case words a page uses that the register does not explain, so the
build can warn (and `--strict` fail) until the writer adds them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from html.parser import HTMLParser

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from trygg.core.register import Entry

_SKIP = {"code", "pre", "a", "abbr", "script", "style", "kbd", "samp"}
_NO_LINK = {"h1", "h2", "h3", "h4", "h5", "h6", "dt", "th"}


class AbbreviationExtension(Extension):
    def __init__(self, abbreviations: dict[str, Entry], register_page: str, names: Iterable[str] = (),
                 **kwargs) -> None:
        self.abbreviations = abbreviations
        self.register_page = register_page  # e.g. '/organisation/index.md', made relative by MkDocs
        # Names in the register that contain an abbreviation as a word (a company 'AB …'):
        # a name is not an abbreviation, so these stand as written.
        self.names = [n for n in names if any(re.search(rf"(?<![\w-]){re.escape(a)}(?!\w)", n)
                                              for a in abbreviations)]
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        # After 'toc' (5) so heading ids come from plain text; before MkDocs' 'relpath' (0).
        md.treeprocessors.register(_AbbreviationProcessor(md, self), "trygg_abbreviations", 4)


class _AbbreviationProcessor(Treeprocessor):
    def __init__(self, md: Markdown, ext: AbbreviationExtension) -> None:
        super().__init__(md)
        self.ext = ext
        words = sorted(ext.abbreviations, key=len, reverse=True)
        names = sorted(ext.names, key=len, reverse=True)
        # A name is tried first at each position (a match of it is left as text), then the words.
        alternatives = [*map(re.escape, names), *map(re.escape, words)]
        self.pattern = (re.compile(r"(?<![\w-])(" + "|".join(alternatives) + r")(?!\w)")
                        if words else None)

    def run(self, root: etree.Element) -> None:
        if self.pattern is not None:
            self._walk(root, may_link=True, linked=set())

    def _walk(self, element: etree.Element, may_link: bool, linked: set[str]) -> None:
        may_link = may_link and element.tag not in _NO_LINK
        new = self._split(element.text, may_link, linked)
        if new is not None:
            element.text, inserted = new
            for position, node in enumerate(inserted):
                element.insert(position, node)
        for child in list(element):  # a snapshot: expanding a tail inserts siblings
            if child.tag not in _SKIP:
                self._walk(child, may_link, linked)
            self._expand_tail(element, child, may_link, linked)

    def _expand_tail(self, parent: etree.Element, child: etree.Element, may_link: bool, linked: set[str]) -> None:
        new = self._split(child.tail, may_link, linked)
        if new is None:
            return
        child.tail, inserted = new
        position = list(parent).index(child) + 1
        for offset, node in enumerate(inserted):
            parent.insert(position + offset, node)

    def _split(self, text: str | None, may_link: bool, linked: set[str]) -> tuple[str, list[etree.Element]] | None:
        """Text before the first abbreviation, and the new elements (each carrying its tail)."""
        if not text or not self.pattern.search(text):
            return None
        pieces = self.pattern.split(text)
        head, nodes = pieces[0], []
        for word, after in zip(pieces[1::2], pieces[2::2]):
            if word not in self.ext.abbreviations:  # a register name: stays text
                if nodes:
                    nodes[-1].tail += word + after
                else:
                    head += word + after
                continue
            before = nodes[-1].tail if nodes else head
            # 'Människan bakom uniformen (MBU)': the expansion stands right before it already.
            spelled_out = before.rstrip().endswith(f"{self.ext.abbreviations[word].expansion} (")
            node = self._element(word, may_link and word not in linked and not spelled_out)
            if may_link and not spelled_out:
                linked.add(word)
            node.tail = after
            nodes.append(node)
        return (head, nodes) if nodes else None

    def _element(self, word: str, link: bool) -> etree.Element:
        entry = self.ext.abbreviations[word]
        abbr = etree.Element("abbr", {"title": entry.expansion})
        abbr.text = word
        if not link:
            return abbr
        anchor = etree.Element("a", {"href": f"{self.ext.register_page}#{entry.id}", "class": "trygg-abbr"})
        anchor.append(abbr)
        # For screen readers only: search leaves it out, so a result's excerpt says each word once.
        hidden = etree.SubElement(anchor, "span", {"class": "trygg-visually-hidden", "data-pagefind-ignore": ""})
        hidden.text = f" ({entry.expansion})"
        return anchor


# Not after '<' or '/': an HTML tag written in upper case (<SCRIPT>, </DIV>) is no abbreviation.
_CANDIDATE = re.compile(r"(?<![\w/.<-])([A-ZÅÄÖ][A-ZÅÄÖ]{1,6})(?![\w])")


def find_unknown(html: str, known: Iterable[str]) -> list[str]:
    """Upper-case words in a page's visible text that the register does not explain, in order.

    Text inside <abbr>, code, links' URLs and scripts is ignored: an <abbr> has been expanded
    already, and code is not prose.
    """
    known_set = set(known)
    # Most pages use only known abbreviations: one regex pass over the raw HTML (attributes and
    # code included) proves that, and only a page with a suspect word is parsed for its text.
    if all(word in known_set or word in _NOT_ABBREVIATIONS for word in _CANDIDATE.findall(html)):
        return []
    collector = _TextCollector()
    collector.feed(html)
    found: dict[str, None] = {}
    for text in collector.texts:
        for word in _CANDIDATE.findall(text):
            if word not in known_set and word not in _NOT_ABBREVIATIONS:
                found.setdefault(word)
    return list(found)


# Upper-case words that are not abbreviations (Roman numerals in headings and lists).
_NOT_ABBREVIATIONS = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"}


class _TextCollector(HTMLParser):
    _IGNORED = {"abbr", "code", "pre", "script", "style", "kbd", "samp", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._IGNORED:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._IGNORED and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.texts.append(data)


def line_of_word(source: str, word: str) -> int:
    """The first line of a hand-written page's file where `word` stands (1 when none: then it
    came from a template)."""
    for number, line in enumerate(source.split("\n"), 1):
        if re.search(rf"(?<![\w/.<-]){re.escape(word)}(?!\w)", line):
            return number
    return 1
