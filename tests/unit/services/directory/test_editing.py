"""Typing the directory in: validation names the field; deletes are tombstones."""

from __future__ import annotations

import pytest

from warroom.domain.clock import parse_iso
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.services.directory.service import DirectoryService

BERLIN = dict(
    country="de",
    subdivision="by",
    holiday_categories="public",
    timezone="Europe/Berlin",
    hours="mon-fri 8:00-17:00",
    layers="load balancers; DNS; ;DNS",
)


def test_add_vendor_and_contact_normalise_their_fields(ctx):
    directory = DirectoryService(ctx)
    vendor = directory.add_vendor("  Münchner   Netz GmbH ", sla_response_min="30", **BERLIN)
    assert (vendor.name, vendor.country, vendor.subdivision, vendor.hours, vendor.layers, vendor.sla_response_min) == (
        "Münchner Netz GmbH",
        "DE",
        "BY",
        "Mon-Fri 08:00-17:00",
        ("load balancers", "DNS"),
        30,
    )
    person = directory.add_contact(
        vendor.id,
        "Ọlá Adéwálé",
        role="NOC",
        phones="089 1234567; +49 30 901820",
        email="ola@example.de",
        hours="Sat-Sun 22:00-06:00",
        always_on_call=False,
    )
    assert person.phones == ("+49891234567", "+4930901820")
    assert person.hours == "Sat-Sun 22:00-06:00" and person.timezone is None
    view = directory.vendor("münchner netz gmbh")
    assert [c.name for c in view.contacts] == ["Ọlá Adéwálé"]


@pytest.mark.parametrize(
    "fields, message",
    [
        (dict(country="XX"), r"^Country: 'XX' is not a country"),
        (dict(subdivision="ZZ"), r"^Subdivision: 'ZZ' is not a subdivision of DE"),
        (dict(timezone="Mars/Olympus"), r"^Time zone: 'Mars/Olympus' is not a known time zone"),
        (dict(hours="Mon-Fri 08:00-25:00"), r"^Hours: "),
        (dict(holiday_categories="public;pagan"), r"^Holiday categories: 'pagan' is not a holiday category of DE"),
        (dict(sla_response_min="soon"), r"^SLA response: 'soon' is not a whole number"),
    ],
)
def test_vendor_validation_names_the_field(ctx, fields, message):
    directory = DirectoryService(ctx)
    with pytest.raises(ValidationError, match=message):
        directory.add_vendor("Bad GmbH", **{**BERLIN, **fields})
    assert directory.vendors() == []


def test_contact_validation_names_the_field(ctx):
    directory = DirectoryService(ctx)
    vendor = directory.add_vendor("Netz GmbH", **BERLIN)
    with pytest.raises(ValidationError, match=r"^Phone: '12' is not a valid phone number for DE\."):
        directory.add_contact(vendor.id, "A", phones=("12",))
    with pytest.raises(ValidationError, match=r"^Email: 'a@b' is not an email address"):
        directory.add_contact(vendor.id, "A", email="a@b")
    with pytest.raises(ValidationError, match=r"^Name: a contact needs a name"):
        directory.add_contact(vendor.id, "   ")
    with pytest.raises(ValidationError, match=r"Cannot set pager of a contact"):
        directory.add_contact(vendor.id, "A", pager="x")
    first = directory.add_contact(vendor.id, "Åsa Bergström")
    with pytest.raises(ValidationError, match=r"already has a contact named 'Åsa Bergström'"):
        directory.add_contact(vendor.id, "åsa  bergström")
    with pytest.raises(ValidationError, match=r"^Name: a vendor named 'Netz GmbH' is already"):
        directory.add_vendor("NETZ gmbh", **BERLIN)
    changed = directory.update_contact(first.id, timezone="Asia/Tokyo", notes="東京 office 🙂")
    assert changed.timezone == "Asia/Tokyo" and directory.contact(first.id).notes == "東京 office 🙂"


def test_levels_absences_and_deletes(ctx):
    directory = DirectoryService(ctx)
    vendor = directory.add_vendor("Netz GmbH", **BERLIN)
    desk = directory.add_contact(vendor.id, "Desk")
    boss = directory.add_contact(vendor.id, "Boss", always_on_call=True)
    directory.set_level(vendor.id, 1, [desk.id], wait_min=15)
    directory.set_level(vendor.id, 2, [boss.id, desk.id])
    directory.set_level(vendor.id, 1, [desk.id], wait_min=20)  # replaces level 1
    with pytest.raises(ValidationError, match="name one or more of this vendor's own contacts"):
        directory.set_level(vendor.id, 3, ["someone-else"])
    assert [(lv.level, lv.wait_min) for lv in directory.vendor(vendor.id).levels] == [(1, 20), (2, None)]
    leave = directory.add_absence(
        vendor.id,
        parse_iso("2013-12-23T00:00+01:00"),
        parse_iso("2014-01-03T00:00+01:00"),
        "Urlaub",
        contact_id=boss.id,
    )
    at = parse_iso("2013-12-27T10:00+01:00")
    boss_row = next(r for r in directory.reachable(at=at) if r.contact.id == boss.id)
    assert not boss_row.reachable and boss_row.reason == "Urlaub through 2014-01-02"
    with pytest.raises(ValidationError, match="^Ends: an absence must end after it starts"):
        directory.add_absence(vendor.id, at, at, "x")
    directory.delete_absence(leave.id)
    assert directory.absences() == []
    directory.delete_contact(desk.id)
    assert [(lv.level, lv.contact_ids) for lv in directory.vendor(vendor.id).levels] == [(2, (boss.id,))]
    directory.delete_vendor(vendor.id)
    assert directory.vendors() == [] and directory.snapshot().contacts == ()
    with pytest.raises(NotFoundError):
        directory.update_vendor(vendor.id, notes="x")
