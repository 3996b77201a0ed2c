"""A handbook as loaded: its folder, its chapters in order and its register references; the
renderer, the API and the PDF (trygg.types.handbooks.pdf) read it."""

from __future__ import annotations

from dataclasses import dataclass

from trygg.core.register import Entry
from trygg.models.handbook import Chapter, Handbook

HANDBOOKS_DIR = "handbocker"
HANDBOOK_FILE = "handbok.yml"
WHOLE = "hela"


@dataclass(frozen=True)
class LoadedChapter:
    number: int  # position among the chapters shown, from 1
    slug: str
    source: str
    chapter: Chapter
    body: str


@dataclass(frozen=True)
class LoadedHandbook:
    slug: str
    source: str
    handbook: Handbook
    owners: tuple[Entry, ...]
    commissioned_by: Entry | None
    chapters: tuple[LoadedChapter, ...]

    @property
    def url(self) -> str:
        return f"/{HANDBOOKS_DIR}/{self.slug}/"

    @property
    def whole_url(self) -> str:
        return f"/{HANDBOOKS_DIR}/{self.slug}/{WHOLE}/"

    @property
    def pdf_name(self) -> str:
        return f"{self.slug}.pdf"

    def page_of(self, chapter: LoadedChapter) -> str:
        return f"/{HANDBOOKS_DIR}/{self.slug}/{chapter.slug}/index.md"
