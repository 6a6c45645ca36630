"""Editing the directory by the names people type (the CLI twins of the window's dialogs).

    directory.create_vendor("Lakeshore Networks", country="US", subdivision="IL", zone="America/Chicago")
    directory.create_contact("lakeshore", "Dana Reyes", subdivision="NY", zone="America/New_York", level=1)
    directory.remove_contact("lakeshore", "dana")   # inactive if Dana was ever called, else gone

Every name goes through the domain's one matching rule (directory_match), so a
unique prefix or a name typed without diacritics is enough. Removing a vendor
or contact that an incident tried to reach only marks it inactive: the record
of who was called stays readable; an inactive one is no longer offered.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from warroom.domain.directory import Absence, Contact, Vendor
from warroom.domain.directory_match import find_named
from warroom.domain.errors import AmbiguousError, NotFoundError, ValidationError
from warroom.integrations.directory_records import vendor_key
from warroom.services.directory.editing import DirectoryEditor

DEFAULT_VENDOR_HOURS = "Mon-Fri 09:00-17:00"


@cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    """ISO country code -> its IANA zones, from the tz database's zone.tab."""
    zones: dict[str, list[str]] = {}
    try:
        text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            zones.setdefault(parts[0], []).append(parts[2])
    return {k: tuple(v) for k, v in zones.items()}


def default_zone(country: str) -> str:
    """The country's zone when it has only one; otherwise ask for --zone, naming a few."""
    zones = _zones_by_country().get((country or "").strip().upper(), ())
    if len(zones) == 1:
        return zones[0]
    hint = f" ({country.upper()} has {len(zones)}: {', '.join(zones[:4])}{', ...' if len(zones) > 4 else ''})"
    raise ValidationError(f"Time zone: name the vendor's zone{hint if zones else ''}, e.g. --zone America/Chicago.")


def _given(**fields: Any) -> dict[str, Any]:
    """The fields the caller actually set (None means 'not given')."""
    return {k: v for k, v in fields.items() if v is not None}


class DirectoryByName(DirectoryEditor):
    """Directory editing by the names people type ("Baltic", "firewall"), on the validated editor."""

    # -- finding ---------------------------------------------------------------------------
    def find_vendor(self, name: str) -> Vendor:
        with self.ctx.store.unit_of_work() as uow:
            vendors = [v for v in uow.repos.directory.vendors() if v.active]
        return find_named(vendors, name, name_of=lambda v: v.name, id_of=lambda v: v.id, extra_of=lambda v: v.layers)

    def find_contact(self, vendor: str, name: str) -> tuple[Vendor, Contact]:
        chosen = self.find_vendor(vendor)
        with self.ctx.store.unit_of_work() as uow:
            people = [c for c in uow.repos.directory.contacts(chosen.id) if c.active]
        found = find_named(
            people,
            name,
            name_of=lambda c: c.name,
            id_of=lambda c: c.id,
            extra_of=lambda c: (c.role,),
            what="contact",
            scope=f" of {chosen.name}",
        )
        return chosen, found

    # -- vendors ---------------------------------------------------------------------------
    def create_vendor(self, name: str, *, country: str, zone: str | None = None, **fields: Any) -> Vendor:
        """A new vendor (or a removed one brought back); the zone defaults to the country's only one."""
        fields = _given(**fields)
        fields.setdefault("hours", DEFAULT_VENDOR_HOURS)
        timezone = zone or default_zone(country)
        inactive = self._inactive_vendor(name)
        if inactive is not None:
            return self.update_vendor(inactive.id, country=country, timezone=timezone, active=True, **fields)
        return self.add_vendor(name, country=country, timezone=timezone, **fields)

    def edit_vendor(self, which: str, **fields: Any) -> Vendor:
        """Change the fields given (None: keep); `name` renames, `zone` is the time zone."""
        vendor = self.find_vendor(which)
        changes = _given(**fields)
        if "zone" in changes:
            changes["timezone"] = changes.pop("zone")
        if "country" in changes and "subdivision" not in changes:
            changes["subdivision"] = None  # a subdivision belongs to its country
        return self.update_vendor(vendor.id, **changes)

    def remove_vendor(self, name: str) -> str:
        """Erase the vendor, or mark it inactive when an incident's record names it; says which."""
        vendor = self.find_vendor(name)
        with self.ctx.store.unit_of_work() as uow:
            called = uow.repos.directory.has_attempts(vendor_id=vendor.id)
            if called:
                uow.repos.directory.save_vendor(dataclasses.replace(vendor, active=False))
                uow.commit()
        if called:
            return f"{vendor.name} is inactive: incidents recorded attempts to reach it, so its record stays."
        self.delete_vendor(vendor.id)
        return f"Removed {vendor.name} with its contacts, escalation path and absences."

    # -- contacts --------------------------------------------------------------------------
    def create_contact(
        self, vendor: str, name: str, *, level: int | None = None, wait_min: int | None = None, **fields: Any
    ) -> Contact:
        chosen = self.find_vendor(vendor)
        changes = _given(**fields)
        if "zone" in changes:
            changes["timezone"] = changes.pop("zone")
        contact = self.add_contact(chosen.id, name, **changes)
        if level is not None:
            self.place_on_path(contact, level, wait_min)
        elif wait_min is not None:
            raise ValidationError("Escalate after: give --level too (the level whose wait this is).")
        return contact

    def edit_contact(
        self, vendor: str, which: str, *, level: int | None = None, wait_min: int | None = None, **fields: Any
    ) -> Contact:
        """Change the fields given (None: keep); `name` renames; a level moves them on the path."""
        _, contact = self.find_contact(vendor, which)
        changes = _given(**fields)
        if "zone" in changes:
            changes["timezone"] = changes.pop("zone")
        if "country" in changes and "subdivision" not in changes:
            changes["subdivision"] = None
        updated = self.update_contact(contact.id, **changes) if changes else contact
        if level is not None or wait_min is not None:
            self.place_on_path(updated, level, wait_min)
        return updated

    def place_on_path(self, contact: Contact, level: int | None, wait_min: int | None) -> None:
        """Move the contact to `level` (others on it stay); a wait alone changes their level's wait."""
        with self.ctx.store.unit_of_work() as uow:
            path = uow.repos.directory.levels(contact.vendor_id)
        current = next((lv for lv in path if contact.id in lv.contact_ids), None)
        target = level if level is not None else (current.level if current else None)
        if target is None:
            raise ValidationError("Escalate after: the contact is on no level yet; give --level too.")
        for old in path:
            if old.level != target and contact.id in old.contact_ids:
                rest = [cid for cid in old.contact_ids if cid != contact.id]
                if rest:
                    self.set_level(contact.vendor_id, old.level, rest, old.wait_min)
                else:
                    self.remove_level(contact.vendor_id, old.level)
        same = next((lv for lv in path if lv.level == target), None)
        members = [*(same.contact_ids if same else ()), contact.id]
        wait = wait_min if wait_min is not None else (same.wait_min if same else None)
        self.set_level(contact.vendor_id, target, list(dict.fromkeys(members)), wait)

    def remove_contact(self, vendor: str, name: str) -> str:
        chosen, contact = self.find_contact(vendor, name)
        with self.ctx.store.unit_of_work() as uow:
            called = uow.repos.directory.has_attempts(contact_id=contact.id)
        if not called:
            self.delete_contact(contact.id)
            return f"Removed {contact.name} from {chosen.name}."
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.directory.retire_contact(contact)
            uow.commit()
        return (
            f"{contact.name} of {chosen.name} is inactive and off the path: incidents recorded attempts to reach them."
        )

    # -- absences --------------------------------------------------------------------------
    def create_absence(
        self, vendor: str, contact: str | None, starts_at: datetime, ends_at: datetime, reason: str = ""
    ) -> Absence:
        if contact:
            chosen, person = self.find_contact(vendor, contact)
            return self.add_absence(chosen.id, starts_at, ends_at, reason, contact_id=person.id)
        return self.add_absence(self.find_vendor(vendor).id, starts_at, ends_at, reason)

    def remove_absence(self, absence_id: str) -> Absence:
        """By id, or a unique start of one (as `absence list` shows them)."""
        wanted = absence_id.strip()
        with self.ctx.store.unit_of_work() as uow:
            found = [a for a in uow.repos.directory.absences() if wanted and a.id.startswith(wanted)]
        if not found:
            raise NotFoundError(f"No absence has the id {absence_id!r} (see `warroom absence list`).")
        if len(found) > 1 and not any(a.id == wanted for a in found):
            raise AmbiguousError(f"{absence_id!r} starts {len(found)} absences' ids: type more of it.")
        absence = next((a for a in found if a.id == wanted), found[0])
        self.delete_absence(absence.id)
        return absence

    # -- helpers ---------------------------------------------------------------------------
    def _inactive_vendor(self, name: str) -> Vendor | None:
        with self.ctx.store.unit_of_work() as uow:
            return next(
                (v for v in uow.repos.directory.vendors() if not v.active and vendor_key(v.name) == vendor_key(name)),
                None,
            )
