"""The christmas-release directory (vendors.csv + the vendors' ICS calendars) as domain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from tests.data import SCENARIO as SCENARIO_DIR
from warroom.domain.directory import Absence, Contact, EscalationLevel, Vendor
from warroom.domain.ids import new_id
from warroom.integrations.directory_csv import parse_directory_csv
from warroom.integrations.directory_records import (
    DirectoryImport,
    contact_from_record,
    levels_from_record,
    vendor_from_record,
)
from warroom.integrations.ics import parse_calendar

SCENARIO = SCENARIO_DIR
CALENDARS = {
    "Kronan Datacenter AB": "kronan-datacenter.ics",
    "Integra Meddelande AB": "integra.ics",
    "Baltic Perimeter Sp. z o.o.": "baltic-perimeter.ics",
}
WINDOW = (datetime(2013, 11, 1, tzinfo=UTC), datetime(2014, 3, 1, tzinfo=UTC))


@dataclass(frozen=True)
class Directory:
    vendors: tuple[Vendor, ...]
    contacts: tuple[Contact, ...]
    levels: tuple[EscalationLevel, ...]
    absences: tuple[Absence, ...]

    def vendor(self, name: str) -> Vendor:
        return next(v for v in self.vendors if v.name == name)

    def contact(self, name: str) -> Contact:
        return next(c for c in self.contacts if c.name == name)

    def contacts_of(self, vendor: Vendor) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.vendor_id == vendor.id)


def scenario_file(name: str) -> bytes:
    path = SCENARIO / name
    if not path.exists():
        pytest.skip(f"scenario file {path} is not here")
    return path.read_bytes()


def build_directory(imported: DirectoryImport) -> tuple[list[Vendor], list[Contact], list[EscalationLevel]]:
    vendors, contacts, levels = [], [], []
    for record in imported.vendors:
        vendor = vendor_from_record(record, new_id())
        ids = {c.name: new_id() for c in record.contacts}
        vendors.append(vendor)
        contacts.extend(contact_from_record(c, vendor.id, ids[c.name]) for c in record.contacts)
        levels.extend(levels_from_record(record, vendor.id, ids, [new_id() for _ in record.levels]))
    return vendors, contacts, levels


def load_scenario() -> Directory:
    vendors, contacts, levels = build_directory(parse_directory_csv(scenario_file("vendors.csv")))
    absences = []
    for vendor in vendors:
        if vendor.name in CALENDARS:
            data = scenario_file(CALENDARS[vendor.name])
            for record in parse_calendar(data, vendor, contacts, *WINDOW):
                absences.append(
                    Absence(
                        new_id(),
                        record.vendor_id,
                        record.contact_id,
                        record.starts_at,
                        record.ends_at,
                        record.reason,
                        record.source_uid,
                    )
                )
    return Directory(tuple(vendors), tuple(contacts), tuple(levels), tuple(absences))
