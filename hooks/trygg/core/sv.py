"""Display formats in the site's language from Babel's locale data: dates ('24 februari 2015',
'lördag 24 maj 2025', '24 maj' when the year is not known), times ('8.30') and decimals ('1,2').

LOCALE is the one language of the site: the catalogue (trygg.core.texts) is read in it and the
identity's `språk` (trygg.models.identity) accepts only it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.numbers import format_decimal

from trygg.models.common import DayMonth, format_clock

LOCALE = "sv"
_LEAP_YEAR = 2000  # a date without its year is formatted in a year that has 29 February


def format_date(value: dt.date | DayMonth | None, *, weekday: bool = False) -> str:
    if value is None:
        return ""
    if isinstance(value, DayMonth):  # a deadline such as 'anmäl senast 24/5': never with its weekday
        if value.year is None:
            return format_skeleton("MMMMd", dt.date(_LEAP_YEAR, value.month, value.day), locale=LOCALE)
        return babel_format_date(dt.date(value.year, value.month, value.day), "long", locale=LOCALE)
    return babel_format_date(value, "full" if weekday else "long", locale=LOCALE)


def format_time(value: dt.time) -> str:
    return format_clock(value)


def anchor_time(value: dt.time) -> str:
    """'8.30' → '0830', for stable anchors such as #punkt-0830."""
    return f"{value.hour:02d}{value.minute:02d}"


def format_iso_date(value: str | dt.date) -> str:
    """'2015-02-24' (or a date) → '24 februari 2015'; for templates that get ISO strings."""
    return format_date(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))


def format_number(value: Decimal, pattern: str = "#,##0.###") -> str:
    """A number as the site's language writes it (decimal comma, its grouping): Decimal('3.81') →
    '3,81'; `pattern` as Babel's (CLDR), e.g. '0.0' for one decimal."""
    return format_decimal(value, pattern, locale=LOCALE)


def format_megabytes(size: int) -> str:
    """Bytes as megabytes with one decimal: 1 234 583 → '1,2'. The float's exact value is rounded
    (half to even), as Python's own '.1f' did: 1 050 000 bytes → '1,1'."""
    return format_number(Decimal(size / 1_000_000), "0.0")
