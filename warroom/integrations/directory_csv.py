"""The vendor directory as CSV (one row per contact) and JSON.

Format (see ../shared/scenarios/christmas-release/vendors.csv):
- UTF-8, with or without a byte-order mark; comma-separated; a header naming
  exactly COLUMNS in any order.
- The vendor's fields repeat on each of its rows; a later row may leave them
  blank, but may not contradict the first. `layers` and `holiday_categories`
  are ';'-separated; `phone` may hold several numbers separated by ';'.
- `timezone` and `hours` of a vendor's first row are the vendor's; a later
  row with other values gives that contact its own.
- A row with a blank `contact` describes only the vendor.
- `escalation_level` (1, 2, ...) and `escalate_after_min` build the path.
All or nothing: the first bad row raises ValidationError
"FILE line N, column 'C': ..." (the header is line 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import Any

from warroom.domain.directory import Contact, EscalationLevel, Vendor
from warroom.integrations.csv_cells import safe_cell
from warroom.integrations.directory_records import DirectoryImport, VendorRecord
from warroom.integrations.directory_rows import parse_rows, stream_rows

COLUMNS: tuple[str, ...] = (
    "vendor",
    "layers",
    "contact",
    "role",
    "phone",
    "email",
    "timezone",
    "country",
    "subdivision",
    "holiday_categories",
    "hours",
    "escalation_level",
    "escalate_after_min",
    "always_on_call",
    "sla_response_min",
    "notes",
)


# Where a contact works when it is not where the vendor is (blank: the vendor's place).
OPTIONAL_COLUMNS: tuple[str, ...] = ("contact_country", "contact_subdivision", "contact_holiday_categories")


def parse_directory_csv(data: bytes | str, source: str = "vendors.csv") -> DirectoryImport:
    """Every vendor with its contacts and path, or ValidationError for the first bad row."""
    return parse_rows(data, source, COLUMNS, OPTIONAL_COLUMNS)


def stream_directory_csv(data: bytes | str, source: str = "vendors.csv") -> Iterator[VendorRecord]:
    """The vendors in runs of rows as the file is read, then each vendor's path (see stream_rows)."""
    return stream_rows(data, source, COLUMNS, OPTIONAL_COLUMNS)


def export_csv(vendors: Sequence[Vendor], contacts: Sequence[Contact], levels: Sequence[EscalationLevel]) -> str:
    """The directory in the import format; parse_directory_csv reads it back unchanged.

    Cells that a spreadsheet would run as a formula start with `'` (see csv_cells)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = COLUMNS + (OPTIONAL_COLUMNS if any(c.works_elsewhere for c in contacts) else ())
    writer.writerow(columns)
    for vendor in vendors:
        own = [c for c in contacts if c.vendor_id == vendor.id]
        place = _places(vendor, levels)
        ordered = _row_order(vendor, own, place)
        if not ordered or _has_own_settings(ordered[0], vendor):
            writer.writerow(_row(vendor, None, None, columns))
        for contact in ordered:
            writer.writerow(_row(vendor, contact, place.get(contact.id), columns))
    return out.getvalue()


def export_json(
    vendors: Sequence[Vendor], contacts: Sequence[Contact], levels: Sequence[EscalationLevel]
) -> dict[str, Any]:
    """The directory as plain JSON-ready data, ids included."""
    names = {c.id: c.name for c in contacts}
    return {
        "format": "warroom.directory",
        "version": 1,
        "vendors": [_vendor_json(v, contacts, levels, names) for v in vendors],
    }


def _vendor_json(
    vendor: Vendor, contacts: Sequence[Contact], levels: Sequence[EscalationLevel], names: dict[str, str]
) -> dict[str, Any]:
    path = sorted((lv for lv in levels if lv.vendor_id == vendor.id), key=lambda lv: lv.level)
    return {
        "id": vendor.id,
        "name": vendor.name,
        "layers": list(vendor.layers),
        "country": vendor.country,
        "subdivision": vendor.subdivision,
        "holiday_categories": list(vendor.holiday_categories),
        "timezone": vendor.timezone,
        "hours": vendor.hours,
        "sla_response_min": vendor.sla_response_min,
        "contract_ref": vendor.contract_ref,
        "notes": vendor.notes,
        "sla_clock": vendor.sla_clock,
        "active": vendor.active,
        "contacts": [
            {
                "id": c.id,
                "name": c.name,
                "role": c.role,
                "phones": list(c.phones),
                "email": c.email,
                "timezone": c.timezone,
                "hours": c.hours,
                "always_on_call": c.always_on_call,
                "notes": c.notes,
                "country": c.country,
                "subdivision": c.subdivision,
                "holiday_categories": list(c.holiday_categories),
                "active": c.active,
            }
            for c in contacts
            if c.vendor_id == vendor.id
        ],
        "levels": [
            {
                "id": lv.id,
                "level": lv.level,
                "wait_min": lv.wait_min,
                "contacts": [names[cid] for cid in lv.contact_ids if cid in names],
                "contact_ids": list(lv.contact_ids),
            }
            for lv in path
        ],
    }


def _places(vendor: Vendor, levels: Sequence[EscalationLevel]) -> dict[str, EscalationLevel]:
    """Each contact's lowest level on the vendor's path (CSV has room for one)."""
    place: dict[str, EscalationLevel] = {}
    for level in sorted((lv for lv in levels if lv.vendor_id == vendor.id), key=lambda lv: lv.level):
        for contact_id in level.contact_ids:
            place.setdefault(contact_id, level)
    return place


def _row_order(vendor: Vendor, own: list[Contact], place: dict[str, EscalationLevel]) -> list[Contact]:
    """Path order; the first row carries the vendor's own zone and hours when a contact can."""
    ordered = sorted(own, key=lambda c: place[c.id].level if c.id in place else 1 << 30)
    plain = next((c for c in ordered if not _has_own_settings(c, vendor)), None)
    if plain is not None and ordered[0] is not plain:
        ordered.remove(plain)
        ordered.insert(0, plain)
    return ordered


def _has_own_settings(contact: Contact, vendor: Vendor) -> bool:
    return (contact.timezone or vendor.timezone) != vendor.timezone or ((contact.hours or vendor.hours) != vendor.hours)


def _row(
    vendor: Vendor, contact: Contact | None, level: EscalationLevel | None, columns: Sequence[str] = COLUMNS
) -> list[str]:
    values = {
        "vendor": vendor.name,
        "layers": ";".join(vendor.layers),
        "country": vendor.country,
        "subdivision": vendor.subdivision or "",
        "holiday_categories": ";".join(vendor.holiday_categories),
        "sla_response_min": "" if vendor.sla_response_min is None else str(vendor.sla_response_min),
        "timezone": vendor.timezone,
        "hours": vendor.hours,
    }
    if contact is not None:
        values |= {
            "contact": contact.name,
            "role": contact.role,
            "phone": ";".join(contact.phones),
            "email": contact.email or "",
            "timezone": contact.timezone or vendor.timezone,
            "hours": contact.hours or vendor.hours,
            "always_on_call": "yes" if contact.always_on_call else "no",
            "notes": contact.notes,
            "contact_country": contact.country or "",
            "contact_subdivision": contact.subdivision or "",
            "contact_holiday_categories": ";".join(contact.holiday_categories),
        }
    if level is not None:
        values["escalation_level"] = str(level.level)
        values["escalate_after_min"] = "" if level.wait_min is None else str(level.wait_min)
    return [safe_cell(values.get(column, "")) for column in columns]
