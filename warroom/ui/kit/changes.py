"""Brings the store's "these tables changed" callbacks (from any thread) to the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

TIMELINE_TABLES = frozenset({"timeline_entries", "entry_revisions", "timeline_heads", "duration_defs"})
INCIDENT_TABLES = frozenset({"incidents"})
# A status that follows a milestone touches incidents; a named duration touches duration_defs.
METRICS_TABLES = frozenset({"incidents", "duration_defs"})


class StoreEvents(QObject):
    """`changed(frozenset_of_table_names)` is emitted on the GUI thread after any commit,
    whether this window, a CLI in another process sharing nothing, or the sync thread wrote."""

    changed = Signal(object)

    def __init__(
        self, subscribe: Callable[[Callable[[frozenset[str]], None]], Callable[[], None]], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        # A signal emitted on another thread reaches this GUI-thread object through a queued connection.
        self._unsubscribe = subscribe(self._on_commit)

    def _on_commit(self, tables: frozenset[str]) -> None:
        try:
            self.changed.emit(frozenset(tables))
        except RuntimeError:
            pass  # the window closed while a sync thread was committing

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
