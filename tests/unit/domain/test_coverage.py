"""Coverage: maximal gaps with nobody reachable, their reasons, and the day-by-day picture."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.unit.integrations.directory_scenario import load_scenario
from warroom.domain.availability import availability
from warroom.domain.coverage import DayStatus, coverage, daily_summary
from warroom.domain.directory import Absence, Contact, Vendor
from warroom.domain.errors import ValidationError
from warroom.domain.ids import new_id

UTC = UTC
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local(*args: int, zone=STOCKHOLM) -> datetime:
    return datetime(*args, tzinfo=zone)


def vendor(hours="Mon-Fri 08:00-17:00", categories=("public", "de_facto")) -> Vendor:
    return Vendor(
        new_id(), "Integra Meddelande AB", ("integration platform",), "SE", None, categories, "Europe/Stockholm", hours
    )


def person(of: Vendor, name: str, hours=None, zone=None, always=False) -> Contact:
    return Contact(new_id(), of.id, name, "", (), None, zone, hours, always)


@pytest.fixture(scope="module")
def scenario():
    return load_scenario()


def test_integra_over_christmas(scenario) -> None:
    integra = scenario.vendor("Integra Meddelande AB")
    result = coverage(
        integra, scenario.contacts, scenario.absences, local(2013, 12, 23, 0, 0), local(2013, 12, 30, 0, 0)
    )
    spans = [(g.start, g.end) for g in result.gaps]
    assert spans == [
        (local(2013, 12, 23, 0, 0), local(2013, 12, 23, 7, 0)),
        # Monday evening until Friday morning: Christmas Eve, Day and Boxing Day
        (local(2013, 12, 23, 18, 0), local(2013, 12, 27, 7, 0)),
        (local(2013, 12, 27, 18, 0), local(2013, 12, 30, 0, 0)),
    ]
    assert result.gaps[1].reason == (
        "Föräldraledig; Christmas Eve (SE); Christmas Day (SE); Second Day of Christmas (SE); outside hours"
    )
    assert result.gaps[2].reason == "Föräldraledig; outside hours"
    assert result.uncovered == timedelta(hours=7 + 85 + 54)


@pytest.mark.parametrize("name", ["Kronan Datacenter AB", "Nordvik Nät AB", "Baltic Perimeter Sp. z o.o."])
def test_vendors_with_an_always_on_call_contact_have_no_gaps(scenario, name: str) -> None:
    result = coverage(
        scenario.vendor(name), scenario.contacts, scenario.absences, local(2013, 12, 20, 0, 0), local(2014, 1, 3, 0, 0)
    )
    assert result.fully_covered and result.gaps == ()


def test_gaps_agree_with_availability_sampled_every_quarter_hour(scenario) -> None:
    for integra in (scenario.vendor("Integra Meddelande AB"), scenario.vendor("Baltic Perimeter Sp. z o.o.")):
        people = [c for c in scenario.contacts if c.vendor_id == integra.id and not c.always_on_call]
        start, end = local(2013, 12, 19, 0, 0), local(2014, 1, 9, 0, 0)
        result = coverage(integra, people, scenario.absences, start, end)
        instant = start
        while instant < end:
            in_gap = any(g.start <= instant < g.end for g in result.gaps)
            anyone = any(availability(c, integra, instant, scenario.absences).reachable for c in people)
            assert in_gap != anyone, instant
            instant += timedelta(minutes=15)


def test_week_with_fall_back_has_one_extra_uncovered_hour() -> None:
    swedish = vendor(categories=("public",))
    result = coverage(
        swedish, [person(swedish, "Åsa Bergström")], [], local(2013, 10, 21, 0, 0), local(2013, 10, 28, 0, 0)
    )
    assert result.uncovered == timedelta(hours=169 - 45)
    assert len(result.gaps) == 6  # before Monday 08:00, four nights, Friday evening to the end
    assert result.gaps[-1].start == local(2013, 10, 25, 17, 0)


def test_contacts_in_two_zones_cover_each_other() -> None:
    swedish = vendor()
    here = person(swedish, "Åsa Bergström")
    tokyo = person(swedish, "東京 Ọlá", zone="Asia/Tokyo", hours="Mon-Fri 09:00-17:00")
    result = coverage(swedish, [here, tokyo], [], local(2013, 12, 2, 0, 0), local(2013, 12, 3, 0, 0))
    # Tokyo 09:00-17:00 is 01:00-09:00 Stockholm, then Stockholm 08:00-17:00
    assert [(g.start, g.end) for g in result.gaps] == [
        (local(2013, 12, 2, 0, 0), local(2013, 12, 2, 1, 0)),
        (local(2013, 12, 2, 17, 0), local(2013, 12, 3, 0, 0)),
    ]


def test_overnight_shift_and_day_shift_leave_only_evening_gaps() -> None:
    swedish = vendor(categories=("public",))
    day = person(swedish, "Day", hours="Mon-Fri 06:00-22:00")
    night = person(swedish, "Night", hours="Mon-Fri 22:00-06:00")
    result = coverage(swedish, [day, night], [], local(2013, 12, 2, 0, 0), local(2013, 12, 7, 0, 0))
    # Monday 00:00-06:00 belongs to Sunday's (absent) shift; the rest of the week is covered
    assert [(g.start, g.end) for g in result.gaps] == [(local(2013, 12, 2, 0, 0), local(2013, 12, 2, 6, 0))]


def test_vendor_closure_and_personal_absence_make_gaps_with_reasons() -> None:
    swedish = vendor(hours="24/7")
    a, b = person(swedish, "A"), person(swedish, "B")
    closed = Absence(new_id(), swedish.id, None, local(2013, 12, 3, 12, 0), local(2013, 12, 3, 13, 0), "Fire drill")
    sick = Absence(new_id(), swedish.id, a.id, local(2013, 12, 4, 0, 0), local(2013, 12, 5, 0, 0), "Sick")
    b_out = Absence(new_id(), swedish.id, b.id, local(2013, 12, 4, 10, 0), local(2013, 12, 4, 11, 0), "Dentist")
    result = coverage(swedish, [a, b], [closed, sick, b_out], local(2013, 12, 2, 0, 0), local(2013, 12, 6, 0, 0))
    assert [(g.start, g.end, g.reason) for g in result.gaps] == [
        (local(2013, 12, 3, 12, 0), local(2013, 12, 3, 13, 0), "Fire drill"),
        (local(2013, 12, 4, 10, 0), local(2013, 12, 4, 11, 0), "Sick; Dentist"),
    ]


def test_daily_summary_grid(scenario) -> None:
    integra = scenario.vendor("Integra Meddelande AB")
    result = coverage(integra, scenario.contacts, scenario.absences, local(2013, 12, 23, 0, 0), local(2014, 1, 6, 0, 0))
    days = daily_summary(result, "Europe/Stockholm", 14)
    assert [d.day for d in days][:2] == [date(2013, 12, 23), date(2013, 12, 24)]
    assert [d.status for d in days][:7] == [
        DayStatus.PARTIAL,
        DayStatus.NONE,
        DayStatus.NONE,
        DayStatus.NONE,
        DayStatus.PARTIAL,
        DayStatus.NONE,
        DayStatus.NONE,
    ]
    assert days[0].uncovered_min == 13 * 60
    outside = daily_summary(result, STOCKHOLM, [date(2013, 12, 1)])
    assert outside[0].status == DayStatus.OUTSIDE


def test_full_day_status() -> None:
    swedish = vendor(hours="24/7")
    result = coverage(swedish, [person(swedish, "A")], [], local(2013, 12, 2, 0, 0), local(2013, 12, 4, 0, 0))
    assert [d.status for d in daily_summary(result, STOCKHOLM, 2)] == [DayStatus.FULL, DayStatus.FULL]


def test_empty_range_is_refused() -> None:
    swedish = vendor()
    with pytest.raises(ValidationError, match="ends"):
        coverage(swedish, [], [], local(2013, 12, 2, 0, 0), local(2013, 12, 2, 0, 0))


def test_vendor_without_contacts_is_one_gap() -> None:
    swedish = vendor()
    result = coverage(swedish, [], [], local(2013, 12, 2, 0, 0), local(2013, 12, 3, 0, 0))
    assert [(g.start, g.end, g.reason) for g in result.gaps] == [
        (local(2013, 12, 2, 0, 0), local(2013, 12, 3, 0, 0), "no contacts")
    ]
