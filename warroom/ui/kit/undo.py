"""Undo and redo the user's own recent actions of this session, append-only.

Nothing is erased: undoing an entry retracts it, undoing an edit writes the old values as a
new revision, undoing a tick unticks (with a timeline entry saying so), undoing a status change
sets the status back, undoing a contact attempt retracts its timeline entry (the attempt stays
in the history; escalation and the postmortem skip it). Each step's undo and redo are service
calls run on the writer.

    undo.push(UndoStep("Add entry", undo=lambda: timeline.retract(id), redo=lambda: timeline.edit(id, retracted=False)))
    undo.undo(); undo.redo()          # Ctrl+Z, Ctrl+Shift+Z in the window
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from warroom.ui.kit.worker import Tasks

LIMIT = 100  # steps kept: older ones can no longer be undone (they stay in the history)


@dataclass(frozen=True)
class UndoStep:
    label: str  # "Add entry", "Edit entry", "Tick item", "Status change"
    undo: Callable[[], Any]
    redo: Callable[[], Any]


class UndoStack(QObject):
    changed = Signal()  # what can be undone or redone changed: menus update their text
    done = Signal(str)  # a sentence for the status bar: "Undone: Add entry"
    failed = Signal(str)

    def __init__(self, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self._undo: list[UndoStep] = []
        self._redo: list[UndoStep] = []

    def push(self, step: UndoStep) -> None:
        self._undo = [*self._undo, step][-LIMIT:]
        self._redo = []
        self.changed.emit()

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def undo_label(self) -> str:
        return self._undo[-1].label if self._undo else ""

    def redo_label(self) -> str:
        return self._redo[-1].label if self._redo else ""

    def undo(self) -> None:
        if not self._undo:
            return
        step = self._undo.pop()
        self._redo.append(step)
        self.changed.emit()
        self.tasks.write(step.undo, lambda _r: self.done.emit(f"Undone: {step.label}"), self._failed)

    def redo(self) -> None:
        if not self._redo:
            return
        step = self._redo.pop()
        self._undo.append(step)
        self.changed.emit()
        self.tasks.write(step.redo, lambda _r: self.done.emit(f"Redone: {step.label}"), self._failed)

    def _failed(self, message: str) -> None:
        self.failed.emit(f"Could not undo or redo: {message}")


def attempt_step(timeline, attempt: Any) -> UndoStep:
    """Undo a logged contact attempt: retract its timeline entry (the attempt row stays)."""
    return UndoStep(
        "Log attempt",
        undo=lambda: timeline.retract(attempt.entry_id),
        redo=lambda: timeline.edit(attempt.entry_id, retracted=False),
    )
