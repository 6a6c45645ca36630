"""Assigning incident roles: each assignment is history and a timeline entry."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.ids import new_id
from warroom.domain.incident import Incident
from warroom.domain.roles import (
    COMMANDER,
    VENDOR_OWNER,
    Assignment,
    Tenure,
    assignment_text,
    clean_person,
    clean_role,
    current_holders,
    tenures,
)
from warroom.domain.timeline import EntryKind
from warroom.services.context import ServiceContext
from warroom.services.timeline import write_entry


def assignments_with_commander(uow: Any, incident: Incident) -> list[Assignment]:
    """The recorded assignments; an incident opened with a commander but never assigned one counts it."""
    recorded = uow.repos.roles.assignments(incident.id)
    if incident.commander and not any(a.role == COMMANDER and a.vendor_id is None for a in recorded):
        opening = Assignment("", incident.id, COMMANDER, incident.commander, incident.created_at, incident.commander)
        recorded.insert(0, opening)
    return recorded


def record_assignment(
    uow: Any,
    ctx: ServiceContext,
    incident: Incident,
    role: str,
    person: str,
    *,
    at: datetime,
    vendor: Any = None,
    entry_text: str | None = None,
) -> str | None:
    """Append one assignment and its timeline entry inside an open unit of work; returns the entry's id.

    Nothing is written (None) when the person already holds the role."""
    history = assignments_with_commander(uow, incident)
    vendor_id = vendor.id if vendor is not None else None
    previous = next((a.person for a in current_holders(history) if a.key == (role.casefold(), vendor_id)), "")
    if previous == person:
        return None
    title = f"{role} of {vendor.name}" if vendor is not None else role
    entry_text = entry_text or assignment_text(title, person, previous)
    entry_id = write_entry(
        uow, incident.id, at, occurred_at=at, author=ctx.user_name, kind=EntryKind.DECISION, text=entry_text
    ).id
    if role == COMMANDER and vendor is None and history and not history[0].id:
        _keep_opening_commander(uow, history[0])  # first, so its id sorts before this one at equal times
    assignment = Assignment(
        id=new_id(), incident_id=incident.id, role=role, person=person, at=at, author=ctx.user_name,
        vendor_id=vendor_id, vendor_name=vendor.name if vendor is not None else "",
    )  # fmt: skip
    uow.repos.roles.add_assignment(assignment, entry_id)
    if role == COMMANDER and vendor is None:
        uow.repos.incidents.change_incident(incident.id, {"commander": person})
    return entry_id


def _keep_opening_commander(uow: Any, opening: Assignment) -> None:
    """The commander named when the incident was opened becomes history before the first change."""
    uow.repos.roles.add_assignment(replace(opening, id=new_id(), role=COMMANDER, vendor_id=None, vendor_name=""), None)


class RoleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def assign(self, incident_id: str, role: str, person: str, *, vendor: str | None = None) -> list[Assignment]:
        """Give `role` to `person` ("" vacates it); `vendor` (a name) makes them that vendor's owner.

        Returns who holds which role now."""
        name = clean_role(role if role.strip() or not vendor else VENDOR_OWNER)
        who = clean_person(person)
        if name == COMMANDER and not who:
            raise ValidationError("An incident always has a commander: hand over to someone instead.")
        with self.ctx.store.unit_of_work() as uow:
            incident = _incident(uow, incident_id)
            found = self._vendor(uow, name, vendor)
            record_assignment(uow, self.ctx, incident, name, who, at=self.ctx.now(), vendor=found)
            uow.commit()
            return current_holders(assignments_with_commander(uow, uow.repos.incidents.require(incident_id)))

    @staticmethod
    def _vendor(uow: Any, role: str, vendor: str | None) -> Any:
        if role != VENDOR_OWNER:
            if vendor:
                raise ValidationError("Only a vendor owner belongs to a vendor: use the role 'vendor owner'.")
            return None
        if not vendor or not vendor.strip():
            raise ValidationError("A vendor owner chases one vendor: say which with --vendor NAME.")
        from warroom.services.directory.importing import find_vendor  # the one naming rule: prefix, no accents

        return find_vendor([v for v in uow.repos.directory.vendors() if v.active], vendor)

    def holders(self, incident_id: str) -> list[Assignment]:
        """Who holds which role now, standard roles first."""
        with self.ctx.store.unit_of_work() as uow:
            return current_holders(assignments_with_commander(uow, _incident(uow, incident_id)))

    def history(self, incident_id: str) -> list[Tenure]:
        """Who held which role, when."""
        with self.ctx.store.unit_of_work() as uow:
            return tenures(assignments_with_commander(uow, _incident(uow, incident_id)))


def _incident(uow: Any, incident_id: str) -> Incident:
    incident = uow.repos.incidents.get(incident_id)
    if incident is None:
        raise NotFoundError(f"No incident has the id {incident_id}.")
    return incident
