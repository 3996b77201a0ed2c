"""The PDF of a whole handbook: models → HTML (a template and our own print stylesheet) → WeasyPrint.

The PDF is tagged (PDF/UA-1: title, language, structure, headings as bookmarks) and
deterministic: its dates come from the handbook (published, last reviewed), never the clock.
Links to the site's pages ('/x/index.md#a') become absolute URLs of the published site.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

import jinja2
import markdown
from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .render import shift_headings
from .sv import format_date

if TYPE_CHECKING:
    from .handbooks import LoadedHandbook
    from .render import Renderer

_MARKDOWN_EXTENSIONS = ["abbr", "attr_list", "def_list", "tables", "admonition", "md_in_html"]


def render_pdf(loaded: LoadedHandbook, renderer: Renderer) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, which only PDF rendering needs.
    import weasyprint

    html = render_html(loaded, renderer.site.url, renderer.texts["handböcker.pdf_utgivare"])

    def pdf() -> bytes:
        return weasyprint.HTML(string=html, base_url=None).write_pdf(pdf_variant="pdf/ua-1")

    # The PDF is a pure function of its HTML: the preview makes it again only when that changes.
    return pdf() if renderer.memo is None else renderer.memo.remember(("pdf", weasyprint.__version__, html), pdf)


def render_html(loaded: LoadedHandbook, site_url: str, publisher: str) -> str:
    """The whole handbook as one HTML document for print; `publisher` is the cover's sender line."""
    chapters = [(c, chapter_html(c.body, site_url)) for c in loaded.chapters]
    return _environment().get_template("handbook_print.html.j2").render(
        loaded=loaded, handbook=loaded.handbook, chapters=chapters, site_url=site_url, publisher=publisher,
        authors=", ".join(e.name for e in loaded.owners))


def chapter_html(body: str, site_url: str) -> str:
    md = markdown.Markdown(extensions=[*_MARKDOWN_EXTENSIONS, _SiteLinks(site_url)], output_format="html")
    return md.convert(shift_headings(body, 1))


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
