"""Finds Swedish personal identity numbers (personnummer, samordningsnummer) in content files.

A number counts only when its date exists (day + 60 for a samordningsnummer) and its check
digit is right (the Luhn algorithm over the ten digits YYMMDDNNNC), so ordinary numbers and
dates rarely trip it. Work phone numbers must never trip it: a bare ten-digit number that starts
with 0 (0734328730) is a phone number in Sweden, so it counts only when written with a hyphen or
plus sign (070123-4566) or with its century (200701234566).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .memo import Recent
from .problems import Reporter

_NUMBER = re.compile(r"(?<![\w+-])((?:19|20)?)(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})(?![\w-])")
TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".txt", ".csv", ".json", ".html"}


@dataclass(frozen=True)
class Found:
    line: int
    column: int
    text: str
    coordination: bool  # samordningsnummer


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def find_personal_numbers(text: str) -> tuple[Found, ...]:
    """Every valid personnummer or samordningsnummer in `text`, with 1-based line and column.

    Kept per process by a digest of the text: every build checks every file, the preview after
    each save.
    """
    return _FOUND.get((text,), lambda: tuple(_find(text)))


_FOUND = Recent(20_000)


def _find(text: str) -> Iterator[Found]:
    for match in _NUMBER.finditer(text):
        century, year, month, day, separator, tail = match.groups()
        if not century and not separator and year.startswith("0"):
            continue  # a phone number such as 0734328730
        coordination = int(day) > 60
        if not _date_exists(century, year, month, int(day) - 60 if coordination else int(day)):
            continue
        if not luhn_valid(year + month + day + tail):
            continue
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        yield Found(line, column, match.group(0), coordination)


def _date_exists(century: str, year: str, month: str, day: int) -> bool:
    full_year = int(century + year) if century else 2000 + int(year)  # 2000 is a leap year: 29/2 passes
    try:
        dt.date(full_year, int(month), day)
    except ValueError:
        return False
    return True


def check_personal_numbers(path: Path, text: str, report: Reporter) -> None:
    """Report each personal identity number in one file as an error that stops publishing."""
    for found in find_personal_numbers(text):
        kind = "ett samordningsnummer" if found.coordination else "ett personnummer"
        report.error(found.line, f"'{found.text}' ser ut som {kind} och får inte publiceras",
                     "ta bort numret; skriv aldrig ut personnummer på webbplatsen", column=found.column)
