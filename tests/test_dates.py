"""Nothing breaks because a date passes.

The whole project (seed content, a few dated meetings, a draft) is built with `mkdocs build
--strict` as on three days that cross the interesting boundaries: the seed content's own day,
the day after both handbooks' review date (also more than a year after the accessibility
statement's assessment), and a later year. On each day the build's "today" comes only from
SOURCE_DATE_EPOCH, while libfaketime sets the machine's clock to yet another day: that day must
appear nowhere in the output, so no code reads the clock behind trygg.core.history's back.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import VALID_EVENT, BuildRun, copy_project, faked_clock, write_tree
from trygg.cli import main as trygg_main

SEED_DAY = dt.date(2026, 11, 22)  # the day the seed content was written and assessed
AFTER_REVIEW = dt.date(2027, 11, 23)  # the day after both handbooks' "granskas senast"
LATER_YEAR = dt.date(2035, 6, 1)  # years on: reviews and the statement's assessment overdue
DAYS = [SEED_DAY, AFTER_REVIEW, LATER_YEAR]
MACHINE_CLOCK = "2031-02-03 04:05:06"  # what the machine's clock says while building; never in the output

HANDBOOKS = ["content/handbocker/metodhandbok-otillaten-paverkan/handbok.yml:10",
             "content/handbocker/trygghet-i-offentlig-miljo/handbok.yml:11"]
OVERDUE = ("{place}: varning: handboken skulle ha granskats senast 2027-11-22 (läs igenom handboken och "
           "sätt nya datum för 'senast granskad' och 'granskas senast')")
OLD_STATEMENT = ("content/om/tillganglighet.yml:7: varning: tillgänglighetsredogörelsen bedömdes senast "
                 "2026-11-22, för mer än ett år sedan (granska webbplatsen igen (minst en gång om året) och "
                 "sätt nya datum för 'bedömd' och 'uppdaterad')")


def meeting(title: str, day: str) -> str:
    return VALID_EVENT.replace("titel: Nätverksmöte", f"titel: {title}").replace(
        "datum: 2030-05-24", f"datum: {day}").replace("publicerad: 2024-01-10", "publicerad: 2026-10-01")


EXTRA = {
    "content/moten/varmote/program.md": meeting("Vårmöte om trygghet", "2027-03-10"),
    "content/moten/hostmote/program.md": meeting("Höstmöte om trygghet", "2033-09-14"),
    "content/moten/hemligt/program.md": meeting("Hemligt utkastmöte", "2027-05-05").replace(
        "publicerad: 2026-10-01", "publicerad: 2026-10-01\nutkast: true"),
}


def epoch(day: dt.date) -> str:
    return str(int(dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.timezone.utc).timestamp()))


def build_on(root: Path, day: dt.date, site: Path) -> BuildRun:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch(day), "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([*faked_clock(MACHINE_CLOCK), sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                          str(root / "mkdocs.yml"), "-d", str(site)],
                         capture_output=True, text=True, cwd=root, env=env, timeout=600)
    return BuildRun(run.returncode, run.stdout + run.stderr, site)


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[dt.date, BuildRun]:
    """The project with seed content built --strict as on each of DAYS (once per module)."""
    root = copy_project(tmp_path_factory.mktemp("dates"), with_seed_content=True)
    write_tree(root, EXTRA)
    return {day: build_on(root, day, root / f"site-{day.isoformat()}") for day in DAYS}


def text_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in sorted(site.rglob("*"))
            if p.is_file() and p.suffix in {".html", ".xml", ".ics", ".json", ".txt", ".md", ".js"}}


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_strict_build_passes_on_every_day(builds, day):
    run = builds[day]
    assert run.returncode == 0, run.output
    assert "WARNING" not in run.output, run.output


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_passed_review_dates_are_information_for_writers_not_warnings(builds, day):
    info = [line.split("trygg: ", 1)[1] for line in builds[day].output.splitlines() if line.startswith("INFO")
            and "trygg: content/" in line]
    expected = [] if day <= dt.date(2027, 11, 22) else [OVERDUE.format(place=p) for p in HANDBOOKS]
    if day > dt.date(2027, 11, 22):  # a year after the assessment of 2026-11-22
        expected.append(OLD_STATEMENT)
    assert sorted(info) == sorted(expected)


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_residents_never_see_a_passed_date_as_a_warning(builds, day):
    pages = {name: text for name, text in text_files(builds[day].site).items()
             if not name.startswith("skrivguide/")}  # the writers' guide lists every message, these too
    assert [name for name, text in pages.items() if "skulle ha granskats" in text or "bedömdes senast" in text] == []


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_the_machine_clock_is_never_read(builds, day):
    faked = MACHINE_CLOCK[:10]
    compact = faked.replace("-", "")
    pages = text_files(builds[day].site)
    assert [name for name, text in pages.items() if faked in text or compact in text] == []


def meetings_on_index(site: Path) -> dict[str, list[str]]:
    """{group heading: meeting titles} of the meetings' list page, in order."""
    html = (site / "moten/index.html").read_text("utf-8")
    body = html[html.index('<div id="innehall"'):html.index("</article>")]
    sections = re.split(r"<h2 id=\"[^\"]*\">(.*?)</h2>", body)[1:]
    return {heading: re.findall(r"<li><a href=\"[^\"]*\">(.*?)</a>", part)
            for heading, part in zip(sections[::2], sections[1::2])}


@pytest.mark.parametrize("day, upcoming, past", [
    (SEED_DAY, ["Vårmöte om trygghet", "Höstmöte om trygghet"], []),
    (AFTER_REVIEW, ["Höstmöte om trygghet"], ["Vårmöte om trygghet"]),
    (LATER_YEAR, [], ["Höstmöte om trygghet", "Vårmöte om trygghet"]),
], ids=str)
def test_meetings_move_from_upcoming_to_past_on_their_day(builds, day, upcoming, past):
    groups = meetings_on_index(builds[day].site)
    assert [t for t in groups.get("Kommande", []) if "trygghet" in t] == upcoming
    assert [t for t in groups.get("Tidigare", []) if "trygghet" in t] == past


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_drafts_stay_out_on_every_day(builds, day):
    pages = text_files(builds[day].site)
    assert not (builds[day].site / "moten/hemligt").exists()
    assert [name for name, text in pages.items() if "Hemligt utkastmöte" in text] == []


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_feeds_calendars_and_sitemap_hold_only_content_and_build_dates(builds, day):
    site = builds[day].site
    calendar = (site / "moten/kalender.ics").read_text("utf-8")
    assert calendar.count("BEGIN:VEVENT") == 2  # both dated meetings, past or not; never the draft
    assert "DTSTART;TZID=Europe/Stockholm:20270310T090000" in calendar
    atom = (site / "nyheter/feed.xml").read_text("utf-8")
    assert "<updated>2026-11-22" in atom  # the newest news item's own date, whatever the day
    lastmods = set(re.findall(r"<lastmod>(.*?)</lastmod>", (site / "sitemap.xml").read_text("utf-8")))
    # Outside git a page without a date of its own is dated by the build's day; nothing else is.
    content_dates = {m for p in (site.parent / "content").rglob("*") if p.is_file() and p.suffix in {".md", ".yml"}
                     for m in re.findall(r"\d{4}-\d{2}-\d{2}", p.read_text("utf-8"))}
    assert lastmods <= content_dates | {day.isoformat()}


def test_trygg_check_lists_passed_review_dates_as_warnings_and_exits_0(builds, monkeypatch, capsys):
    root = next(iter(builds.values())).site.parent
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(AFTER_REVIEW))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert trygg_main(["check", "--root", str(root), "--utan-stavning"]) == 0
    out = capsys.readouterr().out.splitlines()
    for place in HANDBOOKS:
        assert OVERDUE.format(place=place) in out
        file, line = place.split(":")
        assert (f"::warning file={file},line={line}::handboken skulle ha granskats senast 2027-11-22 (läs igenom "
                "handboken och sätt nya datum för 'senast granskad' och 'granskas senast')") in out
