"""Absences from an ICS calendar imported for one vendor.

- An event whose ORGANIZER or an ATTENDEE (mailto) matches a contact's email is
  that contact's absence; any other event closes the whole vendor.
- TRANSP:TRANSPARENT and STATUS:CANCELLED events do not block and are skipped.
- Recurring events are expanded within [window_start, window_end), bounded and
  checked first (see ics_bounds: unknown TZIDs, ends before starts, instants
  outside 1900-2199 and sub-daily rules are refused).
- All-day events (VALUE=DATE) and floating times are read in the vendor's zone
  (midnight to midnight, DTEND exclusive); TZID-qualified times are honoured.
- source_uid is the UID, plus "/" and the recurrence id for a recurring event,
  plus "|" and the email when one event is the absence of several contacts, so
  re-importing the same file updates rather than duplicates.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from warroom.domain.clock import as_utc
from warroom.domain.directory import Contact, Vendor
from warroom.domain.errors import ValidationError
from warroom.domain.hours import wall_to_utc
from warroom.integrations.directory_records import AbsenceRecord, normal_text
from warroom.integrations.ics_bounds import check_events, expand


def parse_calendar(
    data: bytes,
    vendor: Vendor,
    contacts: Sequence[Contact],
    window_start: datetime,
    window_end: datetime,
    source: str = "calendar.ics",
) -> tuple[AbsenceRecord, ...]:
    """The absences the calendar holds within the window, or ValidationError."""
    text = _decode(data, source)
    calendar = _read_calendar(text, source)
    check_events(calendar, text, source)
    zone = ZoneInfo(vendor.timezone)
    by_email = {c.email.casefold(): c for c in contacts if c.email and c.vendor_id == vendor.id}
    recurring = _recurring_uids(calendar)
    records: list[AbsenceRecord] = []
    try:
        for event in expand(calendar, as_utc(window_start), as_utc(window_end), source):
            if _blocks(event):
                records.extend(_absences(event, vendor, zone, by_email, recurring, source))
    except ValidationError:
        raise
    except Exception as error:  # the library raises many kinds for bad rules and dates
        raise ValidationError(f"{source}: an event could not be expanded ({error}).") from None
    return tuple(sorted(records, key=lambda r: (r.starts_at, r.contact_id or "", r.source_uid)))


def _read_calendar(text: str, source: str) -> icalendar.Calendar:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.upper() != "BEGIN:VCALENDAR":
        shown = first[:40] or "nothing"
        raise ValidationError(f"{source} is not an iCalendar file: line 1 should be BEGIN:VCALENDAR, not {shown!r}.")
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as error:
        raise ValidationError(f"{source}{_where(text, str(error))} is not valid iCalendar ({error}).") from None
    return calendar


def _decode(data: bytes, source: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise ValidationError(
            f"{source} line {line}: byte 0x{data[error.start]:02X} is not UTF-8; iCalendar files must be UTF-8."
        ) from None


def _where(text: str, message: str) -> str:
    """' line N' for the first line the parser's message quotes, if it quotes one."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and f"'{line.strip()}'" in message:
            return f" line {number}"
    return ""


def _recurring_uids(calendar: icalendar.Calendar) -> set[str]:
    return {
        str(event.get("UID", ""))
        for event in calendar.walk("VEVENT")
        if event.get("RRULE") or event.get("RDATE") or event.get("RECURRENCE-ID")
    }


def _blocks(event: Any) -> bool:
    transparent = str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT"
    cancelled = str(event.get("STATUS", "")).upper() == "CANCELLED"
    return not transparent and not cancelled


def _absences(
    event: Any, vendor: Vendor, zone: ZoneInfo, by_email: dict[str, Contact], recurring: set[str], source: str
) -> list[AbsenceRecord]:
    uid = str(event.get("UID", "")).strip()
    start, end = _instant(event, "DTSTART", zone, source), _instant(event, "DTEND", zone, source)
    if end <= start:
        return []
    if not uid:
        uid = f"{source}:{start.isoformat()}"
    if uid in recurring and event.get("RECURRENCE-ID") is not None:
        uid = f"{uid}/{_recurrence_text(event.get('RECURRENCE-ID').dt)}"
    summary = normal_text(str(event.get("SUMMARY", "")))
    matched = [by_email[e] for e in _addresses(event) if e in by_email]
    matched = list({c.id: c for c in matched}.values())
    if not matched:
        return [AbsenceRecord(vendor.id, None, start, end, summary or "Closed", uid)]
    suffix = len(matched) > 1
    return [
        AbsenceRecord(
            vendor.id,
            c.id,
            start,
            end,
            summary or "Absent",
            f"{uid}|{c.email.casefold()}" if suffix and c.email else uid,
        )
        for c in matched
    ]


def _instant(event: Any, name: str, zone: ZoneInfo, source: str) -> datetime:
    prop = event.get(name)
    if prop is None:
        raise ValidationError(f"{source}: event {event.get('UID', '')!s} has no {name}.")
    value = prop.dt
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            return wall_to_utc(value, zone, later=False)  # floating time: the vendor's
        return as_utc(value)
    if isinstance(value, date):
        return wall_to_utc(datetime.combine(value, time()), zone, later=False)
    raise ValidationError(f"{source}: event {event.get('UID', '')!s} has a {name} that is not a date.")


def _recurrence_text(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return as_utc(value).strftime("%Y%m%dT%H%M%SZ") if value.tzinfo else value.strftime("%Y%m%dT%H%M%S")
    return value.strftime("%Y%m%d")


def _addresses(event: Any) -> list[str]:
    found = []
    for name in ("ORGANIZER", "ATTENDEE"):
        values = event.get(name)
        if values is None:
            continue
        for value in values if isinstance(values, list) else [values]:
            address = str(value).strip()
            if address.lower().startswith("mailto:"):
                address = address[7:]
            if address:
                found.append(address.casefold())
    return found
