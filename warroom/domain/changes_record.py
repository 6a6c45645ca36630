"""The change record: deploys, reverts, config changes and flag flips around an incident.

Choices a reader should know:
- A change's mark (suspect, ruled out, cause) is history: each mark is a new row and the
  latest one (by time, then id) is the change's current mark; "cleared" takes a mark back.
- A revert names the change it reverts; `revert_chains` follows those links so that "revert to
  -1 did not help, revert to -2 did" reads as one chain, newest revert first.
- The "what changed" window is the span before the incident's start or detection (48 h by
  default) up to now: changes made during the incident are suspects too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from warroom.domain.choices import parse_choice, spaced_choice
from warroom.domain.errors import ValidationError

DEFAULT_WINDOW = timedelta(hours=48)
CSV_COLUMNS = ("occurred_at", "service", "kind", "version", "author", "link", "text")


class ChangeKind(str, Enum):
    DEPLOY = "deploy"
    REVERT = "revert"
    CONFIG = "config"
    FLAG = "flag"

    @classmethod
    def parse(cls, text: str) -> ChangeKind:
        return parse_choice(cls, text, "change kind", aliases=_ALIASES)


_ALIASES = {"rollback": "revert", "configuration": "config", "feature flag": "flag", "release": "deploy"}


class ChangeMark(str, Enum):
    SUSPECT = "suspect"
    RULED_OUT = "ruled out"
    CAUSE = "cause"
    CLEARED = "cleared"

    @classmethod
    def parse(cls, text: str) -> ChangeMark:
        return parse_choice(cls, text, "mark", fold=spaced_choice, hint="suspect, ruled-out, cause or cleared")


@dataclass(frozen=True)
class MarkEvent:
    id: str
    change_id: str
    mark: ChangeMark
    at: datetime
    author: str
    note: str = ""


@dataclass(frozen=True)
class Change:
    id: str
    incident_id: str
    occurred_at: datetime
    service: str
    kind: ChangeKind
    version: str
    author: str
    link: str
    text: str
    reverts_id: str | None = None
    mark: ChangeMark | None = None  # the latest mark, None when never marked or cleared
    marks: tuple[MarkEvent, ...] = ()  # every mark, oldest first

    def label(self) -> str:
        """'deploy checkout 1.4.2' — how a change is named in chains and briefs."""
        what = self.version or self.text
        return f"{self.kind.value} {self.service} {what}".strip()


def with_marks(changes: Iterable[Change], events: Iterable[MarkEvent]) -> list[Change]:
    """Attach the mark history; the current mark is the latest event ('cleared' -> None)."""
    from dataclasses import replace

    by_change: dict[str, list[MarkEvent]] = {}
    for event in sorted(events, key=lambda e: (e.at, e.id)):
        by_change.setdefault(event.change_id, []).append(event)
    result = []
    for change in changes:
        history = tuple(by_change.get(change.id, ()))
        current = history[-1].mark if history else None
        result.append(replace(change, marks=history, mark=None if current is ChangeMark.CLEARED else current))
    return sorted(result, key=lambda c: (c.occurred_at, c.id))


def in_window(changes: Sequence[Change], anchor: datetime, before: timedelta = DEFAULT_WINDOW) -> list[Change]:
    """The changes from `before` ahead of `anchor` (the start or detection) onwards."""
    if before < timedelta(0):
        raise ValidationError("The window before the incident cannot be negative.")
    start = anchor - before
    return [c for c in changes if c.occurred_at >= start]


def revert_chains(changes: Sequence[Change]) -> list[list[Change]]:
    """One chain per service that saw a revert, oldest first.

    A chain runs from the version the last revert went back to (the change just before the
    earliest reverted one), through every change of that service, to the last revert: so
    "deploy -2, deploy -1, deploy, revert (undoes deploy), revert (undoes deploy -1)" reads as
    one chain even though each revert names a different change.
    """
    by_id = {c.id: c for c in changes}
    ordered = sorted(changes, key=lambda c: (c.occurred_at, c.id))
    chains = []
    for service in dict.fromkeys(c.service for c in ordered):
        mine = [c for c in ordered if c.service == service]
        reverts = [c for c in mine if c.reverts_id]
        if not reverts:
            continue
        targets = [by_id[r.reverts_id] for r in reverts if r.reverts_id in by_id]
        first = min((mine.index(t) for t in targets if t in mine), default=mine.index(reverts[0]))
        last = max(mine.index(r) for r in reverts)
        chains.append(mine[max(0, first - 1) : last + 1])
    return sorted(chains, key=lambda chain: (chain[0].occurred_at, chain[0].id))


def suspects_and_cause(changes: Iterable[Change]) -> tuple[list[Change], list[Change]]:
    """(suspects, causes) by their current mark, in time order."""
    ordered = sorted(changes, key=lambda c: (c.occurred_at, c.id))
    return [c for c in ordered if c.mark is ChangeMark.SUSPECT], [c for c in ordered if c.mark is ChangeMark.CAUSE]


def clean_service(text: str) -> str:
    value = " ".join((text or "").split())
    if not value:
        raise ValidationError("A change needs a service: say which system was changed, e.g. --service checkout.")
    return value


def clean_change_text(text: str, version: str) -> str:
    value = (text or "").strip()
    if not value and not version.strip():
        raise ValidationError("A change needs a description or a version: say what was changed.")
    return value
