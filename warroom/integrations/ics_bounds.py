"""Keeping a calendar import finite: checked events and bounded expansion of recurring ones.

Choices a reader should know:
- Every event is checked before anything is expanded: a TZID that is neither
  defined in the file (VTIMEZONE) nor a known IANA zone, an end before the
  start, an instant outside 1900-2200, and a rule repeating every second,
  minute or hour (absences are days and hours off, not a ticking clock) are
  refused with a sentence naming the event and its line.
- A recurring event is expanded on its own, from the window's start, and
  stops at the window's end or after MAX_OCCURRENCES occurrences (reported on
  the `warroom.notice.ics` logger, which the CLI prints); an event whose
  series starts after the window is reported, not expanded.
- Non-recurring events are taken as they are when they overlap the window.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
import recurring_ical_events

from warroom.domain.clock import as_utc
from warroom.domain.errors import ValidationError

notice = logging.getLogger("warroom.notice.ics")

MAX_OCCURRENCES = 5_000  # per recurring event within the window
MAX_ABSENCES = 50_000  # per calendar
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
REFUSED_FREQUENCIES = ("SECONDLY", "MINUTELY", "HOURLY")
CHUNK = timedelta(days=366)


def check_events(calendar: icalendar.Calendar, text: str, source: str) -> None:
    """Refuse the first event the import could not store sensibly."""
    defined = {str(tz.get("TZID", "")) for tz in calendar.walk("VTIMEZONE")}
    for event in calendar.walk("VEVENT"):
        where = _where(event, text, source)
        for name in ("DTSTART", "DTEND", "RECURRENCE-ID"):
            _check_instant(event, name, defined, where)
        _check_order(event, where)
        _check_rule(event, where)


def expand(calendar: icalendar.Calendar, start: datetime, end: datetime, source: str) -> Iterator[Any]:
    """Every occurrence overlapping [start, end): single events as they are, series bounded."""
    series: dict[str, list[Any]] = {}
    single = _sub_calendar(calendar)
    for event in calendar.walk("VEVENT"):
        if event.get("RRULE") or event.get("RDATE") or event.get("RECURRENCE-ID"):
            series.setdefault(str(event.get("UID", "")), []).append(event)
        else:
            single.add_component(event)
    total = 0
    for event in _query(single, source).between(start, end):
        total = _counted(total, source)
        yield event
    for uid, events in series.items():
        for event in _expand_series(calendar, uid, events, start, end, source):
            total = _counted(total, source)
            yield event


def _expand_series(
    calendar: icalendar.Calendar, uid: str, events: list[Any], start: datetime, end: datetime, source: str
) -> Iterator[Any]:
    first = min(_utc(e.get("DTSTART").dt) for e in events if e.get("DTSTART"))
    if first >= end:
        notice.warning(f"{source}: event {uid} repeats from {first:%Y-%m-%d}, after the import window; it was skipped")
        return
    own = _sub_calendar(calendar)
    for event in events:
        own.add_component(event)
    for count, occurrence in enumerate(_in_chunks(_query(own, source), start, end), start=1):
        if count > MAX_OCCURRENCES:
            notice.warning(
                f"{source}: event {uid} repeats more than {MAX_OCCURRENCES:,} times in the import window; "
                f"only the first {MAX_OCCURRENCES:,} were imported"
            )
            return
        yield occurrence


def _in_chunks(query: Any, start: datetime, end: datetime) -> Iterator[Any]:
    """The series in order, a year at a time, so the cap stops the work early.

    (The library's own `after()` pages far more slowly than `between()` over a year.)
    An occurrence that overlaps a year's end is returned by both years: kept once."""
    seen: set[tuple[str, str]] = set()
    cursor = start
    while cursor < end:
        upto = min(cursor + CHUNK, end)
        for occurrence in query.between(cursor, upto):
            key = (str(occurrence.get("DTSTART").dt), str(occurrence.get("RECURRENCE-ID", "")))
            if key not in seen:
                seen.add(key)
                yield occurrence
        cursor = upto


def _query(calendar: icalendar.Calendar, source: str) -> Any:
    try:
        return recurring_ical_events.of(calendar)
    except Exception as error:  # the library raises many kinds for bad rules and dates
        raise ValidationError(f"{source}: an event could not be expanded ({error}).") from None


def _counted(total: int, source: str) -> int:
    if total >= MAX_ABSENCES:
        raise ValidationError(
            f"{source} holds more than {MAX_ABSENCES:,} absences in the import window; "
            "split the calendar or shorten its repeating events."
        )
    return total + 1


def _sub_calendar(calendar: icalendar.Calendar) -> icalendar.Calendar:
    own = icalendar.Calendar()
    for zone in calendar.walk("VTIMEZONE"):
        own.add_component(zone)
    return own


def _where(event: Any, text: str, source: str) -> str:
    uid = str(event.get("UID", "")).strip()
    if not uid:
        return f"{source}: an event without a UID"
    for number, line in enumerate(text.splitlines(), start=1):
        if line.upper().startswith("UID") and line.split(":", 1)[-1].strip() == uid:
            return f"{source} line {number}: event {uid}"
    return f"{source}: event {uid}"


def _check_instant(event: Any, name: str, defined: set[str], where: str) -> None:
    prop = event.get(name)
    if prop is None:
        return
    zone = prop.params.get("TZID") if hasattr(prop, "params") else None
    if zone and zone not in defined and not _known_zone(str(zone)):
        raise ValidationError(f"{where} uses the unknown time zone {str(zone)!r} in {name}; use an IANA zone.")
    value = getattr(prop, "dt", None)
    if not isinstance(value, date):
        raise ValidationError(f"{where} has a {name} that is not a date or a time.")
    if not EARLIEST <= _utc(value) < LATEST:
        raise ValidationError(f"{where} has a {name} in the year {value.year}, outside 1900-2199.")


def _check_order(event: Any, where: str) -> None:
    start, end = event.get("DTSTART"), event.get("DTEND")
    if start is None or end is None:
        return
    if _utc(end.dt) < _utc(start.dt):
        raise ValidationError(f"{where} ends ({end.dt}) before it starts ({start.dt}).")


def _check_rule(event: Any, where: str) -> None:
    rule = event.get("RRULE")
    for one in rule if isinstance(rule, list) else [rule] if rule is not None else []:
        frequency = str((one.get("FREQ") or [""])[0]).upper()
        if frequency in REFUSED_FREQUENCIES:
            raise ValidationError(
                f"{where} repeats {frequency.lower()}; an absence may repeat daily at most "
                "(a closure or leave, not a ticking clock)."
            )
        for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
            if len(one.get(part) or []) > 1:
                raise ValidationError(
                    f"{where} repeats several times a day ({part}); an absence may repeat daily at most."
                )


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _utc(value: date | datetime) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), tzinfo=UTC)
    return as_utc(value) if value.tzinfo and value.utcoffset() is not None else value.replace(tzinfo=UTC)
