"""The Christmas-release incident as an IncidentRecord, built from the shared scenario files.

Vendors and contacts come from vendors.csv, entries from timeline.csv; the
helper adds what a real incident also has: attempts with outcomes, people who
could not be reached, an edited and a retracted entry, starred entries,
checklists, action items, status updates and a narrative with names in
several scripts.
"""

from __future__ import annotations

import csv
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from tests.data import SCENARIO as SCENARIO_DIR
from warroom.domain.action_items import ActionItem, ActionKind, ActionStatus, Audience, StatusUpdate
from warroom.domain.checklist import Checklist, ChecklistItem, ItemState
from warroom.domain.clock import parse_iso
from warroom.domain.directory import Channel, Contact, ContactAttempt, EscalationLevel, Outcome, Vendor
from warroom.domain.incident import Incident, Severity, Status
from warroom.domain.metrics import DurationDef
from warroom.domain.postmortem import IncidentRecord, UnreachableNote
from warroom.domain.timeline import Entry, EntryKind, Revision

# shared/ sits beside the repository, in a working tree and in CI's clone alike
SCENARIO = SCENARIO_DIR

INCIDENT_ID = "0190a000-0000-7000-8000-000000000001"
UNICODE_NAMES = ("Paracétamol", "Ọlá Adéwálé", "Åsa Bergström", "東京")


def stable_id(*parts: str) -> str:
    """Deterministic ids, so two builds of the fixture are equal."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "warroom-test/" + "/".join(parts)))


def at(text: str) -> datetime:
    return parse_iso(text)


def directory() -> tuple[tuple[Vendor, ...], tuple[Contact, ...], tuple[EscalationLevel, ...]]:
    vendors: dict[str, Vendor] = {}
    contacts: list[Contact] = []
    levels: dict[tuple[str, int], EscalationLevel] = {}
    with open(SCENARIO / "vendors.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            vendor = vendors.setdefault(row["vendor"], _vendor(row))
            contact = Contact(
                id=stable_id("contact", row["vendor"], row["contact"]),
                vendor_id=vendor.id,
                name=row["contact"],
                role=row["role"],
                phones=(row["phone"].replace(" ", ""),) if row["phone"] else (),
                email=row["email"] or None,
                timezone=None,
                hours=row["hours"],
                always_on_call=row["always_on_call"] == "yes",
                notes=row["notes"],
            )
            contacts.append(contact)
            number = int(row["escalation_level"])
            level = levels.get((vendor.id, number))
            wait = int(row["escalate_after_min"]) if row["escalate_after_min"] else None
            levels[(vendor.id, number)] = EscalationLevel(
                stable_id("level", vendor.id, str(number)),
                vendor.id,
                number,
                (level.contact_ids if level else ()) + (contact.id,),
                wait,
            )
    return tuple(vendors.values()), tuple(contacts), tuple(levels.values())


def _vendor(row: dict[str, str]) -> Vendor:
    return Vendor(
        id=stable_id("vendor", row["vendor"]),
        name=row["vendor"],
        layers=tuple(row["layers"].split(";")),
        country=row["country"],
        subdivision=row["subdivision"] or None,
        holiday_categories=tuple(row["holiday_categories"].split(";")),
        timezone=row["timezone"],
        hours=row["hours"],
        sla_response_min=int(row["sla_response_min"]),
        contract_ref="",
        notes=row["notes"],
    )


def _outcome(text: str) -> Outcome:
    lowered = text.lower()
    if "no answer" in lowered:
        return Outcome.NO_ANSWER
    if "ticket" in lowered or "forward" in lowered:
        return Outcome.ACKNOWLEDGED
    return Outcome.REACHED


def timeline(contacts: tuple[Contact, ...], vendors: tuple[Vendor, ...]):
    by_name = {(v.name, c.name): (v, c) for v in vendors for c in contacts if c.vendor_id == v.id}
    entries, revisions, attempts = [], [], []
    with open(SCENARIO / "timeline.csv", encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            vendor, contact = by_name.get((row["vendor"], row["contact"]), (None, None))
            entry = Entry(
                id=stable_id("entry", str(number)),
                incident_id=INCIDENT_ID,
                occurred_at=at(row["occurred_at"]),
                recorded_at=at(row["occurred_at"]) + timedelta(minutes=2),
                created_at=at(row["occurred_at"]) + timedelta(minutes=2),
                author=row["author"],
                kind=EntryKind.parse(row["kind"]),
                text=row["text"],
                milestone=row["milestone"] or None,
                vendor_id=vendor.id if vendor else None,
                contact_id=contact.id if contact else None,
                vendor_name=row["vendor"] or None,
                contact_name=row["contact"] or None,
                revision=1,
                retracted=False,
                starred=bool(row["milestone"]),
            )
            entries.append(entry)
            revisions.append(_first_revision(entry))
            if entry.kind is EntryKind.CONTACT and vendor is not None:
                attempts.append(_attempt(entry, _outcome(row["text"])))
    return entries, revisions, attempts


def _first_revision(entry: Entry) -> Revision:
    return Revision(
        id=stable_id("revision", entry.id, "1"),
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
        retracted=False,
    )


def _attempt(entry: Entry, outcome: Outcome) -> ContactAttempt:
    return ContactAttempt(
        id=stable_id("attempt", entry.id),
        incident_id=INCIDENT_ID,
        vendor_id=entry.vendor_id,
        contact_id=entry.contact_id,
        at=entry.occurred_at,
        channel=Channel.PORTAL if "Ticket" in (entry.contact_name or "") else Channel.PHONE,
        outcome=outcome,
        ticket="KR-4711" if "ticket" in entry.text else "",
        note=entry.text,
        author=entry.author,
        entry_id=entry.id,
    )


def _edit(entries: list[Entry], revisions: list[Revision], index: int, text: str) -> None:
    """A second revision for entries[index]: the fix text as corrected after the fact."""
    old = entries[index]
    recorded = old.recorded_at + timedelta(hours=1)
    new = replace(old, text=text, recorded_at=recorded, revision=2)
    entries[index] = new
    revisions.append(replace(_first_revision(new), id=stable_id("revision", old.id, "2")))


def _extra_entries(vendors: tuple[Vendor, ...]) -> tuple[list[Entry], list[Revision]]:
    base = dict(
        incident_id=INCIDENT_ID,
        milestone=None,
        vendor_id=None,
        contact_id=None,
        vendor_name=None,
        contact_name=None,
        revision=1,
        starred=False,
    )
    pharmacy = Entry(
        id=stable_id("entry", "pharmacy"),
        occurred_at=at("2013-12-19T09:00:00+01:00"),
        recorded_at=at("2013-12-19T09:01:00+01:00"),
        created_at=at("2013-12-19T09:01:00+01:00"),
        author="Ọlá Adéwálé",
        kind=EntryKind.OBSERVATION,
        text="Pharmacy API rejects Paracétamol orders | columns * and _ stay literal; 東京 office informed",
        retracted=False,
        **base,
    )
    mistake = Entry(
        id=stable_id("entry", "mistake"),
        occurred_at=at("2013-12-19T09:30:00+01:00"),
        recorded_at=at("2013-12-19T09:31:00+01:00"),
        created_at=at("2013-12-19T09:31:00+01:00"),
        author="Scribe",
        kind=EntryKind.OBSERVATION,
        text="RETRACTED: wrong incident",
        retracted=True,
        **base,
    )
    revs = [_first_revision(pharmacy), replace(_first_revision(mistake), retracted=False)]
    revs.append(replace(_first_revision(mistake), id=stable_id("revision", mistake.id, "2"), retracted=True))
    return [pharmacy, replace(mistake, revision=2)], revs


def scenario_record() -> IncidentRecord:
    vendors, contacts, levels = directory()
    entries, revisions, attempts = timeline(contacts, vendors)
    _edit(entries, revisions, 6, "Emergency fix deployed to staging: passes all 42 scenarios")
    extra_entries, extra_revisions = _extra_entries(vendors)
    entries = sorted(entries + extra_entries, key=lambda e: e.occurred_at)
    return IncidentRecord(
        incident=_incident(),
        entries=tuple(entries),
        revisions=tuple(revisions + extra_revisions),
        vendors=vendors,
        contacts=contacts,
        escalation_levels=levels,
        attempts=tuple(attempts),
        unreachable=_unreachable(vendors, contacts),
        checklists=(_checklist(),),
        action_items=_actions(entries),
        status_updates=_updates(),
        duration_defs=(
            DurationDef(stable_id("def", "correction"), "Correction time", "identified", "resolved"),
            DurationDef(stable_id("def", "lead"), "Lead time", "started", "identified"),
        ),
    )


def _incident() -> Incident:
    return Incident(
        id=INCIDENT_ID,
        number=7,
        title="Discharge handshakes lost after release 4.12 (Paracétamol orders too)",
        severity=Severity.SEV1,
        status=Status.RESOLVED,
        commander="Åsa Bergström",
        started_at=at("2013-12-18T20:30:00+01:00"),
        created_at=at("2013-12-19T07:55:00+01:00"),
        zone="Europe/Stockholm",
        impacted_services=("Discharge handshake", "Pharmacy API"),
        narrative={
            "summary": "Release 4.12 broke discharge handshakes; the fix was blocked for a week by a "
            "firewall layer nobody knew about. Reported by Ọlá Adéwálé; 東京 office informed.",
            "impact": "Wards used the fax procedure for **nine days**. Paracétamol orders failed.",
            "root_cause": "A status-mapping defect, and packet inspection rules installed in production only.",
            "resolution": "Rule adjusted by the duty manager; the emergency fix deployed.",
            "went_wrong": "- Nobody knew the firewall operator\n- Every specialist was on holiday",
            "lessons": "Keep the network diagram complete | include every vendor.",
        },
    )


def _unreachable(vendors, contacts) -> tuple[UnreachableNote, ...]:
    vendor = {v.name: v for v in vendors}
    contact = {c.name: c for c in contacts}
    return (
        UnreachableNote(
            vendor["Integra Meddelande AB"].id,
            contact["Åsa Bergström"].id,
            "Åsa Bergström",
            "Integra Meddelande AB",
            at("2013-12-20T12:40:00+01:00"),
            "annual leave until 2014-01-03",
        ),
        UnreachableNote(
            vendor["Baltic Perimeter Sp. z o.o."].id,
            contact["Paweł Wiśniewski"].id,
            "Paweł Wiśniewski",
            "Baltic Perimeter Sp. z o.o.",
            at("2013-12-27T10:40:00+01:00"),
            "annual leave until 2014-01-02",
        ),
    )


def _checklist() -> Checklist:
    checklist_id = stable_id("checklist", "1")
    items = (
        ("Open the war room", ItemState.DONE, "Åsa Bergström", "2013-12-19T07:56:00+01:00", ""),
        ("Switch wards to the fax procedure", ItemState.DONE, "Åsa Bergström", "2013-12-19T08:20:00+01:00", ""),
        (
            "Roll back the release",
            ItemState.SKIPPED,
            "Release team",
            "2013-12-19T08:30:00+01:00",
            "Database migration is not reversible",
        ),
        ("Post an external status page update", ItemState.OPEN, None, None, ""),
    )
    return Checklist(
        id=checklist_id,
        incident_id=INCIDENT_ID,
        title="Major incident",
        template_name="SEV1 runbook",
        created_at=at("2013-12-19T07:55:00+01:00"),
        items=tuple(
            ChecklistItem(
                id=stable_id("item", str(n)),
                checklist_id=checklist_id,
                section="First hour",
                text=text,
                hint="",
                position=float(n),
                state=state,
                assignee="Release team" if state is ItemState.OPEN else None,
                done_at=at(when) if when else None,
                done_by=who if state is not ItemState.OPEN else None,
                note=note,
            )
            for n, (text, state, who, when, note) in enumerate(items, start=1)
        ),
    )


def _actions(entries: list[Entry]) -> tuple[ActionItem, ...]:
    return (
        ActionItem(
            stable_id("action", "1"),
            INCIDENT_ID,
            ActionKind.PREVENTIVE,
            "Draw every firewall layer on the network diagram",
            "Paweł Wiśniewski",
            date(2014, 1, 31),
            ActionStatus.OPEN,
            "https://tracker.example/NET-12",
            None,
        ),
        ActionItem(
            stable_id("action", "2"),
            INCIDENT_ID,
            ActionKind.CORRECTIVE,
            "Fix the handshake status mapping for Paracétamol | 東京 orders",
            "Ọlá Adéwálé",
            date(2013, 12, 20),
            ActionStatus.DONE,
            "",
            entries[5].id,
        ),
    )


def _updates() -> tuple[StatusUpdate, ...]:
    return (
        StatusUpdate(
            stable_id("update", "1"),
            INCIDENT_ID,
            Audience.INTERNAL,
            "Wards switch to the fax procedure until further notice.",
            "e-mail to ward managers",
            at("2013-12-19T08:22:00+01:00"),
            "Åsa Bergström",
        ),
        StatusUpdate(
            stable_id("update", "2"),
            INCIDENT_ID,
            Audience.EXTERNAL,
            "Care homes: discharge messages arrive by fax for now.",
            "status page",
            at("2013-12-19T09:10:00+01:00"),
            "Åsa Bergström",
        ),
    )


def big_record(count: int = 10_000) -> IncidentRecord:
    """The scenario with `count` timeline entries, for speed checks."""
    record = scenario_record()
    start = record.incident.started_at.astimezone(UTC)
    kinds = list(EntryKind)
    filler = tuple(
        Entry(
            id=stable_id("bulk", str(n)),
            incident_id=INCIDENT_ID,
            occurred_at=start + timedelta(seconds=60 * n + 7),
            recorded_at=start + timedelta(seconds=60 * n + 9),
            created_at=start + timedelta(seconds=60 * n + 9),
            author=("Åsa Bergström", "Ọlá Adéwálé")[n % 2],
            kind=kinds[n % len(kinds)],
            text=f"Observation {n}: Paracétamol queue length {n % 97} | 東京",
            milestone=None,
            vendor_id=None,
            contact_id=None,
            vendor_name=None,
            contact_name=None,
            revision=1,
            retracted=False,
            starred=n % 50 == 0,
        )
        for n in range(max(0, count - len(record.entries)))
    )
    entries = tuple(sorted(record.entries + filler, key=lambda e: e.occurred_at))
    return replace(record, entries=entries)
