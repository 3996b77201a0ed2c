"""A Python-Markdown extension that makes every page's HTML inert: no script can come from content.

Writers may use a little HTML in Markdown (`<br>`, `<abbr>`, `<details>`), so raw HTML is not
forbidden. Everything a page's HTML can carry comes from two places, and both are cleaned:

- the element tree Python-Markdown builds (Markdown links, images, `{attr_list}` attributes,
  `md_in_html` blocks): a treeprocessor drops event handlers and script addresses and turns
  elements that run code into plain `<div>`s;
- the raw HTML stash (every piece of HTML written in the Markdown): each piece is re-serialised
  before Python-Markdown puts it back (postprocessor 'raw_html', priority 30), and
  - elements that run code or load other documents (`<script>`, `<iframe>`, `<object>`, forms, …)
    are escaped, so they show as text and do nothing;
  - event-handler attributes (`onclick`, `onerror`, …) are dropped;
  - `javascript:`, `vbscript:` and `data:` addresses (except `data:image/…` pictures) are dropped.

Cleaning the pieces rather than re-parsing the finished page costs a fraction of the time: most
of a page is Markdown, whose serialiser escapes text itself. The site's own scripts (the theme,
JSON-LD in overrides/main.html) never pass through Markdown.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

# Inline SVG stays (the organisation charts are SVG); its scripts, handlers and the animation
# elements that can set an href to javascript: are made inert like everything else.
INERT_TAGS = frozenset({
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "meta",
    "form", "input", "button", "textarea", "select", "noscript", "template", "math", "portal",
    "set", "animate", "animatemotion", "animatetransform", "handler", "listener",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "background",
                            "data", "srcset", "cite", "longdesc", "ping"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


class SafeHtmlExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        # The tree: last, after MkDocs' link rewriting (0), which expects every <a> to keep an href.
        md.treeprocessors.register(_SafeTreeprocessor(md), "trygg_safe_tree", -5)
        # The raw HTML: before 'raw_html' (30) puts the stash back into the page.
        md.postprocessors.register(_SafeStashPostprocessor(md), "trygg_safe_stash", 35)


class _SafeTreeprocessor(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if not isinstance(element.tag, str):  # comments and processing instructions
                continue
            if element.tag.lower() in INERT_TAGS:
                element.tag = "div"
                element.attrib.clear()
                continue
            for name in [name for name, value in element.attrib.items() if not _is_safe(name.lower(), value)]:
                del element.attrib[name]


class _Inert(str):
    """A stash entry already made inert (the toc extension runs all postprocessors per heading)."""


class _SafeStashPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        stash = self.md.htmlStash
        for index, block in enumerate(stash.rawHtmlBlocks):
            if isinstance(block, _Inert):
                continue
            markup = block if isinstance(block, str) else etree.tostring(block, encoding="unicode", method="html")
            stash.rawHtmlBlocks[index] = _Inert(make_inert(markup))
        return text


def make_inert(markup: str) -> str:
    """The same HTML with scripts escaped, event handlers and script addresses removed."""
    parser = _Serialiser()
    parser.feed(markup)
    parser.close()
    return "".join(parser.out)


def is_unsafe_url(value: str) -> bool:
    cleaned = _CONTROL.sub("", html.unescape(value)).lower()
    if cleaned.startswith("data:image/") and not cleaned.startswith("data:image/svg"):
        return False
    return cleaned.startswith(("javascript:", "vbscript:", "data:"))


class _Serialiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self._inert_depth = 0  # inside an escaped <script> or <style>: its text must be escaped too

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag in INERT_TAGS:
            self.out.append(html.escape(self.get_starttag_text() or f"<{tag}>"))
            if tag in ("script", "style") and not closed:
                self._inert_depth += 1
            return
        kept = "".join(_attribute(name, value) for name, value in attrs if _is_safe(name, value))
        self.out.append(f"<{tag}{kept}{' /' if closed else ''}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in INERT_TAGS:
            self.out.append(html.escape(f"</{tag}>"))
            if tag in ("script", "style") and self._inert_depth:
                self._inert_depth -= 1
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False) if self._inert_depth else data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data.replace('--', '- -')}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(html.escape(f"<!{decl}>"))

    def handle_pi(self, data: str) -> None:
        self.out.append(html.escape(f"<?{data}>"))

    def unknown_decl(self, data: str) -> None:
        self.out.append(html.escape(f"<![{data}]>"))

    def close(self) -> None:
        if self.rawdata:  # an unfinished tag at the very end: show it as text, never as markup
            self.out.append(html.escape(self.rawdata))
            self.rawdata = ""
        super().close()


def _is_safe(name: str, value: str | None) -> bool:
    if name.startswith("on"):
        return False
    if name in URL_ATTRIBUTES and value is not None and is_unsafe_url(value):
        return False
    return name not in ("srcdoc", "formaction")


def _attribute(name: str, value: str | None) -> str:
    return f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"'
