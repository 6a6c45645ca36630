"""The record-driven sections of the postmortem: timeline, durations, communications, checklists.

Every value here is pre-formatted text, so the Markdown, HTML and PDF
renderers agree on what the document says. Vendor engagement and the chart
live in postmortem_vendors.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from warroom.domain.action_items import StatusUpdate
from warroom.domain.checklist import Checklist, ChecklistItem, ItemState
from warroom.domain.clock import as_utc
from warroom.domain.comms import Delivery
from warroom.domain.comms_report import delivery_summary
from warroom.domain.metrics import Metrics, format_duration
from warroom.domain.scrub import scrub_secrets
from warroom.domain.timeline import Entry, EntryKind


@dataclass(frozen=True)
class TimelineRow:
    entry_id: str
    occurred_at: datetime
    utc: str  # "06:40", or "2013-12-19 06:40" where the date changes on a multi-day incident
    local: str
    kind: str
    author: str
    text: str
    milestone: str
    vendor: str
    contact: str
    edited: bool
    starred: bool


@dataclass(frozen=True)
class TimelineSection:
    rows: tuple[TimelineRow, ...]
    note: str  # which entries are shown and in which zones
    empty_message: str  # "" when there are rows
    multi_day: bool


@dataclass(frozen=True)
class MilestoneRow:
    name: str
    utc: str
    local: str


@dataclass(frozen=True)
class DurationRow:
    name: str
    span: str  # "started → detected"
    value: str  # "2 h 10 min", "—" when unknown
    warning: str
    custom: bool


@dataclass(frozen=True)
class DurationSection:
    milestones: tuple[MilestoneRow, ...]
    rows: tuple[DurationRow, ...]
    warnings: tuple[str, ...]
    empty_message: str


@dataclass(frozen=True)
class CommunicationRow:
    utc: str
    local: str
    audience: str  # "internal", "external", or "" for a communication logged on the timeline
    channel: str
    author: str
    text: str


@dataclass(frozen=True)
class CommunicationSection:
    rows: tuple[CommunicationRow, ...]
    empty_message: str
    cadence_notes: tuple[str, ...] = ()  # per audience: gaps between updates against the cadence


@dataclass(frozen=True)
class ChecklistRow:
    section: str
    text: str
    state: str  # "done", "skipped", "left open"
    who: str
    when: str
    note: str


@dataclass(frozen=True)
class ChecklistSummary:
    title: str
    template: str
    progress: str  # "5 done, 1 skipped, 2 left open (of 8)"
    items: tuple[ChecklistRow, ...]


@dataclass(frozen=True)
class ChecklistSection:
    checklists: tuple[ChecklistSummary, ...]
    empty_message: str


KIND_LABELS: dict[EntryKind, str] = {EntryKind.CONTACT: "contact attempt", EntryKind.STATUS: "status change"}


def kind_label(kind: EntryKind) -> str:
    return KIND_LABELS.get(kind, kind.value)


@dataclass(frozen=True)
class Timed:
    """One instant as a postmortem row prints it: in UTC and in the reader's zone."""

    at: datetime  # UTC, for sorting
    utc: str
    local: str


def timed_row(at: datetime, tz: ZoneInfo, *, zone_names: bool = True) -> Timed:
    """'2013-12-19 06:40 UTC' and '2013-12-19 07:40 CET'; without zone names (for tables
    whose column headers name the zones) '2013-12-19 06:40' and '2013-12-19 07:40'."""
    utc = as_utc(at)
    utc_format, local_format = ("%Y-%m-%d %H:%M UTC", "%Y-%m-%d %H:%M %Z") if zone_names else (_MINUTE, _MINUTE)
    return Timed(utc, utc.strftime(utc_format), utc.astimezone(tz).strftime(local_format))


_MINUTE = "%Y-%m-%d %H:%M"


def when_text(at: datetime, tz: ZoneInfo) -> str:
    """'2013-12-19 07:40 CET (06:40 UTC)': one instant for prose and fact tables."""
    utc = as_utc(at)
    return f"{utc.astimezone(tz).strftime('%Y-%m-%d %H:%M %Z')} ({utc.strftime('%H:%M UTC')})"


class DayStamper:
    """Formats times of a sorted run, putting the date where it changes (if asked to)."""

    def __init__(self, tz: ZoneInfo, with_dates: bool) -> None:
        self._tz, self._with_dates = tz, with_dates
        self._last: date | None = None

    def __call__(self, at: datetime) -> str:
        local = at.astimezone(self._tz)
        day = local.date()
        changed, self._last = day != self._last, day
        # f-strings, not strftime: with PySide6 loaded every strftime call goes through its import hook
        if self._with_dates and changed:
            return f"{local.year:04d}-{local.month:02d}-{local.day:02d} {local.hour:02d}:{local.minute:02d}"
        return f"{local.hour:02d}:{local.minute:02d}"


def spans_days(instants: list[datetime], tz: ZoneInfo) -> bool:
    if not instants:
        return False
    utc_days = {instants[0].date(), instants[-1].date()}
    local_days = {instants[0].astimezone(tz).date(), instants[-1].astimezone(tz).date()}
    return len(utc_days) > 1 or len(local_days) > 1


def timeline_section(live: tuple[Entry, ...], starred_only: bool, tz: ZoneInfo) -> TimelineSection:
    chosen = [e for e in live if e.starred] if starred_only else list(live)
    chosen.sort(key=lambda e: (as_utc(e.occurred_at), e.id))
    instants = [as_utc(e.occurred_at) for e in chosen]
    multi_day = spans_days(instants, tz)
    utc_stamp, local_stamp = DayStamper(ZoneInfo("UTC"), multi_day), DayStamper(tz, multi_day)
    rows = tuple(
        TimelineRow(
            entry_id=e.id,
            occurred_at=at,
            utc=utc_stamp(at),
            local=local_stamp(at),
            kind=kind_label(e.kind),
            author=e.author,
            text=scrub_secrets(e.text),
            milestone=e.milestone or "",
            vendor=e.vendor_name or "",
            contact=e.contact_name or "",
            edited=e.edited,
            starred=e.starred,
        )
        for e, at in zip(chosen, instants)
    )
    shown = f"The {len(rows)} starred entries of {len(live)}" if starred_only else f"All {len(rows)} entries"
    note = f"{shown}, in UTC and in {tz.key}; retracted entries are left out."
    if rows:
        empty = ""
    elif starred_only and live:
        empty = "No entry is starred."
    else:
        empty = "No timeline entries were recorded."
    return TimelineSection(rows, note, empty, multi_day)


def duration_section(metrics: Metrics, has_milestones: bool, tz: ZoneInfo) -> DurationSection:
    stamps = {name: timed_row(at, tz) for name, at in metrics.milestones.items()}
    milestones = tuple(MilestoneRow(name, t.utc, t.local) for name, t in stamps.items())
    rows = tuple(
        DurationRow(d.name, f"{d.start} → {d.end}", format_duration(d.seconds), d.warning or "", custom)
        for custom, group in ((False, metrics.standard()), (True, metrics.custom))
        for d in group
    )
    empty = "" if has_milestones else "No milestones were recorded, so no durations can be computed."
    return DurationSection(milestones, rows, tuple(metrics.warnings), empty)


def communication_section(
    updates: tuple[StatusUpdate, ...],
    live: tuple[Entry, ...],
    tz: ZoneInfo,
    deliveries: tuple[Delivery, ...] = (),
    cadence: tuple[str, ...] = (),
) -> CommunicationSection:
    found: list[tuple[datetime, CommunicationRow]] = []
    sent_by_update: dict[str, list[Delivery]] = {}
    for d in deliveries:
        sent_by_update.setdefault(d.update_id, []).append(d)
    for update in updates:
        t = timed_row(update.posted_at, tz)
        channel = delivery_summary(sent_by_update[update.id]) if update.id in sent_by_update else update.channel
        row = CommunicationRow(
            t.utc, t.local, update.audience.value, channel, update.author, scrub_secrets(update.text)
        )
        found.append((t.at, row))
    # recording a status update also logs it on the timeline: list it once, with its audience
    echoes = {(as_utc(u.posted_at), u.text) for u in updates}
    for entry in live:
        if entry.kind is EntryKind.COMMUNICATION and not _echoes_an_update(entry, echoes):
            t = timed_row(entry.occurred_at, tz)
            row = CommunicationRow(t.utc, t.local, "", "timeline", entry.author, scrub_secrets(entry.text))
            found.append((t.at, row))
    found.sort(key=lambda pair: pair[0])
    rows = tuple(row for _, row in found)
    return CommunicationSection(rows, "" if rows else "No communication was recorded.", cadence)


def _echoes_an_update(entry: Entry, echoes: set[tuple[datetime, str]]) -> bool:
    at = as_utc(entry.occurred_at)
    return any(at == posted and text in entry.text for posted, text in echoes)


def checklist_section(checklists: tuple[Checklist, ...], tz: ZoneInfo) -> ChecklistSection:
    summaries = tuple(_checklist_summary(c, tz) for c in checklists)
    return ChecklistSection(summaries, "" if summaries else "No checklist was used.")


def _who(item: ChecklistItem) -> str:
    if item.state is ItemState.OPEN:
        return f"assigned to {item.assignee}" if item.assignee else ""
    return item.done_by or ""


def _checklist_summary(checklist: Checklist, tz: ZoneInfo) -> ChecklistSummary:
    items = sorted(checklist.items, key=lambda i: i.position)
    rows = tuple(
        ChecklistRow(
            section=item.section,
            text=item.text,
            state="left open" if item.state is ItemState.OPEN else item.state.value,
            who=_who(item),
            when=when_text(item.done_at, tz) if item.done_at else "",
            note=scrub_secrets(item.note),
        )
        for item in items
    )
    counts = {state: sum(1 for i in items if i.state is state) for state in ItemState}
    progress = (
        f"{counts[ItemState.DONE]} done, {counts[ItemState.SKIPPED]} skipped, "
        f"{counts[ItemState.OPEN]} left open (of {len(items)})"
    )
    return ChecklistSummary(checklist.title, checklist.template_name or "", progress, rows)
