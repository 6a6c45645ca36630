"""People who work elsewhere: a contact's own country, subdivision and categories beat the vendor's."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from zoneinfo import ZoneInfo

from warroom.domain.availability import Cause, availability, contact_place
from warroom.domain.directory import Contact, Vendor

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO_VENDOR = Vendor(
    "v1", "Lakeshore Networks", ("edge",), "US", "IL", ("public",), "America/Chicago", "Mon-Fri 08:00-17:00"
)
DESK = Contact("c1", "v1", "Chicago desk", "NOC", (), None, None, None)
DANA = dataclasses.replace(DESK, id="c2", name="Dana Reyes", timezone="America/New_York", subdivision="NY")
ELECTION_DAY_NOON = datetime(2025, 11, 4, 12, 0, tzinfo=NEW_YORK)  # a New York holiday, not an Illinois one


def test_a_new_yorker_under_a_chicago_vendor_takes_new_york_days_off():
    desk = availability(DESK, CHICAGO_VENDOR, ELECTION_DAY_NOON, ())
    dana = availability(DANA, CHICAGO_VENDOR, ELECTION_DAY_NOON, ())
    assert desk.reachable and desk.local_time.hour == 11
    assert not dana.reachable
    assert (dana.cause, dana.reason) == (Cause.HOLIDAY, "Election Day (US-NY)")
    assert dana.next_reachable_at == datetime(2025, 11, 5, 8, 0, tzinfo=NEW_YORK)


def test_an_own_country_brings_no_vendor_subdivision_and_keeps_categories_it_knows():
    berliner = dataclasses.replace(DESK, country="DE", subdivision=None)
    assert contact_place(berliner, CHICAGO_VENDOR) == ("DE", None, ("public",))
    bavarian = dataclasses.replace(DESK, country="DE", subdivision="BY", holiday_categories=("public", "catholic"))
    assert contact_place(bavarian, CHICAGO_VENDOR) == ("DE", "BY", ("public", "catholic"))
    assert contact_place(DESK, CHICAGO_VENDOR) == ("US", "IL", ("public",))
    assert contact_place(DANA, CHICAGO_VENDOR) == ("US", "NY", ("public",))


def test_a_contact_abroad_is_off_on_their_own_national_holiday():
    in_stockholm = dataclasses.replace(
        DESK, country="SE", timezone="Europe/Stockholm", holiday_categories=("public", "de_facto")
    )
    midsummer_eve = datetime(2025, 6, 20, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert availability(DESK, CHICAGO_VENDOR, midsummer_eve.replace(hour=16), ()).reachable
    found = availability(in_stockholm, CHICAGO_VENDOR, midsummer_eve, ())
    assert (found.reachable, found.reason) == (False, "Midsummer Eve (SE)")
