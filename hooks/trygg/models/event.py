"""An event (development day, meeting): the front matter of `content/moten/<slug>/program.md`.

The agenda lives in the front matter; notes per agenda item live in `anteckningar.md` beside it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, HttpUrl

from trygg.models.common import DayMonthDate, FileRef, Period, Schema, Text

DATE_NOT_FIXED = "ej fastställt"


def _parse_event_date(value: Any) -> dt.date | str:
    if isinstance(value, dt.date):
        return value
    if str(value).strip().casefold() in {DATE_NOT_FIXED, "ej faststallt"}:
        return DATE_NOT_FIXED
    raise ValueError(f"'{value}' är inget datum; skriv till exempel 2025-05-24, eller 'ej fastställt' "
                     "om datumet inte är bestämt")


EventDate = Annotated[dt.date | Literal["ej fastställt"], BeforeValidator(_parse_event_date)]


class Contact(Schema):
    name: Text = Field(alias="namn")
    unit: Text | None = Field(None, alias="enhet")
    phone: list[Text] = Field(default_factory=list, alias="telefon")
    email: Text | None = Field(None, alias="e-post")


class Registration(Schema):
    purpose: Text = Field(alias="avser")
    deadline: DayMonthDate | None = Field(None, alias="senast")
    link: HttpUrl | None = Field(None, alias="länk")


class AgendaItem(Schema):
    time: Period = Field(alias="tid")
    title: Text = Field(alias="rubrik")
    kind: Literal["programpunkt", "lunch", "paus"] = Field("programpunkt", alias="typ")
    presenters: list[Text] = Field(default_factory=list, alias="medverkande")
    description: Text | None = Field(None, alias="beskrivning")
    points: list[Text] = Field(default_factory=list, alias="punkter")
    closing: Text | None = Field(None, alias="efter punkterna")
    files: list[FileRef] = Field(default_factory=list, alias="filer")  # beside program.md


class Event(Schema):
    title: Text = Field(alias="titel")
    kind: Literal["utvecklingsdag", "möte", "konferens", "seminarium"] = Field(alias="typ")
    summary: Text = Field(alias="sammanfattning")
    date: EventDate = Field(alias="datum")
    time: Period = Field(alias="tid")
    place: Text = Field(alias="plats")
    audience: Text | None = Field(None, alias="målgrupp")
    organisers: list[Text] = Field(default_factory=list, alias="arrangör")
    contacts: list[Contact] = Field(default_factory=list, alias="kontakt")
    registration: Registration | None = Field(None, alias="anmälan")
    agenda: list[AgendaItem] = Field(default_factory=list, alias="program")
    files: list[FileRef] = Field(default_factory=list, alias="filer")  # the day's, beside program.md
    published: dt.date = Field(alias="publicerad")
    updated: dt.date | None = Field(None, alias="uppdaterad")
    owner: Text | None = Field(None, alias="sidansvarig")
    draft: bool = Field(False, alias="utkast")

    @property
    def is_dated(self) -> bool:
        return isinstance(self.date, dt.date)
