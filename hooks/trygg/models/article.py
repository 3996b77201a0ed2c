"""A news article (nyhet): `content/nyheter/<slug>.md`, front matter plus Markdown body."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from trygg.models.common import Schema, Text


class Article(Schema):
    title: Text = Field(alias="titel")
    published: dt.date = Field(alias="publicerad")
    updated: dt.date | None = Field(None, alias="uppdaterad")
    author: Text | None = Field(None, alias="författare")
    owner: Text | None = Field(None, alias="sidansvarig")
    summary: Text = Field(alias="sammanfattning")
    related: list[Text] = Field(default_factory=list, alias="relaterat")
    draft: bool = Field(False, alias="utkast")
