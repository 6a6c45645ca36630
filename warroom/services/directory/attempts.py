"""Contact attempts (each also a timeline entry) and the escalations they make due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from warroom.domain.clock import as_utc
from warroom.domain.directory import (
    Channel,
    Contact,
    ContactAttempt,
    EscalationLevel,
    Outcome,
    Vendor,
    standing_attempts,
)
from warroom.domain.errors import NotFoundError, must_exist
from warroom.domain.ids import new_id
from warroom.domain.not_future import not_future
from warroom.domain.timeline import EntryFilter, EntryKind
from warroom.integrations.directory_records import normal_text
from warroom.services.context import ServiceContext
from warroom.services.timeline import write_entry

_VERBS = {
    Channel.PHONE: "Called {who} by phone",
    Channel.SMS: "Texted {who}",
    Channel.EMAIL: "Emailed {who}",
    Channel.CHAT: "Messaged {who} by chat",
    Channel.PORTAL: "Contacted {who} through the vendor's portal",
    Channel.IN_PERSON: "Spoke to {who} in person",
}


@dataclass(frozen=True)
class EscalationDue:
    """A level whose waiting time ran out without an acknowledgement."""

    vendor_id: str
    vendor_name: str
    level: int
    wait_min: int
    since: datetime  # UTC: the first attempt at this level
    due_at: datetime  # UTC: since + wait_min
    next_level: int | None  # None: the path has no further level
    next_contacts: tuple[str, ...]  # names at the next level
    message: str


def attempt_text(
    contact: str, vendor: str, channel: Channel, outcome: Outcome, ticket: str = "", note: str = ""
) -> str:
    """'Called Elin Sjöberg (Kronan Datacenter AB) by phone: no answer; ticket 4711'."""
    text = _VERBS[channel].format(who=f"{contact} ({vendor})") + f": {outcome.value}"
    if ticket:
        text += f"; ticket {ticket}"
    if note:
        text += f". {note}"
    return text


def due_escalations(
    attempts: Sequence[ContactAttempt],
    vendors: Sequence[Vendor],
    contacts: Sequence[Contact],
    levels: Sequence[EscalationLevel],
    now: datetime,
) -> tuple[EscalationDue, ...]:
    """For each vendor worked in these attempts and not yet acknowledged: the highest level
    tried, if its wait (from the first attempt at it) has run out by `now`."""
    names = {c.id: c.name for c in contacts}
    found = []
    for vendor in vendors:
        own = [a for a in attempts if a.vendor_id == vendor.id]
        if not own or any(a.outcome is Outcome.ACKNOWLEDGED for a in own):
            continue
        path = sorted((lv for lv in levels if lv.vendor_id == vendor.id), key=lambda lv: lv.level)
        due = _vendor_due(vendor, own, path, names, as_utc(now))
        if due is not None:
            found.append(due)
    return tuple(sorted(found, key=lambda d: d.due_at))


def _vendor_due(
    vendor: Vendor, own: list[ContactAttempt], path: list[EscalationLevel], names: dict[str, str], now: datetime
) -> EscalationDue | None:
    first_level: dict[str, EscalationLevel] = {}
    for lv in path:
        for cid in lv.contact_ids:
            first_level.setdefault(cid, lv)
    tried = [(first_level[a.contact_id], a.at) for a in own if a.contact_id in first_level]
    if not tried:
        return None
    current = max((lv for lv, _ in tried), key=lambda lv: lv.level)
    if not current.wait_min:
        return None
    since = min(at for lv, at in tried if lv.level == current.level)
    due_at = since + timedelta(minutes=current.wait_min)
    if now < due_at:
        return None
    after = next((lv for lv in path if lv.level > current.level), None)
    who = ", ".join(names.get(cid, "?") for cid in current.contact_ids)
    next_names = tuple(names.get(cid, "?") for cid in after.contact_ids) if after else ()
    message = f"{vendor.name}: no acknowledgement from level {current.level} ({who}) within {current.wait_min} min; "
    message += (
        f"escalate to level {after.level}: {', '.join(next_names)}."
        if after
        else "there is no further level on the path."
    )
    return EscalationDue(
        vendor.id,
        vendor.name,
        current.level,
        current.wait_min,
        since,
        due_at,
        after.level if after else None,
        next_names,
        message,
    )


class AttemptLog:
    """Contact attempts on an incident and the escalations they make due.
    DirectoryService offers these methods; it holds one of these."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def log_attempt(
        self,
        incident_id: str,
        contact_id: str,
        channel: Channel | str,
        outcome: Outcome | str,
        ticket: str = "",
        note: str = "",
        at: datetime | None = None,
    ) -> ContactAttempt:
        """Record one attempt to reach a contact; it is also a timeline entry of kind contact."""
        channel, outcome = Channel.parse(channel), Outcome.parse(outcome)
        now = self.ctx.now()
        when = as_utc(at) if at else now
        not_future(when, now, "Time: that is in the future; an attempt records what has happened.")
        ticket, note = normal_text(ticket), (note or "").strip()
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.incidents.require(incident_id)
            contact = uow.repos.directory.contact(contact_id)
            if contact is None:
                raise NotFoundError("That contact is not in the directory (deleted on another laptop?).")
            vendor = uow.repos.directory.vendor(contact.vendor_id)
            vendor_name = vendor.name if vendor else "unknown vendor"
            entry = write_entry(
                uow,
                incident_id,
                now,
                occurred_at=when,
                author=self.ctx.user_name,
                kind=EntryKind.CONTACT,
                text=attempt_text(contact.name, vendor_name, channel, outcome, ticket, note),
                vendor_id=contact.vendor_id,
                contact_id=contact.id,
                vendor_name=vendor_name,
                contact_name=contact.name,
            )
            attempt = ContactAttempt(
                id=new_id(),
                incident_id=incident_id,
                vendor_id=contact.vendor_id,
                contact_id=contact.id,
                at=when,
                channel=channel,
                outcome=outcome,
                ticket=ticket,
                note=note,
                author=self.ctx.user_name,
                entry_id=entry.id,
            )
            uow.repos.directory.add_attempt(attempt)
            uow.commit()
            return must_exist(uow.repos.directory.attempt(attempt.id), "That contact attempt was not recorded.")

    def attempts(self, incident_id: str) -> list[ContactAttempt]:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.directory.attempts(incident_id)

    def escalation_due(self, incident_id: str, now: datetime | None = None) -> tuple[EscalationDue, ...]:
        """Levels whose wait ran out without an acknowledgement, for vendors worked in the incident."""
        with self.ctx.store.unit_of_work() as uow:
            incident = uow.repos.incidents.get(incident_id)
            if incident is None or incident.status.value in ("resolved", "closed"):
                return ()  # nobody needs chasing once the incident is over
            repo = uow.repos.directory
            attempts = standing_attempts_in(uow, incident_id)
            worked = {a.vendor_id for a in attempts if a.vendor_id}
            vendors = [v for v in repo.vendors() if v.id in worked]
            contacts = [c for v in vendors for c in repo.contacts(v.id)]
            levels = [lv for v in vendors for lv in repo.levels(v.id)]
        return due_escalations(attempts, vendors, contacts, levels, now or self.ctx.now())


def standing_attempts_in(uow, incident_id: str) -> tuple[ContactAttempt, ...]:
    """The incident's attempts that still count (none the user undid), for every reader of the record."""
    return standing_attempts(uow.repos.directory.attempts(incident_id), _retracted_contact_entries(uow, incident_id))


def _retracted_contact_entries(uow, incident_id: str) -> set[str]:
    """Ids of the incident's retracted contact entries: attempts the user undid."""
    shown = EntryFilter(kinds=(EntryKind.CONTACT.value,), include_retracted=True)
    return {e.id for e in uow.repos.timeline.all(incident_id, shown) if e.retracted}
