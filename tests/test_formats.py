"""Dates, times and decimals as residents read them, from Babel's locale data in the site's one
language (trygg.core.sv.LOCALE): exactly the strings the site has always shown."""

from __future__ import annotations

import datetime as dt
import typing

import pytest

from trygg.core.attachments import size_parts
from trygg.core.sv import LOCALE, format_date, format_iso_date, format_megabytes
from trygg.core.texts import CATALOGUE
from trygg.models.common import DayMonth
from trygg.models.identity import Identity

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december"]


def test_the_site_has_one_language_the_catalogue_and_the_identity_share():
    assert LOCALE == "sv"
    assert CATALOGUE.name == "sv.po"
    assert typing.get_args(Identity.model_fields["language"].annotation) == (LOCALE,)
    assert Identity.model_fields["language"].default == LOCALE


@pytest.mark.parametrize("month", range(1, 13))
def test_a_date_is_day_month_name_and_year(month):
    assert format_date(dt.date(2025, month, 7)) == f"7 {MONTHS[month - 1]} 2025"


def test_a_date_with_its_weekday():
    assert format_date(dt.date(2025, 5, 24)) == "24 maj 2025"
    assert format_date(dt.date(2025, 5, 24), weekday=True) == "lördag 24 maj 2025"
    assert format_date(dt.date(2015, 2, 23), weekday=True) == "måndag 23 februari 2015"
    assert format_date(dt.date(2030, 12, 1), weekday=True) == "söndag 1 december 2030"


def test_a_date_without_its_year_is_day_and_month():
    assert format_date(DayMonth(24, 5)) == "24 maj"
    assert format_date(DayMonth(29, 2)) == "29 februari"  # any year's day, the leap day too
    assert format_date(DayMonth(24, 5, 2025)) == "24 maj 2025"
    assert format_date(DayMonth(24, 5, 2025), weekday=True) == "24 maj 2025"  # a deadline has no weekday


def test_no_date_is_no_text():
    assert format_date(None) == ""


def test_an_iso_date_for_templates():
    assert format_iso_date("2015-02-24") == "24 februari 2015"
    assert format_iso_date(dt.date(2026, 12, 5)) == "5 december 2026"


@pytest.mark.parametrize(("size", "text"), [
    (1_000_000, "1,0"), (1_234_583, "1,2"), (12_000_000, "12,0"), (49_999_999, "50,0"),
    # halves round as Python's '.1f' rounded the float: the float's exact value, ties to even
    (1_050_000, "1,1"), (1_150_000, "1,1"), (1_250_000, "1,2"), (2_450_000, "2,5"), (999_950_000, "1000,0"),
])
def test_megabytes_have_one_decimal_after_a_decimal_comma(size, text):
    assert format_megabytes(size) == text


def test_megabytes_are_what_the_site_showed_before_babel():
    for size in range(1_000_000, 60_000_000, 4_999):
        assert format_megabytes(size) == f"{size / 1_000_000:.1f}".replace(".", ","), size


def test_a_file_size_is_a_number_and_its_unit_s_text():
    assert size_parts(850) == ("850", "filer.byte")
    assert size_parts(245_400) == ("245", "filer.kb")
    assert size_parts(1_234_583) == ("1,2", "filer.mb")


def test_numbers_are_written_with_the_sites_decimal_comma():
    from decimal import Decimal

    from trygg.core.identity import _ratio
    from trygg.core.sv import format_number

    assert format_number(Decimal("3.81")) == "3,81"
    assert format_number(Decimal("12.5"), "0.0") == "12,5"
    assert _ratio(4.49) == "4,4:1" and _ratio(4.5) == "4,5:1" and _ratio(21.0) == "21,0:1"  # cut, not rounded
