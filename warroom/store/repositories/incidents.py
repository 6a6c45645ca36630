"""Reading and writing incidents."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import bindparam, func, select

from warroom.domain.errors import must_exist
from warroom.domain.incident import NARRATIVE_FIELDS, Incident, Status
from warroom.store.fast_select import first_row
from warroom.store.incident_list import incident_from_row
from warroom.store.models import IncidentRow, LocalMetaRow
from warroom.store.repositories.base import Repository

_TABLE = IncidentRow.__table__
_BY_ID = select(_TABLE).where(_TABLE.c.id == bindparam("id"))  # built once: a compile-cache hit per call
_START_BY_ID = select(_TABLE.c.started_at).where(_TABLE.c.id == bindparam("id"), _TABLE.c.deleted.is_(False))
# Set once a store syncs with a hub: from then on the hub gives out numbers (warroom.sync.numbering).
NUMBERS_FROM_HUB_KEY = "incident_numbers_from_hub"
PROVISIONAL = 0  # the number of an incident waiting for the hub's


def incident_row(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.id,
        "number": incident.number,
        "title": incident.title,
        "severity": incident.severity.value,
        "status": incident.status.value,
        "commander": incident.commander,
        "started_at": incident.started_at,
        "created_at": incident.created_at,
        "zone": incident.zone,
        "impacted_services": list(incident.impacted_services),
        "deleted": False,
        **{f: incident.narrative.get(f) or "" for f in NARRATIVE_FIELDS},
    }


class IncidentRepository(Repository):
    # -- writing ----------------------------------------------------------------
    def add_incident(self, incident: Incident) -> None:
        self.writer.create("incidents", incident_row(incident))

    def change_incident(self, incident_id: str, fields: dict[str, Any]) -> None:
        """Change some fields (title, severity, narrative fields...); enums are stored by value."""
        values = {k: (v.value if isinstance(v, Enum) else v) for k, v in fields.items()}
        if "impacted_services" in values:
            values["impacted_services"] = list(values["impacted_services"])
        self.writer.update("incidents", incident_id, values)

    def set_status(self, incident_id: str, status: Status) -> None:
        self.writer.update("incidents", incident_id, {"status": status.value})

    def move_start(self, incident_id: str, at: datetime) -> None:
        self.writer.update("incidents", incident_id, {"started_at": at})

    # -- reading ----------------------------------------------------------------
    def next_number(self) -> int:
        """The number for a new incident: the next local one, or PROVISIONAL if the hub gives them out."""
        from_hub = self.session.execute(
            select(LocalMetaRow.value).where(LocalMetaRow.key == NUMBERS_FROM_HUB_KEY)
        ).scalar_one_or_none()
        if from_hub:
            return PROVISIONAL
        top = self.session.execute(select(func.max(IncidentRow.number))).scalar_one_or_none()
        return (top or 0) + 1

    def require(self, incident_id: str) -> Incident:
        """The incident, or the NotFoundError sentence every use case gives."""
        return must_exist(self.get(incident_id), f"No incident has the id {incident_id}.")

    def require_start(self, incident_id: str) -> datetime:
        """The incident's start, or require's NotFoundError: all a timeline append reads of it
        (one column, where the whole incident costs about a tenth of the append)."""
        row = first_row(self._connection(), _START_BY_ID, {"id": incident_id})
        return must_exist(row, f"No incident has the id {incident_id}.").started_at

    def get(self, incident_id: str) -> Incident | None:
        # Core rather than ORM: this runs on every timeline write, where ORM loading costs more
        # than the insert itself.
        row = first_row(self._connection(), _BY_ID, {"id": incident_id})
        return incident_from_row(row) if row is not None and not row.deleted else None

    def by_number(self, number: int) -> list[Incident]:
        if number <= PROVISIONAL:
            return []
        rows = self.session.scalars(
            select(IncidentRow).where(IncidentRow.number == number, IncidentRow.deleted.is_(False))
        )
        return [incident_from_row(r) for r in rows]

    def list(self) -> list[Incident]:
        rows = self.session.scalars(
            select(IncidentRow)
            .where(IncidentRow.deleted.is_(False))
            .order_by(IncidentRow.started_at.desc(), IncidentRow.id)
        )
        return [incident_from_row(r) for r in rows]
