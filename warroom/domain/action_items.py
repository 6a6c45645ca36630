"""Action items and status updates recorded for the postmortem."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum


class ActionKind(str, Enum):
    CORRECTIVE = "corrective"
    PREVENTIVE = "preventive"


class ActionStatus(str, Enum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"
    WONT_DO = "won't do"


@dataclass(frozen=True)
class ActionItem:
    id: str
    incident_id: str
    kind: ActionKind
    text: str
    owner: str
    due_date: date | None
    status: ActionStatus
    tracker_url: str
    entry_id: str | None


class Audience(str, Enum):
    INTERNAL = "internal"
    EXTERNAL = "external"  # recorded before audiences were split into the three below
    EXECUTIVES = "executives"
    CUSTOMERS = "customers"
    VENDORS = "vendors"


@dataclass(frozen=True)
class StatusUpdate:
    id: str
    incident_id: str
    audience: Audience
    text: str
    channel: str
    posted_at: datetime
    author: str
