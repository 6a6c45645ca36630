"""The evidence pack for one vendor in one incident: what a service-credit claim needs.

The incident's reference and window, every attempt to reach this vendor (in the
vendor's zone and UTC, channel, the number or address used, outcome, ticket,
who made it, note), the SLA clock, and the timeline entries linked to the
vendor. Nothing from other vendors: the pack is handed to a third party.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from warroom.domain.availability import zone_of
from warroom.domain.clock import as_utc
from warroom.domain.directory import Channel, Contact, ContactAttempt, Vendor
from warroom.domain.incident import Incident
from warroom.domain.scrub import scrub_secrets
from warroom.domain.timeline import Entry, EntryKind
from warroom.domain.vendor_clock import VendorClock, vendor_clock


@dataclass(frozen=True)
class EvidenceAttempt:
    at_utc: str  # "2013-12-27 09:30 UTC"
    at_vendor: str  # "2013-12-27 10:30 CET"
    contact: str
    channel: str
    address: str  # the number or address used, as the directory has it
    outcome: str
    ticket: str
    author: str
    note: str


@dataclass(frozen=True)
class EvidenceEntry:
    at_utc: str
    at_vendor: str
    kind: str
    milestone: str
    author: str
    text: str


@dataclass(frozen=True)
class EvidencePack:
    reference: str
    title: str
    window_start: str  # UTC
    window_end: str  # UTC; the 'resolved' milestone, else the last record
    vendor: str
    vendor_zone: str
    contract_ref: str
    clock: VendorClock
    attempts: tuple[EvidenceAttempt, ...]
    entries: tuple[EvidenceEntry, ...]


def _utc(at: datetime) -> str:
    return as_utc(at).strftime("%Y-%m-%d %H:%M UTC")


def _address(attempt: ContactAttempt, contact: Contact | None) -> str:
    if contact is None:
        return ""
    if attempt.channel in (Channel.PHONE, Channel.SMS):
        return ", ".join(contact.phones)
    if attempt.channel is Channel.EMAIL:
        return contact.email or ""
    return ""


def evidence_pack(
    incident: Incident,
    vendor: Vendor,
    contacts: tuple[Contact, ...],
    attempts: tuple[ContactAttempt, ...],
    entries: tuple[Entry, ...],
    now: datetime,
) -> EvidencePack:
    """The pack for `vendor`; attempts and entries of other vendors are left out."""
    zone = zone_of(vendor.timezone)
    people = {c.id: c for c in contacts}
    own = sorted((a for a in attempts if a.vendor_id == vendor.id), key=lambda a: as_utc(a.at))
    linked = sorted(
        (e for e in entries if e.vendor_id == vendor.id and not e.retracted), key=lambda e: as_utc(e.occurred_at)
    )
    resolved = [as_utc(e.occurred_at) for e in entries if e.milestone == "resolved"]
    records = [as_utc(e.occurred_at) for e in entries] + [as_utc(a.at) for a in attempts]
    end = min(resolved) if resolved else max(records, default=as_utc(now))
    by_entry = {e.id: e for e in entries}

    def local(at: datetime) -> str:
        return as_utc(at).astimezone(zone).strftime("%Y-%m-%d %H:%M %Z")

    def contact_name(a: ContactAttempt) -> str:
        person = people.get(a.contact_id or "")
        entry = by_entry.get(a.entry_id or "")
        return person.name if person else (entry.contact_name if entry and entry.contact_name else "")

    rows = tuple(
        EvidenceAttempt(
            _utc(a.at), local(a.at), contact_name(a), a.channel.value, _address(a, people.get(a.contact_id or "")),
            a.outcome.value, a.ticket, a.author, scrub_secrets(a.note),
        )
        for a in own
    )  # fmt: skip
    notes = tuple(
        EvidenceEntry(
            _utc(e.occurred_at), local(e.occurred_at), e.kind.value if isinstance(e.kind, EntryKind) else str(e.kind),
            e.milestone or "", e.author, scrub_secrets(e.text),
        )
        for e in linked
    )  # fmt: skip
    return EvidencePack(
        incident.reference,
        incident.title,
        _utc(incident.started_at),
        _utc(end),
        vendor.name,
        vendor.timezone,
        vendor.contract_ref,
        vendor_clock(vendor, tuple(own), tuple(linked), end),
        rows,
        notes,
    )
