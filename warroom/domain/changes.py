"""What changed in the store, said in the words of the views that show it (Anki's OpChanges).

A commit is reported to listeners as a `ChangeNote`: a `Changed` flag set (what kinds of thing
changed, never table names; the store maps its tables to these once) and the origin that made
the change, so the view that wrote it and already refreshed itself can skip the echo.

    with changes_from("checklists"):        # the worker does this around a write for a panel
        services.checklists.tick(item_id)   # its commit is reported with origin "checklists"
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Flag, auto


class Changed(Flag):
    NOTHING = 0
    INCIDENT = auto()  # title, status, severity, narrative fields
    TIMELINE = auto()  # entries and their revisions
    DURATIONS = auto()  # named durations between milestones
    DIRECTORY = auto()  # vendors, contacts, escalation paths, absences
    ATTEMPTS = auto()  # contact attempts
    CHECKLISTS = auto()  # an incident's checklists and their items
    TEMPLATES = auto()  # checklist templates
    POSTMORTEM = auto()  # action items
    COMMS = auto()  # status updates, channels, audiences' policies, snoozes
    DELIVERIES = auto()  # each update's delivery to each channel (a drain touches many)
    ROLES = auto()  # who holds which role, and the handovers between commanders
    CHANGE_RECORD = auto()  # deploys, reverts, config changes and their marks
    QUESTIONS = auto()  # open questions and hypotheses, and how they were settled
    SYNC_STATE = auto()  # outbox, cursors, merge history: nothing a person reads directly


# Whoever is writing on this thread (a panel's name), read by the store when it reports a commit.
change_origin: ContextVar[str | None] = ContextVar("change_origin", default=None)


@contextmanager
def changes_from(origin: str | None) -> Iterator[None]:
    token = change_origin.set(origin)
    try:
        yield
    finally:
        change_origin.reset(token)


@dataclass(frozen=True)
class ChangeNote:
    what: Changed
    origin: str | None = None

    def touches(self, kinds: Changed) -> bool:
        return bool(self.what & kinds)

    def touches_other_than(self, kinds: Changed, origin: str) -> bool:
        """A change of these kinds that `origin` did not make itself (it refreshed already)."""
        return self.touches(kinds) and self.origin != origin
