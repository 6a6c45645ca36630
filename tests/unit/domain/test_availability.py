"""Availability: hours, holidays by category and subdivision, absences, always on call, DST."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.unit.integrations.directory_scenario import load_scenario
from warroom.domain.availability import (
    Cause,
    availability,
    directory_availability,
    validate_categories,
    validate_country,
    validate_zone,
    vendor_availability,
)
from warroom.domain.clock import NaiveDateTimeError
from warroom.domain.directory import Absence, Contact, Vendor
from warroom.domain.errors import ValidationError
from warroom.domain.ids import new_id

UTC = UTC
STOCKHOLM = ZoneInfo("Europe/Stockholm")
WARSAW = ZoneInfo("Europe/Warsaw")


def vendor(
    country="SE",
    categories=("public", "de_facto"),
    zone="Europe/Stockholm",
    hours="Mon-Fri 08:00-17:00",
    subdivision=None,
    name="Kronan Datacenter AB",
) -> Vendor:
    return Vendor(new_id(), name, ("database servers",), country, subdivision, categories, zone, hours)


def contact(of: Vendor, name="Åsa Bergström", hours=None, zone=None, always=False) -> Contact:
    return Contact(new_id(), of.id, name, "DBA", ("+46705551234",), "asa@example.se", zone, hours, always)


def absence(of: Vendor, who: Contact | None, start: datetime, end: datetime, reason: str) -> Absence:
    return Absence(new_id(), of.id, who.id if who else None, start, end, reason)


def local(*args: int, zone=STOCKHOLM) -> datetime:
    return datetime(*args, tzinfo=zone)


# --- the scenario, checked by hand against the Swedish and Polish calendars ----------------

CHRISTMAS_EVE_10 = datetime.fromisoformat("2013-12-24T10:00+01:00")
EXPECTED = {
    # contact: (reachable, reason, next reachable in local time or None)
    "Service desk": (False, "Christmas Eve (SE)", local(2013, 12, 27, 8, 0)),
    "Elin Sjöberg": (True, "always on call", None),
    "Göran Lindqvist": (False, "Christmas Eve (SE)", local(2013, 12, 27, 9, 0)),
    "Support desk": (False, "Christmas Eve (SE)", local(2013, 12, 27, 7, 0)),
    # on leave 20 Dec - 6 Jan (DTEND 7 Jan exclusive); back Tuesday 7 Jan at 08:00
    "Åsa Bergström": (False, "Föräldraledig through 2014-01-06", local(2014, 1, 7, 8, 0)),
    "Network operations centre": (True, "always on call", None),
    # Nordvik observes only public holidays: Christmas Eve is an ordinary Tuesday
    "Mikael Håkansson": (True, "", None),
    # 24 Dec 2013 was no public holiday in Poland, but the office calendar closes 24-26 Dec
    "Ticket portal": (False, "Office closed for Christmas through 2013-12-26", local(2013, 12, 27, 9, 0, zone=WARSAW)),
    # leave 23 Dec - 2 Jan; back Friday 3 Jan
    "Paweł Wiśniewski": (False, "Annual leave through 2014-01-02", local(2014, 1, 3, 9, 0, zone=WARSAW)),
    "Duty manager": (True, "always on call", None),
}


@pytest.fixture(scope="module")
def scenario():
    return load_scenario()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_scenario_on_christmas_eve(scenario, name: str) -> None:
    who = scenario.contact(name)
    of = next(v for v in scenario.vendors if v.id == who.vendor_id)
    result = availability(who, of, CHRISTMAS_EVE_10, scenario.absences)
    assert (result.reachable, result.reason, result.next_reachable_at) == EXPECTED[name]
    assert result.local_time == CHRISTMAS_EVE_10
    assert result.local_time.tzinfo == ZoneInfo(of.timezone)
    if result.next_reachable_at:
        assert result.next_reachable_at.tzinfo == UTC


def test_scenario_whole_directory_at_once(scenario) -> None:
    results = [
        a
        for v in scenario.vendors
        for a in vendor_availability(v, scenario.contacts, CHRISTMAS_EVE_10, scenario.absences)
    ]
    names = {c.id: c.name for c in scenario.contacts}
    reachable = {names[a.contact_id] for a in results if a.reachable}
    assert len(results) == len(scenario.contacts)
    assert reachable == {"Elin Sjöberg", "Network operations centre", "Mikael Håkansson", "Duty manager"}


# --- holidays: categories, subdivisions, runs ---------------------------------------------


def test_swedish_christmas_eve_is_de_facto_not_public() -> None:
    public_only = vendor(categories=("public",))
    with_de_facto = vendor(categories=("public", "de_facto"))
    at = local(2013, 12, 24, 10, 0)
    assert availability(contact(public_only), public_only, at, ()).reachable
    result = availability(contact(with_de_facto), with_de_facto, at, ())
    assert (result.reachable, result.reason, result.cause) == (False, "Christmas Eve (SE)", Cause.HOLIDAY)


def test_polish_christmas_eve_became_public_only_in_2025() -> None:
    polish = vendor(country="PL", categories=("public",), zone="Europe/Warsaw", hours="Mon-Fri 09:00-17:00")
    assert availability(contact(polish), polish, local(2013, 12, 24, 10, 0, zone=WARSAW), ()).reachable
    result = availability(contact(polish), polish, local(2025, 12, 24, 10, 0, zone=WARSAW), ())
    assert result.reason == "Christmas Eve (PL)"
    assert result.next_reachable_at == local(2025, 12, 29, 9, 0, zone=WARSAW)  # 25, 26, weekend


def test_german_state_holiday_applies_only_in_its_land() -> None:
    epiphany = local(2014, 1, 6, 10, 0, zone=ZoneInfo("Europe/Berlin"))  # a Monday
    bavaria = vendor(country="DE", subdivision="BY", categories=("public",), zone="Europe/Berlin")
    berlin = vendor(country="DE", subdivision="BE", categories=("public",), zone="Europe/Berlin")
    assert availability(contact(berlin), berlin, epiphany, ()).reachable
    result = availability(contact(bavaria), bavaria, epiphany, ())
    assert result.cause == Cause.HOLIDAY and result.reason.endswith("(DE-BY)")


def test_us_state_holiday() -> None:
    boston = ZoneInfo("America/New_York")
    massachusetts = vendor(country="US", subdivision="MA", categories=("public",), zone="America/New_York")
    new_york = vendor(country="US", subdivision="NY", categories=("public",), zone="America/New_York")
    patriots_day = local(2014, 4, 21, 10, 0, zone=boston)
    assert availability(contact(new_york), new_york, patriots_day, ()).reachable
    assert availability(contact(massachusetts), massachusetts, patriots_day, ()).reason == "Patriots' Day (US-MA)"


@pytest.mark.parametrize(
    ("asked", "expected"),
    [
        (local(2013, 12, 23, 18, 0), local(2013, 12, 27, 8, 0)),  # Christmas Eve, Day, Boxing Day
        (local(2013, 12, 27, 18, 0), local(2013, 12, 30, 8, 0)),  # the weekend
        (local(2013, 12, 30, 18, 0), local(2014, 1, 2, 8, 0)),  # New Year's Eve (de facto), Day
        (local(2014, 1, 3, 18, 0), local(2014, 1, 7, 8, 0)),  # weekend, then Epiphany Monday
    ],
)
def test_next_reachable_skips_runs_of_holidays(asked: datetime, expected: datetime) -> None:
    swedish = vendor()
    result = availability(contact(swedish), swedish, asked, ())
    assert not result.reachable
    assert result.next_reachable_at == expected


# --- hours, overnight, DST ---------------------------------------------------------------


def test_outside_hours_reason_names_hours_and_zone() -> None:
    swedish = vendor()
    result = availability(contact(swedish), swedish, local(2013, 12, 20, 18, 0), ())
    assert result.reason == "outside Mon-Fri 08:00-17:00 Europe/Stockholm"
    assert result.cause == Cause.HOURS and result.short_reason == "outside hours"
    assert result.next_reachable_at == local(2013, 12, 23, 8, 0)


def test_contact_in_its_own_zone_keeps_the_vendors_holidays() -> None:
    swedish = vendor()
    in_tokyo = contact(swedish, name="東京 Ọlá", zone="Asia/Tokyo", hours="Mon-Fri 09:00-17:00")
    result = availability(in_tokyo, swedish, datetime(2013, 12, 20, 9, 0, tzinfo=UTC), ())
    assert result.local_time.hour == 18 and str(result.local_time.tzinfo) == "Asia/Tokyo"
    assert result.reason == "outside Mon-Fri 09:00-17:00 Asia/Tokyo"
    assert result.next_reachable_at == local(2013, 12, 23, 9, 0, zone=ZoneInfo("Asia/Tokyo"))


def test_overnight_hours() -> None:
    night_shift = vendor(hours="Mon-Fri 22:00-06:00", categories=("public",))
    who = contact(night_shift)
    assert availability(who, night_shift, local(2013, 12, 13, 23, 0), ()).reachable  # Friday night
    assert availability(who, night_shift, local(2013, 12, 14, 5, 0), ()).reachable  # into Saturday
    saturday = availability(who, night_shift, local(2013, 12, 14, 7, 0), ())
    assert saturday.next_reachable_at == local(2013, 12, 16, 22, 0)


def test_overnight_shift_across_fall_back() -> None:
    night_shift = vendor(hours="Sat 22:00-06:00", categories=("public",))
    who = contact(night_shift)
    second_0230 = datetime(2013, 10, 27, 1, 30, tzinfo=UTC)  # 02:30 CET, after the change
    assert availability(who, night_shift, second_0230, ()).reachable
    assert availability(who, night_shift, datetime(2013, 10, 27, 4, 59, tzinfo=UTC), ()).reachable
    ended = availability(who, night_shift, datetime(2013, 10, 27, 5, 0, tzinfo=UTC), ())  # 06:00 CET
    assert not ended.reachable
    # Saturday 2 Nov is All Saints' Day in Sweden: the holiday test is on the local date,
    # so next week's shift counts only from midnight
    assert ended.next_reachable_at == local(2013, 11, 3, 0, 0)


def test_next_reachable_across_spring_forward() -> None:
    swedish = vendor()
    result = availability(contact(swedish), swedish, local(2014, 3, 28, 18, 0), ())
    assert result.next_reachable_at == datetime(2014, 3, 31, 6, 0, tzinfo=UTC)  # 08:00 CEST


def test_next_reachable_across_fall_back() -> None:
    swedish = vendor()
    result = availability(contact(swedish), swedish, local(2013, 10, 25, 18, 0), ())
    assert result.next_reachable_at == datetime(2013, 10, 28, 7, 0, tzinfo=UTC)  # 08:00 CET


def test_naive_instant_is_refused() -> None:
    swedish = vendor()
    with pytest.raises(NaiveDateTimeError):
        availability(contact(swedish), swedish, datetime(2013, 12, 24, 10, 0), ())


# --- absences and always on call ------------------------------------------------------


def test_absence_ending_midday_shows_its_end_time_and_beats_hours() -> None:
    swedish = vendor(hours="Mon-Fri 09:00-16:00")
    goran = contact(swedish, name="Göran Lindqvist")
    away = absence(swedish, goran, local(2013, 12, 27, 12, 0), local(2013, 12, 30, 9, 0), "Travelling, no phone")
    result = availability(goran, swedish, local(2013, 12, 28, 12, 0), (away,))
    assert result.reason == "Travelling, no phone until 2013-12-30 09:00"
    assert (result.cause, result.short_reason) == (Cause.ABSENCE, "Travelling, no phone")
    assert result.next_reachable_at == local(2013, 12, 30, 9, 0)


def test_absence_beats_holiday_and_chains_into_the_next_absence() -> None:
    swedish = vendor()
    asa = contact(swedish)
    leave = absence(swedish, asa, local(2013, 12, 20, 0, 0), local(2014, 1, 3, 0, 0), "Annual leave")
    course = absence(swedish, asa, local(2014, 1, 2, 0, 0), local(2014, 1, 8, 12, 0), "Course")
    result = availability(asa, swedish, local(2013, 12, 24, 10, 0), (leave, course))
    assert result.reason == "Annual leave through 2014-01-02"
    assert result.next_reachable_at == local(2014, 1, 8, 12, 0)


def test_vendor_closure_applies_to_everyone_but_always_on_call() -> None:
    swedish = vendor(categories=("public",))
    desk, duty = contact(swedish, name="Desk"), contact(swedish, name="Duty", always=True)
    closed = absence(swedish, None, local(2013, 12, 9, 0, 0), local(2013, 12, 10, 0, 0), "Office move")
    at = local(2013, 12, 9, 10, 0)
    desk_now = availability(desk, swedish, at, (closed,))
    assert (desk_now.reason, desk_now.cause) == ("Office move through 2013-12-09", Cause.CLOSURE)
    assert desk_now.next_reachable_at == local(2013, 12, 10, 8, 0)
    duty_now = availability(duty, swedish, at, (closed,))
    assert (duty_now.reachable, duty_now.reason, duty_now.cause) == (True, "always on call", Cause.ALWAYS_ON_CALL)


def test_always_on_call_is_reachable_at_night_and_on_holidays() -> None:
    swedish = vendor()
    elin = contact(swedish, name="Elin Sjöberg", hours="24/7", always=True)
    result = availability(elin, swedish, local(2013, 12, 25, 3, 0), ())
    assert (result.reachable, result.reason, result.next_reachable_at) == (True, "always on call", None)


def test_personal_leave_beats_always_on_call() -> None:
    swedish = vendor()
    elin = contact(swedish, name="Elin Sjöberg", always=True)
    leave = absence(swedish, elin, local(2013, 12, 23, 0, 0), local(2013, 12, 30, 0, 0), "Annual leave")
    result = availability(elin, swedish, local(2013, 12, 25, 3, 0), (leave,))
    assert (result.reachable, result.reason) == (False, "Annual leave through 2013-12-29")
    assert result.next_reachable_at == local(2013, 12, 30, 0, 0)  # on call again at once


def test_other_contacts_and_vendors_absences_do_not_count() -> None:
    swedish, other = vendor(), vendor(name="Nordvik Nät AB")
    asa, mikael = contact(swedish), contact(swedish, name="Mikael Håkansson")
    leave = absence(swedish, mikael, local(2013, 12, 2, 0, 0), local(2013, 12, 7, 0, 0), "Leave")
    closed = absence(other, None, local(2013, 12, 2, 0, 0), local(2013, 12, 7, 0, 0), "Closed")
    assert availability(asa, swedish, local(2013, 12, 3, 10, 0), (leave, closed)).reachable


def test_nobody_reachable_within_the_horizon_gives_none() -> None:
    swedish = vendor()
    asa = contact(swedish)
    sabbatical = absence(swedish, asa, local(2013, 1, 1, 0, 0), local(2016, 1, 1, 0, 0), "Sabbatical")
    result = availability(asa, swedish, local(2013, 12, 24, 10, 0), (sabbatical,))
    assert not result.reachable and result.next_reachable_at is None


# --- validation --------------------------------------------------------------------------


def test_validate_zone() -> None:
    assert validate_zone(" Europe/Stockholm ") == "Europe/Stockholm"
    for bad in ("Europe/Stokholm", "", "Europe", "../etc/passwd"):
        with pytest.raises(ValidationError, match="not a known time zone"):
            validate_zone(bad)


def test_validate_country_and_subdivision() -> None:
    assert validate_country("se", "") == ("SE", None)
    assert validate_country("DE", "by") == ("DE", "BY")
    with pytest.raises(ValidationError, match="'XX' is not a country"):
        validate_country("XX", None)
    with pytest.raises(ValidationError, match="'ZZ' is not a subdivision of DE"):
        validate_country("DE", "ZZ")


def test_validate_categories() -> None:
    assert validate_categories("SE", ["public", "de_facto", "public"]) == ("public", "de_facto")
    assert validate_categories("SE", []) == ("public",)
    with pytest.raises(ValidationError, match="'de_facto' is not a holiday category of PL"):
        validate_categories("PL", ["public", "de_facto"])


def test_all_instants_are_utc_or_contact_local() -> None:
    swedish = vendor()
    result = availability(contact(swedish), swedish, datetime(2013, 12, 21, 12, tzinfo=UTC), ())
    assert result.next_reachable_at.tzinfo == UTC
    assert result.local_time.utcoffset() == timedelta(hours=1)


def test_directory_availability_covers_every_vendor_in_order(scenario) -> None:
    results = directory_availability(scenario.vendors, scenario.contacts, CHRISTMAS_EVE_10, scenario.absences)
    assert [a.contact_id for a in results] == [c.id for c in scenario.contacts]
    assert sum(a.reachable for a in results) == 4
