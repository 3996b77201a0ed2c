"""News: `content/nyheter/<namn>.md` → /nyheter/<namn>/, the list /nyheter/ (newest first, in
pages of ARTICLES_PER_PAGE), the Atom feed /nyheter/feed.xml, JSON-LD (NewsArticle),
/api/news.json, the start page's latest news and `trygg new nyhet`.

'relaterat' names other pages by their path under content/ ('moten/<mapp>', 'beslut/<namn>',
'organisation/diagram/<namn>' …); the articles render after every other type, so each link gets
its page's own title ("Läs mer"), whatever type made the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from trygg.core.api import Collection, api_id, items_of, own_type
from trygg.core.contenttype import Card, ContentType, EditorPlace, Link
from trygg.core.output import Output, SiteInfo
from trygg.core.register import slugify
from trygg.core.rendering import html_template, json_for_html, page, paginate
from trygg.core.skeleton import SiteNames, yaml_text
from trygg.models.article import Article

if TYPE_CHECKING:
    from trygg.core.loading import LoadContext
    from trygg.core.register import Resolver
    from trygg.core.rendering import Renderer
    from trygg.core.texts import Texts

ARTICLES_DIR = "nyheter"
ARTICLES_PER_PAGE = 30
LATEST_NEWS = 3  # on the start page


@dataclass(frozen=True)
class LoadedArticle:
    slug: str
    source: str
    article: Article
    body: str
    body_line: int
    related_lines: tuple[int | None, ...] = ()

    @property
    def url(self) -> str:
        return f"/{ARTICLES_DIR}/{self.slug}/"


# --- loading ---------------------------------------------------------------------------------

def load_articles(ctx: LoadContext, resolver: Resolver) -> tuple[LoadedArticle, ...]:
    return tuple(a for a in (_load_article(ctx, p) for p in ctx.content_files(ARTICLES_DIR, "*.md")) if a)


def _load_article(ctx: LoadContext, path: Path) -> LoadedArticle | None:
    loaded = ctx.read(path, Article)
    if loaded is None:
        return None
    doc, article = loaded
    if not doc.body.strip():
        ctx.reporter(path).error(doc.body_line, "artikeln har ingen text", "skriv brödtexten under sidhuvudet")
    related_lines = tuple(doc.line(("relaterat", i)) for i in range(len(article.related)))
    return LoadedArticle(slugify(path.stem), ctx.rel(path), article, doc.body, doc.body_line, related_lines)


def articles_links(articles: tuple[LoadedArticle, ...]) -> list[Link]:
    """Every 'relaterat': checked against every type's pages (trygg.core.content)."""
    return [Link(a.source, target, line) for a in articles for target, line in zip(a.article.related, a.related_lines)]


# --- pages -----------------------------------------------------------------------------------

def render_articles(articles: tuple[LoadedArticle, ...], renderer: Renderer) -> list[Output]:
    if not articles:
        return []
    texts = renderer.texts
    ordered = sorted(articles, key=lambda a: (a.article.published, a.slug), reverse=True)
    outputs = [_article_page(loaded, renderer) for loaded in ordered]
    for pager in paginate(ARTICLES_DIR, ordered, ARTICLES_PER_PAGE):
        body = renderer.template("articles.md.j2").render(articles=pager.items, pager=pager)
        meta = renderer.meta("list", pager.title(texts, texts["nyheter.rubrik"]), texts["nyheter.beskrivning"],
                             None, published=None, owner=None)
        meta["feed"] = "feed.xml" if pager.number == 1 else "../feed.xml"
        outputs.append(Output(pager.uri, page(meta, body)))
    outputs.append(Output(f"{ARTICLES_DIR}/feed.xml", _atom(ordered, renderer)))
    return outputs


def _article_page(loaded: LoadedArticle, renderer: Renderer) -> Output:
    related = [found for found in map(renderer.related_page, loaded.article.related) if found is not None]
    return renderer.remembered(("article", loaded, related), [loaded.source],
                               lambda: _render_article_page(loaded, related, renderer))


def _render_article_page(loaded: LoadedArticle, related: list, renderer: Renderer) -> Output:
    article = loaded.article
    body = renderer.template("article.md.j2").render(loaded=loaded, article=article, related=related)
    meta = renderer.meta("article", article.title, article.summary, loaded.source, published=article.published,
                         owner=article.owner, updated=article.updated)
    meta["jsonld"] = article_jsonld(loaded, renderer.site)
    if article.draft:
        meta["utkast"] = True
    return Output(f"{ARTICLES_DIR}/{loaded.slug}/index.md", page(meta, body), loaded.source)


def _atom(ordered: list[LoadedArticle], renderer: Renderer) -> str:
    site = renderer.site
    newest = max((a.article.updated or a.article.published for a in ordered), default=dt.date(2015, 1, 1))
    return html_template("atom.xml.j2", renderer.template_folders).render(
        articles=ordered, site_name=site.name, base_url=site.url, updated=_atom_date(newest), author=site.publisher,
        texts=renderer.texts)


def _atom_date(value: dt.date) -> str:
    return f"{value.isoformat()}T00:00:00Z"


def article_jsonld(loaded: LoadedArticle, site: SiteInfo) -> str:
    article = loaded.article
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": article.title,
        "description": article.summary, "datePublished": article.published.isoformat(),
        "url": site.url + loaded.url.lstrip("/"), "inLanguage": "sv",
        "publisher": {"@type": "GovernmentOrganization", "name": site.publisher},
    }
    if article.updated:
        data["dateModified"] = article.updated.isoformat()
    if article.author:
        data["author"] = {"@type": "Person", "name": article.author}
    return json_for_html(data)


def articles_home(articles: tuple[LoadedArticle, ...], renderer: Renderer) -> str:
    """The start page's latest news."""
    news = sorted(articles, key=lambda a: (a.article.published, a.slug), reverse=True)[:LATEST_NEWS]
    return renderer.template("home_articles.md.j2").render(news=news)


def articles_card(articles: tuple[LoadedArticle, ...], texts: Texts) -> Card | None:
    return Card(texts["nyheter.rubrik"], f"{ARTICLES_DIR}/index.md", texts["start.nyheter"]) if articles else None


def articles_pages(articles: tuple[LoadedArticle, ...]) -> list[tuple[str, str]]:
    return [(f"{ARTICLES_DIR}/{a.slug}", a.article.title) for a in articles]


# --- open data (trygg.core.api) --------------------------------------------------------------

_URI = {"format": "uri", "pattern": "^https?://"}


class NewsItem(BaseModel):
    """One item of /api/news.json; its JSON Schema (api/schema/news.json) is generated from this model."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "description": "En nyhet (content/nyheter/), OParl-liknande: id, type, name och web som i OParl."})

    id: str = Field(json_schema_extra=_URI)
    type: str = Field(pattern=r"^https?://.+/api/schema/news\.json#NewsArticle$")
    name: str = Field(min_length=1, description="Rubriken ('titel').")
    description: str = Field(description="Sammanfattningen ('sammanfattning').")
    web: str = Field(json_schema_extra=_URI, description="Nyheten på webbplatsen.")
    published: dt.date = Field(description="Publiceringsdagen ('publicerad').")
    modified: dt.date | None = Field(description="Senast ändrad ('uppdaterad'), om den anges.")
    author: str | None = Field(description="Författaren ('författare').")
    owner: str | None = Field(description="Sidansvarig ('sidansvarig').")
    related: list[str] = Field(description="Sidorna som nyheten hänvisar till ('relaterat'), av vilken "
                                           "innehållstyp som helst, som adresser på webbplatsen.")


def news_collection(articles: tuple[LoadedArticle, ...], site: SiteInfo, extra: Mapping[str, Any] | None = None,
                    last_changed: Mapping[str, dt.date] | None = None) -> Collection:
    """News as our own type NewsArticle: title, summary, dates, author, owner and the pages it relates to."""
    items = items_of(NewsItem, (_news_item(loaded, site) for loaded in articles))
    return Collection("news", "NewsArticle", sorted(items, key=lambda i: i["id"]), oparl=False, model=NewsItem,
                      title="Nyheter (NewsArticle)")


def _news_item(loaded: LoadedArticle, site: SiteInfo) -> NewsItem:
    article = loaded.article
    return NewsItem(
        id=api_id(site, "news", loaded.slug), type=own_type(site, "news", "NewsArticle"), name=article.title,
        description=article.summary, web=site.url + loaded.url.lstrip("/"), published=article.published,
        modified=article.updated, author=article.author, owner=article.owner,
        related=[f"{site.url}{target.strip('/')}/" for target in article.related])


# --- `trygg new nyhet` -----------------------------------------------------------------------

def article_skeleton(title: str, slug: str, today: dt.date, names: SiteNames = SiteNames()) -> tuple[str, str]:
    return f"content/{ARTICLES_DIR}/{slug}.md", f"""\
---
# En nyhet. Rader som börjar med # är kommentarer och syns inte på webbplatsen.
# Kontrollera med: .venv/bin/trygg check   Förhandsgranska med: ./scripts/serve
titel: {yaml_text(title)}
publicerad: {today.isoformat()}
sammanfattning: Skriv en eller två meningar som sammanfattar nyheten.
# författare: Förnamn Efternamn
# sidansvarig: Förnamn Efternamn
# relaterat: [moten/mappens-namn]   # sidor som nyheten handlar om
# utkast: true                        # syns då bara i förhandsvisningen
---

Skriv nyheten här. Börja med det viktigaste. Mellanrubriker skriver du med två #-tecken:

## En mellanrubrik

Mer text.
"""


ARTICLES_TYPE = ContentType(ARTICLES_DIR, load_articles, render_articles, rank=20, api=news_collection, card=articles_card,
                            skeletons=(("nyhet", article_skeleton),), home=articles_home, pages=articles_pages,
                            links=articles_links, reads_other_pages=True, templates=Path(__file__).parent,
                            editor=(EditorPlace(ARTICLES_DIR, "nyheter.rubrik", Article, folder=ARTICLES_DIR,
                                                body=True),),
                            filters={"article_page": lambda slug: f"{ARTICLES_DIR}/{slug}/index.md",
                                     "atom_date": _atom_date})
