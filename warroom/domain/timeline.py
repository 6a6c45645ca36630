"""Timeline entries: append-only revisions, kinds and milestones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from warroom.domain.choices import parse_choice
from warroom.domain.errors import ValidationError


class EntryKind(str, Enum):
    OBSERVATION = "observation"
    ACTION = "action"
    DECISION = "decision"
    COMMUNICATION = "communication"
    CONTACT = "contact"
    ESCALATION = "escalation"
    STATUS = "status"
    CHECKLIST = "checklist"

    @classmethod
    def parse(cls, text: EntryKind | str) -> EntryKind:
        return parse_choice(cls, text, "entry kind", fold=lambda t: t.lower().replace(" ", "_"), aliases=_KIND_ALIASES)


_KIND_ALIASES = {
    "contact_attempt": "contact",
    "status_change": "status",
    "obs": "observation",
    "comm": "communication",
}

STANDARD_MILESTONES: tuple[str, ...] = (
    "started",
    "detected",
    "acknowledged",
    "identified",
    "mitigated",
    "resolved",
)


def clean_milestone(text: str | None) -> str | None:
    """Standard milestones are lower-case keywords; user-defined ones keep their words."""
    if text is None:
        return None
    name = " ".join(text.split())
    if not name:
        return None
    if name.lower() in STANDARD_MILESTONES:
        return name.lower()
    if len(name) > 80:
        raise ValidationError("A milestone name is at most 80 characters.")
    return name


def clean_text(text: str) -> str:
    if text is None or not text.strip():
        raise ValidationError(
            "An entry needs some text: type what happened, e.g. '14:15 first reports of login failures'."
        )
    return text.strip()


@dataclass(frozen=True)
class Revision:
    id: str
    entry_id: str
    occurred_at: datetime
    recorded_at: datetime
    author: str
    kind: EntryKind
    text: str
    milestone: str | None
    vendor_id: str | None
    contact_id: str | None
    vendor_name: str | None
    contact_name: str | None
    retracted: bool


@dataclass(frozen=True)
class Entry:
    """The latest revision of a timeline entry, as views and exports use it."""

    id: str
    incident_id: str
    occurred_at: datetime
    recorded_at: datetime
    created_at: datetime
    author: str
    kind: EntryKind
    text: str
    milestone: str | None
    vendor_id: str | None
    contact_id: str | None
    vendor_name: str | None
    contact_name: str | None
    revision: int
    retracted: bool
    starred: bool

    @property
    def edited(self) -> bool:
        return self.revision > 1


@dataclass(frozen=True)
class EntryFilter:
    """What a timeline view shows: kinds (values), author, vendor and text contain, stars."""

    kinds: tuple[str, ...] = ()
    author: str | None = None
    vendor: str | None = None
    text: str | None = None
    starred_only: bool = False
    include_retracted: bool = False
