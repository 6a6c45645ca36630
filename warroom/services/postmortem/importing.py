"""Restoring a whole incident from its JSON archive into a store, through the replicated writer.

Everything keeps its id: the incident, entries and revisions, attempts,
checklists and items, action items, status updates, duration definitions.
Revisions are appended entry by entry in the archive's order (the order of
their original stamps), so each entry's latest revision is the same one as
before. Vendors, contacts, escalation levels and absences are matched by id
and created only when missing: the target store's directory may be newer.
Every row goes through `uow.writer`, so the restored incident syncs like one
typed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from warroom.domain.errors import ValidationError
from warroom.domain.ids import new_id
from warroom.domain.incident import NARRATIVE_FIELDS, Incident
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
    directory, write = uow.repos.directory, uow.writer
    vendors = contacts = 0
    for v in record.vendors:
        if _missing(directory.vendor, v.id):
            write.create(
                "vendors",
                {
                    "id": v.id,
                    "name": v.name,
                    "layers": list(v.layers),
                    "country": v.country,
                    "subdivision": v.subdivision,
                    "holiday_categories": list(v.holiday_categories),
                    "timezone": v.timezone,
                    "hours": v.hours,
                    "sla_response_min": v.sla_response_min,
                    "contract_ref": v.contract_ref,
                    "notes": v.notes,
                    "sla_clock": v.sla_clock,
                    "active": v.active,
                    "deleted": False,
                },
            )
            vendors += 1
    for c in record.contacts:
        if _missing(directory.contact, c.id) and directory.vendor(c.vendor_id) is not None:
            write.create(
                "contacts",
                {
                    "id": c.id,
                    "vendor_id": c.vendor_id,
                    "name": c.name,
                    "role": c.role,
                    "phones": list(c.phones),
                    "email": c.email,
                    "timezone": c.timezone,
                    "hours": c.hours,
                    "always_on_call": c.always_on_call,
                    "notes": c.notes,
                    "country": c.country,
                    "subdivision": c.subdivision,
                    "holiday_categories": list(c.holiday_categories) or None,
                    "active": c.active,
                    "deleted": False,
                },
            )
            contacts += 1
    known_levels = {level.id for v in record.vendors for level in directory.levels(v.id)}
    for level in record.escalation_levels:
        if level.id not in known_levels and directory.vendor(level.vendor_id) is not None:
            write.create(
                "escalation_levels",
                {
                    "id": level.id,
                    "vendor_id": level.vendor_id,
                    "level": level.level,
                    "contact_ids": list(level.contact_ids),
                    "wait_min": level.wait_min,
                    "deleted": False,
                },
            )
    known_absences = {a.id for v in record.vendors for a in directory.absences(v.id)}
    for a in record.absences:
        if a.id not in known_absences and directory.vendor(a.vendor_id) is not None:
            write.create(
                "absences",
                {
                    "id": a.id,
                    "vendor_id": a.vendor_id,
                    "contact_id": a.contact_id,
                    "starts_at": a.starts_at,
                    "ends_at": a.ends_at,
                    "reason": a.reason,
                    "source_uid": a.source_uid,
                    "source": a.source,
                    "deleted": False,
                },
            )
    return vendors, contacts


def _incident(uow, incident: Incident, number: int) -> None:
    uow.writer.create(
        "incidents",
        {
            "id": incident.id,
            "number": number,
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
        },
    )


def _timeline(uow, incident_id: str, entries: tuple[Entry, ...], revisions: tuple[Revision, ...]) -> None:
    by_entry: dict[str, list[Revision]] = {}
    for revision in revisions:
        by_entry.setdefault(revision.entry_id, []).append(revision)
    heads = {e.id: e for e in entries}
    for entry_id in list(heads) + [i for i in by_entry if i not in heads]:
        entry = heads.get(entry_id)
        history = by_entry.get(entry_id) or ([_only_revision(entry)] if entry is not None else [])
        uow.writer.create(
            "timeline_entries",
            {
                "id": entry_id,
                "incident_id": incident_id,
                "created_at": entry.created_at if entry else history[0].recorded_at,
                "starred": entry.starred if entry else False,
            },
        )
        for index, revision in enumerate(history):
            uow.writer.append("entry_revisions", _revision_row(incident_id, revision), new_entry=index == 0)


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


def _revision_row(incident_id: str, r: Revision) -> dict:
    return {
        "id": r.id,
        "entry_id": r.entry_id,
        "incident_id": incident_id,
        "occurred_at": r.occurred_at,
        "recorded_at": r.recorded_at,
        "author": r.author,
        "kind": r.kind.value,
        "text": r.text,
        "milestone": r.milestone,
        "vendor_id": r.vendor_id,
        "contact_id": r.contact_id,
        "vendor_name": r.vendor_name,
        "contact_name": r.contact_name,
        "retracted": r.retracted,
    }


def _the_rest(uow, record: IncidentRecord) -> None:
    write, incident_id = uow.writer, record.incident.id
    for a in record.attempts:
        write.append(
            "contact_attempts",
            {
                "id": a.id,
                "incident_id": incident_id,
                "vendor_id": a.vendor_id,
                "contact_id": a.contact_id,
                "at": a.at,
                "channel": a.channel.value,
                "outcome": a.outcome.value,
                "ticket": a.ticket,
                "note": a.note,
                "author": a.author,
                "entry_id": a.entry_id,
            },
        )
    for checklist in record.checklists:
        write.create(
            "checklists",
            {
                "id": checklist.id,
                "incident_id": incident_id,
                "title": checklist.title,
                "template_name": checklist.template_name,
                "created_at": checklist.created_at,
                "deleted": False,
            },
        )
        for i in checklist.items:
            write.create(
                "checklist_items",
                {
                    "id": i.id,
                    "checklist_id": checklist.id,
                    "section": i.section,
                    "text": i.text,
                    "hint": i.hint,
                    "position": i.position,
                    "state": i.state.value,
                    "assignee": i.assignee,
                    "done_at": i.done_at,
                    "done_by": i.done_by,
                    "note": i.note,
                    "deleted": False,
                },
            )
    for item in record.action_items:
        write.create(
            "action_items",
            {
                "id": item.id,
                "incident_id": incident_id,
                "kind": item.kind.value,
                "text": item.text,
                "owner": item.owner,
                "due_date": item.due_date,
                "status": item.status.value,
                "tracker_url": item.tracker_url,
                "entry_id": item.entry_id,
                "deleted": False,
            },
        )
    for u in record.status_updates:
        write.append(
            "status_updates",
            {
                "id": u.id,
                "incident_id": incident_id,
                "audience": u.audience.value,
                "text": u.text,
                "channel": u.channel,
                "posted_at": u.posted_at,
                "author": u.author,
            },
        )
    for d in record.duration_defs:
        write.create(
            "duration_defs",
            {
                "id": d.id,
                "incident_id": incident_id,
                "name": d.name,
                "start_milestone": d.start,
                "end_milestone": d.end,
                "deleted": False,
            },
        )
