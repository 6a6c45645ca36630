"""Shift handover: build the brief from the record, record the accepted handover, export the brief."""

from __future__ import annotations

from typing import Any

from warroom.domain.availability import availability
from warroom.domain.directory import ContactAttempt
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.handover import Handover, HandoverBrief, handover_entry_text
from warroom.domain.handover_brief import BriefInput, build_brief
from warroom.domain.ids import new_id
from warroom.domain.incident import Incident
from warroom.domain.metrics import compute_metrics, milestone_instants
from warroom.domain.roles import COMMANDER, clean_person, current_holders, holder
from warroom.domain.timeline import EntryFilter
from warroom.domain.wall_time import resolve_zone
from warroom.services.context import ServiceContext
from warroom.services.directory.attempts import standing_attempts_in
from warroom.services.roles.questions import incident_questions
from warroom.services.roles.record import handovers
from warroom.services.roles.roles import assignments_with_commander, record_assignment


class HandoverService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def prepare(self, incident_id: str, to_person: str, note: str = "") -> HandoverBrief:
        """The brief as it would be handed over now; nothing is recorded."""
        with self.ctx.store.unit_of_work() as uow:
            return self._brief(uow, _incident(uow, incident_id), _person(to_person), note)

    def accept(self, incident_id: str, to_person: str, note: str = "") -> Handover:
        """The incoming commander accepts: the brief is kept, the commander changes, the timeline says so."""
        to = _person(to_person)
        now = self.ctx.now()
        with self.ctx.store.unit_of_work() as uow:
            incident = _incident(uow, incident_id)
            brief = self._brief(uow, incident, to, note)
            if brief.from_person.casefold() == to.casefold():
                raise ValidationError(f"{to} already commands {incident.reference}: hand over to someone else.")
            text = handover_entry_text(brief.from_person, to, note)
            entry_id = record_assignment(uow, self.ctx, incident, COMMANDER, to, at=now, entry_text=text)
            handover = Handover(
                id=new_id(), incident_id=incident.id, from_person=brief.from_person, to_person=to,
                note=note.strip(), at=now, author=self.ctx.user_name, brief=brief, entry_id=entry_id,
            )  # fmt: skip
            uow.repos.roles.add_handover(handover)
            uow.commit()
            return handover

    def handovers(self, incident_id: str) -> list[Handover]:
        with self.ctx.store.unit_of_work() as uow:
            _incident(uow, incident_id)
            return handovers(uow, incident_id)

    def _brief(self, uow: Any, incident: Incident, to: str, note: str) -> HandoverBrief:
        repos, now = uow.repos, self.ctx.now()
        assignments = assignments_with_commander(uow, incident)
        entries = [e for e in repos.timeline.all(incident.id, EntryFilter()) if not e.retracted]
        metrics = compute_metrics(
            milestone_instants(entries), repos.timeline.duration_defs(incident.id), incident.started_at
        )
        kept = handovers(uow, incident.id)
        attempts = list(standing_attempts_in(uow, incident.id))
        names, unreachable = _directory_notes(repos.directory, attempts, now, resolve_zone(incident.zone or "UTC"))
        data = BriefInput(
            incident=incident, from_person=holder(assignments, COMMANDER), to_person=to, now=now,
            since=kept[-1].at if kept else None, metrics=metrics, zone=resolve_zone(incident.zone or "UTC"),
            holders=current_holders(assignments), entries=entries, changes=uow.repos.roles.changes(incident.id),
            questions=[q for q in incident_questions(uow, incident.id) if q.open], attempts=attempts, names=names,
            unreachable=unreachable, checklists=repos.checklists.checklists(incident.id),
            actions=repos.actions.action_items(incident.id), updates=repos.actions.status_updates(incident.id),
            note=note,
        )  # fmt: skip
        return build_brief(data)


def _directory_notes(directory: Any, attempts: list[ContactAttempt], now: Any, zone: Any) -> tuple[dict, list[str]]:
    """Names of the vendors and contacts tried, and who at an unanswering vendor is unreachable until when."""
    names: dict[str, str] = {}
    notes: list[str] = []
    vendor_ids = list(dict.fromkeys(a.vendor_id for a in attempts if a.vendor_id))
    for vendor_id in vendor_ids:
        vendor = directory.vendor(vendor_id)
        if vendor is None:
            continue
        names[vendor.id] = vendor.name
        contacts = directory.contacts(vendor.id)
        names.update({c.id: c.name for c in contacts})
        if any(a.outcome.answered for a in attempts if a.vendor_id == vendor_id):
            continue
        absences = directory.absences(vendor.id)
        for contact in contacts:
            seen = availability(contact, vendor, now, absences)
            if seen.reachable:
                notes.append(f"{contact.name} ({vendor.name}) is reachable now")
            else:
                until = (
                    f"reachable from {seen.next_reachable_at.astimezone(zone):%Y-%m-%d %H:%M %Z}"
                    if seen.next_reachable_at
                    else "not reachable in the next year"
                )
                notes.append(f"{contact.name} ({vendor.name}) is unreachable: {seen.reason}; {until}")
    return names, notes


def _incident(uow: Any, incident_id: str) -> Incident:
    incident = uow.repos.incidents.get(incident_id)
    if incident is None:
        raise NotFoundError(f"No incident has the id {incident_id}.")
    return incident


def _person(text: str) -> str:
    person = clean_person(text)
    if not person:
        raise ValidationError("Say who takes over: --to PERSON (the incoming commander).")
    return person
