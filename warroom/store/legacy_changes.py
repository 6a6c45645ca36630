"""Changes in an older form, as this version stores them (see migration 0009_lean_rows)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from warroom.store.replication import Change

LEGACY_ENTRIES = "timeline_entries"
_MARK_FIELDS = ("id", "incident_id", "starred")


def current_form(change: Change) -> Change:
    """A change as this version stores it. Before 0008 an entry was also a mutable
    `timeline_entries` row (its identity and its star): its identity is now the first
    revision, its star an `entry_marks` row, so such a change (still in hub logs and
    in older laptops' outboxes) becomes the same write of the entry's mark."""
    if change.table_name != LEGACY_ENTRIES or not isinstance(change.payload, dict):
        return change
    row, fields = change.payload.get("row"), change.payload.get("set")
    if not isinstance(row, dict) or not isinstance(fields, list):
        return change
    payload = {
        "row": {k: v for k, v in row.items() if k in _MARK_FIELDS},
        "set": [f for f in fields if f in _MARK_FIELDS],
    }
    return replace(change, table_name="entry_marks", payload=payload)
