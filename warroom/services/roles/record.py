"""The part of an incident's record that the change record, roles and handovers add."""

from __future__ import annotations

from typing import Any

from warroom.domain.handover import Handover, HandoverBrief
from warroom.store.repositories.roles import RoleRepository


def handovers(uow: Any, incident_id: str) -> list[Handover]:
    return [
        Handover(
            id=h["id"],
            incident_id=h["incident_id"],
            from_person=h["from_person"],
            to_person=h["to_person"],
            note=h["note"],
            at=h["at"],
            author=h["author"],
            brief=HandoverBrief.from_json(h["brief"]),
            entry_id=h["entry_id"],
        )
        for h in RoleRepository.of(uow).handover_rows(incident_id)
    ]


def roles_record(uow: Any, incident_id: str) -> dict[str, tuple]:
    """IncidentRecord's fields `changes`, `role_assignments` and `handovers`, read in an open unit of work."""
    from warroom.services.roles.roles import assignments_with_commander

    repo = RoleRepository.of(uow)
    incident = uow.repos.incidents.get(incident_id)
    return {
        "changes": tuple(repo.changes(incident_id)),
        "role_assignments": tuple(assignments_with_commander(uow, incident)),
        "handovers": tuple(handovers(uow, incident_id)),
    }
