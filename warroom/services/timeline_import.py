"""Reconstructing an incident's timeline from CSV, all or nothing, and as often as needed.

A row already in the incident (same instant to the second, author and text) is not added
again, so importing the same file twice adds nothing the second time and says so. When the
import moves the incident's start or changes its status, the result says so, and so does the
timeline (a status entry, or an observation for the start).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from warroom.domain.attempt_prose import files_a_ticket, outcome_in_prose, ticket_in_prose
from warroom.domain.clock import as_utc
from warroom.domain.directory import Channel, Contact, ContactAttempt, Outcome, Vendor
from warroom.domain.ids import new_id
from warroom.domain.incident import Incident, Status
from warroom.domain.timeline import EntryFilter, EntryKind
from warroom.domain.timeline_csv import ImportedEntry, parse_timeline_csv
from warroom.services.context import ServiceContext
from warroom.services.timeline import follow_milestone, write_entry
from warroom.store.uow import UnitOfWork


@dataclass(frozen=True)
class ImportResult:
    entries: int
    linked_vendors: int
    unlinked_names: tuple[str, ...]  # kept as written; the directory may be filled in later
    attempts: int
    already_there: int = 0  # rows of the file the incident already had: not added again
    start_moved: tuple[datetime, datetime] | None = None  # (from, to), UTC
    status_changed: tuple[Status, Status] | None = None  # (from, to)


def _same_key(occurred_at: datetime, author: str, text: str) -> tuple:
    return as_utc(occurred_at).replace(microsecond=0), author, text


def guess_outcome(text: str) -> Outcome:
    """Imported contact rows carry their outcome only in prose; 'reached' unless the words say otherwise."""
    return outcome_in_prose(text) or Outcome.REACHED


def guess_ticket(text: str) -> str:
    return ticket_in_prose(text)


def guess_channel(text: str) -> Channel:
    lower = text.lower()
    if "email" in lower or "e-mail" in lower or "mailed" in lower:
        return Channel.EMAIL
    if files_a_ticket(text):
        return Channel.PORTAL
    return Channel.PHONE


class TimelineImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def import_csv(
        self, incident_id: str, data: bytes, *, zone: str | None = None, source_name: str = "timeline.csv"
    ) -> ImportResult:
        rows = parse_timeline_csv(data, zone=zone, source_name=source_name, now=self.ctx.now())
        with self.ctx.store.unit_of_work() as uow:
            before = uow.repos.incidents.require(incident_id)
            new_rows, already = self._new_rows(uow, incident_id, rows)
            result = self._write_all(uow, incident_id, new_rows)
            incident = before
            for row in sorted(new_rows, key=lambda r: r.occurred_at):
                if row.milestone:
                    incident = follow_milestone(uow, self.ctx, incident, row.milestone, row.occurred_at)
            moved = self._say_start_moved(uow, before, incident, source_name)
            uow.commit()
        status = (before.status, incident.status) if incident.status is not before.status else None
        return replace(result, already_there=already, start_moved=moved, status_changed=status)

    def _new_rows(self, uow, incident_id: str, rows) -> tuple[tuple[ImportedEntry, ...], int]:
        existing = uow.repos.timeline.all(incident_id, EntryFilter(include_retracted=True))
        seen = {_same_key(e.occurred_at, e.author, e.text) for e in existing}
        fresh = []
        for row in rows:
            key = _same_key(row.occurred_at, row.author or self.ctx.user_name, row.text)
            if key not in seen:
                seen.add(key)
                fresh.append(row)
        return tuple(fresh), len(rows) - len(fresh)

    def _say_start_moved(self, uow, before: Incident, after: Incident, source_name: str):
        if after.started_at == before.started_at:
            return None
        write_entry(
            uow,
            before.id,
            self.ctx.now(),
            occurred_at=self.ctx.now(),
            author=self.ctx.user_name,
            kind=EntryKind.OBSERVATION,
            text=(
                f"Importing {source_name} moved the incident's start from "
                f"{as_utc(before.started_at):%Y-%m-%d %H:%M} UTC to {as_utc(after.started_at):%Y-%m-%d %H:%M} UTC "
                "(its 'started' milestone)."
            ),
        )
        return as_utc(before.started_at), as_utc(after.started_at)

    def _write_all(self, uow: UnitOfWork, incident_id: str, rows: tuple[ImportedEntry, ...]) -> ImportResult:
        now = self.ctx.now()
        linked, unlinked, attempts = 0, set(), 0
        for row in rows:
            vendor = uow.repos.directory.vendor_by_name(row.vendor_name) if row.vendor_name else None
            contact = (
                uow.repos.directory.contact_by_name(vendor.id, row.contact_name)
                if vendor and row.contact_name
                else None
            )
            if row.vendor_name and vendor is None:
                unlinked.add(row.vendor_name)
            linked += vendor is not None
            entry = write_entry(
                uow,
                incident_id,
                now,
                occurred_at=row.occurred_at,
                author=row.author or self.ctx.user_name,
                kind=row.kind,
                text=row.text,
                milestone=row.milestone,
                vendor_id=vendor.id if vendor else None,
                contact_id=contact.id if contact else None,
                vendor_name=row.vendor_name,
                contact_name=row.contact_name,
            )
            if row.kind is EntryKind.CONTACT and (row.vendor_name or row.contact_name):
                self._attempt(uow, incident_id, entry.id, row, vendor, contact)
                attempts += 1
        return ImportResult(len(rows), linked, tuple(sorted(unlinked)), attempts)

    def _attempt(
        self,
        uow: UnitOfWork,
        incident_id: str,
        entry_id: str,
        row: ImportedEntry,
        vendor: Vendor | None,
        contact: Contact | None,
    ) -> None:
        attempt = ContactAttempt(
            id=new_id(),
            incident_id=incident_id,
            vendor_id=vendor.id if vendor else None,
            contact_id=contact.id if contact else None,
            at=row.occurred_at,
            channel=guess_channel(row.text),
            outcome=guess_outcome(row.text),
            ticket=guess_ticket(row.text),
            note="outcome read from the imported timeline",
            author=row.author or self.ctx.user_name,
            entry_id=entry_id,
        )
        uow.repos.directory.add_attempt(attempt)
