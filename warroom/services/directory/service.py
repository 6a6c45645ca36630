"""The vendor directory: import/export, search, who is reachable, escalation, coverage.

    directory = DirectoryService(ctx)
    directory.import_file(Path("vendors.csv").read_bytes(), source_name="vendors.csv")
    directory.import_file(ics_bytes, source_name="integra.ics", vendor_name="Integra Meddelande AB")
    rows = directory.reachable(at=parse_iso("2013-12-24T10:00+01:00"))
    advice = directory.escalate("Kronan Datacenter AB")

Every read is one unit of work that takes a snapshot of the directory; the
availability, escalation and coverage answers are the domain's pure functions
over that snapshot. Editing lives in a DirectoryEditor (editing.py), attempts in an
AttemptLog (attempts.py); this service holds one of each and passes their methods
through, so callers see one service.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from warroom.domain.availability import zone_of
from warroom.domain.clock import as_utc
from warroom.domain.coverage import coverage as vendor_coverage
from warroom.domain.coverage import daily_summary
from warroom.domain.directory import Absence, Channel, Contact, ContactAttempt, EscalationLevel, Outcome, Vendor
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.escalation import advise
from warroom.domain.hours import wall_to_utc
from warroom.domain.vendor_clock import VendorClock
from warroom.domain.vendor_evidence import EvidencePack
from warroom.integrations.directory_csv import export_csv, export_json
from warroom.services.context import ServiceContext
from warroom.services.directory.attempts import AttemptLog, EscalationDue
from warroom.services.directory.evidence import DirectoryEvidence
from warroom.services.directory.import_csv import Progress
from warroom.services.directory.importing import ImportSummary, find_vendor, import_into
from warroom.services.directory.named import DirectoryByName
from warroom.services.directory.views import (
    ContactStatus,
    CoverageView,
    EscalationView,
    Snapshot,
    VendorStatus,
    VendorView,
    day_range,
    escalation_view,
    filter_statuses,
    statuses,
    vendor_view,
)

MAX_COVERAGE_DAYS = 400


class DirectoryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._editor = DirectoryByName(ctx)  # a DirectoryEditor that also finds by name
        self._attempts = AttemptLog(ctx)
        self._evidence = DirectoryEvidence(ctx)

    # -- by the names people type (DirectoryByName) ----------------------------------------
    def find_vendor(self, name: str) -> Vendor:
        return self._editor.find_vendor(name)

    def find_contact(self, vendor: str, name: str) -> tuple[Vendor, Contact]:
        return self._editor.find_contact(vendor, name)

    def create_vendor(self, name: str, *, country: str, zone: str | None = None, **fields: Any) -> Vendor:
        return self._editor.create_vendor(name, country=country, zone=zone, **fields)

    def edit_vendor(self, which: str, **fields: Any) -> Vendor:
        return self._editor.edit_vendor(which, **fields)

    def remove_vendor(self, name: str) -> str:
        return self._editor.remove_vendor(name)

    def create_contact(
        self, vendor: str, name: str, *, level: int | None = None, wait_min: int | None = None, **fields: Any
    ) -> Contact:
        return self._editor.create_contact(vendor, name, level=level, wait_min=wait_min, **fields)

    def edit_contact(
        self, vendor: str, which: str, *, level: int | None = None, wait_min: int | None = None, **fields: Any
    ) -> Contact:
        return self._editor.edit_contact(vendor, which, level=level, wait_min=wait_min, **fields)

    def remove_contact(self, vendor: str, name: str) -> str:
        return self._editor.remove_contact(vendor, name)

    def place_on_path(self, contact: Contact, level: int | None, wait_min: int | None) -> None:
        self._editor.place_on_path(contact, level, wait_min)

    def create_absence(
        self, vendor: str, contact: str | None, starts_at: datetime, ends_at: datetime, reason: str = ""
    ) -> Absence:
        return self._editor.create_absence(vendor, contact, starts_at, ends_at, reason)

    def remove_absence(self, absence_id: str) -> Absence:
        return self._editor.remove_absence(absence_id)

    # -- a vendor's clock and evidence (DirectoryEvidence) ---------------------------------
    def evidence(self, reference: str, vendor: str) -> EvidencePack:
        return self._evidence.evidence(reference, vendor)

    def vendor_clocks(self, incident_id: str) -> tuple[VendorClock, ...]:
        return self._evidence.vendor_clocks(incident_id)

    def write_evidence(self, reference: str, vendor: str, fmt: str, path: Path) -> Path:
        return self._evidence.write_evidence(reference, vendor, fmt, path)

    # -- editing (DirectoryEditor) -------------------------------------------------------
    def add_vendor(self, name: str, **fields: Any) -> Vendor:
        return self._editor.add_vendor(name, **fields)

    def update_vendor(self, vendor_id: str, **fields: Any) -> Vendor:
        return self._editor.update_vendor(vendor_id, **fields)

    def delete_vendor(self, vendor_id: str) -> None:
        self._editor.delete_vendor(vendor_id)

    def add_contact(self, vendor_id: str, name: str, **fields: Any) -> Contact:
        return self._editor.add_contact(vendor_id, name, **fields)

    def update_contact(self, contact_id: str, **fields: Any) -> Contact:
        return self._editor.update_contact(contact_id, **fields)

    def delete_contact(self, contact_id: str) -> None:
        self._editor.delete_contact(contact_id)

    def set_level(
        self, vendor_id: str, level: int, contact_ids: Sequence[str], wait_min: int | None = None
    ) -> EscalationLevel:
        return self._editor.set_level(vendor_id, level, contact_ids, wait_min)

    def remove_level(self, vendor_id: str, level: int) -> None:
        self._editor.remove_level(vendor_id, level)

    def add_absence(
        self, vendor_id: str, starts_at: datetime, ends_at: datetime, reason: str, contact_id: str | None = None
    ) -> Absence:
        return self._editor.add_absence(vendor_id, starts_at, ends_at, reason, contact_id)

    def delete_absence(self, absence_id: str) -> None:
        self._editor.delete_absence(absence_id)

    # -- contact attempts (AttemptLog) -----------------------------------------------------
    def log_attempt(
        self,
        incident_id: str,
        contact_id: str,
        channel: Channel | str,
        outcome: Outcome | str,
        ticket: str = "",
        note: str = "",
        at: datetime | None = None,
    ) -> ContactAttempt:
        return self._attempts.log_attempt(incident_id, contact_id, channel, outcome, ticket, note, at)

    def attempts(self, incident_id: str) -> list[ContactAttempt]:
        return self._attempts.attempts(incident_id)

    def escalation_due(self, incident_id: str, now: datetime | None = None) -> tuple[EscalationDue, ...]:
        return self._attempts.escalation_due(incident_id, now)

    # -- import and export ---------------------------------------------------------------
    def import_file(
        self,
        data: bytes,
        source_name: str = "vendors.csv",
        vendor_name: str | None = None,
        on_progress: Progress | None = None,
    ) -> ImportSummary:
        """Import a directory CSV, vCards or (with vendor_name) an ICS calendar; all or nothing.

        A CSV calls `on_progress(contacts written, contacts expected)` as it goes (on this
        thread); without it, a large import logs its progress for the command line."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        with self.ctx.store.unit_of_work() as uow:
            summary = import_into(uow, data, source_name, vendor_name, self.ctx.now(), on_progress)
            uow.commit()
        return summary

    def export_csv(self) -> str:
        snap = self.snapshot()
        return export_csv(snap.vendors, snap.contacts, snap.levels)

    def export_json(self) -> dict:
        snap = self.snapshot()
        return export_json(snap.vendors, snap.contacts, snap.levels)

    # -- reading ---------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        with self.ctx.store.unit_of_work() as uow:
            repo = uow.repos.directory
            vendors = tuple(v for v in repo.vendors() if v.active)  # inactive: removed, kept for the record
            contacts = tuple(c for c in repo.contacts() if c.active)
            return Snapshot(vendors, contacts, tuple(repo.levels()), tuple(repo.absences()))

    def vendors(self) -> list[VendorView]:
        snap = self.snapshot()
        return [vendor_view(snap, v) for v in snap.vendors]

    def vendor(self, name_or_id: str) -> VendorView:
        snap = self.snapshot()
        return vendor_view(snap, find_vendor(snap.vendors, name_or_id))

    def contact(self, contact_id: str) -> Contact:
        with self.ctx.store.unit_of_work() as uow:
            contact = uow.repos.directory.contact(contact_id)
        if contact is None:
            raise NotFoundError("That contact is not in the directory (deleted on another laptop?).")
        return contact

    def absences(self, vendor: str | None = None) -> list[Absence]:
        snap = self.snapshot()
        if vendor is None:
            return list(snap.absences)
        return list(snap.absences_of(find_vendor(snap.vendors, vendor).id))

    def overview(self, at: datetime | None = None) -> tuple[VendorStatus, ...]:
        """Every vendor with each contact's local time and reachability at `at` (default now)."""
        snap = self.snapshot()
        return statuses(snap, snap.vendors, self._instant(at))

    def search(self, text: str, at: datetime | None = None) -> tuple[VendorStatus, ...]:
        """Vendors and contacts matching every word of `text` across vendor names, layers,
        contract, contact names, roles, emails and phones; accents and case ignored."""
        return filter_statuses(self.overview(at), text)

    def reachable(self, at: datetime | None = None, vendor: str | None = None) -> list[ContactStatus]:
        """One row per contact: vendor, contact, reachable, reason, next_reachable_at, local_time."""
        snap = self.snapshot()
        chosen = [find_vendor(snap.vendors, vendor)] if vendor else list(snap.vendors)
        return [c for item in statuses(snap, chosen, self._instant(at)) for c in item.contacts]

    def escalate(self, vendor: str, at: datetime | None = None, tried_up_to: int | None = None) -> EscalationView:
        """Whom to call at `vendor` (name or id) now, when to move on, and who was passed over;
        with `tried_up_to`, levels up to it already went unanswered (an escalation is due)."""
        snap = self.snapshot()
        chosen = find_vendor(snap.vendors, vendor)
        contacts = snap.contacts_of(chosen.id)
        levels, absences = snap.levels_of(chosen.id), snap.absences_of(chosen.id)
        advice = advise(chosen, contacts, levels, absences, self._instant(at), tried_up_to)
        return escalation_view(chosen, contacts, advice)

    def coverage(self, start: date | datetime, end: date | datetime, vendor: str | None = None) -> list[CoverageView]:
        """Per vendor, the gaps with nobody reachable, and a status per local day.

        With dates, the range is from the start of `start` to the end of `end` (both included)
        in each vendor's own zone; with instants it is [start, end).
        """
        snap = self.snapshot()
        chosen = [find_vendor(snap.vendors, vendor)] if vendor else list(snap.vendors)
        return [self._vendor_coverage(snap, v, start, end) for v in chosen]

    # -- helpers ---------------------------------------------------------------------------
    def _vendor_coverage(
        self, snap: Snapshot, vendor: Vendor, start: date | datetime, end: date | datetime
    ) -> CoverageView:
        first, last, begin, finish = _range_in_zone(vendor.timezone, start, end)
        found = vendor_coverage(vendor, snap.contacts_of(vendor.id), snap.absences_of(vendor.id), begin, finish)
        return CoverageView(vendor, found, daily_summary(found, vendor.timezone, day_range(first, last)))

    def _instant(self, at: datetime | None) -> datetime:
        return as_utc(at) if at is not None else self.ctx.now()


def _range_in_zone(
    zone_name: str, start: date | datetime, end: date | datetime
) -> tuple[date, date, datetime, datetime]:
    """(first local day, last local day, start instant, end instant) of a range in one zone."""
    zone = zone_of(zone_name)
    if isinstance(start, datetime) != isinstance(end, datetime):
        raise ValidationError("Coverage range: give two dates or two instants, not one of each.")
    if isinstance(start, datetime) and isinstance(end, datetime):
        begin, finish = as_utc(start), as_utc(end)
        first = begin.astimezone(zone).date()
        last = (finish - timedelta(microseconds=1)).astimezone(zone).date()
    else:
        first, last = start, end
        begin = wall_to_utc(datetime.combine(first, time()), zone, later=False)
        finish = wall_to_utc(datetime.combine(last + timedelta(days=1), time()), zone, later=False)
    if finish <= begin:
        raise ValidationError(f"Coverage range: it ends ({last.isoformat()}) before it starts ({first.isoformat()}).")
    if (last - first).days >= MAX_COVERAGE_DAYS:
        raise ValidationError(f"Coverage range: at most {MAX_COVERAGE_DAYS} days at a time.")
    return first, last, begin, finish
