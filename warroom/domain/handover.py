"""Shift handover: the brief built from the record, and the handover the incoming commander accepted.

The brief is plain pre-formatted text in titled sections, so that it can be kept exactly as it
was read (JSON in the store), shown in the window, and rendered as Markdown or PDF later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from warroom.domain.clock import iso_utc, parse_iso

# Section keys, in the order the brief shows them.
STATUS = "status"
DURATIONS = "durations"
SINCE = "since"
CHANGES = "changes"
QUESTIONS = "questions"
VENDORS = "vendors"
CHECKLISTS = "checklists"
ACTIONS = "actions"
UPDATES = "updates"
NOTE = "note"


@dataclass(frozen=True)
class BriefSection:
    key: str
    title: str
    lines: tuple[str, ...]
    empty: str  # what the brief says when there is nothing to list


@dataclass(frozen=True)
class HandoverBrief:
    reference: str  # "INC-7"
    title: str
    from_person: str
    to_person: str
    built_at: datetime
    since: datetime | None  # the previous handover, or None: since the start
    sections: tuple[BriefSection, ...]

    def section(self, key: str) -> BriefSection:
        return next(s for s in self.sections if s.key == key)

    def to_json(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "title": self.title,
            "from_person": self.from_person,
            "to_person": self.to_person,
            "built_at": iso_utc(self.built_at),
            "since": iso_utc(self.since),
            "sections": [
                {"key": s.key, "title": s.title, "lines": list(s.lines), "empty": s.empty} for s in self.sections
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HandoverBrief:
        return cls(
            reference=data["reference"],
            title=data["title"],
            from_person=data["from_person"],
            to_person=data["to_person"],
            built_at=parse_iso(data["built_at"]),
            since=parse_iso(data["since"]) if data.get("since") else None,
            sections=tuple(
                BriefSection(s["key"], s["title"], tuple(s["lines"]), s.get("empty", "")) for s in data["sections"]
            ),
        )


@dataclass(frozen=True)
class Handover:
    """A handover as kept: who handed to whom, when, and the brief they read."""

    id: str
    incident_id: str
    from_person: str
    to_person: str
    note: str
    at: datetime
    author: str
    brief: HandoverBrief
    entry_id: str | None = None


def handover_entry_text(from_person: str, to_person: str, note: str) -> str:
    """The timeline entry that records a handover."""
    who = f"Handover: {from_person or 'nobody'} handed command to {to_person}"
    return f"{who}. Note: {note.strip()}" if note.strip() else who
