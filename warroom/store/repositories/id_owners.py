"""Which incident already owns an id: the check an import makes before it writes anything.

`IdOwnerRepository(session).first_taken(kind, ids)` answers with the first id of
`kind` ("entry", "revision", ...) that is in the store, and the incident it
belongs to, so an import can say "entry 0195… already belongs to INC-4".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from warroom.store.models import (
    ActionItemRow,
    ChecklistItemRow,
    ChecklistRow,
    ContactAttemptRow,
    DurationDefRow,
    EntryRevisionRow,
    IncidentRow,
    StatusUpdateRow,
    TimelineHeadRow,
)

_WITH_INCIDENT: dict[str, Any] = {
    "entry": TimelineHeadRow,
    "revision": EntryRevisionRow,
    "contact attempt": ContactAttemptRow,
    "checklist": ChecklistRow,
    "action item": ActionItemRow,
    "status update": StatusUpdateRow,
    "duration": DurationDefRow,
}
_BATCH = 500  # ids per IN (...) query: well under SQLite's and PostgreSQL's parameter limits


@dataclass(frozen=True)
class TakenId:
    kind: str
    id: str
    incident_number: int | None
    incident_title: str


class IdOwnerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def first_taken(self, kind: str, ids: Iterable[str]) -> TakenId | None:
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            found = self._owner(kind, batch)
            if found is not None:
                return found
        return None

    def _owner(self, kind: str, ids: list[str]) -> TakenId | None:
        if kind == "checklist item":
            query = (
                select(ChecklistItemRow.id, IncidentRow.number, IncidentRow.title)
                .join(ChecklistRow, ChecklistRow.id == ChecklistItemRow.checklist_id)
                .outerjoin(IncidentRow, IncidentRow.id == ChecklistRow.incident_id)
                .where(ChecklistItemRow.id.in_(ids))
            )
        else:
            model = _WITH_INCIDENT[kind]
            key = model.entry_id if model is TimelineHeadRow else model.id
            query = (
                select(key, IncidentRow.number, IncidentRow.title)
                .outerjoin(IncidentRow, IncidentRow.id == model.incident_id)
                .where(key.in_(ids))
            )
        row = self.session.execute(query.limit(1)).first()
        return TakenId(kind, row[0], row[1], row[2] or "") if row else None
