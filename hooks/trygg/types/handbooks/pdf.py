"""The PDF of a whole handbook: models → HTML (a template and our own print stylesheet) → WeasyPrint.

The PDF is tagged (PDF/UA-1: title, language, structure, headings as bookmarks) and
deterministic: its dates come from the handbook (published, last reviewed), never the clock.
Links to the site's pages ('/x/index.md#a') become absolute URLs of the published site. Images
are the site's own: one under docs/ by its site address (`/assets/karta.png`), one saved beside
the chapter by its name (`karta.png`, as on the chapter's page, trygg.sitewide.bundles).

Safe like the pages: each chapter's HTML passes the site's one allowlist (trygg.markdown.sanitize), and
WeasyPrint reads nothing but the site's own files (`SiteOnlyFetcher`): no network address and no
file outside docs/ and the handbook's own folder in content/. A refused address stops the build with an error
naming the chapter's file and line, so nothing from a build machine can end up in a PDF.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import jinja2
import markdown
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from trygg.core.identity import BrandColours, brand_colours
from trygg.core.problems import ContentError, Problem
from trygg.core.rendering import shift_headings
from trygg.core.sv import format_date
from trygg.markdown.sanitize import MARKDOWN_EXTENSIONS, clean_html

if TYPE_CHECKING:
    from trygg.core.rendering import Renderer
    from trygg.core.texts import Texts
    from trygg.types.handbooks.loaded import LoadedHandbook

def render_pdf(loaded: LoadedHandbook, renderer: Renderer) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which only PDF rendering needs.
    import weasyprint

    root = renderer.content.root
    html = render_html(loaded, renderer.site.url, renderer.texts, brand_colours(renderer.content.identity))
    fetcher = SiteOnlyFetcher(root / "docs", root / Path(loaded.source).parent)

    def pdf() -> bytes:
        data = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
        if fetcher.refused:
            raise ContentError([refusal(loaded, url, root) for url in fetcher.refused])
        return data

    # The PDF is a pure function of its HTML and its images: the preview makes it again only when they change.
    if renderer.memo is None:
        return pdf()
    return renderer.memo.remember(("pdf", weasyprint.__version__, html, fetcher.image_stamps(html)), pdf)


def render_html(loaded: LoadedHandbook, site_url: str, texts: Texts, colours: BrandColours) -> str:
    """The whole handbook as one HTML document for print: its wording and the cover's sender line
    from the site's `texts`, `colours` the identity's (headings and links)."""
    chapters = [(c, chapter_html(c.body, site_url)) for c in loaded.chapters]
    return _environment().get_template("handbook_print.html.j2").render(
        loaded=loaded, handbook=loaded.handbook, chapters=chapters, site_url=site_url, texts=texts,
        publisher=texts["handböcker.pdf_utgivare"],
        authors=", ".join(e.name for e in loaded.owners), colours=colours)


def chapter_html(body: str, site_url: str) -> str:
    """A chapter's Markdown as HTML, through the same allowlist as every page of the site; its
    images as `SiteOnlyFetcher` reads them."""
    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _SiteLinks(site_url)], output_format="html")
    return _SITE_IMAGE.sub(_image_address, clean_html(md.convert(shift_headings(body, 1))))


# An image's address after the allowlist (which keeps only the site's own): site-absolute or a
# name beside the chapter. Both become IMAGE_SCHEME addresses, never a machine's path, so the
# HTML (and the PDF) is the same in every checkout.
IMAGE_SCHEME = "trygg-bild"
_SITE_IMAGE = re.compile(r'(<img\b[^>]*?\ssrc=")(?![a-z][a-z0-9+.-]*:|//)([^"]+)"', re.I)


def _image_address(match: re.Match) -> str:
    src = match.group(2)
    where = "docs/" + src.lstrip("/") if src.startswith("/") else "kapitel/" + src
    return f'{match.group(1)}{IMAGE_SCHEME}:{where}"'


class SiteOnlyFetcher:
    """WeasyPrint's url_fetcher: `data:`, files under `docs`, and IMAGE_SCHEME addresses of files
    under `docs` (site-absolute) or the handbook's `folder` (beside the chapters); every other
    address refused."""

    def __init__(self, docs: Path, folder: Path | None = None) -> None:
        self.docs = docs.resolve()
        self.folder = folder.resolve() if folder is not None else None
        self.refused: list[str] = []

    def __call__(self, url: str, timeout: int = 10, ssl_context=None, http_headers=None) -> dict:
        import weasyprint

        parts = urlsplit(url)
        if parts.scheme == IMAGE_SCHEME and (path := self._image(parts.path)) is not None:
            return weasyprint.default_url_fetcher(path.as_uri(), timeout=timeout, ssl_context=ssl_context)
        if parts.scheme == "data" or (parts.scheme == "file" and not parts.netloc and self._inside(parts.path)):
            return weasyprint.default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
        self.refused.append(url)
        raise ValueError(f"trygg läser inte {url!r} till en pdf")

    def _inside(self, path: str) -> bool:
        return Path(unquote(path)).resolve().is_relative_to(self.docs)

    def _image(self, address: str) -> Path | None:
        """The file an IMAGE_SCHEME address names, if it is one of the site's own."""
        kind, _, rest = unquote(address).partition("/")
        base = {"docs": self.docs, "kapitel": self.folder}.get(kind)
        if base is None or not rest:
            return None
        path = (base / rest).resolve()
        return path if path.is_relative_to(base) and path.is_file() else None

    def image_stamps(self, html: str) -> tuple[tuple[str, int, int], ...]:
        """Each image the HTML shows, with its file's size and change time: part of the preview's memo key."""
        stamps = []
        for address in sorted(set(re.findall(rf'"{IMAGE_SCHEME}:([^"]+)"', html))):
            path = self._image(address)
            stat = path.stat() if path is not None else None
            stamps.append((address, stat.st_size if stat else -1, stat.st_mtime_ns if stat else -1))
        return tuple(stamps)


def refusal(loaded: LoadedHandbook, url: str, root: Path) -> Problem:
    """The error for an address the PDF must not read, at the chapter and line that hold it."""
    message = (f"handboken hänvisar till '{url}', som inte får läsas in i pdf-filen: den får bara innehålla "
               "webbplatsens egna filer")
    hint = "ta bort adressen, eller lägg filen under docs/assets/ och länka till den därifrån"
    for chapter in loaded.chapters:
        source = root / chapter.source
        text = source.read_text("utf-8", "replace") if source.is_file() else chapter.body
        written = _written_address(url)
        for needle in (url, unquote(url), urlsplit(url).path, written):
            if needle and needle in text:
                line = text.count("\n", 0, text.index(needle)) + 1
                return Problem(chapter.source, line, f"kapitlet '{chapter.chapter.title}': {message}", hint)
    return Problem(loaded.source, None, message, hint)


def _written_address(url: str) -> str:
    """An IMAGE_SCHEME address as the chapter wrote it ('karta.png', '/assets/karta.png')."""
    if not url.startswith(f"{IMAGE_SCHEME}:"):
        return ""
    kind, _, rest = unquote(urlsplit(url).path).partition("/")
    return rest if kind == "kapitel" else "/" + rest


@functools.cache  # one per process: the preview's rebuilds reuse the compiled template
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["sv_date"] = format_date
    return env


def site_link(href: str, site_url: str) -> str:
    """'/moten/x/index.md#a' → 'https://site/moten/x/#a'; other links unchanged."""
    if not href.startswith("/") or href.startswith("//"):
        return href
    path, _, anchor = href.partition("#")
    path = re.sub(r"(^|/)index\.md$", r"\1", path).lstrip("/")
    path = re.sub(r"\.md$", "/", path)
    return site_url + path + (f"#{anchor}" if anchor else "")


class _SiteLinks(Extension):
    def __init__(self, site_url: str, **kwargs) -> None:
        self.site_url = site_url
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API
        md.treeprocessors.register(_SiteLinkProcessor(md, self.site_url), "trygg_site_links", 1)


class _SiteLinkProcessor(Treeprocessor):
    def __init__(self, md: Markdown, site_url: str) -> None:
        super().__init__(md)
        self.site_url = site_url

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            link.set("href", site_link(link.get("href", ""), self.site_url))
