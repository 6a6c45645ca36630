"""Building the shift-handover brief from the record: what the incoming commander must know.

Choices a reader should know:
- "Since the last handover" lists decisions, milestones and status changes only; the rest of
  the timeline is one click away and would bury them.
- A vendor is "waited on" when it has been tried and has not answered, or when it gave a
  ticket (someone owes a call-back); reachability lines come from the directory's availability.
- Times read in the incident's zone with UTC beside them, dates always shown: a handover is
  often the morning after.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from warroom.domain import handover as h
from warroom.domain.action_items import ActionItem, ActionStatus, StatusUpdate
from warroom.domain.changes_record import Change, ChangeMark
from warroom.domain.checklist import Checklist, ItemState
from warroom.domain.clock import as_utc
from warroom.domain.directory import ContactAttempt
from warroom.domain.incident import Incident
from warroom.domain.metrics import Metrics, format_duration
from warroom.domain.roles import Assignment
from warroom.domain.roles_questions import Question
from warroom.domain.scrub import scrub_secrets
from warroom.domain.timeline import Entry, EntryKind


@dataclass(frozen=True)
class BriefInput:
    """Everything the brief is built from; the service reads it in one unit of work."""

    incident: Incident
    from_person: str
    to_person: str
    now: datetime
    since: datetime | None  # the previous handover
    metrics: Metrics
    zone: ZoneInfo
    holders: Sequence[Assignment] = ()
    entries: Sequence[Entry] = ()  # latest revisions, retracted ones left out
    changes: Sequence[Change] = ()
    questions: Sequence[Question] = ()  # open ones
    attempts: Sequence[ContactAttempt] = ()
    names: dict[str, str] = field(default_factory=dict)  # vendor and contact id -> name
    unreachable: Sequence[str] = ()  # "Lars (Nordic Firewall AB): Christmas Eve (SE); reachable from ..."
    checklists: Sequence[Checklist] = ()
    actions: Sequence[ActionItem] = ()
    updates: Sequence[StatusUpdate] = ()
    note: str = ""


def build_brief(data: BriefInput) -> h.HandoverBrief:
    at = _Times(data.zone)
    sections = (
        h.BriefSection(h.STATUS, "Status and impact now", _status(data), ""),
        h.BriefSection(h.DURATIONS, "Durations so far", _durations(data, at), "No milestone recorded yet."),
        h.BriefSection(
            h.SINCE,
            f"Since the last handover ({at(data.since)})" if data.since else "Since the start",
            _since(data, at),
            "No decision, milestone or status change recorded.",
        ),
        h.BriefSection(
            h.CHANGES, "Changes: cause and suspects", _changes(data, at), "No change is marked suspect or cause."
        ),
        h.BriefSection(h.QUESTIONS, "Open questions and hypotheses", _questions(data, at), "No open question."),
        h.BriefSection(h.VENDORS, "Vendors we are waiting on", _vendors(data, at), "Not waiting on any vendor."),
        h.BriefSection(h.CHECKLISTS, "Open checklist items", _checklists(data), "No open checklist item."),
        h.BriefSection(h.ACTIONS, "Open action items", _actions(data), "No open action item."),
        h.BriefSection(h.UPDATES, "Status updates", _updates(data, at), "No status update has been sent yet."),
        h.BriefSection(h.NOTE, f"Note from {data.from_person or 'the outgoing commander'}", _note(data), "No note."),
    )
    return h.HandoverBrief(
        reference=data.incident.reference,
        title=data.incident.title,
        from_person=data.from_person,
        to_person=data.to_person,
        built_at=as_utc(data.now),
        since=as_utc(data.since) if data.since else None,
        sections=sections,
    )


class _Times:
    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone

    def __call__(self, at: datetime | None) -> str:
        if at is None:
            return "—"
        utc = as_utc(at)
        if utc.astimezone(self.zone).utcoffset() == utc.utcoffset() and self.zone.key in ("UTC", "Etc/UTC"):
            return f"{utc:%Y-%m-%d %H:%M} UTC"
        return f"{utc.astimezone(self.zone):%Y-%m-%d %H:%M %Z} ({utc:%H:%M} UTC)"


def _status(data: BriefInput) -> tuple[str, ...]:
    incident = data.incident
    lines = [f"{incident.status.value.capitalize()}, {incident.severity.value}"]
    if incident.impacted_services:
        lines.append("Impacted services: " + ", ".join(incident.impacted_services))
    impact = scrub_secrets((incident.narrative.get("impact") or "").strip())
    lines.append(f"Impact: {impact}" if impact else "Impact: not written yet.")
    if data.holders:
        lines.append("Roles now: " + "; ".join(f"{a.title()} {a.person}" for a in data.holders))
    return tuple(lines)


def _durations(data: BriefInput, at: _Times) -> tuple[str, ...]:
    m = data.metrics
    started = m.milestones.get("started", data.incident.started_at)
    resolved = m.milestones.get("resolved")
    if resolved is not None:
        lines = [f"Lasted {format_duration((resolved - started).total_seconds())} (resolved {at(resolved)})"]
    else:
        lines = [f"Running for {format_duration((data.now - started).total_seconds())} (started {at(started)})"]
    for duration in m.standard():
        if duration.seconds is not None:
            lines.append(f"{duration.name}: {format_duration(duration.seconds)}")
        elif duration.start in m.milestones and duration.end != "resolved":
            so_far = format_duration((data.now - m.milestones[duration.start]).total_seconds())
            lines.append(f"{duration.name}: still running, {so_far} so far")
    return tuple(lines)


_NOTABLE = (EntryKind.DECISION, EntryKind.STATUS)


def _since(data: BriefInput, at: _Times) -> tuple[str, ...]:
    since = as_utc(data.since) if data.since else None
    lines = []
    for e in sorted(data.entries, key=lambda e: (e.occurred_at, e.id)):
        if e.retracted or (since is not None and as_utc(e.occurred_at) < since):
            continue
        if e.kind in _NOTABLE or e.milestone:
            what = f"{e.milestone} (milestone)" if e.milestone else e.kind.value
            lines.append(f"{at(e.occurred_at)} · {what} · {scrub_secrets(e.text)}")
    return tuple(lines)


def _changes(data: BriefInput, at: _Times) -> tuple[str, ...]:
    lines = []
    for mark, word in ((ChangeMark.CAUSE, "Cause"), (ChangeMark.SUSPECT, "Suspect")):
        for c in data.changes:
            if c.mark is mark:
                lines.append(
                    f"{word}: {c.label()} at {at(c.occurred_at)} by {c.author or '—'}: {scrub_secrets(c.text)}"
                )
    ruled_out = [c.label() for c in data.changes if c.mark is ChangeMark.RULED_OUT]
    if ruled_out:
        lines.append("Ruled out: " + "; ".join(ruled_out))
    return tuple(lines)


def _questions(data: BriefInput, at: _Times) -> tuple[str, ...]:
    return tuple(
        f"{q.kind.value.capitalize()}: {scrub_secrets(q.text)} (raised {at(q.raised_at)} by {q.raised_by})"
        for q in data.questions
        if q.open
    )


def _vendors(data: BriefInput, at: _Times) -> tuple[str, ...]:
    by_vendor: dict[str, list[ContactAttempt]] = {}
    for attempt in sorted(data.attempts, key=lambda a: a.at):
        key = attempt.vendor_id or attempt.contact_id or attempt.id
        by_vendor.setdefault(key, []).append(attempt)
    lines = []
    for key, attempts in by_vendor.items():
        answered = any(a.outcome.answered for a in attempts)
        tickets = [a.ticket for a in attempts if a.ticket]
        if answered and not tickets:
            continue
        last = attempts[-1]
        name = data.names.get(key, "a vendor")
        who = data.names.get(last.contact_id or "", "")
        state = f"ticket {tickets[-1]}" if tickets else f"no answer after {len(attempts)} attempt(s)"
        last_text = f"last {last.channel.value}{' to ' + who if who else ''} at {at(last.at)}: {last.outcome.value}"
        lines.append(f"{name}: {state}; {last_text}")
    return tuple(lines) + tuple(data.unreachable)


def _checklists(data: BriefInput) -> tuple[str, ...]:
    lines = []
    for checklist in data.checklists:
        for item in checklist.items:
            if item.state is ItemState.OPEN:
                where = f"{checklist.title} › {item.section}" if item.section else checklist.title
                who = f" ({item.assignee})" if item.assignee else ""
                lines.append(f"{where}: {item.text}{who}")
    return tuple(lines)


def _actions(data: BriefInput) -> tuple[str, ...]:
    open_states = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    return tuple(
        f"{a.kind.value.capitalize()}: {scrub_secrets(a.text)} ({a.owner or 'unassigned'}, "
        f"{'due ' + a.due_date.isoformat() if a.due_date else 'no due date'}, {a.status.value})"
        for a in data.actions
        if a.status in open_states
    )


def _updates(data: BriefInput, at: _Times) -> tuple[str, ...]:
    latest: dict[str, StatusUpdate] = {}
    for update in sorted(data.updates, key=lambda u: u.posted_at):
        latest[update.audience.value] = update
    return tuple(
        f"Last {audience} update {at(u.posted_at)}, "
        f"{format_duration((data.now - u.posted_at).total_seconds())} ago: {scrub_secrets(u.text)}"
        for audience, u in latest.items()
    )


def _note(data: BriefInput) -> tuple[str, ...]:
    text = scrub_secrets(data.note.strip())
    return tuple(line for line in text.splitlines() if line.strip()) if text else ()
