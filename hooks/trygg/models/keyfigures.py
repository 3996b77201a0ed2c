"""Key figures (nyckeltal): `content/nyckeltal/<slug>.yml`, one page of figures from one source.

Each figure is either one value (`värde`) or a change (`från` → `till`). Values are text exactly
as the source writes them ('ca 9 500', 'åtta', '76,2 %'); `~` (null) means missing or unreadable
in the source and is left out of the page — never guessed, never a headline. `anmärkning` is a
note to the editors about the source, never published.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from trygg.models.common import Schema, Text
from trygg.models.goals import Section


class KeyFigure(Schema):
    heading: Text = Field(alias="rubrik")
    what: Text | None = Field(alias="vad")
    value: Text | None = Field(None, alias="värde")
    start: Text | None = Field(None, alias="från")
    end: Text | None = Field(None, alias="till")
    start_year: int | None = Field(None, alias="från år")
    end_year: int | None = Field(None, alias="till år")
    period: Text | None = Field(None, alias="period")
    unit: Text | None = Field(None, alias="enhet")
    description: Text | None = Field(None, alias="beskrivning")
    note: Text | None = Field(None, alias="anmärkning")
    source: Text | None = Field(None, alias="källa")  # when it differs from the page's source

    @model_validator(mode="after")
    def _one_kind(self) -> KeyFigure:
        has_value = "value" in self.model_fields_set
        has_change = bool({"start", "end"} & self.model_fields_set)
        if has_value and has_change:
            raise ValueError("skriv antingen 'värde' eller 'från' och 'till', inte båda")
        if not has_value and not has_change:
            raise ValueError("skriv 'värde' för ett enskilt tal eller 'från' och 'till' för en förändring")
        return self

    @property
    def is_change(self) -> bool:
        return "value" not in self.model_fields_set


class KeyFigurePage(Schema):
    title: Text = Field(alias="titel")
    summary: Text = Field(alias="sammanfattning")
    source: Text = Field(alias="källa")
    figures: list[KeyFigure] = Field(alias="nyckeltal", min_length=1)
    sections: list[Section] = Field(default_factory=list, alias="avsnitt")
    published: dt.date = Field(alias="publicerad")
    owner: Text | None = Field(None, alias="sidansvarig")
    draft: bool = Field(False, alias="utkast")
