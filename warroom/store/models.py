"""All tables, gathered so that Alembic and tests see one metadata."""

from warroom.store.base import Base
from warroom.store.models_checklist import ChecklistItemRow, ChecklistRow, ChecklistTemplateRow
from warroom.store.models_directory import (
    AbsenceRow,
    ContactAttemptRow,
    ContactRow,
    EscalationLevelRow,
    VendorRow,
)
from warroom.store.models_incident import (
    ActionItemRow,
    DurationDefRow,
    EntryRevisionRow,
    IncidentRow,
    StatusUpdateRow,
    TimelineEntryRow,
    TimelineHeadRow,
)
from warroom.store.models_sync import (
    HubChangeRow,
    LocalMetaRow,
    MergeHistoryRow,
    OutboxRow,
    RowClockRow,
)

metadata = Base.metadata

__all__ = [
    "AbsenceRow", "ActionItemRow", "Base", "ChecklistItemRow", "ChecklistRow",
    "ChecklistTemplateRow", "ContactAttemptRow", "ContactRow", "DurationDefRow",
    "EntryRevisionRow", "EscalationLevelRow", "HubChangeRow", "IncidentRow", "LocalMetaRow",
    "MergeHistoryRow", "OutboxRow", "RowClockRow", "StatusUpdateRow", "TimelineEntryRow", "TimelineHeadRow",
    "VendorRow", "metadata",
]
