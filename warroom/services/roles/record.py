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
        "question_events": tuple(repo.question_events(incident_id)),
    }


def restore_roles(uow: Any, record: Any) -> None:
    """Write an imported record's changes, marks, roles, questions and handovers, ids kept."""
    roles, incident_id = RoleRepository.of(uow), record.incident.id
    for c in record.changes:
        row = {
            "id": c.id, "incident_id": incident_id, "occurred_at": c.occurred_at, "service": c.service,
            "kind": c.kind.value, "version": c.version, "author": c.author, "link": c.link, "text": c.text,
            "reverts_id": c.reverts_id, "deleted": False,
        }  # fmt: skip
        roles.add_change(row)
        for m in c.marks:
            roles.add_change_mark({
                "id": m.id, "change_id": c.id, "incident_id": incident_id, "mark": m.mark.value, "at": m.at,
                "author": m.author, "note": m.note,
            })  # fmt: skip
    for a in record.role_assignments:
        if a.id:  # the commander named at opening and never changed is not a row: it follows the incident
            roles.add_assignment({
                "id": a.id, "incident_id": incident_id, "role": a.role, "person": a.person, "vendor_id": a.vendor_id,
                "vendor_name": a.vendor_name, "at": a.at, "author": a.author, "entry_id": None,
            })  # fmt: skip
    for q in record.question_events:
        roles.add_question_state({
            "id": q.id, "incident_id": incident_id, "entry_id": q.entry_id, "kind": q.kind.value,
            "state": q.state.value, "settled_by": q.settled_by, "at": q.at, "author": q.author,
        })  # fmt: skip
    for h in record.handovers:
        roles.add_handover({
            "id": h.id, "incident_id": incident_id, "from_person": h.from_person, "to_person": h.to_person,
            "note": h.note, "brief": h.brief.to_json(), "at": h.at, "author": h.author, "entry_id": h.entry_id,
        })  # fmt: skip
