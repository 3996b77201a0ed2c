"""A handbook: `content/handbocker/<slug>/handbok.yml` plus numbered chapters `NN-<namn>.md`.

The handbook file names its owner(s) and who commissioned it (register references) and the
review dates; each chapter is a Markdown file with a small front matter. A handbook whose
'granskas senast' has passed is a warning for communicators, never shown to residents.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from trygg.models.common import Schema, Text


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


class Chapter(Schema):
    title: Text = Field(alias="titel")
    summary: Text | None = Field(None, alias="sammanfattning")
    draft: bool = Field(False, alias="utkast")
