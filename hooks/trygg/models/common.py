"""Field types shared by the content schemas: Swedish clock times, time ranges, day–month dates.

Validators raise `ValueError` with a Swedish message; `trygg.core.validation` turns those into
problems with file and line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer

_CLOCK = re.compile(r"^\s*(\d{1,2})[.:](\d{2})\s*$")
_RANGE_SPLIT = re.compile(r"\s*[–—-]\s*")


class Schema(BaseModel):
    """Base of every content schema: immutable, unknown keys are errors, keys are Swedish."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False, str_strip_whitespace=True)


def parse_clock(value: Any) -> dt.time:
    if isinstance(value, dt.time):
        return value
    match = _CLOCK.match(str(value))
    if not match:
        raise ValueError(f"'{value}' är ingen klockslag; skriv till exempel 8.30 eller 13.45")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError(f"klockslaget '{value}' finns inte; timmar 0–23 och minuter 00–59")
    return dt.time(hour, minute)


def format_clock(value: dt.time) -> str:
    return f"{value.hour}.{value.minute:02d}"


@dataclass(frozen=True, order=True)
class TimeRange:
    start: dt.time
    end: dt.time

    def __str__(self) -> str:
        return f"{format_clock(self.start)}–{format_clock(self.end)}"

    def overlaps(self, other: TimeRange) -> bool:
        return self.start < other.end and other.start < self.end

    def within(self, other: TimeRange) -> bool:
        return other.start <= self.start and self.end <= other.end


def parse_time_range(value: Any) -> TimeRange:
    if isinstance(value, TimeRange):
        return value
    if isinstance(value, (list, dict)):
        raise ValueError("här ska stå en tidsperiod som text, till exempel 8.30–8.40, inte en lista eller fält")
    parts = _RANGE_SPLIT.split(str(value).strip())
    if len(parts) != 2:
        raise ValueError(f"'{value}' är ingen tidsperiod; skriv start och slut med tankstreck, till exempel 8.30–8.40")
    start, end = parse_clock(parts[0]), parse_clock(parts[1])
    if end <= start:
        raise ValueError(f"sluttiden {format_clock(end)} kommer inte efter starttiden {format_clock(start)}")
    return TimeRange(start, end)


@dataclass(frozen=True)
class DayMonth:
    """A date that may lack its year, as in 'anmäl senast 24/5'."""

    day: int
    month: int
    year: int | None = None

    def as_date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.year else None


def parse_day_month(value: Any) -> DayMonth:
    if isinstance(value, dt.date):
        return DayMonth(value.day, value.month, value.year)
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})\s*", str(value))
    if not match:
        raise ValueError(f"'{value}' är inget datum; skriv 2025-05-24, eller 24/5 om året inte är känt")
    day, month = int(match.group(1)), int(match.group(2))
    try:
        dt.date(2000, month, day)  # a leap year accepts 29/2
    except ValueError:
        raise ValueError(f"datumet '{value}' finns inte") from None
    return DayMonth(day, month)


def _require_text(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        raise ValueError("här ska stå en text, inte en lista eller flera fält")
    if isinstance(value, bool) or value is None:
        return value
    return str(value)


Clock = Annotated[dt.time, BeforeValidator(parse_clock), PlainSerializer(format_clock)]
Period = Annotated[TimeRange, BeforeValidator(parse_time_range), PlainSerializer(str)]
DayMonthDate = Annotated[DayMonth, BeforeValidator(parse_day_month)]
Text = Annotated[str, BeforeValidator(_require_text)]


class FileRef(Schema):
    """A file a writer puts beside a page (a presentation, a protocol): its file name there, the
    name residents see, and the date it belongs to when that is not the day it was added."""

    file: Text = Field(alias="fil")
    name: Text = Field(alias="namn")
    date: dt.date | None = Field(None, alias="datum")
