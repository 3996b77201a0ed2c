"""Calendars: one RFC 5545 file per dated event, one feed with all, upcoming vs. past lists."""

from __future__ import annotations

import datetime as dt

import icalendar

from conftest import VALID_EVENT, mkdocs_build

SECOND = VALID_EVENT.replace("Nätverksmöte", "Vårmöte").replace("2030-05-24", "2020-03-02")
UNDATED = VALID_EVENT.replace("Nätverksmöte", "Höstmöte").replace("2030-05-24", "ej fastställt")
TODAY = str(int(dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc).timestamp()))


def build(project):
    root = project({"content/moten/natverk/program.md": VALID_EVENT, "content/moten/var/program.md": SECOND,
                    "content/moten/host/program.md": UNDATED})
    run = mkdocs_build(root, env={"SOURCE_DATE_EPOCH": TODAY, "TRYGG_SITE_URL": "https://trygg.example.se/"})
    assert run.returncode == 0, run.output
    return run.site


def test_a_dated_event_gets_a_valid_ics_in_stockholm_time(project):
    site = build(project)
    cal = icalendar.Calendar.from_ical((site / "moten/natverk/kalender.ics").read_bytes())
    [event] = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Nätverksmöte"
    assert event.start == dt.datetime(2030, 5, 24, 9, 0, tzinfo=event.start.tzinfo)
    assert str(event.start.tzinfo) == "Europe/Stockholm" and event.start.utcoffset() == dt.timedelta(hours=2)
    assert event.end.hour == 12
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    url = "https://trygg.example.se/moten/natverk/"
    assert str(event["URL"]) == url and url in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]) == "Stadshuset"


def test_the_feed_holds_every_dated_event_and_undated_ones_get_no_file(project):
    site = build(project)
    cal = icalendar.Calendar.from_ical((site / "moten/kalender.ics").read_bytes())
    assert sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT")) == ["Nätverksmöte", "Vårmöte"]
    assert not (site / "moten/host/kalender.ics").exists()
    assert len({str(e["UID"]) for e in cal.walk("VEVENT")}) == 2


def test_the_events_page_splits_upcoming_undated_and_past(project):
    site = build(project)
    page = (site / "moten/index.html").read_text(encoding="utf-8")
    page = page[page.index("<article"):]  # the menu before it lists the meetings too
    upcoming, undated, past = (page.index(h) for h in ('id="kommande"', 'id="datum-ej-faststallt"', 'id="tidigare"'))
    assert upcoming < page.index("Nätverksmöte") < undated < page.index("Höstmöte") < past < page.index("Vårmöte")


def test_an_event_page_offers_its_calendar_file_and_json_ld_with_dates(project):
    site = build(project)
    page = (site / "moten/natverk/index.html").read_text(encoding="utf-8")
    assert 'href="kalender.ics"' in page
    assert '"startDate": "2030-05-24T09:00:00+02:00"' in page
    assert "fredag 24 maj 2030" in page


def test_the_calendar_is_byte_identical_across_builds(project, tmp_path):
    first = (build(project) / "moten/kalender.ics").read_bytes()
    again = mkdocs_build(tmp_path, "--clean", env={"SOURCE_DATE_EPOCH": TODAY,
                                                   "TRYGG_SITE_URL": "https://trygg.example.se/"})
    assert again.returncode == 0
    assert (again.site / "moten/kalender.ics").read_bytes() == first


# --- held meetings and registration: pure rules of trygg.types.events.LoadedEvent ---------------------

def loaded_event(front: str, notes: tuple = ()):
    import yaml

    from trygg.types.events import LoadedEvent
    from trygg.models.event import Event
    event = Event.model_validate(yaml.safe_load(VALID_EVENT.split("---")[1] + front))
    return LoadedEvent("m", "content/moten/m/program.md", None, event, "", (), (), notes)


DAY = dt.date(2030, 5, 24)  # VALID_EVENT's date


def test_a_meeting_with_published_notes_was_held_even_without_a_date():
    undated = "datum: ej fastställt\n"
    assert not loaded_event(undated).is_held(DAY)
    assert loaded_event(undated, notes=("anteckningar",)).is_held(DAY)
    assert loaded_event("").is_held(DAY + dt.timedelta(days=1)) and not loaded_event("").is_held(DAY)


def test_a_deadline_without_a_year_takes_the_meeting_s_year_or_is_never_shown():
    registration = "anmälan:\n  avser: specialkost\n  senast: 20/5\n"
    dated = loaded_event(registration)
    assert dated.registration_deadline(dt.date(2030, 1, 1)) == dt.date(2030, 5, 20)
    assert dated.invites_registration(dt.date(2030, 5, 20))
    assert not dated.invites_registration(dt.date(2030, 5, 21))  # the deadline has passed
    december = loaded_event(registration.replace("20/5", "20/12"))  # before a May meeting: the year before
    assert december.registration_deadline(dt.date(2029, 1, 1)) == dt.date(2029, 12, 20)
    undated = loaded_event(registration + "datum: ej fastställt\n")
    assert undated.registration_deadline(dt.date(2020, 1, 1)) is None
    assert not undated.invites_registration(dt.date(2020, 1, 1))  # "senast 20/5" of which year? Not asked.
    no_deadline = loaded_event("anmälan:\n  avser: specialkost\ndatum: ej fastställt\n")
    assert no_deadline.invites_registration(dt.date(2020, 1, 1))
    assert not loaded_event(registration, notes=("anteckningar",)).invites_registration(dt.date(2030, 1, 1))
