"""The one place that knows which tables hold which kind of change (see domain/changes.py)."""

from __future__ import annotations

from collections.abc import Iterable

from warroom.domain.changes import Changed

KIND_OF_TABLE: dict[str, Changed] = {
    "incidents": Changed.INCIDENT,
    "entry_marks": Changed.TIMELINE,
    "entry_revisions": Changed.TIMELINE,
    "timeline_heads": Changed.TIMELINE,
    # A named duration is shown on the timeline's milestones as well as in the header's metrics.
    "duration_defs": Changed.TIMELINE | Changed.DURATIONS,
    "vendors": Changed.DIRECTORY,
    "contacts": Changed.DIRECTORY,
    "escalation_levels": Changed.DIRECTORY,
    "absences": Changed.DIRECTORY,
    "contact_attempts": Changed.ATTEMPTS,
    "checklists": Changed.CHECKLISTS,
    "checklist_items": Changed.CHECKLISTS,
    "checklist_templates": Changed.TEMPLATES,
    "action_items": Changed.POSTMORTEM,
    "status_updates": Changed.COMMS,
    "comms_channels": Changed.COMMS,
    "comms_audiences": Changed.COMMS,
    "comms_updates": Changed.COMMS,
    "comms_snoozes": Changed.COMMS,
    "comms_deliveries": Changed.DELIVERIES,
    "role_assignments": Changed.ROLES,
    "handovers": Changed.ROLES,
    "change_records": Changed.CHANGE_RECORD,
    "change_marks": Changed.CHANGE_RECORD,
    "question_states": Changed.QUESTIONS,
    "sync_quarantine": Changed.SYNC_STATE,
    "hub_refused": Changed.SYNC_STATE,
    "hub_compactions": Changed.SYNC_STATE,
    "hub_policy": Changed.SYNC_STATE,
    "hub_incident_numbers": Changed.SYNC_STATE,
    "hub_snapshot": Changed.SYNC_STATE,
    "sync_outbox": Changed.SYNC_STATE,
    "hub_changes": Changed.SYNC_STATE,
    "sync_row_clocks": Changed.SYNC_STATE,
    "sync_merge_history": Changed.SYNC_STATE,
    "local_meta": Changed.SYNC_STATE,
}


def changes_in(tables: Iterable[str]) -> Changed:
    """What kinds of thing a commit touching these tables changed; an unknown table counts as none."""
    found = Changed.NOTHING
    for table in tables:
        found |= KIND_OF_TABLE.get(table, Changed.NOTHING)
    return found
