"""Typing the directory in: vendors, contacts, escalation levels and absences, validated.

Every refusal is one ValidationError sentence that starts with the field,
e.g. "Phone: '070 12' is not a valid phone number for SE." Deletes are
tombstones, so another laptop learns of them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import datetime

from warroom.domain.availability import validate_categories, validate_country, validate_zone
from warroom.domain.clock import as_utc
from warroom.domain.directory import Absence, Contact, EscalationLevel, Vendor, parse_sla_clock
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.hours import parse_hours
from warroom.domain.ids import new_id
from warroom.integrations.directory_records import check_email, normal_text, parse_phone, vendor_key
from warroom.services.context import ServiceContext
from warroom.store.uow import UnitOfWork

VENDOR_FIELDS = frozenset(f.name for f in dataclasses.fields(Vendor)) - {"id"}
CONTACT_FIELDS = frozenset(f.name for f in dataclasses.fields(Contact)) - {"id", "vendor_id"}


def _field(label: str, check, *args):
    """Run a check; its sentence is prefixed with the field's name."""
    try:
        return check(*args)
    except ValidationError as error:
        text = str(error)
        raise ValidationError(f"{label}: {text[:1].lower() + text[1:] if text[1:2].islower() else text}") from None


def _minutes(value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        try:
            number = int(str(value).strip())
        except ValueError:
            number = -1
        if number < 0:
            raise ValidationError(f"{value!r} is not a whole number of minutes (0 or more).")
        return number
    return value


def _words(values: Iterable[str] | str) -> tuple[str, ...]:
    items = values.split(";") if isinstance(values, str) else values
    return tuple(dict.fromkeys(normal_text(v) for v in items if normal_text(v)))


def checked_vendor(v: Vendor) -> Vendor:
    name = normal_text(v.name)
    if not name:
        raise ValidationError("Name: a vendor needs a name.")
    country = _field("Country", lambda: validate_country(v.country, None)[0])
    return dataclasses.replace(
        v,
        name=name,
        layers=_words(v.layers),
        country=country,
        subdivision=_field("Subdivision", lambda: validate_country(country, v.subdivision)[1]),
        holiday_categories=_field(
            "Holiday categories", lambda: validate_categories(country, _words(v.holiday_categories))
        ),
        timezone=_field("Time zone", validate_zone, v.timezone),
        hours=_field("Hours", lambda: parse_hours(v.hours).describe()),
        sla_response_min=_field("SLA response", _minutes, v.sla_response_min),
        contract_ref=normal_text(v.contract_ref),
        notes=(v.notes or "").strip(),
        sla_clock=_field("SLA clock", parse_sla_clock, v.sla_clock),
    )


def checked_contact(c: Contact, vendor: Vendor) -> Contact:
    name = normal_text(c.name)
    if not name:
        raise ValidationError("Name: a contact needs a name (a person, or a desk such as 'Service desk').")
    phones = c.phones.split(";") if isinstance(c.phones, str) else c.phones
    return dataclasses.replace(
        c,
        name=name,
        role=normal_text(c.role),
        phones=tuple(
            dict.fromkeys(_field("Phone", parse_phone, p.strip(), vendor.country) for p in phones if p and p.strip())
        ),
        email=_field("Email", check_email, c.email),
        timezone=_field("Time zone", validate_zone, c.timezone) if c.timezone and c.timezone.strip() else None,
        hours=_field("Hours", lambda: parse_hours(c.hours).describe()) if c.hours and c.hours.strip() else None,
        always_on_call=bool(c.always_on_call),
        notes=(c.notes or "").strip(),
        **checked_place(c, vendor),
    )


def checked_place(c: Contact, vendor: Vendor) -> dict:
    """A contact's own country, subdivision and holiday categories, as the holidays package spells them."""
    own_country = (c.country or "").strip()
    country = _field("Country", lambda: validate_country(own_country, None)[0]) if own_country else vendor.country
    words = _words(c.holiday_categories)
    return {
        "country": country if own_country else None,
        "subdivision": _field("Subdivision", lambda: validate_country(country, c.subdivision)[1]),
        "holiday_categories": _field("Holiday categories", lambda: validate_categories(country, words))
        if words
        else (),
    }


def _unknown(fields: dict, allowed: frozenset[str], what: str) -> None:
    extra = sorted(set(fields) - allowed)
    if extra:
        raise ValidationError(f"Cannot set {', '.join(extra)} of a {what} (known: {', '.join(sorted(allowed))}).")


class DirectoryEditor:
    """Adds, changes and removes vendors, contacts, escalation levels and absences.
    DirectoryService offers these methods; it holds one of these."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def add_vendor(self, name: str, **fields) -> Vendor:
        _unknown(fields, VENDOR_FIELDS, "vendor")
        defaults = dict(layers=(), country="", subdivision=None, holiday_categories=("public",), timezone="", hours="")
        vendor = checked_vendor(Vendor(id=new_id(), name=name, **{**defaults, **fields}))
        with self.ctx.store.unit_of_work() as uow:
            self._refuse_twin(uow, vendor)
            uow.repos.directory.add_vendor(vendor)
            uow.commit()
        return vendor

    def update_vendor(self, vendor_id: str, **fields) -> Vendor:
        _unknown(fields, VENDOR_FIELDS, "vendor")
        with self.ctx.store.unit_of_work() as uow:
            vendor = checked_vendor(dataclasses.replace(_vendor(uow, vendor_id), **fields))
            self._refuse_twin(uow, vendor)
            uow.repos.directory.save_vendor(vendor)
            uow.commit()
        return vendor

    def delete_vendor(self, vendor_id: str) -> None:
        """Tombstones the vendor with its contacts, path and absences."""
        with self.ctx.store.unit_of_work() as uow:
            _vendor(uow, vendor_id)
            uow.repos.directory.remove_vendor(vendor_id)
            uow.commit()

    def add_contact(self, vendor_id: str, name: str, **fields) -> Contact:
        _unknown(fields, CONTACT_FIELDS, "contact")
        defaults = dict(role="", phones=(), email=None, timezone=None, hours=None)
        with self.ctx.store.unit_of_work() as uow:
            vendor = _vendor(uow, vendor_id)
            contact = checked_contact(
                Contact(id=new_id(), vendor_id=vendor.id, name=name, **{**defaults, **fields}), vendor
            )
            _refuse_namesake(uow, vendor, contact)
            uow.repos.directory.add_contact(contact)
            uow.commit()
        return contact

    def update_contact(self, contact_id: str, **fields) -> Contact:
        _unknown(fields, CONTACT_FIELDS, "contact")
        with self.ctx.store.unit_of_work() as uow:
            current = _contact(uow, contact_id)
            vendor = _vendor(uow, current.vendor_id)
            contact = checked_contact(dataclasses.replace(current, **fields), vendor)
            _refuse_namesake(uow, vendor, contact)
            uow.repos.directory.save_contact(contact)
            uow.commit()
        return contact

    def delete_contact(self, contact_id: str) -> None:
        """Tombstones the contact and takes it off its vendor's path."""
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.directory.remove_contact(_contact(uow, contact_id))
            uow.commit()

    def set_level(
        self, vendor_id: str, level: int, contact_ids: Sequence[str], wait_min: int | None = None
    ) -> EscalationLevel:
        """Create or replace one level of a vendor's path."""
        if isinstance(level, bool) or not isinstance(level, int) or level < 1:
            raise ValidationError(f"Escalation level: {level!r} is not a level number (1, 2, 3, ...).")
        wait = _field("Escalate after", _minutes, wait_min)
        with self.ctx.store.unit_of_work() as uow:
            _vendor(uow, vendor_id)
            own = {c.id for c in uow.repos.directory.contacts(vendor_id)}
            missing = [cid for cid in contact_ids if cid not in own]
            if missing or not contact_ids:
                raise ValidationError("Escalation level: name one or more of this vendor's own contacts.")
            old = next((lv for lv in uow.repos.directory.levels(vendor_id) if lv.level == level), None)
            row = EscalationLevel(
                old.id if old else new_id(), vendor_id, level, tuple(dict.fromkeys(contact_ids)), wait
            )
            if old is None:
                uow.repos.directory.add_level(row)
            else:
                uow.repos.directory.save_level(row)
            uow.commit()
        return row

    def remove_level(self, vendor_id: str, level: int) -> None:
        with self.ctx.store.unit_of_work() as uow:
            for row in uow.repos.directory.levels(vendor_id):
                if row.level == level:
                    uow.repos.directory.remove_level(row.id)
            uow.commit()

    def add_absence(
        self, vendor_id: str, starts_at: datetime, ends_at: datetime, reason: str, contact_id: str | None = None
    ) -> Absence:
        """A closure of the whole vendor (no contact) or one contact's leave, [starts_at, ends_at)."""
        start, end = as_utc(starts_at), as_utc(ends_at)
        if end <= start:
            raise ValidationError("Ends: an absence must end after it starts.")
        with self.ctx.store.unit_of_work() as uow:
            _vendor(uow, vendor_id)
            if contact_id is not None and _contact(uow, contact_id).vendor_id != vendor_id:
                raise ValidationError("Contact: that contact belongs to another vendor.")
            absence = Absence(new_id(), vendor_id, contact_id, start, end, normal_text(reason))
            uow.repos.directory.add_absence(absence)
            uow.commit()
        return absence

    def delete_absence(self, absence_id: str) -> None:
        with self.ctx.store.unit_of_work() as uow:
            if any(a.id == absence_id for a in uow.repos.directory.absences()):
                uow.repos.directory.remove_absence(absence_id)
                uow.commit()

    @staticmethod
    def _refuse_twin(uow: UnitOfWork, vendor: Vendor) -> None:
        twin = next(
            (
                v
                for v in uow.repos.directory.vendors()
                if v.id != vendor.id and vendor_key(v.name) == vendor_key(vendor.name)
            ),
            None,
        )
        if twin is not None:
            raise ValidationError(f"Name: a vendor named {twin.name!r} is already in the directory.")


def _refuse_namesake(uow: UnitOfWork, vendor: Vendor, contact: Contact) -> None:
    for other in uow.repos.directory.contacts(vendor.id):
        if other.id != contact.id and vendor_key(other.name) == vendor_key(contact.name):
            raise ValidationError(f"Name: {vendor.name} already has a contact named {other.name!r}.")


def _vendor(uow: UnitOfWork, vendor_id: str) -> Vendor:
    vendor = uow.repos.directory.vendor(vendor_id)
    if vendor is None:
        raise NotFoundError("That vendor is not in the directory (deleted on another laptop?).")
    return vendor


def _contact(uow: UnitOfWork, contact_id: str) -> Contact:
    contact = uow.repos.directory.contact(contact_id)
    if contact is None:
        raise NotFoundError("That contact is not in the directory (deleted on another laptop?).")
    return contact
