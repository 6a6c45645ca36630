"""What the directory service hands back: frozen views built from domain values.

Pure functions over a directory snapshot (vendors, contacts, levels, absences):
no store here, so the window may also filter a loaded overview as the user types.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import TypeVar

from warroom.domain.availability import Availability, directory_availability
from warroom.domain.coverage import DayCoverage, VendorCoverage
from warroom.domain.directory import Absence, Contact, EscalationLevel, Vendor
from warroom.domain.directory_match import fold
from warroom.domain.escalation import EscalationAdvice, LevelAdvice


@dataclass(frozen=True)
class Snapshot:
    """The whole directory as read in one unit of work."""

    vendors: tuple[Vendor, ...]
    contacts: tuple[Contact, ...]
    levels: tuple[EscalationLevel, ...]
    absences: tuple[Absence, ...]

    def contacts_of(self, vendor_id: str) -> tuple[Contact, ...]:
        return self._by_vendor[0].get(vendor_id, ())

    def levels_of(self, vendor_id: str) -> tuple[EscalationLevel, ...]:
        return self._by_vendor[1].get(vendor_id, ())

    def absences_of(self, vendor_id: str) -> tuple[Absence, ...]:
        return self._by_vendor[2].get(vendor_id, ())

    @cached_property
    def _by_vendor(
        self,
    ) -> tuple[dict[str, tuple[Contact, ...]], dict[str, tuple[EscalationLevel, ...]], dict[str, tuple[Absence, ...]]]:
        """Contacts, levels (in path order) and absences grouped once, so views stay linear."""
        levels = sorted(self.levels, key=lambda lv: lv.level)
        return _grouped(self.contacts), _grouped(levels), _grouped(self.absences)


_Row = TypeVar("_Row", Contact, EscalationLevel, Absence)


def _grouped(rows: Iterable[_Row]) -> dict[str, tuple[_Row, ...]]:
    grouped: dict[str, list[_Row]] = {}
    for row in rows:
        grouped.setdefault(row.vendor_id, []).append(row)
    return {k: tuple(v) for k, v in grouped.items()}


@dataclass(frozen=True)
class VendorView:
    """A vendor with its contacts (in escalation order) and its path."""

    vendor: Vendor
    contacts: tuple[Contact, ...]
    levels: tuple[EscalationLevel, ...]

    def level_of(self, contact_id: str) -> int | None:
        return next((lv.level for lv in self.levels if contact_id in lv.contact_ids), None)


@dataclass(frozen=True)
class ContactStatus:
    """One contact at one instant: a row of `warroom vendors reachable`."""

    vendor: Vendor
    contact: Contact
    level: int | None  # the first escalation level naming this contact
    reachable: bool
    reason: str  # "" when in hours, "always on call", or why not
    short_reason: str
    cause: str  # warroom.domain.availability.Cause
    next_reachable_at: datetime | None  # UTC
    local_time: datetime  # the instant in the contact's zone


@dataclass(frozen=True)
class VendorStatus:
    """A vendor and each of its contacts at one instant."""

    vendor: Vendor
    contacts: tuple[ContactStatus, ...]
    levels: tuple[EscalationLevel, ...]

    @property
    def anyone_reachable(self) -> bool:
        return any(c.reachable for c in self.contacts)


@dataclass(frozen=True)
class LevelView:
    level: int
    wait_min: int | None
    reachable: bool
    contacts: tuple[ContactStatus, ...]


@dataclass(frozen=True)
class EscalationView:
    """Whom to call at vendor V now, when to move on, and the levels passed over."""

    vendor: Vendor
    at: datetime  # UTC
    levels: tuple[LevelView, ...]
    call_now: tuple[ContactStatus, ...]
    call_level: int | None
    escalate_at: datetime | None
    next_reachable_at: datetime | None
    next_reachable_contact: Contact | None
    not_on_path: tuple[ContactStatus, ...]

    @property
    def passed_over(self) -> tuple[LevelView, ...]:
        if self.call_level is None:
            return self.levels
        return tuple(lv for lv in self.levels if lv.level < self.call_level)


@dataclass(frozen=True)
class CoverageView:
    """The gaps of one vendor over a range, and each local day's status in the vendor's zone."""

    vendor: Vendor
    coverage: VendorCoverage
    days: tuple[DayCoverage, ...]


# --- building views ------------------------------------------------------------------------


def vendor_view(snapshot: Snapshot, vendor: Vendor) -> VendorView:
    levels = snapshot.levels_of(vendor.id)
    return VendorView(vendor, path_order(snapshot.contacts_of(vendor.id), levels), levels)


def path_order(contacts: Iterable[Contact], levels: Sequence[EscalationLevel]) -> tuple[Contact, ...]:
    """Contacts by their first level (those on no level last), then by name."""
    first: dict[str, int] = {}
    for lv in sorted(levels, key=lambda lv: lv.level):
        for cid in lv.contact_ids:
            first.setdefault(cid, lv.level)
    return tuple(sorted(contacts, key=lambda c: (first.get(c.id, 10**6), fold(c.name))))


def contact_status(vendor: Vendor, contact: Contact, level: int | None, a: Availability) -> ContactStatus:
    return ContactStatus(
        vendor, contact, level, a.reachable, a.reason, a.short_reason, a.cause, a.next_reachable_at, a.local_time
    )


def statuses(snapshot: Snapshot, vendors: Sequence[Vendor], at: datetime) -> tuple[VendorStatus, ...]:
    """Every contact of `vendors` at `at`, in one linear pass over the directory."""
    views = [vendor_view(snapshot, v) for v in vendors]
    ordered = [c for view in views for c in view.contacts]
    found = {a.contact_id: a for a in directory_availability(vendors, ordered, at, snapshot.absences)}
    return tuple(
        VendorStatus(
            view.vendor,
            tuple(contact_status(view.vendor, c, view.level_of(c.id), found[c.id]) for c in view.contacts),
            view.levels,
        )
        for view in views
    )


def escalation_view(vendor: Vendor, contacts: Sequence[Contact], advice: EscalationAdvice) -> EscalationView:
    by_id = {c.id: c for c in contacts}

    def status(a: Availability, level: int | None) -> ContactStatus:
        return contact_status(vendor, by_id[a.contact_id], level, a)

    def level_view(lv: LevelAdvice) -> LevelView:
        return LevelView(lv.level, lv.wait_min, lv.reachable, tuple(status(a, lv.level) for a in lv.contacts))

    return EscalationView(
        vendor=vendor,
        at=advice.at,
        levels=tuple(level_view(lv) for lv in advice.levels),
        call_now=tuple(status(a, advice.call_level) for a in advice.call_now),
        call_level=advice.call_level,
        escalate_at=advice.escalate_at,
        next_reachable_at=advice.next_reachable_at,
        next_reachable_contact=by_id.get(advice.next_reachable_contact_id or ""),
        not_on_path=tuple(status(a, None) for a in advice.not_on_path),
    )


# --- search (fold: the domain's one rule for names) --------------------------------------


def vendor_text(vendor: Vendor) -> str:
    return fold(" ".join((vendor.name, *vendor.layers, vendor.contract_ref, vendor.country)))


def contact_text(contact: Contact) -> str:
    return fold(" ".join((contact.name, contact.role, contact.email or "", *contact.phones)))


def search_words(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def filter_statuses(items: Sequence[VendorStatus], text: str) -> tuple[VendorStatus, ...]:
    """Vendors whose name, layers or contract match every word keep all their contacts;
    otherwise a vendor stays with only the contacts (name, role, email, phone) that match."""
    words = search_words(text)
    if not words:
        return tuple(items)
    kept = []
    for item in items:
        own = vendor_text(item.vendor)
        if all(w in own for w in words):
            kept.append(item)
            continue
        people = tuple(c for c in item.contacts if all(w in own or w in contact_text(c.contact) for w in words))
        if people:
            kept.append(VendorStatus(item.vendor, people, item.levels))
    return tuple(kept)


def day_range(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]
