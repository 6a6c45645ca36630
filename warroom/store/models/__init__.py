"""All tables, gathered so that Alembic and tests see one metadata."""

from warroom.store.models.base import Base
from warroom.store.models.checklist import ChecklistItemRow, ChecklistRow, ChecklistTemplateRow
from warroom.store.models.comms import (
    CommsAudienceRow,
    CommsChannelRow,
    CommsDeliveryRow,
    CommsSnoozeRow,
    CommsUpdateRow,
)
from warroom.store.models.directory import (
    AbsenceRow,
    ContactAttemptRow,
    ContactRow,
    EscalationLevelRow,
    VendorRow,
)
from warroom.store.models.incident import (
    ActionItemRow,
    DurationDefRow,
    EntryMarkRow,
    EntryRevisionRow,
    IncidentRow,
    StatusUpdateRow,
    TimelineHeadRow,
)
from warroom.store.models.roles import (
    ChangeMarkRow,
    ChangeRecordRow,
    HandoverRow,
    QuestionStateRow,
    RoleAssignmentRow,
)
from warroom.store.models.sync import (
    HubChangeRow,
    HubCompactionRow,
    HubIncidentNumberRow,
    HubPolicyRow,
    HubRefusedRow,
    HubSnapshotRow,
    LocalMetaRow,
    MergeHistoryRow,
    OutboxRow,
    QuarantineRow,
    RowClockRow,
)

metadata = Base.metadata

__all__ = [
    "AbsenceRow",
    "ActionItemRow",
    "Base",
    "ChangeMarkRow",
    "ChangeRecordRow",
    "ChecklistItemRow",
    "ChecklistRow",
    "ChecklistTemplateRow",
    "CommsAudienceRow",
    "CommsChannelRow",
    "CommsDeliveryRow",
    "CommsSnoozeRow",
    "CommsUpdateRow",
    "ContactAttemptRow",
    "ContactRow",
    "DurationDefRow",
    "EntryMarkRow",
    "EntryRevisionRow",
    "EscalationLevelRow",
    "HandoverRow",
    "HubChangeRow",
    "HubCompactionRow",
    "HubIncidentNumberRow",
    "HubPolicyRow",
    "HubRefusedRow",
    "HubSnapshotRow",
    "IncidentRow",
    "LocalMetaRow",
    "MergeHistoryRow",
    "OutboxRow",
    "QuarantineRow",
    "QuestionStateRow",
    "RoleAssignmentRow",
    "RowClockRow",
    "StatusUpdateRow",
    "TimelineHeadRow",
    "VendorRow",
    "metadata",
]
