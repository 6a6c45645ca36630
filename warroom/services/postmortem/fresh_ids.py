"""`--as-new`: the archive's incident with fresh ids, so it can sit beside the one it came from.

Every id the incident owns (the incident, entries, revisions, attempts,
checklists and items, action items, status updates, durations, and the change record,
role, handover and question history) is replaced by
a new UUIDv7, and every reference to one of them follows. Vendor, contact,
level and absence ids are kept: the directory is shared, not the incident's.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from warroom.domain.ids import new_id
from warroom.domain.postmortem import IncidentRecord

_OWNED = ("entries", "revisions", "attempts", "checklists", "action_items", "status_updates", "duration_defs")
# History the roles work added: each row, and any row nested in it (a change's marks), is the incident's own.
_OWNED_HISTORY = ("changes", "role_assignments", "handovers", "question_events")


def with_fresh_ids(record: IncidentRecord) -> IncidentRecord:
    fresh = {record.incident.id: new_id()}
    for name in _OWNED:
        for item in getattr(record, name):
            fresh.setdefault(item.id, new_id())
            for child in getattr(item, "items", ()):  # a checklist's items
                fresh.setdefault(child.id, new_id())
    for revision in record.revisions:
        fresh.setdefault(revision.entry_id, new_id())
    for name in _OWNED_HISTORY:
        for item in getattr(record, name):
            _collect_ids(item, fresh)
    result: IncidentRecord = _renamed(record, fresh)
    return result


def _collect_ids(value: Any, fresh: dict[str, str]) -> None:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        item_id = getattr(value, "id", None)
        if isinstance(item_id, str) and item_id:  # the opening commander's assignment has no row id
            fresh.setdefault(item_id, new_id())
        for field in dataclasses.fields(value):
            current = getattr(value, field.name)
            if isinstance(current, (tuple, list)):
                for child in current:
                    _collect_ids(child, fresh)


def _renamed(value: Any, fresh: dict[str, str]) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for field in dataclasses.fields(value):
            current = getattr(value, field.name)
            if isinstance(current, str) and (field.name == "id" or field.name.endswith("_id")):
                if current in fresh:
                    changes[field.name] = fresh[current]
            elif isinstance(current, (tuple, list)) or dataclasses.is_dataclass(current):
                changes[field.name] = _renamed(current, fresh)
        return dataclasses.replace(value, **changes) if changes else value
    if isinstance(value, (tuple, list)):
        return type(value)(_renamed(item, fresh) for item in value)
    return value
