"""What the sync runner reports (its phase and state, as the status bar shows them) and how long
it waits: the backoff when the hub is away, the pause while changes are held back."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

HELD_BACK_RETRY = (0.05, 1.0)  # first and longest wait before re-reading held-back changes


class SyncPhase(str, Enum):
    LIVE = "live"
    SYNCING = "syncing"
    OFFLINE = "offline"
    FAILED = "failed"


@dataclass(frozen=True)
class SyncState:
    """What the status bar shows: the phase, the changes not yet on the hub, and why if failed."""

    phase: SyncPhase
    waiting: int = 0
    reason: str = ""
    hub: str = ""
    refused: int = 0  # changes from the hub quarantined here (see quarantine.py)

    def __str__(self) -> str:
        if self.phase is SyncPhase.LIVE:
            return "Live"
        if self.phase is SyncPhase.SYNCING:
            return "Syncing…"
        if self.phase is SyncPhase.OFFLINE:
            noun = "change" if self.waiting == 1 else "changes"
            return f"Offline — {self.waiting} {noun} waiting"
        return f"Sync failed: {self.reason}"


@dataclass(frozen=True)
class Backoff:
    first: float = 0.2
    most: float = 5.0
    periodic: float = 10.0  # a safety pull and push even with no wake-up at all


class HeldBackPause:
    """When to re-read changes held back by an old open transaction: a pause growing to a second.

    Only the timed re-reads grow it; pulls a wake-up asks for happen at once besides.
    """

    def __init__(self, first: float = HELD_BACK_RETRY[0], most: float = HELD_BACK_RETRY[1]) -> None:
        self._first, self._most = first, most
        self._pause = first
        self._at: float | None = None  # monotonic time of the next re-read, None when nothing is held back

    @property
    def active(self) -> bool:
        return self._at is not None

    def due(self, now: float) -> bool:
        return self._at is not None and now >= self._at

    def schedule(self, now: float) -> None:
        if self._at is not None:
            self._pause = min(self._pause * 2, self._most)
        self._at = now + self._pause

    def left(self, now: float) -> float:
        return 0.0 if self._at is None else max(0.0, self._at - now)

    def reset(self) -> None:
        self._pause, self._at = self._first, None
