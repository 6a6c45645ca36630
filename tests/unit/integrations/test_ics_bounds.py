"""Hostile calendars: every one ends quickly, with a sentence or a bounded import."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

import pytest

from tests.unit.integrations.test_ics import calendar, vendor
from warroom.domain.errors import ValidationError
from warroom.integrations.ics import parse_calendar
from warroom.integrations.ics_bounds import MAX_OCCURRENCES

NOW_WINDOW = (datetime(2025, 5, 1, tzinfo=UTC), datetime(2028, 5, 1, tzinfo=UTC))


@pytest.mark.parametrize("frequency", ["SECONDLY", "MINUTELY", "HOURLY"])
def test_sub_daily_rules_are_refused_with_the_event_and_line(frequency):
    data = calendar(f"UID:tick@x\r\nDTSTART:20260101T000000Z\r\nDTEND:20260101T000001Z\r\nRRULE:FREQ={frequency}\r\n")
    started = time.monotonic()
    with pytest.raises(ValidationError, match=rf"^c\.ics line 6: event tick@x repeats {frequency.lower()}; "):
        parse_calendar(data, vendor(), [], *NOW_WINDOW, source="c.ics")
    assert time.monotonic() - started < 2


def test_a_daily_rule_without_end_is_bounded_and_reported(caplog):
    data = calendar("UID:daily@x\r\nDTSTART:19000102T090000Z\r\nDTEND:19000102T100000Z\r\nRRULE:FREQ=DAILY\r\n")
    started = time.monotonic()
    wide = (datetime(1900, 1, 1, tzinfo=UTC), datetime(2199, 1, 1, tzinfo=UTC))
    with caplog.at_level(logging.WARNING, logger="warroom.notice.ics"):
        records = parse_calendar(data, vendor(), [], *wide, source="c.ics")
    assert len(records) == MAX_OCCURRENCES
    assert time.monotonic() - started < 20
    assert any("repeats more than 5,000 times" in r.getMessage() for r in caplog.records)


def test_a_series_starting_after_the_window_is_reported_not_expanded(caplog):
    data = calendar("UID:later@x\r\nDTSTART:21000101T090000Z\r\nDTEND:21000101T100000Z\r\nRRULE:FREQ=DAILY\r\n")
    with caplog.at_level(logging.WARNING, logger="warroom.notice.ics"):
        assert parse_calendar(data, vendor(), [], *NOW_WINDOW) == ()
    assert any("later@x repeats from 2100-01-01, after the import window" in r.getMessage() for r in caplog.records)


def test_an_event_in_the_year_2999_is_refused():
    data = calendar(
        "UID:daily@x\r\nDTSTART:20260101T090000Z\r\nDTEND:20260101T100000Z\r\nRRULE:FREQ=DAILY\r\n",
        "UID:far@x\r\nDTSTART:29990101T090000Z\r\nDTEND:29990101T100000Z\r\n",
    )
    with pytest.raises(ValidationError, match=r"event far@x has a DTSTART in the year 2999, outside 1900-2199"):
        parse_calendar(data, vendor(), [], *NOW_WINDOW)


def test_an_unknown_tzid_is_refused():
    data = calendar(
        "UID:mars@x\r\nDTSTART;TZID=Mars/Olympus:20260101T090000\r\nDTEND;TZID=Mars/Olympus:20260101T100000\r\n"
    )
    with pytest.raises(ValidationError, match=r"event mars@x uses the unknown time zone 'Mars/Olympus' in DTSTART"):
        parse_calendar(data, vendor(), [], *NOW_WINDOW)


def test_an_event_ending_before_it_starts_is_refused():
    data = calendar("UID:back@x\r\nDTSTART:20260102T090000Z\r\nDTEND:20260101T090000Z\r\n")
    with pytest.raises(
        ValidationError, match=r"line 6: event back@x ends \(2026-01-01 09:00:00\+00:00\) before it starts"
    ):
        parse_calendar(data, vendor(), [], *NOW_WINDOW)


def test_a_daily_rule_that_ticks_every_minute_through_byminute_is_refused():
    minutes = ",".join(str(m) for m in range(60))
    data = calendar(
        f"UID:m@x\r\nDTSTART:20260101T000000Z\r\nDTEND:20260101T000001Z\r\nRRULE:FREQ=DAILY;BYMINUTE={minutes}\r\n"
    )
    with pytest.raises(ValidationError, match=r"event m@x repeats several times a day \(BYMINUTE\)"):
        parse_calendar(data, vendor(), [], *NOW_WINDOW)
