"""Vendor engagement for the postmortem, and the data behind the incident chart.

Per vendor: every contact attempt in order with its outcome, the time from the
first attempt to the first answer against the vendor's SLA response target,
and who could not be reached and why.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import pairwise
from zoneinfo import ZoneInfo

from warroom.domain.clock import as_utc
from warroom.domain.directory import Contact, ContactAttempt, Vendor
from warroom.domain.metrics import Metrics, format_duration
from warroom.domain.postmortem_sections import Timed, timed_row, when_text
from warroom.domain.scrub import scrub_secrets
from warroom.domain.timeline import STANDARD_MILESTONES, Entry, EntryKind
from warroom.domain.vendor_clock import vendor_clock
from warroom.domain.wall_time import resolve_zone


@dataclass(frozen=True)
class UnreachableNote:
    """A contact who could not be reached at an attempt, and why (from availability)."""

    vendor_id: str | None
    contact_id: str | None
    contact_name: str
    vendor_name: str
    at: datetime
    reason: str  # "Christmas Eve (SE)", "annual leave until 2014-01-03", ...


@dataclass(frozen=True)
class AttemptRow:
    at: datetime
    utc: str  # "2013-12-20 10:50"
    local: str  # in the incident's zone
    vendor_time: str  # in the contact's (or vendor's) own zone: "Fri 11:50 CET"
    contact: str
    channel: str
    outcome: str  # an Outcome value, or "not recorded" for a bare timeline entry
    answered: bool
    ticket: str
    note: str
    author: str


@dataclass(frozen=True)
class UnreachableRow:
    contact: str
    when: str
    reason: str


@dataclass(frozen=True)
class VendorEngagement:
    key: str  # the vendor id, or "name:<vendor name>" for a vendor not in the directory
    name: str
    layers: str
    sla: str  # "60 min" or "no SLA target recorded"
    first_attempt: str
    first_answer: str
    response: str  # from the first attempt to the first answer, "—" when never answered
    verdict: str  # "within SLA", "SLA missed by 2 h 10 min", "never answered", ...
    sla_met: bool | None
    attempts: tuple[AttemptRow, ...]
    unreachable: tuple[UnreachableRow, ...]
    clock: str = ""  # the vendor's clock: "responded in 3 h 10 min: SLA 60 min breached by 2 h 10 min"
    clock_basis: str = ""  # "the vendor's business hours" or "24/7"
    tickets: str = ""  # the vendor's ticket numbers, in order
    restored: str = ""  # when its part was restored (mitigated/resolved linked to it)

    @property
    def clock_details(self) -> str:
        """The clock's sentence with the vendor's tickets and when its part was restored."""
        tickets = f"; tickets {self.tickets}" if self.tickets else ""
        return f"{self.clock}{tickets}" + (f"; restored {self.restored}" if self.restored else "")


@dataclass(frozen=True)
class VendorSection:
    vendors: tuple[VendorEngagement, ...]
    empty_message: str


@dataclass(frozen=True)
class ChartPhase:
    start_name: str
    end_name: str
    start: datetime
    end: datetime
    label: str  # the phase's duration


@dataclass(frozen=True)
class ChartMark:
    at: datetime
    outcome: str
    contact: str


@dataclass(frozen=True)
class ChartLane:
    vendor: str
    marks: tuple[ChartMark, ...]


@dataclass(frozen=True)
class ChartData:
    zone: str
    milestones: tuple[tuple[str, datetime], ...]  # UTC, in time order
    phases: tuple[ChartPhase, ...]
    lanes: tuple[ChartLane, ...]

    @property
    def empty(self) -> bool:
        return not self.phases and not any(lane.marks for lane in self.lanes)


NOT_RECORDED = "not recorded"


@dataclass(frozen=True)
class _Directory:
    vendors: dict[str, Vendor]
    contacts: dict[str, Contact]


def vendor_section(
    vendors: tuple[Vendor, ...],
    contacts: tuple[Contact, ...],
    attempts: tuple[ContactAttempt, ...],
    unreachable: tuple[UnreachableNote, ...],
    live: tuple[Entry, ...],
    tz: ZoneInfo,
) -> VendorSection:
    directory = _Directory({v.id: v for v in vendors}, {c.id: c for c in contacts})
    rows: dict[str, list[tuple[AttemptRow, ContactAttempt | None]]] = defaultdict(list)
    names: dict[str, str] = {}
    # an attempt whose contact the directory did not match still names them in its entry
    named = {e.id: e.contact_name for e in live if e.contact_name}
    for attempt in attempts:
        key = _attempt_key(attempt, directory)
        rows[key].append((_attempt_row(attempt, directory, tz, named.get(attempt.entry_id or "")), attempt))
    linked = {a.entry_id for a in attempts if a.entry_id}
    for entry in live:
        if entry.kind is EntryKind.CONTACT and entry.id not in linked and (entry.vendor_id or entry.vendor_name):
            key = _key(entry.vendor_id, entry.vendor_name, directory)
            names.setdefault(key, entry.vendor_name or "")
            rows[key].append((_entry_row(entry, directory, tz), None))
    notes: dict[str, list[UnreachableNote]] = defaultdict(list)
    for note in unreachable:
        key = _key(note.vendor_id, note.vendor_name, directory)
        names.setdefault(key, note.vendor_name)
        notes[key].append(note)
    keys = sorted(set(rows) | set(notes), key=lambda k: _first_time(rows[k], notes[k]))
    until = max([as_utc(e.occurred_at) for e in live] + [as_utc(a.at) for a in attempts], default=None)
    engaged = tuple(
        _clocked(_engagement(k, rows[k], notes[k], directory, names, tz), directory, attempts, live, until, tz)
        for k in keys
    )
    return VendorSection(engaged, "" if engaged else "No vendor was contacted.")


def _key(vendor_id: str | None, vendor_name: str | None, directory: _Directory) -> str:
    if vendor_id:
        return vendor_id
    by_name = next((v.id for v in directory.vendors.values() if v.name == vendor_name), None)
    return by_name or f"name:{vendor_name or 'Unknown vendor'}"


def _attempt_key(attempt: ContactAttempt, directory: _Directory) -> str:
    contact = directory.contacts.get(attempt.contact_id or "")
    return attempt.vendor_id or (contact.vendor_id if contact else "") or "name:Unknown vendor"


def _first_time(rows: list[tuple[AttemptRow, ContactAttempt | None]], notes: list[UnreachableNote]) -> datetime:
    return min([row.at for row, _ in rows] + [as_utc(n.at) for n in notes])


def _own_zone(vendor: Vendor | None, contact: Contact | None) -> ZoneInfo | None:
    name = (contact.timezone if contact else None) or (vendor.timezone if vendor else None)
    return resolve_zone(name) if name else None


def _times(at: datetime, tz: ZoneInfo, own: ZoneInfo | None) -> tuple[Timed, str]:
    """The instant in UTC and the reader's zone (the table's headers name them), and in the vendor's."""
    t = timed_row(at, tz, zone_names=False)
    return t, t.at.astimezone(own).strftime("%a %H:%M %Z") if own else ""


def _attempt_row(
    attempt: ContactAttempt, directory: _Directory, tz: ZoneInfo, entry_contact: str | None = None
) -> AttemptRow:
    contact = directory.contacts.get(attempt.contact_id or "")
    vendor = directory.vendors.get(attempt.vendor_id or (contact.vendor_id if contact else ""))
    t, own = _times(attempt.at, tz, _own_zone(vendor, contact))
    return AttemptRow(
        at=t.at,
        utc=t.utc,
        local=t.local,
        vendor_time=own,
        contact=contact.name if contact else entry_contact or "unknown contact",
        channel=attempt.channel.value,
        outcome=attempt.outcome.value,
        answered=attempt.outcome.answered,
        ticket=attempt.ticket,
        note=scrub_secrets(attempt.note),
        author=attempt.author,
    )


def _entry_row(entry: Entry, directory: _Directory, tz: ZoneInfo) -> AttemptRow:
    contact = directory.contacts.get(entry.contact_id or "")
    vendor = directory.vendors.get(entry.vendor_id or (contact.vendor_id if contact else ""))
    t, own = _times(entry.occurred_at, tz, _own_zone(vendor, contact))
    return AttemptRow(
        at=t.at,
        utc=t.utc,
        local=t.local,
        vendor_time=own,
        contact=entry.contact_name or (contact.name if contact else ""),
        channel="",
        outcome=NOT_RECORDED,
        answered=False,
        ticket="",
        note=scrub_secrets(entry.text),
        author=entry.author,
    )


def _engagement(
    key: str,
    pairs: list[tuple[AttemptRow, ContactAttempt | None]],
    notes: list[UnreachableNote],
    directory: _Directory,
    names: dict[str, str],
    tz: ZoneInfo,
) -> VendorEngagement:
    pairs = sorted(pairs, key=lambda pair: pair[0].at)
    vendor = directory.vendors.get(key)
    recorded = [row for row, attempt in pairs if attempt is not None]
    answers = [row for row in recorded if row.answered]
    sla_min = vendor.sla_response_min if vendor else None
    response, verdict, met = _verdict(recorded, answers, sla_min)
    return VendorEngagement(
        key=key,
        name=vendor.name if vendor else names.get(key) or key.removeprefix("name:"),
        layers=", ".join(vendor.layers) if vendor else "",
        sla=f"{sla_min} min" if sla_min is not None else "no SLA target recorded",
        first_attempt=when_text(pairs[0][0].at, tz) if pairs else "",
        first_answer=when_text(answers[0].at, tz) if answers else "",
        response=response,
        verdict=verdict,
        sla_met=met,
        attempts=tuple(row for row, _ in pairs),
        unreachable=tuple(
            UnreachableRow(n.contact_name, when_text(n.at, tz), n.reason)
            for n in sorted(notes, key=lambda n: as_utc(n.at))
        ),
    )


def _verdict(
    recorded: list[AttemptRow], answers: list[AttemptRow], sla_min: int | None
) -> tuple[str, str, bool | None]:
    """(response time, verdict, SLA met?) from the first attempt to the first answer."""
    if not recorded:
        return "—", "outcome not recorded", None
    if not answers:
        return "—", "never answered", False if sla_min is not None else None
    seconds = (answers[0].at - recorded[0].at).total_seconds()
    response = format_duration(seconds)
    if sla_min is None:
        return response, "no SLA target recorded", None
    late = seconds - sla_min * 60
    if late <= 0:
        return response, "within SLA", True
    return response, f"SLA missed by {format_duration(late)}", False


def _clocked(
    engagement: VendorEngagement,
    directory: _Directory,
    attempts: tuple[ContactAttempt, ...],
    live: tuple[Entry, ...],
    until: datetime | None,
    tz: ZoneInfo,
) -> VendorEngagement:
    """The engagement measured on the vendor's own SLA clock (vendors in the directory only)."""
    vendor = directory.vendors.get(engagement.key)
    if vendor is None or until is None or not any(a.vendor_id == vendor.id for a in attempts):
        return engagement
    clock = vendor_clock(vendor, attempts, live, until)
    verdict, met = engagement.verdict, engagement.sla_met
    if clock.sla_min is not None and clock.first_reached is not None:
        late = format_duration(clock.late_s)
        verdict, met = ("within SLA", True) if not clock.breached else (f"SLA missed by {late}", False)
    return replace(
        engagement,
        response=format_duration(clock.response_s) if clock.response_s is not None else engagement.response,
        verdict=verdict,
        sla_met=met,
        clock=clock.summary,
        clock_basis=clock.clock_text,
        tickets=", ".join(clock.tickets),
        restored=when_text(clock.restored, tz) if clock.restored else "",
    )


def chart_data(metrics: Metrics, vendors: VendorSection, tz: ZoneInfo) -> ChartData:
    milestones = tuple(sorted(metrics.milestones.items(), key=lambda item: item[1]))
    chain = [(name, at) for name, at in milestones if name in STANDARD_MILESTONES]
    phases = tuple(
        ChartPhase(a, b, start, end, format_duration((end - start).total_seconds()))
        for (a, start), (b, end) in pairwise(chain)
    )
    lanes = tuple(
        ChartLane(v.name, tuple(ChartMark(row.at, row.outcome, row.contact) for row in v.attempts))
        for v in vendors.vendors
        if v.attempts
    )
    return ChartData(tz.key, milestones, phases, lanes)
