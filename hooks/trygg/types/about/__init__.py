"""About the site: the contact shown in every page's "Kontakta oss" box (`kontakt:` in
`content/webbplats.yml`, see trygg.core.identity), the accessibility statement (`content/om/tillganglighet.yml` → `/tillganglighet/`) and robots.txt
(pointing at the sitemap under the site's public URL).

The statement has Digg's mandatory parts: the public actor and the site, the compliance, known
inaccessible content with reasons and alternatives, how and when the site was assessed, when the
statement was last updated, how to give feedback or ask for another format (the contact), and
the right to report to Digg. Its facts live in the data file so it stays current.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from trygg.core.contenttype import ContentType, EditorPlace
from trygg.core.rendering import Output, page
from trygg.models.about import Statement

if TYPE_CHECKING:
    from trygg.core.content import Content, LoadContext
    from trygg.core.problems import Reporter
    from trygg.core.register import Resolver
    from trygg.core.rendering import Renderer

KEY = "om"
STATEMENT_FILE = "om/tillganglighet.yml"
STATEMENT_PAGE = "tillganglighet/index.md"
DIGG_REPORT_URL = "https://www.digg.se/tdosanmalan"


@dataclass(frozen=True)
class About:
    statement: Statement | None
    statement_source: str | None


def load_about(ctx: LoadContext, resolver: Resolver) -> About:
    """The statement, with a reminder when its assessment is over a year old; its feedback route is
    the identity's contact, which always has e-mail or phone."""
    report = ctx.reporter(ctx.root / "content" / STATEMENT_FILE)
    loaded = _load_with_lines(ctx, STATEMENT_FILE, Statement)
    statement = loaded[1] if loaded else None
    if loaded is not None:
        _remind_if_assessment_is_old(loaded[1], ctx.today, report, loaded[0].line(("bedömd",)))
    return About(statement, f"content/{STATEMENT_FILE}" if statement else None)


def _load_with_lines(ctx: LoadContext, name: str, schema):
    path: Path = ctx.root / "content" / name
    return ctx.read_yaml(path, schema) if path.is_file() else None


def _remind_if_assessment_is_old(statement: Statement, today: dt.date, report: Reporter, line: int | None) -> None:
    """Digg expects the statement to be reviewed at least once a year; an older one is a task."""
    if statement.assessed < _one_year_before(today):
        report.reminder(line, f"tillgänglighetsredogörelsen bedömdes senast {statement.assessed.isoformat()}, "
                              "för mer än ett år sedan",
                        "granska webbplatsen igen (minst en gång om året) och sätt nya datum för 'bedömd' "
                        "och 'uppdaterad'")


def _one_year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1, day=28) if (day.month, day.day) == (2, 29) else day.replace(year=day.year - 1)



def render_about(about: About, renderer: Renderer) -> list[Output]:
    robots = Output("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {renderer.site.url}sitemap.xml\n")
    identity = renderer.content.identity
    if about.statement is None or identity is None:
        return [robots]
    statement = about.statement
    body = renderer.template("statement.md.j2").render(
        statement=statement, contact=identity.contact, site_url=renderer.site.url, digg_url=DIGG_REPORT_URL)
    meta = renderer.meta("statement", renderer.texts["redogörelse.rubrik"],
                         renderer.texts.format("redogörelse.beskrivning", webbplats=statement.site), about.statement_source,
                         published=None, owner=statement.actor, updated=statement.updated)
    return [robots, Output(STATEMENT_PAGE, page(meta, body), about.statement_source)]


def theme_facts(about: About | None, content: Content) -> dict:
    """The statement's address for the footer link, once the statement and the identity exist."""
    if about is not None and about.statement is not None and content.identity is not None:
        return {"statement_url": STATEMENT_PAGE.removesuffix("index.md")}
    return {}


ABOUT_TYPE = ContentType(KEY, load_about, render_about, rank=90, theme=theme_facts,
                         templates=Path(__file__).parent,
                         editor=(EditorPlace("tillganglighet", "sidfot.tillgänglighet", Statement, file=STATEMENT_FILE,
                                             extension="yml"),))
