"""Keeping a vendor's absences in step with a calendar that is imported again.

After a calendar's events are written (added or updated by UID and
RECURRENCE-ID), the absences that earlier imports of the same calendar made
and whose events are gone from it are removed (tombstoned, so other laptops
learn of it). A cancelled leave therefore stops blocking the person.

Choices a reader should know:
- "The same calendar" is the source name (the file's name, or a URL). Absences
  imported before sources were recorded are adopted when their UID is in the
  file, and otherwise left alone: they may come from another calendar.
- Only absences overlapping the import window can be removed: events outside
  it were not read, so their absence proves nothing.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import replace
from datetime import datetime

from warroom.domain.clock import as_utc
from warroom.domain.directory import Absence, Contact, Vendor
from warroom.domain.ids import new_id


def keep_in_step(uow, vendor: Vendor, source: str, uids: Set[str], start: datetime, end: datetime) -> int:
    """Mark this calendar's absences as its own, remove those gone from it; returns how many were removed."""
    repo = uow.repos.directory
    removed = 0
    for absence in repo.absences(vendor.id):
        if not absence.source_uid:
            continue  # typed in, not from a calendar
        if absence.source_uid in uids:
            if absence.source != source:
                repo.mark_absence_source(absence.id, source)
        elif absence.source == source and as_utc(absence.starts_at) < end and as_utc(absence.ends_at) > start:
            repo.remove_absence(absence.id)
            removed += 1
    return removed


def sync_calendar(uow, data: bytes, source: str, vendor: Vendor, owner: Contact | None, now: datetime):
    """Import one calendar for `vendor` so that its absences from `source` equal the calendar's.

    With `owner` (a contact's own calendar), an event that names nobody is that contact's
    absence rather than a closure of the vendor. Returns the ImportSummary."""
    from warroom.integrations.ics import parse_calendar  # icalendar: only when importing a calendar
    from warroom.services.directory.importing import ImportSummary, calendar_window, save

    repo = uow.repos.directory
    start, end = calendar_window(data, now)
    records = parse_calendar(data, vendor, repo.contacts(vendor.id), start, end, source)
    if owner is not None:
        records = tuple(
            r if r.contact_id else replace(r, contact_id=owner.id, reason=_personal(r.reason)) for r in records
        )
    existing = {a.source_uid: a for a in repo.absences(vendor.id) if a.source_uid}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for r in records:
        current = existing.get(r.source_uid)
        absence = Absence(current.id if current else new_id(), vendor.id, r.contact_id, r.starts_at, r.ends_at,
                          r.reason, r.source_uid)  # fmt: skip
        counts[save(repo.add_imported_absence, repo.save_imported_absence, absence, new=current is None)] += 1
    removed = keep_in_step(uow, vendor, source, {r.source_uid for r in records}, start, end)
    return ImportSummary(
        source, "ics", (vendor.name,), absences_created=counts["created"], absences_updated=counts["updated"],
        absences_removed=removed, unchanged=counts["unchanged"],
    )  # fmt: skip


def _personal(reason: str) -> str:
    return "Absent" if reason == "Closed" else reason  # "Closed" is the ICS reader's word for a vendor closure
