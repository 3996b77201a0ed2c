"""A handbook: `content/handbocker/<slug>/handbok.yml` plus numbered chapters `NN-<namn>.md`.

The handbook file names its owner(s) and who commissioned it (register references) and the
review dates; each chapter is a Markdown file with a small front matter. A handbook whose
'granskas senast' has passed is a warning for communicators, never shown to residents.

A chapter's file name orders it. Its front matter may repeat that number as 'nummer': the
browser editor asks for it when a writer creates a chapter and names the file after it
(`{{fields.nummer}}-{{fields.titel}}`, trygg.editor.config), which Decap can only do from a field
it also writes. The loader checks that the two agree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PlainSerializer, model_validator

from trygg.models.common import Schema, Text

CHAPTER_NUMBER = r"^\d{2}$"  # as a chapter's file name begins: 01-om-handboken.md


class Handbook(Schema):
    title: Text = Field(alias="titel")
    summary: Text = Field(alias="sammanfattning")
    owners: list[Text] = Field(alias="ägare", min_length=1)
    commissioned_by: Text | None = Field(None, alias="på uppdrag av")
    last_reviewed: dt.date = Field(alias="senast granskad")
    review_by: dt.date = Field(alias="granskas senast")
    published: dt.date = Field(alias="publicerad")
    draft: bool = Field(False, alias="utkast")

    @model_validator(mode="after")
    def _review_after_last_review(self) -> Handbook:
        if self.review_by <= self.last_reviewed:
            raise ValueError("'granskas senast' ska komma efter 'senast granskad'")
        return self


@dataclass(frozen=True)
class ChapterNumber:
    """The two digits a chapter's file name begins with ('03' in 03-namn.md)."""

    digits: str

    def __str__(self) -> str:
        return self.digits


def parse_chapter_number(value: Any) -> ChapterNumber:
    if isinstance(value, ChapterNumber):
        return value
    text = str(value).strip()
    if isinstance(value, (bool, list, dict)) or not re.match(CHAPTER_NUMBER, text):
        raise ValueError(f"'{value}' är inget kapitelnummer; skriv två siffror som i filnamnet, till exempel 03")
    return ChapterNumber(text)


Number = Annotated[ChapterNumber, BeforeValidator(parse_chapter_number), PlainSerializer(str)]


class Chapter(Schema):
    number: Number | None = Field(None, alias="nummer")
    title: Text = Field(alias="titel")
    summary: Text | None = Field(None, alias="sammanfattning")
    draft: bool = Field(False, alias="utkast")
