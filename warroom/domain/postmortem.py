"""The postmortem, assembled from the incident's own record and ready to render.

`IncidentRecord` bundles everything recorded about one incident (the service
fills it from the store); `build_postmortem` turns it into a `Postmortem` whose
sections are pre-formatted text: times in UTC and in the incident's zone,
durations, SLA verdicts, and a sentence for every empty section. Free text
passes through `scrub_secrets`, so a token pasted into a note never reaches a
document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from warroom.domain.action_items import ActionItem, ActionKind, StatusUpdate
from warroom.domain.changes_record import Change
from warroom.domain.checklist import Checklist
from warroom.domain.clock import as_utc
from warroom.domain.comms import Delivery
from warroom.domain.comms_cadence import overrides_by_name
from warroom.domain.comms_report import cadence_notes
from warroom.domain.directory import Absence, Contact, ContactAttempt, EscalationLevel, Vendor, standing_attempts
from warroom.domain.handover import Handover
from warroom.domain.incident import NARRATIVE_FIELDS, NARRATIVE_LABELS, Incident
from warroom.domain.metrics import DurationDef, Metrics, compute_metrics, format_duration, milestone_instants
from warroom.domain.postmortem_sections import (
    ChecklistRow,
    ChecklistSection,
    ChecklistSummary,
    CommunicationRow,
    CommunicationSection,
    DurationRow,
    DurationSection,
    MilestoneRow,
    TimelineRow,
    TimelineSection,
    checklist_section,
    communication_section,
    duration_section,
    timeline_section,
    when_text,
)
from warroom.domain.postmortem_vendors import (
    AttemptRow,
    ChartData,
    ChartLane,
    ChartMark,
    ChartPhase,
    UnreachableNote,
    UnreachableRow,
    VendorEngagement,
    VendorSection,
    chart_data,
    vendor_section,
)
from warroom.domain.roles import Assignment
from warroom.domain.roles_postmortem import RolesSection, handover_row, roles_section, with_change_lane
from warroom.domain.roles_questions import QuestionEvent
from warroom.domain.scrub import scrub_secrets
from warroom.domain.timeline import Entry, Revision
from warroom.domain.wall_time import resolve_zone

__all__ = [
    "NOT_WRITTEN",
    "ActionRow",
    "ActionSection",
    "AttemptRow",
    "ChartData",
    "ChartLane",
    "ChartMark",
    "ChartPhase",
    "ChecklistRow",
    "ChecklistSection",
    "ChecklistSummary",
    "CommunicationRow",
    "CommunicationSection",
    "DurationRow",
    "DurationSection",
    "Header",
    "IncidentRecord",
    "MilestoneRow",
    "NarrativeSection",
    "Postmortem",
    "TimelineRow",
    "TimelineSection",
    "UnreachableNote",
    "UnreachableRow",
    "VendorEngagement",
    "VendorSection",
    "build_postmortem",
    "scrub_secrets",
]

NOT_WRITTEN = "Not written yet."


@dataclass(frozen=True)
class IncidentRecord:
    """Everything recorded about one incident: the input of every export."""

    incident: Incident
    entries: tuple[Entry, ...] = ()  # latest revisions, retracted ones included
    revisions: tuple[Revision, ...] = ()  # every revision of every entry, for the archive
    vendors: tuple[Vendor, ...] = ()  # those the incident refers to
    contacts: tuple[Contact, ...] = ()
    escalation_levels: tuple[EscalationLevel, ...] = ()
    attempts: tuple[ContactAttempt, ...] = ()
    unreachable: tuple[UnreachableNote, ...] = ()
    checklists: tuple[Checklist, ...] = ()  # with their items
    action_items: tuple[ActionItem, ...] = ()
    status_updates: tuple[StatusUpdate, ...] = ()
    deliveries: tuple[Delivery, ...] = ()  # of the status updates sent from Warroom
    duration_defs: tuple[DurationDef, ...] = ()
    # the vendors' closures and leave that cover an attempt: the source of `unreachable`, kept so
    # that an archive re-imported elsewhere gives the same reasons
    absences: tuple[Absence, ...] = ()
    changes: tuple[Change, ...] = ()  # the change record, with marks
    role_assignments: tuple[Assignment, ...] = ()
    handovers: tuple[Handover, ...] = ()
    question_events: tuple[QuestionEvent, ...] = ()  # open questions and hypotheses, as history
    # the war room's own status-update cadence (audience -> severity -> minutes), laid over the
    # built-in one: what the Communications section measures gaps against
    comms_cadence: dict[str, dict[str, dict[str, int | None]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Header:
    title: str
    reference: str  # "INC-7"
    severity: str
    status: str
    commander: str
    started: str  # "2013-12-18 20:30 CET (19:30 UTC)"
    resolved: str  # the same, or "not resolved"
    zone: str  # the zone of the local times
    impacted_services: str  # comma-separated, or ""
    facts: tuple[tuple[str, str], ...]  # the summary table: (label, value)


@dataclass(frozen=True)
class NarrativeSection:
    key: str  # one of NARRATIVE_FIELDS
    label: str
    text: str  # Markdown as the user wrote it, or NOT_WRITTEN
    empty: bool


@dataclass(frozen=True)
class ActionRow:
    kind: str  # corrective, preventive
    text: str
    owner: str
    due: str  # ISO date or "no due date"
    status: str
    link: str


@dataclass(frozen=True)
class ActionSection:
    rows: tuple[ActionRow, ...]
    empty_message: str


@dataclass(frozen=True)
class Postmortem:
    header: Header
    narrative: tuple[NarrativeSection, ...]  # in NARRATIVE_FIELDS order
    timeline: TimelineSection
    durations: DurationSection
    vendors: VendorSection
    communications: CommunicationSection
    checklists: ChecklistSection
    actions: ActionSection
    chart: ChartData
    people: RolesSection | None = None  # changes, who held which role when, handovers

    def section(self, key: str) -> NarrativeSection:
        """The narrative section for one of NARRATIVE_FIELDS (templates call this)."""
        return next(s for s in self.narrative if s.key == key)


def _standing_notes(record: IncidentRecord, standing: tuple[ContactAttempt, ...]) -> tuple[UnreachableNote, ...]:
    """The unreachable notes less those of undone attempts (a note names its contact and instant)."""
    undone = {(a.contact_id, as_utc(a.at)) for a in record.attempts} - {(a.contact_id, as_utc(a.at)) for a in standing}
    return tuple(n for n in record.unreachable if (n.contact_id, as_utc(n.at)) not in undone)


def build_postmortem(record: IncidentRecord, *, starred_only: bool = False, zone: str | None = None) -> Postmortem:
    """The renderer-ready postmortem; `zone` (IANA name) overrides the incident's zone for local times."""
    tz = resolve_zone(zone or record.incident.zone or "UTC")
    live = tuple(e for e in record.entries if not e.retracted)
    recorded_milestones = milestone_instants(live)
    metrics = compute_metrics(recorded_milestones, record.duration_defs, started_at=record.incident.started_at)
    attempts = standing_attempts(record.attempts, {e.id for e in record.entries if e.retracted})
    unreachable = _standing_notes(record, attempts)
    vendors = vendor_section(record.vendors, record.contacts, attempts, unreachable, live, tz)
    return Postmortem(
        header=_header(record, metrics, vendors, tz),
        narrative=_narrative(record.incident),
        timeline=timeline_section(live, starred_only, tz),
        durations=duration_section(metrics, bool(recorded_milestones), tz),
        vendors=vendors,
        communications=communication_section(
            record.status_updates, live, tz, record.deliveries, _cadence_notes(record)
        ),
        checklists=checklist_section(record.checklists, tz),
        actions=_action_section(record.action_items),
        chart=with_change_lane(chart_data(metrics, vendors, tz), record.changes, metrics.milestones.get("started")),
        people=_people(record, metrics, tz),
    )


def _cadence_notes(record: IncidentRecord) -> tuple[str, ...]:
    updates = [(u.audience.value, u.posted_at) for u in record.status_updates]
    return cadence_notes(
        updates,
        severity=record.incident.severity.value,
        started_at=record.incident.started_at,
        cadence=overrides_by_name(record.comms_cadence),
    )


def _people(record: IncidentRecord, metrics: Metrics, tz: ZoneInfo) -> RolesSection:
    handovers = [handover_row(h.at, h.from_person, h.to_person, h.note, tz) for h in record.handovers]
    return roles_section(record.changes, record.role_assignments, handovers, metrics.milestones, tz)


def _header(record: IncidentRecord, metrics: Metrics, vendors: VendorSection, tz: ZoneInfo) -> Header:
    incident = record.incident
    started = when_text(metrics.milestones.get("started", incident.started_at), tz)
    resolved_at = metrics.milestones.get("resolved")
    resolved = when_text(resolved_at, tz) if resolved_at else "not resolved"
    services = ", ".join(incident.impacted_services)
    answered = sum(1 for v in vendors.vendors if v.first_answer)
    facts = (
        ("Reference", incident.reference),
        ("Severity", incident.severity.value),
        ("Status", incident.status.value),
        ("Incident commander", incident.commander or "not named"),
        ("Started", started),
        ("Resolved", resolved),
        ("Time to detect", format_duration(metrics.time_to_detect_s)),
        ("Time to resolve", format_duration(metrics.time_to_resolve_s)),
        ("Total impact", format_duration(metrics.impact_s)),
        ("Vendors contacted", f"{len(vendors.vendors)} ({answered} answered)"),
        ("Impacted services", services or "none recorded"),
    )
    return Header(
        title=incident.title,
        reference=incident.reference,
        severity=incident.severity.value,
        status=incident.status.value,
        commander=incident.commander,
        started=started,
        resolved=resolved,
        zone=tz.key,
        impacted_services=services,
        facts=facts,
    )


def _narrative(incident: Incident) -> tuple[NarrativeSection, ...]:
    sections = []
    for key in NARRATIVE_FIELDS:
        text = scrub_secrets((incident.narrative.get(key) or "").strip())
        sections.append(NarrativeSection(key, NARRATIVE_LABELS[key], text or NOT_WRITTEN, not text))
    return tuple(sections)


def _action_section(items: tuple[ActionItem, ...]) -> ActionSection:
    def rank(item: ActionItem) -> tuple[bool, date, str]:
        return (item.kind is not ActionKind.CORRECTIVE, item.due_date or date.max, item.text)

    rows = tuple(
        ActionRow(
            kind=item.kind.value,
            text=scrub_secrets(item.text),
            owner=item.owner or "unassigned",
            due=item.due_date.isoformat() if item.due_date else "no due date",
            status=item.status.value,
            link=scrub_secrets(item.tracker_url or ""),
        )
        for item in sorted(items, key=rank)
    )
    return ActionSection(rows, "" if rows else "No action items were recorded.")
