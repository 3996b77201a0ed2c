"""Swedish display formats for dates and times ('24 februari 2015', '8.30')."""

from __future__ import annotations

import datetime as dt

from trygg.models.common import DayMonth, format_clock

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def format_date(value: dt.date | DayMonth | None, *, weekday: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, DayMonth):
        return f"{value.day} {MONTHS[value.month - 1]}" + (f" {value.year}" if value.year else "")
    text = f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def format_time(value: dt.time) -> str:
    return format_clock(value)


def anchor_time(value: dt.time) -> str:
    """'8.30' → '0830', for stable anchors such as #punkt-0830."""
    return f"{value.hour:02d}{value.minute:02d}"


def format_iso_date(value: str | dt.date) -> str:
    """'2015-02-24' (or a date) → '24 februari 2015'; for templates that get ISO strings."""
    return format_date(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
