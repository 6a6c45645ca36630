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
from datetime import datetime

from warroom.domain.clock import as_utc
from warroom.domain.directory import Vendor


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
