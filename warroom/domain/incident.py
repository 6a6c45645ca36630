"""The incident: severity, status, commander, narrative for the postmortem."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from warroom.domain.choices import parse_choice
from warroom.domain.errors import ValidationError


class Severity(str, Enum):
    SEV1 = "SEV1"
    SEV2 = "SEV2"
    SEV3 = "SEV3"
    SEV4 = "SEV4"

    @classmethod
    def parse(cls, text: Severity | str) -> Severity:
        return parse_choice(cls, text, "severity", fold=str.upper, aliases={n: f"SEV{n}" for n in "1234"})


class Status(str, Enum):
    INVESTIGATING = "investigating"
    IDENTIFIED = "identified"
    MONITORING = "monitoring"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @classmethod
    def parse(cls, text: Status | str) -> Status:
        return parse_choice(cls, text, "status")


NARRATIVE_FIELDS: tuple[str, ...] = (
    "summary",
    "impact",
    "classification",
    "root_cause",
    "resolution",
    "workaround",
    "went_wrong",
    "went_well",
    "lessons",
)

NARRATIVE_LABELS: dict[str, str] = {
    "summary": "Summary",
    "impact": "Impact",
    "classification": "Severity and classification",
    "root_cause": "Root cause",
    "resolution": "Resolution",
    "workaround": "Workaround",
    "went_wrong": "What went wrong",
    "went_well": "What went well",
    "lessons": "Lessons learned",
}


@dataclass(frozen=True)
class Incident:
    id: str
    number: int
    title: str
    severity: Severity
    status: Status
    commander: str
    started_at: datetime
    created_at: datetime
    zone: str = "UTC"
    impacted_services: tuple[str, ...] = ()
    narrative: dict[str, str] = field(default_factory=dict)

    @property
    def reference(self) -> str:
        """'INC-7'; before the hub gave it a number (opened offline), 'INC-?' and a short local id."""
        if self.number > 0:
            return f"INC-{self.number}"
        return PROVISIONAL_PREFIX + provisional_suffix(self.id)


def clean_title(text: str) -> str:
    title = " ".join((text or "").split())
    if not title:
        raise ValidationError("An incident needs a title: say in a few words what is broken.")
    if len(title) > 500:
        raise ValidationError("The title is longer than 500 characters: put the detail in the summary.")
    return title


PROVISIONAL_PREFIX = "INC-?"
PROVISIONAL_LENGTH = 6  # hex digits from the id's random tail: which of one's own incidents, not a number


def provisional_suffix(incident_id: str) -> str:
    return incident_id.replace("-", "")[-PROVISIONAL_LENGTH:].lower()


def parse_provisional(text: str) -> str | None:
    """'INC-?3f9a1c' -> '3f9a1c' (the id's tail); anything else -> None."""
    value = text.strip()
    if not value.upper().startswith(PROVISIONAL_PREFIX):
        return None
    tail = value[len(PROVISIONAL_PREFIX) :].lower()
    return tail if tail and all(c in "0123456789abcdef" for c in tail) else None


def parse_reference(text: str) -> int | None:
    """'INC-7', 'inc-7' or '7' -> 7; anything else -> None."""
    value = text.strip().upper()
    if value.startswith("INC-"):
        value = value[4:]
    return int(value) if value.isdigit() else None
