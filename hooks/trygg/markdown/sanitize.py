"""The site's one HTML allowlist, applied with nh3 (the Python binding of Rust's ammonia).

Everything that reaches a page's HTML from content passes `clean_html`: the HTML every Markdown
page becomes (raw HTML, `{attr_list}` attributes, links and images, the inline SVG charts;
`SafeHtmlExtension` cleans each page's whole Markdown output, last) and every handbook chapter
in the PDF (trygg.types.handbooks.pdf). Plain text fields (titles, descriptions) are escaped, never
parsed (trygg.core.rendering); JSON inside `<script>` escapes `<`, `>` and `&` (trygg.core.rendering.json_for_html).

ammonia parses with html5ever, the HTML5 algorithm browsers follow, so a comment, CDATA or
namespace trick is read as a browser reads it; Python's html.parser is not (`<!-->` ends a
comment in a browser). What passes:

- the elements and attributes of text, tables, figures and our own SVG charts; no script,
  style, form, frame, object, embed, base, meta, link or MathML, and no `style=` (the CSP
  forbids inline styles) or event handler;
- links (`href` on <a>) to http, https, mailto, tel or a page of the site; every other address
  (an image, an SVG reference, `url(…)` in a presentation attribute) only to the site itself,
  so no page makes a request to another host;
- no `id` or `name` the theme uses itself (`__config`, `__search`, …), which a page could
  otherwise put in the theme script's way.

`markdown_findings` tells a writer what the allowlist takes out of a piece of Markdown, and what
a reader would see as text although it was written as HTML (an unclosed tag, markup in a title,
`&lt;img …&gt;`), so `trygg check` and the build can name both with file and line
(`check_markdown_html`).
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import markdown
import nh3
import tinyhtml5
from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from trygg.core.memo import Recent
from trygg.core.problems import Reporter

HTML_TAGS = frozenset({
    "a", "abbr", "article", "aside", "b", "bdi", "bdo", "blockquote", "br", "button", "caption", "cite",
    "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "u", "ul", "var", "wbr",
})
# The charts' vocabulary (templates/chart.svg.j2, keyfigure_chart.svg.j2) and simple shapes.
# No <use>, <image>, <foreignObject>, <animate>/<set> or <script>.
SVG_TAGS = frozenset({
    "svg", "g", "defs", "desc", "title", "path", "line", "polyline", "polygon", "rect", "circle",
    "ellipse", "text", "tspan", "marker", "lineargradient", "radialgradient", "stop", "clippath",
})
TAGS = HTML_TAGS | SVG_TAGS
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role", "tabindex", "hidden", "translate"})
# Only ours and the search's data attributes: the theme's (data-md-*) stay the theme's.
ATTRIBUTE_PREFIXES = frozenset({"aria-", "data-trygg-", "data-pagefind-"})
_SVG_ATTRIBUTES = frozenset({
    "viewBox", "width", "height", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy",
    "d", "points", "transform", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
    "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "stroke-opacity", "opacity", "font-size",
    "font-weight", "font-family", "font-style", "text-anchor", "dominant-baseline", "focusable",
    "preserveAspectRatio", "marker-start", "marker-mid", "marker-end", "markerWidth", "markerHeight",
    "markerUnits", "orient", "refX", "refY", "offset", "stop-color", "stop-opacity", "gradientUnits",
    "clip-path", "clipPathUnits", "vector-effect",
})
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(GLOBAL_ATTRIBUTES),
    "a": {"href", "hreflang", "target", "type"},  # rel: only the values in REL_VALUES
    "abbr": set(), "bdo": set(), "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"}, "button": {"type"}, "col": {"span"}, "colgroup": {"span"},
    "data": {"value"}, "details": {"open"}, "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "ol": {"start", "reversed", "type"}, "li": {"value"}, "td": {"colspan", "rowspan", "headers", "data-label"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr", "data-label"}, "time": {"datetime"},
    **{tag: set(_SVG_ATTRIBUTES) for tag in SVG_TAGS},
}
# Not rel="attachment", which makes WeasyPrint embed the linked file in a PDF.
REL_VALUES = frozenset({"prev", "next", "nofollow", "noopener", "noreferrer", "noopener noreferrer", "external",
                        "license", "help", "author", "tag"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
CLEAN_CONTENT_TAGS = frozenset({"script", "style", "template", "noscript", "iframe", "noembed", "noframes",
                                "xmp", "plaintext", "math", "object", "title"} - TAGS)
_LINKS = frozenset({"a"})  # elements whose href is a link a reader follows, not a resource loaded
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_THEME_IDS = re.compile(r"__|md-|mdx-", re.I)  # Material's own ids and form names
_PAINT_URL = re.compile(r"url\(", re.I)
_SAME_SITE_REF = re.compile(r"url\(\s*['\"]?#[^)]*\)", re.I)


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    """ammonia has checked the name and any link's scheme; this keeps resources on the site."""
    if attribute in ("id", "name") and _THEME_IDS.match(value):
        return None
    if attribute in _URL_ATTRIBUTES and not (element in _LINKS and attribute == "href"):
        return value if is_same_site(value) else None
    if _PAINT_URL.search(_SAME_SITE_REF.sub("", value)):
        return None  # url(…) in a presentation attribute: only a reference inside the page (#id)
    return value


def is_same_site(url: str) -> bool:
    """True for an address on the site itself: relative, root-relative or a fragment."""
    stripped = re.sub(r"[\x00-\x20\x7f]+", "", url)
    return not re.match(r"[a-z][a-z0-9+.-]*:|[/\\]{2}", stripped, re.I)


_CLEANER = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags=set(CLEAN_CONTENT_TAGS), attributes=ATTRIBUTES,
    tag_attribute_values={"a": {"rel": set(REL_VALUES)}},
    attribute_filter=_keep_attribute, strip_comments=True, link_rel=None,
    generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES), url_schemes=set(LINK_SCHEMES),
)


def clean_html(fragment: str) -> str:
    """`fragment` with everything outside the allowlist removed, serialised as a browser reads it."""
    return _CLEANER.clean(fragment)


class SafeHtmlExtension(Extension):
    """Cleans the whole HTML a Markdown page becomes, after every other step of Python-Markdown."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        # Priority 0: after 'raw_html' (30) has put written HTML back and after 'unescape' (10).
        md.postprocessors.register(_CleanPostprocessor(md), "trygg_clean_html", 0)


class _CleanPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return clean_html(text)


# Front matter only trygg writes into generated pages, which the theme prints into <script> or <link>.
GENERATED_ONLY_META = ("jsonld", "feed")


def escape_written_meta(meta: dict) -> None:
    """A hand-written page's front matter made text: the theme prints values unescaped (MkDocs'
    Jinja does not autoescape) and trygg escapes what it writes itself (trygg.core.rendering.Renderer.meta)."""
    for key in GENERATED_ONLY_META:
        meta.pop(key, None)
    for key, value in meta.items():
        if isinstance(value, str):
            meta[key] = html.escape(value)


# --- telling writers what was removed ------------------------------------------------------------

MARKDOWN_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "fenced_code", "md_in_html", "tables"]


@dataclass(frozen=True)
class Removal:
    """One thing the allowlist takes out: '<script>' or 'onerror' (on <img>), with what to search for."""

    what: str  # Swedish, e.g. "elementet <script>" or "attributet onerror på <img>"
    needle: str  # text to look for in the source to find its line
    address: str = ""  # the removed address, for href and src


@dataclass(frozen=True)
class Findings:
    """What a piece of Markdown loses to the allowlist, and the markup its reader sees as text."""

    removed: tuple[Removal, ...] = ()
    shown_as_text: tuple[str, ...] = ()


def markdown_findings(text: str) -> Findings:
    """The Findings of the HTML a piece of Markdown becomes: converted, cleaned and parsed once
    (kept per process)."""
    if not _MAY_HOLD_HTML.search(text):
        return _NOTHING

    def find() -> Findings:
        written = _markdown().reset().convert(text)
        cleaned = _parse(clean_html(written))
        return Findings(tuple(_removals(_parse(written), cleaned)), tuple(_markup_in_text(cleaned)))

    return _FINDINGS.get((text,), find)


_NOTHING = Findings()
_MAY_HOLD_HTML = re.compile(r"[<{]|\]\(|\]:|&#|&lt", re.I)
_FINDINGS = Recent(20_000)
_MARKUP = re.compile(r"<[A-Za-z!/?][^<>]{0,38}>?")
_CODE = frozenset({"code", "pre", "kbd", "samp"})


def _parse(fragment: str):
    return tinyhtml5.parse(f"<!doctype html><body>{fragment}", namespace_html_elements=False)


def _removals(before_root, after_root) -> list[Removal]:
    """What the allowlist took out: the two documents as an HTML5 parser reads them, compared."""
    lost = _inventory(before_root) - _inventory(after_root)
    gone = {tag for kind, tag, _, _ in lost if kind == "element"}
    removals = []
    for (kind, tag, name, value), count in lost.items():
        if kind == "element":
            removals += [Removal(f"elementet <{tag}>", f"<{tag}")] * count
        elif tag not in gone:  # an element removed takes its attributes along: one message
            shown = f'{name}="{_shorten(value)}"' if name in _URL_ATTRIBUTES else name
            removals += [Removal(f"attributet {shown} på <{tag}>", name, value)] * count
    return sorted(removals, key=lambda r: r.what)


def _markup_in_text(root) -> list[str]:
    """Markup a reader sees as text in a parsed page part, outside code: '<img …' that never became
    an element."""
    found: list[str] = []

    def visit(element, in_code: bool) -> None:
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        inside = in_code or tag in _CODE
        if not inside and isinstance(element.tag, str):
            found.extend(m.group(0) for m in _MARKUP.finditer(element.text or ""))
        for child in element:
            visit(child, inside)
            if not in_code and isinstance(child.tag, str):  # the tail is the parent's text
                found.extend(m.group(0) for m in _MARKUP.finditer(child.tail or ""))

    visit(root, False)
    return found


@functools.cache  # one per process; reset() before each use
def _markdown() -> Markdown:
    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")


def _inventory(root) -> Counter:
    """Every element and attribute in a parsed page part; text and comments left out."""
    found: Counter = Counter()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in ("html", "head", "body"):
            continue
        found[("element", tag, "", "")] += 1
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            found[("attribute", tag, name, value if name in _URL_ATTRIBUTES else "")] += 1
    return found


def _shorten(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[:limit - 1] + "…"


def check_markdown_html(pieces: Iterable[tuple[str, int]], report: Reporter) -> None:
    """A warning for each thing the allowlist removes from Markdown written at (text, first line)."""
    for text, first_line in pieces:
        for block, block_line in markdown_blocks(text, first_line):
            findings = markdown_findings(block)
            for removal in findings.removed:
                if removal.address and f"]({removal.address}" in block:
                    continue  # a Markdown link's address: trygg.writers.pagecheck names the link itself
                report.warning(_line_of(removal.needle, block, block_line),
                               f"{removal.what} är inte tillåtet i texten: skript, händelser, formulär, "
                               "inbäddningar, stilar och filer från andra webbplatser publiceras aldrig",
                               "ta bort koden; skriv texten, länkarna och bilderna med Markdown")
            for shown in findings.shown_as_text:
                needle = shown.split()[0].rstrip(">")
                report.warning(_line_of(needle, block, block_line),
                               f"'{_shorten(shown)}' visas som text på sidan, inte som HTML",
                               "ta bort koden och skriv med Markdown, eller skriv den som `kod` om den ska synas")


def markdown_blocks(text: str, first_line: int) -> Iterator[tuple[str, int]]:
    """`text` split at blank lines (a fenced code block kept whole), each with its first line."""
    lines, start, fence = [], first_line, None
    for number, line in enumerate(text.split("\n"), first_line):
        marker = re.match(r"\s*(`{3,}|~{3,})", line)
        if marker and (fence is None or marker.group(1).startswith(fence)):
            fence = marker.group(1)[:3] if fence is None else None
        if not line.strip() and fence is None:
            if lines:
                yield "\n".join(lines), start
            lines, start = [], number + 1
            continue
        lines.append(line)
    if lines:
        yield "\n".join(lines), start


def _line_of(needle: str, block: str, block_line: int) -> int:
    for offset, line in enumerate(block.split("\n")):
        if needle.lower() in line.lower():
            return block_line + offset
    return block_line
