"""Reconstructing an incident's timeline from CSV, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from warroom.domain.directory import Channel, Contact, ContactAttempt, Outcome, Vendor
from warroom.domain.ids import new_id
from warroom.domain.timeline import EntryKind
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


def guess_outcome(text: str) -> Outcome:
    """Imported contact rows carry their outcome only in prose; read the common words."""
    lower = text.lower()
    if "no answer" in lower or "not answer" in lower or "unreachable" in lower:
        return Outcome.NO_ANSWER
    if "voicemail" in lower or "left a message" in lower:
        return Outcome.VOICEMAIL
    if "acknowledg" in lower:
        return Outcome.ACKNOWLEDGED
    return Outcome.REACHED


def guess_channel(text: str) -> Channel:
    lower = text.lower()
    if "ticket filed" in lower or "portal" in lower:
        return Channel.PORTAL
    if "email" in lower or "e-mail" in lower or "mailed" in lower:
        return Channel.EMAIL
    return Channel.PHONE


class TimelineImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def import_csv(
        self, incident_id: str, data: bytes, *, zone: str | None = None, source_name: str = "timeline.csv"
    ) -> ImportResult:
        rows = parse_timeline_csv(data, zone=zone, source_name=source_name, now=self.ctx.now())
        with self.ctx.store.unit_of_work() as uow:
            incident = uow.repos.incidents.require(incident_id)
            result = self._write_all(uow, incident_id, rows)
            for row in sorted(rows, key=lambda r: r.occurred_at):
                if row.milestone:
                    incident = follow_milestone(uow, self.ctx, incident, row.milestone, row.occurred_at)
            uow.commit()
        return result

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
            ticket="",
            note="outcome read from the imported timeline",
            author=row.author or self.ctx.user_name,
            entry_id=entry_id,
        )
        uow.repos.directory.add_attempt(attempt)
