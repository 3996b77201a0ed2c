"""Finds Swedish personal identity numbers (personnummer, samordningsnummer) in content files.

The text is normalised before it is searched, so a number is found in every disguise a writer
or an editor gives it: any dash or minus sign for the hyphen, spaces or a line break around it
(hard-wrapped Markdown: `19811218-` at a line's end, `9876` on the next), full-width and other
Unicode digits, HTML entities (`&#49;`, `&ndash;`), invisible characters (soft hyphen,
zero-width space), a Markdown backslash before the hyphen, and markup inside the number that the
page does not show (`1981<b></b>1218-9876`, `19811218-**9876**`). Every place in a file is searched
the same way: YAML keys and values, alt texts, link targets and code. The names of files and
folders are searched too (`check_path_names`), since they become the pages' addresses.

A number counts only when its date exists (day + 60 for a samordningsnummer) and its check
digit is right (the Luhn algorithm over the ten digits YYMMDDNNNC), so ordinary numbers and
dates rarely trip it. Work phone numbers must never trip it: a bare ten-digit number that starts
with 0 (0734328730) is a phone number in Sweden, so it counts only when written with a hyphen or
plus sign (070123-4566) or with its century (200701234566).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from trygg.core.memo import Recent
from trygg.core.problems import Reporter

# On normalised text (ASCII digits, '-' for every dash, ' ' for every space or line break).
_NUMBER = re.compile(r"(?<![\w+-])((?:19|20)?)(\d{2})(\d{2})(\d{2}) *([-+]?) *(\d{4})(?![\w-])", re.A)
_SIX_DIGITS = re.compile(r"\d{6}", re.A)
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_DASHES = {"\u2212", "\ufe63", "\uff0d", "\u2043"}  # minus signs and the hyphen bullet; category Pd covers the rest
_PLUSES = {"\uff0b", "\ufe62", "\u207a", "\u208a"}
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")
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


def normalise(text: str) -> tuple[str, list[int] | None]:
    """`text` with digits, dashes and spaces in their plain forms, and where each character of it
    stands in `text` (None: at the same index, which is the common case and needs no list)."""
    plain = text.translate(_PLAIN)
    markup = _MARKUP_BY_DIGIT.search(plain) is not None
    if "&" not in plain and "\\" not in plain and _REMOVED not in plain and not markup:
        return plain, None
    out: list[str] = []
    where: list[int] = []
    index = 0
    while index < len(plain):
        char, end = plain[index], index + 1
        entity = _ENTITY.match(text, index) if char == "&" else None
        decoded = html.unescape(entity.group(0)) if entity else ""
        tag = _TAG.match(plain, index) if markup and char == "<" else None
        if len(decoded) == 1:
            char, end = decoded.translate(_PLAIN), entity.end()
        elif char == "\\" and plain[index + 1:index + 2] in ("-", "+"):
            char = _REMOVED  # Markdown's escape: '\-' shows as '-'
        elif tag is not None:
            char, end = _REMOVED, tag.end()  # an element's tag: the page shows only the text around it
        elif markup and char in _EMPHASIS and _by_digit(plain, index, out):
            char = _REMOVED  # Markdown's emphasis or code marks: '**1981**1218-9876'
        if char != _REMOVED:
            out.append(char)
            where.append(index)
        index = end
    return "".join(out), where


_REMOVED = "\x00"
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_EMPHASIS = "*_`~"
# Markup right before or after a digit or a hyphen: a number may be split by what the page hides.
_MARKUP = rf"(?:{_TAG.pattern}|[{re.escape(_EMPHASIS)}])"
_MARKUP_BY_DIGIT = re.compile(rf"[\d-]{_MARKUP}|{_MARKUP}[\d-]", re.A)


def _by_digit(plain: str, index: int, out: list[str]) -> bool:
    """Whether the emphasis mark at `index` touches a digit or hyphen (other marks between)."""
    before = next((c for c in reversed(out) if c not in _EMPHASIS), "")
    after = next((c for c in plain[index + 1:index + 8] if c not in _EMPHASIS), "")
    return before.isdigit() or before == "-" or after.isdigit() or after == "-"


class _PlainTable(dict):
    """str.translate's table, filled as characters are met: one character for each."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if char in "\t\r\n":
            plain = " "
        elif char.isascii():
            plain = char
        elif char in _INVISIBLE:
            plain = _REMOVED
        elif char.isspace():
            plain = " "
        elif char in _DASHES or unicodedata.category(char) == "Pd":
            plain = "-"
        elif char in _PLUSES:
            plain = "+"
        elif char.isdecimal():
            plain = str(unicodedata.decimal(char))
        else:
            plain = char
        self[code] = plain
        return plain


_PLAIN = _PlainTable({0: "\ufffd"})  # a NUL in the text is no marker of ours


def _find(text: str) -> Iterator[Found]:
    plain, where = normalise(text)
    if not _SIX_DIGITS.search(plain):  # most files: one quick pass instead of the full pattern's
        return
    for match in _NUMBER.finditer(plain):
        century, year, month, day, separator, tail = match.groups()
        if not century and not separator and year.startswith("0"):
            continue  # a phone number such as 0734328730
        coordination = int(day) > 60
        if not _date_exists(century, year, month, int(day) - 60 if coordination else int(day)):
            continue
        if not luhn_valid(year + month + day + tail):
            continue
        start, end = (match.start(), match.end()) if where is None else (where[match.start()], where[match.end() - 1] + 1)
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        yield Found(line, column, " ".join(text[start:end].split()), coordination)


def _date_exists(century: str, year: str, month: str, day: int) -> bool:
    full_year = int(century + year) if century else 2000 + int(year)  # 2000 is a leap year: 29/2 passes
    try:
        dt.date(full_year, int(month), day)
    except ValueError:
        return False
    return True


def check_path_names(name: str, report: Reporter) -> None:
    """A personal identity number in a file's or folder's name (`report`'s file): names become addresses."""
    for found in find_personal_numbers(name):
        kind = "ett samordningsnummer" if found.coordination else "ett personnummer"
        report.error(None, f"namnet innehåller '{found.text}', som ser ut som {kind}; namnet blir en del av "
                     "sidans adress och får inte publiceras", "byt namn på filen eller mappen")


def check_personal_numbers(path: Path, text: str, report: Reporter) -> None:
    """Report each personal identity number in one file as an error that stops publishing."""
    for found in find_personal_numbers(text):
        kind = "ett samordningsnummer" if found.coordination else "ett personnummer"
        report.error(found.line, f"'{found.text}' ser ut som {kind} och får inte publiceras",
                     "ta bort numret; skriv aldrig ut personnummer på webbplatsen", column=found.column)
