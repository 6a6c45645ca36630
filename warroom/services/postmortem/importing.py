"""Restoring a whole incident from its JSON archive into a store, through the repositories.

Everything keeps its id: the incident, entries and revisions, attempts,
checklists and items, action items, status updates, duration definitions.
Revisions are appended entry by entry in the archive's order (the order of
their original stamps), so each entry's latest revision is the same one as
before. Vendors, contacts, escalation levels and absences are matched by id
and created only when missing: the target store's directory may be newer.
Every row goes through the repositories (and so the replicated writer), so the
restored incident syncs like one typed in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from warroom.domain.errors import ValidationError
from warroom.domain.ids import new_id
from warroom.domain.incident import Incident
from warroom.domain.postmortem import IncidentRecord
from warroom.domain.timeline import Entry, Revision
from warroom.domain.wall_time import resolve_zone
from warroom.services.postmortem.fresh_ids import with_fresh_ids
from warroom.services.roles.record import restore_roles
from warroom.store.repositories.id_owners import IdOwnerRepository


@dataclass(frozen=True)
class Restored:
    incident_id: str
    number: int
    renumbered: bool
    vendors_created: int
    contacts_created: int


def restore_record(uow, record: IncidentRecord, source: str, *, as_new: bool = False) -> Restored:
    """Write `record` inside the open unit of work (the caller commits).

    `as_new` gives the incident and everything it owns fresh ids first, so a
    copy can sit beside the incident it came from."""
    if as_new:
        record = with_fresh_ids(record)
    incident = record.incident
    existing = uow.repos.incidents.get(incident.id)
    if existing is not None:
        raise ValidationError(
            f"{source}: {incident.reference} with this id is already in this store (as {existing.reference}, "
            f"“{existing.title}”): it was imported or synced before, so nothing was imported; "
            "use --as-new to import a copy with fresh ids."
        )
    check_ids(uow, record, source)
    try:
        resolve_zone(incident.zone)
    except ValidationError as error:
        raise ValidationError(f"{source}, incident.zone: {error}") from None
    number = incident.number
    renumbered = bool(uow.repos.incidents.by_number(number))
    if renumbered:
        number = uow.repos.incidents.next_number()
    vendors, contacts = _directory(uow, record)
    _incident(uow, incident, number)
    _timeline(uow, incident.id, record.entries, record.revisions)
    _the_rest(uow, record)
    restore_roles(uow, record)
    return Restored(incident.id, number, renumbered, vendors, contacts)


def _owned_ids(record: IncidentRecord) -> list[tuple[str, str, list[str]]]:
    """(kind, where in the file, ids) for everything the incident owns."""
    return [
        ("entry", "entries", [e.id for e in record.entries]),
        ("revision", "revisions", [r.id for r in record.revisions]),
        ("contact attempt", "attempts", [a.id for a in record.attempts]),
        ("checklist", "checklists", [c.id for c in record.checklists]),
        ("checklist item", "checklists[].items", [i.id for c in record.checklists for i in c.items]),
        ("action item", "action_items", [a.id for a in record.action_items]),
        ("status update", "status_updates", [u.id for u in record.status_updates]),
        ("duration", "duration_defs", [d.id for d in record.duration_defs]),
    ]


def check_ids(uow, record: IncidentRecord, source: str) -> None:
    """Refuse, before writing, an id that repeats in the file or belongs to another incident here."""
    owners = IdOwnerRepository(uow.session)
    for kind, where, ids in _owned_ids(record):
        seen: set[str] = set()
        for index, item_id in enumerate(ids):
            if item_id in seen:
                raise ValidationError(f"{source}, {where}[{index}]: the {kind} id {item_id} appears twice in the file.")
            seen.add(item_id)
        taken = owners.first_taken(kind, ids)
        if taken is not None:
            owner = (
                f"INC-{taken.incident_number} '{taken.incident_title}'" if taken.incident_number else "another incident"
            )
            raise ValidationError(
                f"{source}: {kind} {taken.id} already belongs to {owner}; import into a new store or use "
                "--as-new to give the imported incident fresh ids."
            )


def _missing(getter, row_id: str) -> bool:
    return getter(row_id) is None


def _directory(uow, record: IncidentRecord) -> tuple[int, int]:
    directory = uow.repos.directory
    vendors = contacts = 0
    for v in record.vendors:
        if _missing(directory.vendor, v.id):
            directory.add_vendor(v)
            vendors += 1
    for c in record.contacts:
        if _missing(directory.contact, c.id) and directory.vendor(c.vendor_id) is not None:
            directory.add_imported_contact(c)
            contacts += 1
    known_levels = {level.id for v in record.vendors for level in directory.levels(v.id)}
    for level in record.escalation_levels:
        if level.id not in known_levels and directory.vendor(level.vendor_id) is not None:
            directory.add_level(level)
    known_absences = {a.id for v in record.vendors for a in directory.absences(v.id)}
    for a in record.absences:
        if a.id not in known_absences and directory.vendor(a.vendor_id) is not None:
            directory.add_absence(a)
    return vendors, contacts


def _incident(uow, incident: Incident, number: int) -> None:
    uow.repos.incidents.add_incident(replace(incident, number=number))


def _timeline(uow, incident_id: str, entries: tuple[Entry, ...], revisions: tuple[Revision, ...]) -> None:
    by_entry: dict[str, list[Revision]] = {}
    for revision in revisions:
        by_entry.setdefault(revision.entry_id, []).append(revision)
    heads = {e.id: e for e in entries}
    for entry_id in list(heads) + [i for i in by_entry if i not in heads]:
        entry = heads.get(entry_id)
        history = by_entry.get(entry_id) or ([_only_revision(entry)] if entry is not None else [])
        head = replace(entry, incident_id=incident_id) if entry else _headless(incident_id, entry_id, history)
        uow.repos.timeline.add_entry(head, history)


def _headless(incident_id: str, entry_id: str, history: list[Revision]) -> Entry:
    """An archive with revisions but not their entry: the entry as its revisions make it."""
    last = history[-1]
    return Entry(
        id=entry_id,
        incident_id=incident_id,
        occurred_at=last.occurred_at,
        recorded_at=last.recorded_at,
        created_at=history[0].recorded_at,
        author=last.author,
        kind=last.kind,
        text=last.text,
        milestone=last.milestone,
        vendor_id=last.vendor_id,
        contact_id=last.contact_id,
        vendor_name=last.vendor_name,
        contact_name=last.contact_name,
        revision=len(history),
        retracted=last.retracted,
        starred=False,
    )


def _only_revision(entry: Entry) -> Revision:
    """An archive without revisions (written by hand or another tool): the entry is its own revision."""
    return Revision(
        id=new_id(),
        entry_id=entry.id,
        occurred_at=entry.occurred_at,
        recorded_at=entry.recorded_at,
        author=entry.author,
        kind=entry.kind,
        text=entry.text,
        milestone=entry.milestone,
        vendor_id=entry.vendor_id,
        contact_id=entry.contact_id,
        vendor_name=entry.vendor_name,
        contact_name=entry.contact_name,
        retracted=entry.retracted,
    )


def _the_rest(uow, record: IncidentRecord) -> None:
    repos, incident_id = uow.repos, record.incident.id
    for a in record.attempts:
        repos.directory.add_attempt(replace(a, incident_id=incident_id))
    for checklist in record.checklists:
        repos.checklists.add_checklist(replace(checklist, incident_id=incident_id))
    for item in record.action_items:
        repos.actions.add_action(replace(item, incident_id=incident_id))
    for u in record.status_updates:
        repos.actions.add_status_update(replace(u, incident_id=incident_id))
    for d in record.duration_defs:
        repos.timeline.add_duration(incident_id, d)
