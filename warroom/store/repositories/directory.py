"""The vendor directory and contact attempts, read and written as domain values.

Deletes are tombstones, so another laptop learns of them. `save_*` changes only the
fields whose value differs and says whether anything changed; `add_*` creates the row.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from sqlalchemy import func, select

from warroom.domain.clock import as_utc
from warroom.domain.directory import (
    Absence,
    Channel,
    Contact,
    ContactAttempt,
    EscalationLevel,
    Outcome,
    Vendor,
)
from warroom.store.models import (
    AbsenceRow,
    ContactAttemptRow,
    ContactRow,
    EscalationLevelRow,
    VendorRow,
)
from warroom.store.repositories.base import Repository, row_of


def vendor_from_row(r: VendorRow) -> Vendor:
    return Vendor(
        id=r.id,
        name=r.name,
        layers=tuple(r.layers or ()),
        country=r.country,
        subdivision=r.subdivision,
        holiday_categories=tuple(r.holiday_categories or ()),
        timezone=r.timezone,
        hours=r.hours,
        sla_response_min=r.sla_response_min,
        contract_ref=r.contract_ref or "",
        notes=r.notes or "",
        sla_clock=r.sla_clock or "business",
        active=r.active is not False,
    )


def contact_from_row(r: ContactRow) -> Contact:
    return Contact(
        id=r.id,
        vendor_id=r.vendor_id,
        name=r.name,
        role=r.role or "",
        phones=tuple(r.phones or ()),
        email=r.email,
        timezone=r.timezone,
        hours=r.hours,
        always_on_call=bool(r.always_on_call),
        notes=r.notes or "",
        country=r.country or None,
        subdivision=r.subdivision or None,
        holiday_categories=tuple(r.holiday_categories or ()),
        active=r.active is not False,
    )


def level_from_row(r: EscalationLevelRow) -> EscalationLevel:
    return EscalationLevel(
        id=r.id, vendor_id=r.vendor_id, level=r.level, contact_ids=tuple(r.contact_ids or ()), wait_min=r.wait_min
    )


def absence_from_row(r: AbsenceRow) -> Absence:
    return Absence(
        id=r.id,
        vendor_id=r.vendor_id,
        contact_id=r.contact_id,
        starts_at=r.starts_at,
        ends_at=r.ends_at,
        reason=r.reason or "",
        source_uid=r.source_uid,
        source=r.source,
    )


def attempt_from_row(r: ContactAttemptRow) -> ContactAttempt:
    return ContactAttempt(
        id=r.id,
        incident_id=r.incident_id,
        vendor_id=r.vendor_id,
        contact_id=r.contact_id,
        at=r.at,
        channel=Channel(r.channel),
        outcome=Outcome(r.outcome),
        ticket=r.ticket or "",
        note=r.note or "",
        author=r.author,
        entry_id=r.entry_id,
    )


def imported_contact_row(c: Contact) -> dict[str, Any]:
    return {
        "id": c.id,
        "vendor_id": c.vendor_id,
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
        "holiday_categories": list(c.holiday_categories) or None,
        "active": c.active,
    }


def new_level_row(lv: EscalationLevel) -> dict[str, Any]:
    """row_of(lv, deleted=False), spelled out: a large import writes a level for every three contacts."""
    return {
        "id": lv.id,
        "vendor_id": lv.vendor_id,
        "level": lv.level,
        "contact_ids": list(lv.contact_ids),
        "wait_min": lv.wait_min,
        "deleted": False,
    }


def imported_absence_row(a: Absence) -> dict[str, Any]:
    return {
        "id": a.id,
        "vendor_id": a.vendor_id,
        "contact_id": a.contact_id,
        "starts_at": as_utc(a.starts_at),
        "ends_at": as_utc(a.ends_at),
        "reason": a.reason,
        "source_uid": a.source_uid,
    }


class DirectoryRepository(Repository):
    # -- writing ----------------------------------------------------------------
    def add_vendor(self, vendor: Vendor) -> None:
        self._add("vendors", vendor)

    def save_vendor(self, vendor: Vendor) -> bool:
        return self._save("vendors", vendor)

    def remove_vendor(self, vendor_id: str) -> None:
        """Tombstones the vendor with its contacts, path and absences."""
        for table, rows in (
            ("contacts", self.contacts(vendor_id)),
            ("escalation_levels", self.levels(vendor_id)),
            ("absences", self.absences(vendor_id)),
        ):
            for row in rows:
                self._tombstone(table, row.id)
        self._tombstone("vendors", vendor_id)

    def add_contact(self, contact: Contact) -> None:
        self._add("contacts", contact)

    def save_contact(self, contact: Contact) -> bool:
        return self._save("contacts", contact)

    def remove_contact(self, contact: Contact) -> None:
        """Tombstones the contact and takes it off its vendor's path (a level left empty goes too)."""
        self._take_off_path(contact)
        self._tombstone("contacts", contact.id)

    def retire_contact(self, contact: Contact) -> None:
        """Takes the contact off its vendor's path and keeps it, inactive, for the record."""
        self._take_off_path(contact)
        self.save_imported_contact(dataclasses.replace(contact, active=False))

    def _take_off_path(self, contact: Contact) -> None:
        for level in self.levels(contact.vendor_id):
            if contact.id in level.contact_ids:
                rest = [cid for cid in level.contact_ids if cid != contact.id]
                values: dict[str, Any] = {"contact_ids": rest} if rest else {"deleted": True}
                self.writer.update("escalation_levels", level.id, values)

    # Imports (and retiring) write contacts and absences in their own shape, kept as it was:
    # a contact without holiday categories of its own stores none (NULL, not an empty list), and
    # an absence's source is left to mark_absence_source, once the whole calendar is known.
    def add_imported_contact(self, contact: Contact) -> None:
        self.writer.create("contacts", {**imported_contact_row(contact), "deleted": False})

    def add_imported_contacts(self, contacts: list[Contact]) -> None:
        """Many new contacts at once (a large import): the same rows as add_imported_contact."""
        self.writer.create_many("contacts", [{**imported_contact_row(c), "deleted": False} for c in contacts])

    def add_vendors(self, vendors: list[Vendor]) -> None:
        self.writer.create_many("vendors", [row_of(v, deleted=False) for v in vendors])

    def add_levels(self, levels: list[EscalationLevel]) -> None:
        self.writer.create_many("escalation_levels", [new_level_row(lv) for lv in levels])

    def save_imported_contact(self, contact: Contact) -> bool:
        row = imported_contact_row(contact)
        return self.writer.update("contacts", row.pop("id"), row)

    def add_imported_absence(self, absence: Absence) -> None:
        self.writer.create("absences", {**imported_absence_row(absence), "deleted": False})

    def save_imported_absence(self, absence: Absence) -> bool:
        row = imported_absence_row(absence)
        return self.writer.update("absences", row.pop("id"), row)

    def mark_absence_source(self, absence_id: str, source: str) -> None:
        """The calendar (file name or URL) an absence was imported from, so a re-import can remove it."""
        self.writer.update("absences", absence_id, {"source": source})

    def add_level(self, level: EscalationLevel) -> None:
        self._add("escalation_levels", level)

    def save_level(self, level: EscalationLevel) -> bool:
        return self._save("escalation_levels", level)

    def remove_level(self, level_id: str) -> None:
        self._tombstone("escalation_levels", level_id)

    def add_absence(self, absence: Absence) -> None:
        self._add("absences", absence)

    def save_absence(self, absence: Absence) -> bool:
        return self._save("absences", absence)

    def remove_absence(self, absence_id: str) -> None:
        self._tombstone("absences", absence_id)

    def add_attempt(self, attempt: ContactAttempt) -> None:
        """Attempts are append-only: what was tried stays as it was logged."""
        self.writer.append("contact_attempts", row_of(attempt))

    def _add(self, table_name: str, value: Vendor | Contact | EscalationLevel | Absence) -> None:
        self.writer.create(table_name, row_of(value, deleted=False))

    def _save(self, table_name: str, value: Vendor | Contact | EscalationLevel | Absence) -> bool:
        """Only the fields whose value differs are written (and stamped)."""
        row = row_of(value)
        return self.writer.update(table_name, row.pop("id"), row)

    # -- reading ----------------------------------------------------------------
    def vendors(self) -> list[Vendor]:
        rows = self.session.scalars(select(VendorRow).where(VendorRow.deleted.is_(False)).order_by(VendorRow.name))
        return [vendor_from_row(r) for r in rows]

    def vendor(self, vendor_id: str) -> Vendor | None:
        r = self.session.get(VendorRow, vendor_id)
        return vendor_from_row(r) if r is not None and not r.deleted else None

    def vendor_by_name(self, name: str) -> Vendor | None:
        r = self.session.scalars(
            select(VendorRow).where(func.lower(VendorRow.name) == name.strip().lower(), VendorRow.deleted.is_(False))
        ).first()
        return vendor_from_row(r) if r is not None else None

    def contacts(self, vendor_id: str | None = None) -> list[Contact]:
        q = select(ContactRow).where(ContactRow.deleted.is_(False))
        if vendor_id is not None:
            q = q.where(ContactRow.vendor_id == vendor_id)
        return [contact_from_row(r) for r in self.session.scalars(q.order_by(ContactRow.name))]

    def contact(self, contact_id: str) -> Contact | None:
        r = self.session.get(ContactRow, contact_id)
        return contact_from_row(r) if r is not None and not r.deleted else None

    def contact_by_name(self, vendor_id: str, name: str) -> Contact | None:
        r = self.session.scalars(
            select(ContactRow).where(
                ContactRow.vendor_id == vendor_id,
                ContactRow.deleted.is_(False),
                func.lower(ContactRow.name) == name.strip().lower(),
            )
        ).first()
        return contact_from_row(r) if r is not None else None

    def levels(self, vendor_id: str | None = None) -> list[EscalationLevel]:
        q = select(EscalationLevelRow).where(EscalationLevelRow.deleted.is_(False))
        if vendor_id is not None:
            q = q.where(EscalationLevelRow.vendor_id == vendor_id)
        rows = self.session.scalars(q.order_by(EscalationLevelRow.vendor_id, EscalationLevelRow.level))
        return [level_from_row(r) for r in rows]

    def absences(self, vendor_id: str | None = None) -> list[Absence]:
        q = select(AbsenceRow).where(AbsenceRow.deleted.is_(False))
        if vendor_id is not None:
            q = q.where(AbsenceRow.vendor_id == vendor_id)
        return [absence_from_row(r) for r in self.session.scalars(q.order_by(AbsenceRow.starts_at))]

    def attempts(self, incident_id: str) -> list[ContactAttempt]:
        rows = self.session.scalars(
            select(ContactAttemptRow)
            .where(ContactAttemptRow.incident_id == incident_id)
            .order_by(ContactAttemptRow.at, ContactAttemptRow.id)
        )
        return [attempt_from_row(r) for r in rows]

    def has_attempts(self, *, vendor_id: str | None = None, contact_id: str | None = None) -> bool:
        """Whether any incident recorded an attempt to reach this vendor or contact."""
        q = select(ContactAttemptRow.id)
        if vendor_id is not None:
            q = q.where(ContactAttemptRow.vendor_id == vendor_id)
        if contact_id is not None:
            q = q.where(ContactAttemptRow.contact_id == contact_id)
        return self.session.scalars(q.limit(1)).first() is not None

    def attempt(self, attempt_id: str) -> ContactAttempt | None:
        r = self.session.get(ContactAttemptRow, attempt_id)
        return attempt_from_row(r) if r is not None else None
