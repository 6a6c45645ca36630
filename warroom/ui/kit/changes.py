"""Brings the store's change notes (from any thread) to the GUI thread.

Views react to kinds of change (`Changed.TIMELINE`, `Changed.DIRECTORY`...), never to table
names; the store maps tables to kinds once (warroom/store/changes.py). A note also carries the
origin of the write (the name a panel passed to `tasks.write(..., origin=...)`), so a panel
that refreshed after its own write can skip the echo:

    if note.touches_other_than(Changed.CHECKLISTS, CHECKLISTS_ORIGIN): self.refresh()
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from warroom.domain.changes import Changed, ChangeNote

__all__ = ["ChangeNote", "Changed", "StoreEvents", "listen_to_store"]

Subscribe = Callable[[Callable[[ChangeNote], None]], Callable[[], None]]


class StoreEvents(QObject):
    """`changed(ChangeNote)` is emitted on the GUI thread after any commit, whether this window,
    a CLI in another process sharing nothing, or the sync thread wrote."""

    changed = Signal(object)

    def __init__(self, subscribe: Subscribe, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # A signal emitted on another thread reaches this GUI-thread object through a queued connection.
        self._unsubscribe: Callable[[], None] | None = subscribe(self._on_commit)

    def _on_commit(self, note: ChangeNote) -> None:
        try:
            self.changed.emit(note)
        except RuntimeError:
            pass  # the window closed while a sync thread was committing

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None


def listen_to_store(owner: QObject, services: Any, on_change: Callable[[ChangeNote], None]) -> StoreEvents:
    """For a panel used without a main window (tests, a second window): hear the store itself.
    Stops listening when `owner` is destroyed."""
    events = StoreEvents(services.store.subscribe_changes, owner)
    events.changed.connect(on_change)
    owner.destroyed.connect(events.close)
    return events
