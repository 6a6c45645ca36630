"""Gathering everything recorded about one incident into an IncidentRecord.

The record holds the incident, every entry (retracted ones too) and every
revision, the contact attempts, checklists, action items, status updates and
duration definitions, and the part of the directory the incident refers to:
the vendors named by its entries and attempts, all their contacts and
escalation levels, and the closures and leave that cover an attempt. The
"could not be reached, and why" notes are computed here, from availability at
the instant of each unanswered attempt.
"""

from __future__ import annotations

from collections.abc import Iterable

from warroom.domain.availability import Cause, reason_at
from warroom.domain.clock import as_utc
from warroom.domain.directory import Absence, Contact, ContactAttempt, Vendor
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.postmortem import IncidentRecord, UnreachableNote
from warroom.domain.timeline import Entry
from warroom.services.roles.record import roles_record
from warroom.store.repositories.directory import DirectoryRepository
from warroom.store.repositories.record_rows import record_entries, record_revisions
from warroom.store.uow import UnitOfWork

REACHABLE = (Cause.IN_HOURS, Cause.ALWAYS_ON_CALL)


def load_record(uow: UnitOfWork, incident_id: str, *, revisions: bool = True) -> IncidentRecord:
    """The whole incident from an open unit of work; NotFoundError for an unknown id.

    `revisions=False` leaves the entries' history out: documents show the latest revisions only,
    and reading every revision of a long timeline costs as much again."""
    repos = uow.repos
    incident = repos.incidents.get(incident_id)
    if incident is None:
        raise NotFoundError(f"No incident has the id {incident_id}.")
    entries = tuple(record_entries(repos.timeline, incident_id))
    attempts = tuple(repos.directory.attempts(incident_id))
    vendors = referenced_vendors(repos.directory, entries, attempts)
    contacts = tuple(c for v in vendors for c in repos.directory.contacts(v.id))
    all_absences = tuple(a for v in vendors for a in repos.directory.absences(v.id))
    return IncidentRecord(
        incident=incident,
        entries=entries,
        revisions=tuple(record_revisions(repos.timeline, incident_id)) if revisions else (),
        vendors=vendors,
        contacts=contacts,
        escalation_levels=tuple(level for v in vendors for level in repos.directory.levels(v.id)),
        attempts=attempts,
        unreachable=unreachable_notes(attempts, vendors, contacts, all_absences, entries),
        checklists=tuple(repos.checklists.checklists(incident_id)),
        action_items=tuple(repos.actions.action_items(incident_id)),
        status_updates=tuple(repos.actions.status_updates(incident_id)),
        deliveries=tuple(d for u in repos.comms.updates(incident_id) for d in u.deliveries),
        duration_defs=tuple(repos.timeline.duration_defs(incident_id)),
        comms_cadence=repos.comms.cadence_overrides(),
        absences=covering_absences(all_absences, attempts, contacts),
        **roles_record(uow, incident_id),
    )


def referenced_vendors(
    directory: DirectoryRepository, entries: Iterable[Entry], attempts: Iterable[ContactAttempt]
) -> tuple[Vendor, ...]:
    """Vendors named by id (or, for entries typed before the directory knew them, by name)."""
    vendor_ids: set[str] = set()
    contact_ids: set[str] = set()
    names: set[str] = set()
    items: list[Entry | ContactAttempt] = [*entries, *attempts]
    for item in items:
        if item.vendor_id:
            vendor_ids.add(item.vendor_id)
        if item.contact_id:
            contact_ids.add(item.contact_id)
        name = getattr(item, "vendor_name", None)
        if not item.vendor_id and name:
            names.add(name)
    for contact_id in contact_ids:
        contact = directory.contact(contact_id)
        if contact is not None:
            vendor_ids.add(contact.vendor_id)
    found = {v.id: v for v in (directory.vendor(i) for i in vendor_ids) if v is not None}
    for name in names:
        vendor = directory.vendor_by_name(name)
        if vendor is not None:
            found.setdefault(vendor.id, vendor)
    return tuple(sorted(found.values(), key=lambda v: (v.name.casefold(), v.id)))


def unreachable_notes(
    attempts: Iterable[ContactAttempt],
    vendors: Iterable[Vendor],
    contacts: Iterable[Contact],
    absences: Iterable[Absence],
    entries: Iterable[Entry] = (),
) -> tuple[UnreachableNote, ...]:
    """For each unanswered attempt, why the contact could not be reached then (if they could not)."""
    vendor_by_id = {v.id: v for v in vendors}
    contacts = tuple(contacts)
    contact_by_id = {c.id: c for c in contacts}
    contact_by_name = {(c.vendor_id, c.name.casefold()): c for c in contacts}
    named = {e.id: e.contact_name for e in entries if e.contact_name}
    absences = tuple(absences)
    notes = []
    for attempt in attempts:
        if attempt.outcome.answered:
            continue
        contact = contact_by_id.get(attempt.contact_id or "")
        if contact is None and attempt.vendor_id and attempt.entry_id in named:
            # an attempt imported from a timeline names its contact only in its entry
            contact = contact_by_name.get((attempt.vendor_id, named[attempt.entry_id].casefold()))
        vendor = vendor_by_id.get(attempt.vendor_id or (contact.vendor_id if contact else ""))
        if contact is None or vendor is None:
            continue  # a switchboard or a name the directory does not know: no calendar to ask
        try:
            cause, reason, _short = reason_at(contact, vendor, attempt.at, absences)
        except ValidationError:
            continue  # hours or zone the availability rules cannot read: say nothing rather than guess
        if cause not in REACHABLE:
            notes.append(UnreachableNote(vendor.id, contact.id, contact.name, vendor.name, as_utc(attempt.at), reason))
    return tuple(notes)


def covering_absences(
    absences: Iterable[Absence], attempts: Iterable[ContactAttempt], contacts: Iterable[Contact]
) -> tuple[Absence, ...]:
    """The absences in force at some attempt to their vendor: what the notes were computed from."""
    vendor_of = {c.id: c.vendor_id for c in contacts}
    instants: dict[str, list] = {}
    for attempt in attempts:
        vendor_id = attempt.vendor_id or vendor_of.get(attempt.contact_id or "")
        if vendor_id:
            instants.setdefault(vendor_id, []).append(as_utc(attempt.at))
    return tuple(
        a
        for a in absences
        if any(as_utc(a.starts_at) <= at < as_utc(a.ends_at) for at in instants.get(a.vendor_id, ()))
    )
