"""ICS import: contact absences vs vendor closures, all-day events, TZID, recurrence, errors."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.integrations.directory_scenario import scenario_file
from warroom.domain.directory import Contact, Vendor
from warroom.domain.errors import ValidationError
from warroom.domain.ids import new_id
from warroom.integrations.ics import parse_calendar

UTC = UTC
WINDOW = (datetime(2013, 11, 1, tzinfo=UTC), datetime(2014, 3, 1, tzinfo=UTC))


def vendor(zone="Europe/Warsaw", country="PL") -> Vendor:
    return Vendor(
        new_id(),
        "Baltic Perimeter Sp. z o.o.",
        ("internal firewall",),
        country,
        None,
        ("public",),
        zone,
        "Mon-Fri 09:00-17:00",
    )


def person(of: Vendor, name: str, email: str | None) -> Contact:
    return Contact(new_id(), of.id, name, "", (), email, None, None)


def calendar(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nDTSTAMP:20131201T090000Z\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n".encode()


def test_baltic_perimeter_calendar() -> None:
    baltic = vendor()
    pawel = person(baltic, "Paweł Wiśniewski", "Pawel.Wisniewski@baltic-perimeter.example")
    duty = person(baltic, "Duty manager", "duty@baltic-perimeter.example")
    leave, closed = parse_calendar(scenario_file("baltic-perimeter.ics"), baltic, [pawel, duty], *WINDOW)
    assert (leave.contact_id, leave.reason) == (pawel.id, "Annual leave")
    # all-day: midnight to midnight in Warsaw, DTEND exclusive
    assert (leave.starts_at, leave.ends_at) == (
        datetime(2013, 12, 22, 23, tzinfo=UTC),
        datetime(2014, 1, 2, 23, tzinfo=UTC),
    )
    assert (closed.contact_id, closed.reason) == (None, "Office closed for Christmas")
    assert (closed.starts_at, closed.ends_at) == (
        datetime(2013, 12, 23, 23, tzinfo=UTC),
        datetime(2013, 12, 26, 23, tzinfo=UTC),
    )
    assert closed.source_uid == "bp-office-closed-2013@baltic-perimeter.example"
    assert {leave.vendor_id, closed.vendor_id} == {baltic.id}


def test_kronan_calendar_honours_tzid_and_skips_transparent_events() -> None:
    kronan = vendor(zone="Europe/Stockholm", country="SE")
    goran = person(kronan, "Göran Lindqvist", "goran.lindqvist@kronan-dc.example")
    (travel,) = parse_calendar(scenario_file("kronan-datacenter.ics"), kronan, [goran], *WINDOW)
    assert travel.contact_id == goran.id and travel.reason == "Travelling, no phone"
    assert (travel.starts_at, travel.ends_at) == (
        datetime(2013, 12, 27, 11, tzinfo=UTC),
        datetime(2013, 12, 30, 8, tzinfo=UTC),
    )


def test_integra_attendee_is_the_absent_contact() -> None:
    integra = vendor(zone="Europe/Stockholm", country="SE")
    asa = person(integra, "Åsa Bergström", "asa.bergstrom@integra.example")
    (leave,) = parse_calendar(scenario_file("integra.ics"), integra, [asa], *WINDOW)
    assert (leave.contact_id, leave.reason) == (asa.id, "Föräldraledig")
    assert leave.ends_at == datetime(2014, 1, 6, 23, tzinfo=UTC)


def test_recurring_events_expand_within_the_window_with_stable_ids() -> None:
    data = calendar(
        "UID:standup@x\r\nDTSTART;TZID=Europe/Warsaw:20131104T090000\r\nDTEND;TZID=Europe/Warsaw:20131104T100000\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=20\r\nSUMMARY:Team meeting\r\n"
    )
    baltic = vendor()
    window = (datetime(2013, 12, 1, tzinfo=UTC), datetime(2013, 12, 20, tzinfo=UTC))
    first = parse_calendar(data, baltic, [], *window)
    assert [r.starts_at.day for r in first] == [2, 9, 16]
    assert first[0].starts_at == datetime(2013, 12, 2, 8, tzinfo=UTC)
    assert first[0].source_uid == "standup@x/20131202T080000Z"
    assert len({r.source_uid for r in first}) == 3
    assert parse_calendar(data, baltic, [], *window) == first  # re-import: same keys


def test_all_day_event_on_the_spring_forward_day_is_23_hours() -> None:
    data = calendar("UID:a@x\r\nDTSTART;VALUE=DATE:20140330\r\nDTEND;VALUE=DATE:20140331\r\nSUMMARY:Closed\r\n")
    spring = (datetime(2014, 3, 1, tzinfo=UTC), datetime(2014, 4, 1, tzinfo=UTC))
    (closed,) = parse_calendar(data, vendor(), [], *spring)
    assert (closed.ends_at - closed.starts_at).total_seconds() == 23 * 3600
    assert closed.starts_at == datetime(2014, 3, 29, 23, tzinfo=UTC)


def test_floating_time_is_read_in_the_vendors_zone() -> None:
    data = calendar("UID:f@x\r\nDTSTART:20131210T120000\r\nDTEND:20131210T130000\r\nSUMMARY:Lunch\r\n")
    (lunch,) = parse_calendar(data, vendor(), [], *WINDOW)
    assert lunch.starts_at == datetime(2013, 12, 10, 11, tzinfo=UTC)


def test_cancelled_transparent_and_out_of_window_events_are_skipped() -> None:
    data = calendar(
        "UID:c@x\r\nDTSTART:20131210T120000Z\r\nDTEND:20131210T130000Z\r\nSTATUS:CANCELLED\r\n",
        "UID:t@x\r\nDTSTART:20131210T120000Z\r\nDTEND:20131210T130000Z\r\nTRANSP:TRANSPARENT\r\n",
        "UID:o@x\r\nDTSTART:20150101T120000Z\r\nDTEND:20150101T130000Z\r\n",
    )
    assert parse_calendar(data, vendor(), [], *WINDOW) == ()


def test_unknown_organizer_closes_the_vendor_and_two_attendees_give_two_absences() -> None:
    baltic = vendor()
    a = person(baltic, "Ọlá", "ola@baltic.example")
    b = person(baltic, "שרה", "sara@baltic.example")
    data = calendar(
        "UID:trip@x\r\nDTSTART:20131210T080000Z\r\nDTEND:20131211T080000Z\r\nSUMMARY:Conference\r\n"
        "ORGANIZER:mailto:someone@elsewhere.example\r\n"
        "ATTENDEE;CN=Ola:mailto:OLA@baltic.example\r\nATTENDEE:mailto:sara@baltic.example\r\n",
        "UID:party@x\r\nDTSTART:20131220T150000Z\r\nDTEND:20131220T200000Z\r\nSUMMARY:Julbord 🎄\r\n"
        "ORGANIZER:mailto:someone@elsewhere.example\r\n",
    )
    records = parse_calendar(data, baltic, [a, b], *WINDOW)
    assert [(r.contact_id, r.source_uid) for r in records] == sorted(
        [(a.id, "trip@x|ola@baltic.example"), (b.id, "trip@x|sara@baltic.example")]
    ) + [(None, "party@x")]
    assert records[-1].reason == "Julbord 🎄"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello", "calendar.ics is not an iCalendar file: line 1 should be BEGIN:VCALENDAR, not 'hello'."),
        (b"", "not 'nothing'"),
        (b"BEGIN:VCARD\nFN:x\nEND:VCARD\n", "line 1 should be BEGIN:VCALENDAR, not 'BEGIN:VCARD'"),
        (
            b"BEGIN:VCALENDAR\nVERSION:2.0\nSUMMARY:Caf\xe9\nEND:VCALENDAR\n",
            "calendar.ics line 3: byte 0xE9 is not UTF-8",
        ),
        (
            b"BEGIN:VCALENDAR\nVERSION:2.0\nthis is not a property\nEND:VCALENDAR\n",
            "calendar.ics line 3 is not valid iCalendar",
        ),
    ],
)
def test_not_a_calendar(data: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_calendar(data, vendor(), [], *WINDOW)
    assert message in str(caught.value)
