"""Checks of writers' Markdown against the whole site: links, anchors, images, headings, URLs.

Input: the Markdown bodies of content/ files and the site's page set (every generated page from
`render_site` plus the hand-written pages in docs/), so a link is checked against the same pages
the build makes. Output: `Problem`s pointing at the writer's file, line and column.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from trygg.core.problems import Reporter
from trygg.core.validation import suggest

_FENCE = re.compile(r"^\s*(```|~~~)")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+\1")
_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)>?"
                   r"(?:\s+[\"'][^)]*[\"'])?\s*\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_HTML_ATTR = re.compile(r"<(a|img)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")
_ID_ATTR = re.compile(r"""\b(?:id|name)\s*=\s*["']([^"']+)["']""")
_ATTR_LIST_ID = re.compile(r"\{:?[^}]*?#([\w-]+)[^}]*\}")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SAFE_SCHEMES = {"https", "mailto", "tel"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
# Files a page may offer for download. No .svg or .html: opened directly they run scripts on our address.
FILE_SUFFIXES = {".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".csv"}


@dataclass(frozen=True)
class Link:
    line: int
    column: int
    target: str
    image: bool
    text: str | None  # link text or alt text; None for HTML without alt


def is_media(target: str) -> bool:
    """Whether a link target names an image or a downloadable file (by its ending)."""
    return posixpath.splitext(target.split("#")[0].split("?")[0].lower())[1] in IMAGE_SUFFIXES | FILE_SUFFIXES


def missing_hint(folder: str, image: bool) -> str:
    """Where a page's pictures and files go: beside its source, linked by the file's name."""
    if image:
        return f"spara bilden i {folder}/, bredvid sidans fil, och skriv filnamnet: ![Vad bilden visar](bild.jpg)"
    return f"spara filen i {folder}/, bredvid sidans fil, och skriv filnamnet: [Vad filen innehåller](fil.pdf)"


def markdown_lines(body: str) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line outside fenced code, with inline code blanked out."""
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield offset, _INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


def links_in(body: str, first_line: int) -> Iterator[Link]:
    for offset, line in markdown_lines(body):
        number = first_line + offset
        for match in _LINK.finditer(line):
            yield Link(number, match.start(3) + 1, match.group(3), bool(match.group(1)), match.group(2))
        reference = _REFERENCE.match(line)
        if reference:
            yield Link(number, reference.start(1) + 1, reference.group(1), False, "")
        for match in _AUTOLINK.finditer(line):
            yield Link(number, match.start(1) + 1, match.group(1), False, "")
        for match in _HTML_ATTR.finditer(line):
            attrs = {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
                     for m in _ATTR.finditer(match.group(2))}
            is_image = match.group(1).lower() == "img"
            target = attrs.get("src" if is_image else "href")
            if target is not None:
                yield Link(number, match.start() + 1, target, is_image, attrs.get("alt"))


def headings_in(body: str, first_line: int) -> Iterator[tuple[int, int, str]]:
    """(line, level, text) of each ATX heading outside code."""
    for offset, line in markdown_lines(body):
        match = _HEADING.match(line)
        if match:
            yield first_line + offset, len(match.group(1)), match.group(2)


def slugify_heading(text: str) -> str:
    """Python-Markdown's default toc slug: ASCII-folded, lower case, spaces to hyphens."""
    text = re.sub(r"<[^>]+>", "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def anchors_of(markdown: str) -> set[str]:
    """Every anchor a Markdown page will have: heading ids (with toc's _1 suffixes) and explicit ids."""
    anchors: set[str] = set()
    body = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    for _, _, text in headings_in(body, 1):
        explicit = _EXPLICIT_ID.search(text)
        if explicit:
            anchors.add(explicit.group(1))
            continue
        slug = slugify_heading(_ATTR_LIST_ID.sub("", text))
        unique, n = slug, 0
        while unique in anchors:
            n += 1
            unique = f"{slug}_{n}"
        anchors.add(unique)
    anchors.update(_ID_ATTR.findall(body))
    anchors.update(_ATTR_LIST_ID.findall(body))
    return anchors


class SitePages:
    """The site's files by path in the docs tree, with the anchors of its Markdown pages."""

    def __init__(self, pages: dict[str, str | None], missing: set[str] = frozenset(),
                 unpublished: dict[str, str] | None = None) -> None:
        self._pages = pages  # uri → Markdown (None for a non-Markdown file)
        # uri → why the published site lacks the page ('sidan är ett utkast'), for pages that
        # `trygg check` and the preview show but the build leaves out
        self.unpublished = unpublished or {}
        self._missing = missing  # pages whose source has errors ('nyheter/a'): not linked to in vain
        self._anchors: dict[str, set[str]] = {}

    def failed(self, uri: str) -> bool:
        """Whether `uri` is a page whose source did not load (its own error says why)."""
        return uri.removesuffix(".md").removesuffix("/index").strip("/") in self._missing

    def exists(self, uri: str) -> bool:
        return uri in self._pages

    def anchors(self, uri: str) -> set[str]:
        if uri not in self._anchors:
            self._anchors[uri] = anchors_of(self._pages.get(uri) or "")
        return self._anchors[uri]

    def uris(self) -> list[str]:
        return list(self._pages)


def check_page_markdown(body: str, first_line: int, page_uri: str | None, site: SitePages,
                        report: Reporter) -> None:
    """All Markdown checks for one writer's text; `page_uri` is the page it becomes (if known)."""
    for link in links_in(body, first_line):
        _check_link(link, page_uri, site, report)
    _check_headings(body, first_line, report)


def _check_link(link: Link, page_uri: str | None, site: SitePages, report: Reporter) -> None:
    if link.image and not (link.text or "").strip():
        report.warning(link.line, f"bilden '{link.target}' saknar alternativtext",
                       "beskriv bilden inom hakparenteserna: ![Vad bilden visar](bild.jpg)", column=link.column)
    target = link.target.strip()
    scheme = _SCHEME.match(target)
    if scheme:
        _check_scheme(scheme.group(1).lower(), target, link, report)
        return
    if not target:
        report.error(link.line, "länken saknar mål", "skriv adressen inom parentesen: [text](/nyheter/index.md)",
                     column=link.column)
        return
    _check_internal(target, link, page_uri, site, report)


def _check_scheme(scheme: str, target: str, link: Link, report: Reporter) -> None:
    if scheme == "http":
        report.warning(link.line, f"länken '{target}' använder okrypterad http://",
                       "skriv https:// om webbplatsen har det", column=link.column)
    elif scheme not in _SAFE_SCHEMES:
        report.error(link.line, f"länken '{target}' använder '{scheme}:', som inte är tillåtet",
                     "länka bara till https://-, mailto:- och tel:-adresser", column=link.column)


def _check_internal(target: str, link: Link, page_uri: str | None, site: SitePages, report: Reporter) -> None:
    path, _, anchor = unquote(target).partition("#")
    if not path:
        if anchor and page_uri is not None and anchor not in site.anchors(page_uri):
            report.error(link.line, f"ankaret '#{anchor}' finns inte på sidan", _anchor_hint(site, page_uri),
                         column=link.column)
        return
    if path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/") or ".")
    elif page_uri is None:
        report.error(link.line, f"länken '{target}' är relativ", "skriv den från webbplatsens rot, "
                     "till exempel /nyheter/index.md", column=link.column)
        return
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path))
    if resolved == ".." or resolved.startswith("../"):
        report.error(link.line, f"länken '{target}' pekar utanför webbplatsen",
                     "länka till en sida på webbplatsen, till exempel /nyheter/index.md", column=link.column)
        return
    _check_target(resolved, anchor, target, link, site, report)
    if resolved in site.unpublished and page_uri not in site.unpublished:
        report.error(link.line, f"länken '{target}' pekar på en sida som inte publiceras: {site.unpublished[resolved]}",
                     "ta bort länken tills sidan publiceras", column=link.column)


def _check_target(resolved: str, anchor: str, target: str, link: Link, site: SitePages, report: Reporter) -> None:
    if site.failed(resolved):
        return
    if not site.exists(resolved) and is_media(resolved):
        if not target.startswith("/"):
            return  # a file beside the page: trygg.sitewide.bundles says where it should be
        what = "bilden" if link.image else "filen"
        report.error(link.line, f"{what} '{target}' finns inte", missing_hint(posixpath.dirname(report.file), link.image),
                     column=link.column)
        return
    if not site.exists(resolved):
        as_page = posixpath.join(resolved, "index.md") if resolved != "." else "index.md"
        if site.exists(as_page):
            report.error(link.line, f"länken '{target}' pekar på en mapp", f"skriv '/{as_page}'",
                         column=link.column)
        else:
            report.error(link.line, f"länken '{target}' pekar på en sida eller fil som inte finns",
                         _page_hint(site, resolved), column=link.column)
        return
    if anchor and resolved.endswith(".md") and anchor not in site.anchors(resolved):
        report.error(link.line, f"ankaret '#{anchor}' finns inte på sidan '/{resolved}'",
                     _anchor_hint(site, resolved), column=link.column)


def _page_hint(site: SitePages, resolved: str) -> str:
    guess = suggest(resolved, site.uris())
    return f"menade du '/{guess}'?" if guess else "skriv sökvägen som /moten/<mapp>/index.md"


def _anchor_hint(site: SitePages, uri: str) -> str:
    anchors = sorted(site.anchors(uri))
    more = " …" if len(anchors) > 8 else ""
    return f"ankare på sidan: {', '.join(anchors[:8])}{more}" if anchors else "sidan har inga ankare"


def _check_headings(body: str, first_line: int, report: Reporter) -> None:
    previous = 1  # the page title is the h1
    for line, level, _ in headings_in(body, first_line):
        if level > previous + 1:
            report.warning(line, f"rubriknivån hoppar från {'#' * previous} till {'#' * level}",
                           f"använd {'#' * (previous + 1)} här, så att skärmläsare kan följa sidans struktur")
        previous = level
