"""The PDF of a whole handbook: models → HTML (a template and our own print stylesheet) → WeasyPrint.

The PDF is tagged (PDF/UA-1: title, language, structure, headings as bookmarks) and
deterministic: its dates come from the handbook (published, last reviewed), never the clock.
Links to the site's pages ('/x/index.md#a') become absolute URLs of the published site.

Safe like the pages: each chapter's HTML passes the site's one allowlist (trygg.sanitize), and
WeasyPrint reads nothing but the site's own files (`SiteOnlyFetcher`): no network address and no
file outside docs/, whose files are the site's. A refused address stops the build with an error
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

from .identity import BrandColours, brand_colours
from .problems import ContentError, Problem
from .render import shift_headings
from .sanitize import MARKDOWN_EXTENSIONS, clean_html
from .sv import format_date

if TYPE_CHECKING:
    from .handbooks import LoadedHandbook
    from .render import Renderer
    from .texts import Texts

def render_pdf(loaded: LoadedHandbook, renderer: Renderer) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which only PDF rendering needs.
    import weasyprint

    html = render_html(loaded, renderer.site.url, renderer.texts, brand_colours(renderer.content.identity))
    docs = renderer.content.root / "docs"

    def pdf() -> bytes:
        fetcher = SiteOnlyFetcher(docs)
        data = weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
        if fetcher.refused:
            raise ContentError([refusal(loaded, url, renderer.content.root) for url in fetcher.refused])
        return data

    # The PDF is a pure function of its HTML: the preview makes it again only when that changes.
    return pdf() if renderer.memo is None else renderer.memo.remember(("pdf", weasyprint.__version__, html), pdf)


def render_html(loaded: LoadedHandbook, site_url: str, texts: Texts, colours: BrandColours) -> str:
    """The whole handbook as one HTML document for print: its wording and the cover's sender line
    from the site's `texts`, `colours` the identity's (headings and links)."""
    chapters = [(c, chapter_html(c.body, site_url)) for c in loaded.chapters]
    return _environment().get_template("handbook_print.html.j2").render(
        loaded=loaded, handbook=loaded.handbook, chapters=chapters, site_url=site_url, texts=texts,
        publisher=texts["handböcker.pdf_utgivare"],
        authors=", ".join(e.name for e in loaded.owners), colours=colours)


def chapter_html(body: str, site_url: str) -> str:
    """A chapter's Markdown as HTML, through the same allowlist as every page of the site."""
    md = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _SiteLinks(site_url)], output_format="html")
    return clean_html(md.convert(shift_headings(body, 1)))


class SiteOnlyFetcher:
    """WeasyPrint's url_fetcher: `data:` and files under `docs` only; every other address refused."""

    def __init__(self, docs: Path) -> None:
        self.docs = docs.resolve()
        self.refused: list[str] = []

    def __call__(self, url: str, timeout: int = 10, ssl_context=None, http_headers=None) -> dict:
        import weasyprint

        parts = urlsplit(url)
        if parts.scheme == "data" or (parts.scheme == "file" and not parts.netloc and self._inside(parts.path)):
            return weasyprint.default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
        self.refused.append(url)
        raise ValueError(f"trygg läser inte {url!r} till en pdf")

    def _inside(self, path: str) -> bool:
        return Path(unquote(path)).resolve().is_relative_to(self.docs)


def refusal(loaded: LoadedHandbook, url: str, root: Path) -> Problem:
    """The error for an address the PDF must not read, at the chapter and line that hold it."""
    message = (f"handboken hänvisar till '{url}', som inte får läsas in i pdf-filen: den får bara innehålla "
               "webbplatsens egna filer")
    hint = "ta bort adressen, eller lägg filen under docs/assets/ och länka till den därifrån"
    for chapter in loaded.chapters:
        source = root / chapter.source
        text = source.read_text("utf-8", "replace") if source.is_file() else chapter.body
        for needle in (url, unquote(url), urlsplit(url).path):
            if needle and needle in text:
                line = text.count("\n", 0, text.index(needle)) + 1
                return Problem(chapter.source, line, f"kapitlet '{chapter.chapter.title}': {message}", hint)
    return Problem(loaded.source, None, message, hint)


@functools.cache  # one per process: the preview's rebuilds reuse the compiled template
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("trygg", "templates"), autoescape=True,
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
