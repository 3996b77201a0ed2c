"""Handbooks: loads `content/handbocker/<slug>/` and renders its pages and its PDF.

`handbok.yml` holds title, owner(s), who commissioned it and the review dates; `NN-<namn>.md`
are the chapters, in the order of their numbers. Pages: /handbocker/ (list), /handbocker/<slug>/
(table of contents), /handbocker/<slug>/<namn>/ (a chapter with previous/next), and
/handbocker/<slug>/hela/ (the whole handbook on one page). The PDF of the whole handbook is made
here, from the same models, by `handbook_pdf.render_pdf` (HTML template + WeasyPrint).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from trygg.core.api import OPARL, Collection, Day, Item, Name, Reference, Uri, api_id, own_type, reference, validated
from trygg.core.contenttype import Card, ContentType, EditorPlace
from trygg.core.register import Resolver, slugify
from trygg.core.rendering import Output, SiteInfo, page
from trygg.core.skeleton import SiteNames, yaml_text
from trygg.models.handbook import Chapter, Handbook
from trygg.types.handbooks.pdf import render_pdf

if TYPE_CHECKING:
    from trygg.core.content import LoadContext
    from trygg.core.problems import Reporter
    from trygg.core.rendering import Renderer
    from trygg.core.texts import Texts

from trygg.types.handbooks.loaded import HANDBOOK_FILE, HANDBOOKS_DIR, WHOLE, LoadedChapter, LoadedHandbook

_CHAPTER_FILE = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")



# --- loading --------------------------------------------------------------------------------

def load_handbooks(ctx: LoadContext, resolver: Resolver) -> tuple[LoadedHandbook, ...]:
    folders = [p for p in ctx.content_files(HANDBOOKS_DIR, "*") if p.is_dir()]
    loaded = (_load_handbook(ctx, folder, resolver) for folder in folders)
    return tuple(h for h in loaded if h)


def _load_handbook(ctx: LoadContext, folder: Path, resolver: Resolver) -> LoadedHandbook | None:
    path = folder / HANDBOOK_FILE
    if not path.exists():
        ctx.reporter(folder).error(None, f"mappen saknar {HANDBOOK_FILE}",
                                   "varje handbok behöver en handbok.yml med titel, ägare och granskningsdatum")
        return None
    loaded = ctx.read_yaml(path, Handbook)
    if loaded is None:
        return None
    parsed, handbook = loaded
    report = ctx.reporter(path)
    owners = resolver.look_up_all(handbook.owners, ("ägare",), parsed, report)
    commissioned = resolver.look_up_all([handbook.commissioned_by] if handbook.commissioned_by else [],
                                        ("på uppdrag av",), parsed, report)
    _warn_if_overdue(handbook, ctx.today, report, parsed.line(("granskas senast",)))
    chapters = _load_chapters(ctx, folder)
    return LoadedHandbook(slugify(folder.name), ctx.rel(path), handbook, owners,
                          commissioned[0] if commissioned else None, chapters)


def _warn_if_overdue(handbook: Handbook, today: dt.date, report: Reporter, line: int | None) -> None:
    if handbook.review_by < today:
        report.reminder(line, f"handboken skulle ha granskats senast {handbook.review_by.isoformat()}",
                       "läs igenom handboken och sätt nya datum för 'senast granskad' och 'granskas senast'")


def _load_chapters(ctx: LoadContext, folder: Path) -> tuple[LoadedChapter, ...]:
    found: list[tuple[int, str, str, Chapter, str]] = []
    numbers: dict[int, str] = {}
    for path in ctx.content_files(f"{HANDBOOKS_DIR}/{folder.name}", "*.md"):
        match = _CHAPTER_FILE.match(path.name)
        if not match:
            ctx.reporter(path).error(None, "kapitlets filnamn ska börja med två siffror och ett bindestreck",
                                     "döp filen till till exempel 01-om-handboken.md (små bokstäver, a–z, 0–9)")
            continue
        number, slug = int(match.group(1)), match.group(2)
        if number in numbers:
            ctx.reporter(path).error(None, f"kapitelnumret {match.group(1)} används redan av {numbers[number]}",
                                     "ge varje kapitel ett eget nummer")
            continue
        numbers[number] = path.name
        if slug == WHOLE:
            ctx.reporter(path).error(None, f"kapitlet kan inte heta '{WHOLE}', adressen används för hela handboken",
                                     "välj ett annat namn efter siffrorna")
            continue
        read = ctx.read(path, Chapter)
        if read is None:
            continue
        doc, chapter = read
        if chapter.number is not None and str(chapter.number) != match.group(1):
            ctx.reporter(path).error(doc.line(("nummer",)),
                                     f"'nummer' är {chapter.number}, men filnamnet börjar med {match.group(1)}",
                                     "skriv samma nummer som i filnamnet, eller ta bort raden 'nummer': "
                                     "filnamnet bestämmer ordningen")
            continue
        if not doc.body.strip() and not chapter.draft:
            ctx.reporter(path).error(doc.body_line, "kapitlet har ingen text",
                                     "skriv texten under sidhuvudet, eller sätt 'utkast: true' tills den finns")
            continue
        found.append((number, slug, ctx.rel(path), chapter, doc.body))
    ordered = sorted(found, key=lambda c: c[0])
    return tuple(LoadedChapter(i, slug, source, chapter, body)
                 for i, (_, slug, source, chapter, body) in enumerate(ordered, start=1))


# --- rendering ------------------------------------------------------------------------------

def render_handbooks(handbooks: tuple[LoadedHandbook, ...], renderer: Renderer) -> list[Output]:
    if not handbooks:  # a type with no content has no pages
        return []
    outputs: list[Output] = []
    for loaded in handbooks:
        pdf = render_pdf(loaded, renderer)
        outputs.append(Output(f"{HANDBOOKS_DIR}/{loaded.slug}/{loaded.pdf_name}", pdf, loaded.source))
        outputs += _render_pages(loaded, renderer, len(pdf))
    body = renderer.template("handbooks.md.j2").render(handbooks=handbooks)
    meta = renderer.meta("list", renderer.texts["handböcker.rubrik"], renderer.texts["handböcker.beskrivning"],
                         None, published=None, owner=None)
    outputs.append(Output(f"{HANDBOOKS_DIR}/index.md", page(meta, body)))
    return outputs


def _render_pages(loaded: LoadedHandbook, renderer: Renderer, pdf_size: int) -> list[Output]:
    handbook = loaded.handbook
    base = f"{HANDBOOKS_DIR}/{loaded.slug}"
    common = {"loaded": loaded, "handbook": handbook, "pdf_kb": max(1, round(pdf_size / 1000))}
    sources = [loaded.source, *(c.source for c in loaded.chapters)]
    outputs = []
    toc = renderer.template("handbook.md.j2").render(**common)
    outputs.append(Output(f"{base}/index.md", page(_meta(renderer, loaded, handbook.title, handbook.summary,
                                                         loaded.source, sources), toc), loaded.source))
    whole = renderer.template("handbook_whole.md.j2").render(**common)
    outputs.append(Output(f"{base}/{WHOLE}/index.md",
                          page(_meta(renderer, loaded, f"{handbook.title} – hela handboken", handbook.summary,
                                     loaded.source, sources), whole), loaded.source))
    chapters = loaded.chapters
    for index, chapter in enumerate(chapters):
        body = renderer.template("handbook_chapter.md.j2").render(
            chapter=chapter, previous=chapters[index - 1] if index else None,
            next=chapters[index + 1] if index + 1 < len(chapters) else None, **common)
        meta = _meta(renderer, loaded, f"{chapter.number}. {chapter.chapter.title}",
                     chapter.chapter.summary or handbook.summary, chapter.source, [chapter.source])
        if chapter.chapter.draft:
            meta["utkast"] = True
        outputs.append(Output(f"{base}/{chapter.slug}/index.md", page(meta, body), chapter.source))
    return outputs


def _meta(renderer: Renderer, loaded: LoadedHandbook, title: str, description: str, source: str,
          sources: list[str]) -> dict:
    handbook = loaded.handbook
    owner = ", ".join(e.name for e in loaded.owners)
    meta = renderer.meta("list", title, description, source, published=handbook.published, owner=owner,
                         changed_sources=sources)
    meta["trygg_typ"] = renderer.texts["typ.handbok"]
    if handbook.draft:
        meta["utkast"] = True
    return meta


def handbook_skeleton(title: str, slug: str, today: dt.date, names: SiteNames = SiteNames()) -> tuple[str, str]:
    """`trygg new handbocker "Titel"`: handbok.yml of a new handbook; chapters are added beside it."""
    next_year = today.replace(year=today.year + 1, day=min(today.day, 28))
    return f"content/{HANDBOOKS_DIR}/{slug}/{HANDBOOK_FILE}", f"""\
# En handbok. Rader som börjar med # är kommentarer och syns inte på webbplatsen. Skapad
# {today.isoformat()}. Handboken hamnar på /{HANDBOOKS_DIR}/{slug}/. Skriv kapitlen som filer här
# bredvid: 01-om-handboken.md, 02-nasta-kapitel.md och så vidare, var och en med ett sidhuvud
# (---, titel: …, ---) och texten under. Ett kapitel som inte är klart får utkast: true.
# Kontrollera med: .venv/bin/trygg check   Förhandsgranska med: ./scripts/serve
titel: {yaml_text(title)}
sammanfattning: Skriv en mening om vad handboken handlar om.
ägare: [{yaml_text(names.organisation)}]   # namn eller förkortningar ur registret
# på uppdrag av: {names.organisation}
publicerad: {today.isoformat()}
senast granskad: {today.isoformat()}
granskas senast: {next_year.isoformat()}   # efter det datumet varnar trygg check
# utkast: true                    # syns då bara i förhandsvisningen
"""


def handbooks_card(handbooks: tuple[LoadedHandbook, ...], texts: Texts) -> Card | None:
    titles = " och ".join(h.handbook.title for h in handbooks[:2])
    titles += f" {texts['start.med_flera']}" if len(handbooks) > 2 else ""
    return Card(texts["handböcker.rubrik"], f"{HANDBOOKS_DIR}/index.md",
                texts.format("start.handböcker", titlar=titles)) if handbooks else None



# --- open data (trygg.core.api) ------------------------------------------------------------

class ChapterItem(Item):
    id: Uri
    type: str = Field(pattern=r"^https?://.+/api/schema/handbooks\.json#Chapter$")
    number: int = Field(ge=1)
    name: Name
    description: str | None
    web: Uri


class PdfFile(Item):
    """Hela handboken som PDF (OParl File)."""

    type: Literal[OPARL + "File"]
    name: Name
    fileName: str = Field(pattern=r"^[a-z0-9-]+\.pdf$")  # noqa: N815 - OParl's names
    mimeType: Literal["application/pdf"]  # noqa: N815
    accessUrl: Uri  # noqa: N815


class HandbookItem(Item):
    """En handbok med sina publicerade kapitel (OParl saknar en typ för handböcker)."""

    id: Uri
    type: str = Field(pattern=r"^https?://.+/api/schema/handbooks\.json#Handbook$")
    name: Name
    description: str
    web: Uri = Field(description="Handbokens innehållsförteckning på webbplatsen.")
    wholeWeb: Uri = Field(description="Hela handboken på en sida.")  # noqa: N815
    owner: list[Reference] = Field(min_length=1, description="Ägare ('ägare' i handbok.yml).")
    commissionedBy: Reference | None = Field(description="Den som gett uppdraget ('på uppdrag av'), eller null.")  # noqa: N815
    published: Day
    lastReviewed: Day = Field(description="Senast granskad.")  # noqa: N815
    reviewBy: Day = Field(description="Ska granskas senast.")  # noqa: N815
    chapter: list[ChapterItem] = Field(description="De publicerade kapitlen i läsordning.")
    file: PdfFile


def handbooks_collection(handbooks: Sequence[Any], site: SiteInfo, extra: Mapping[str, Any] | None = None,
                last_changed: Mapping[str, dt.date] | None = None) -> Collection:
    """Handbooks with their published chapters, owners, review dates and the PDF (an OParl File)."""
    items = validated(HandbookItem, (_handbook(loaded, site) for loaded in handbooks))
    return Collection("handbooks", "Handbook", sorted(items, key=lambda i: i["id"]), oparl=False, model=HandbookItem,
                      title="Handböcker (Handbook) med kapitel (Chapter)")


def _handbook(loaded: Any, site: SiteInfo) -> dict[str, Any]:
    handbook = loaded.handbook
    key = api_id(site, "handbooks", loaded.slug)
    web = site.url + loaded.url.lstrip("/")
    return {
        "id": key, "type": own_type(site, "handbooks", "Handbook"), "name": handbook.title,
        "description": handbook.summary, "web": web, "wholeWeb": site.url + loaded.whole_url.lstrip("/"),
        "owner": [reference(e, site) for e in loaded.owners],
        "commissionedBy": reference(loaded.commissioned_by, site) if loaded.commissioned_by else None,
        "published": handbook.published.isoformat(), "lastReviewed": handbook.last_reviewed.isoformat(),
        "reviewBy": handbook.review_by.isoformat(),
        "chapter": [{"id": f"{key}/{c.slug}", "type": own_type(site, "handbooks", "Chapter"), "number": c.number, "name": c.chapter.title,
                     "description": c.chapter.summary, "web": f"{web}{c.slug}/"} for c in loaded.chapters],
        "file": {"type": OPARL + "File", "name": f"{handbook.title} (PDF)", "fileName": loaded.pdf_name,
                 "mimeType": "application/pdf", "accessUrl": f"{web}{loaded.pdf_name}"},
    }


def handbooks_pages(handbooks: tuple[LoadedHandbook, ...]) -> list[tuple[str, str]]:
    return [(f"{HANDBOOKS_DIR}/{h.slug}", h.handbook.title) for h in handbooks]


HANDBOOKS_TYPE = ContentType("handbocker", load_handbooks, render_handbooks, rank=80, page_file=HANDBOOK_FILE,
                             api=handbooks_collection,
                             skeleton=handbook_skeleton, card=handbooks_card, pages=handbooks_pages,
                             templates=Path(__file__).parent,
                             # handbok.yml; the chapters are one collection per handbook (trygg.editor.config.chapters)
                             editor=(EditorPlace(HANDBOOKS_DIR, "handböcker.rubrik", Handbook, folder=HANDBOOKS_DIR,
                                                 path="{{slug}}/" + HANDBOOK_FILE.removesuffix(".yml"),
                                                 extension="yml"),))
