"""The part of an incident's record that the change record, roles and handovers add."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from warroom.domain.handover import Handover


def handovers(uow: Any, incident_id: str) -> list[Handover]:
    return uow.repos.roles.handovers(incident_id)


def roles_record(uow: Any, incident_id: str) -> dict[str, tuple]:
    """IncidentRecord's fields `changes`, `role_assignments` and `handovers`, read in an open unit of work."""
    from warroom.services.roles.roles import assignments_with_commander

    repo = uow.repos.roles
    incident = uow.repos.incidents.get(incident_id)
    return {
        "changes": tuple(repo.changes(incident_id)),
        "role_assignments": tuple(assignments_with_commander(uow, incident)),
        "handovers": tuple(handovers(uow, incident_id)),
        "question_events": tuple(repo.question_events(incident_id)),
    }


def restore_roles(uow: Any, record: Any) -> None:
    """Write an imported record's changes, marks, roles, questions and handovers, ids kept."""
    roles, incident_id = uow.repos.roles, record.incident.id
    for c in record.changes:
        roles.add_change(c)
        for m in c.marks:
            roles.add_change_mark(m, incident_id)
    for a in record.role_assignments:
        if a.id:  # the commander named at opening and never changed is not a row: it follows the incident
            roles.add_assignment(replace(a, incident_id=incident_id), None)
    for q in record.question_events:
        roles.add_question_state(replace(q, incident_id=incident_id))
    for h in record.handovers:
        roles.add_handover(replace(h, incident_id=incident_id))
