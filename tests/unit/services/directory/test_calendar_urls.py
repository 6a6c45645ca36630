"""Calendars by URL, from a real local HTTP server: the re-import semantics, offline, the cache."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.comms_servers import CaptureServer, Reply
from tests.data import SCENARIO
from tests.unit.services.directory.test_calendar_sync import BALTIC, CLOSED, LEAVE, _calendar
from warroom.domain.clock import iso_utc
from warroom.domain.errors import AmbiguousError, ValidationError
from warroom.services.directory.calendar_urls import CalendarService
from warroom.services.directory.service import DirectoryService

PERSONAL = (  # a person's own published calendar: the events name nobody
    "BEGIN:VEVENT\r\nUID:dentist@pawel\r\nDTSTAMP:20131201T090000Z\r\nDTSTART:20131230T080000Z\r\n"
    "DTEND:20131230T120000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\n"
)


@pytest.fixture
def directory(ctx):
    made = DirectoryService(ctx)
    made.import_file((SCENARIO / "vendors.csv").read_bytes(), source_name="vendors.csv")
    return made


def _serve(http_server: CaptureServer, *events: str) -> None:
    http_server.default = Reply(200, _calendar(*events).decode("utf-8"), {"Content-Type": "text/calendar"})


def _absences(directory):
    return sorted((a.reason, a.contact_id is not None) for a in directory.absences(BALTIC))


def test_a_subscribed_url_stays_in_step_with_the_calendar(ctx, directory, http_server, tmp_path):
    calendars = CalendarService(ctx, tmp_path / "calendars")
    _serve(http_server, CLOSED.format(summary="Closed"), LEAVE)
    url = http_server.url("/baltic.ics")
    added = calendars.add("firewall", None, url)  # a layer names the vendor
    assert added.fresh and added.sentence == f"{url}: 2 new absences, 0 updated."
    assert _absences(directory) == [("Annual leave", True), ("Closed", False)]
    _serve(http_server, CLOSED.format(summary="Closed for Christmas"))  # the leave was cancelled
    (again,) = calendars.refresh()
    assert "1 absence removed (gone from the calendar)" in again.sentence and "1 updated" in again.sentence
    assert _absences(directory) == [("Closed for Christmas", False)]
    (sub,) = calendars.list()
    assert (sub.vendor_name, sub.url, sub.problem) == (BALTIC, url, "") and sub.fetched_at is not None
    assert calendars.cached_copy(url).data == _calendar(CLOSED.format(summary="Closed for Christmas"))


def test_offline_the_last_good_copy_stands_and_says_when_it_was_fetched(ctx, directory, http_server, tmp_path):
    calendars = CalendarService(ctx, tmp_path / "calendars")
    _serve(http_server, CLOSED.format(summary="Closed"), LEAVE)
    url = http_server.url("/baltic.ics")
    first = calendars.add(BALTIC, None, url)
    fetched = first.subscription.fetched_at
    http_server.default = Reply(503, "down")
    (failed,) = calendars.refresh("baltic")
    assert not failed.fresh
    assert failed.sentence == (
        f"{BALTIC}: 127.0.0.1 failed to serve the calendar (HTTP 503); try again later "
        f"(the copy fetched {iso_utc(fetched)} stands)"
    )
    assert _absences(directory) == [("Annual leave", True), ("Closed", False)]  # nothing removed
    http_server.stop()  # now nobody answers at all
    (offline,) = calendars.refresh()
    assert "Could not reach 127.0.0.1" in offline.sentence and "the copy fetched" in offline.sentence
    assert calendars.list()[0].fetched_at == fetched and calendars.cached_copy(url) is not None
    http_server.__init__()  # a fresh server for the fixture's stop()


def test_a_contacts_own_calendar_makes_their_absences(ctx, directory, http_server, tmp_path):
    calendars = CalendarService(ctx, tmp_path / "calendars")
    _serve(http_server, PERSONAL)
    calendars.add("baltic", "pawel", http_server.url("/pawel.ics"))
    (absence,) = directory.absences(BALTIC)
    pawel = next(c for c in directory.vendor("baltic").contacts if c.name == "Paweł Wiśniewski")
    assert (absence.reason, absence.contact_id) == ("Dentist", pawel.id)


def test_refusals_are_one_sentence(ctx, directory, http_server, tmp_path):
    calendars = CalendarService(ctx, tmp_path / "calendars")
    with pytest.raises(ValidationError, match="is not a calendar URL"):
        calendars.add("baltic", None, "file:///etc/passwd")
    with pytest.raises(AmbiguousError):
        calendars.add("ab", None, http_server.url())  # the word 'AB' of three vendors' names
    assert calendars.list() == ()
    http_server.default = Reply(404, "gone")
    result = calendars.add("baltic", None, http_server.url("/moved.ics"))
    assert not result.fresh and "has no calendar at that address" in result.sentence
    assert "no copy yet" in result.sentence and len(calendars.list()) == 1  # kept: it is retried


def test_the_schedule_asks_again_after_six_hours(ctx, directory, http_server, tmp_path):
    calendars = CalendarService(ctx, tmp_path / "calendars")
    assert not calendars.due()
    _serve(http_server, CLOSED.format(summary="Closed"))
    calendars.add("baltic", None, http_server.url())
    assert not calendars.due()
    assert calendars.due(timedelta(0))


def test_a_calendar_removed_while_it_was_fetched_stays_removed(ctx, directory, http_server, tmp_path):
    calendars = CalendarService(ctx, tmp_path / "calendars")
    _serve(http_server, CLOSED.format(summary="Closed"))
    calendars.subscribe("baltic", None, http_server.url())
    ((sub, got),) = calendars.fetch_all()  # the window fetches on the pool, then imports on the writer
    calendars.remove(sub.url)
    result = calendars.apply(sub, got)
    assert not result.fresh and result.subscription.problem == "no longer subscribed"
    assert calendars.list() == () and directory.absences(BALTIC) == []
