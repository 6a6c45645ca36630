"""Edit > Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z): what this user did in this session.

The steps come from the timeline (an entry typed, edited or retracted), the header (a status
change) and panels through `PanelHost.record_undo` (a checklist tick). Undo is append-only:
see kit/undo.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from warroom.domain.incident import Status
from warroom.domain.timeline import Entry
from warroom.ui.kit.undo import UndoStep

if TYPE_CHECKING:
    from warroom.ui.shell.main_window import MainWindow


def wire_undo(window: MainWindow) -> tuple[QAction, QAction]:
    stack = window.undo
    undo = _action(window, "&Undo", QKeySequence.StandardKey.Undo, "Ctrl+Z", stack.undo)
    redo = _action(window, "&Redo", QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", stack.redo)

    def refresh() -> None:
        undo.setEnabled(stack.can_undo())
        redo.setEnabled(stack.can_redo())
        undo.setText(f"&Undo {stack.undo_label()}".rstrip())
        redo.setText(f"&Redo {stack.redo_label()}".rstrip())

    stack.changed.connect(refresh)
    stack.done.connect(lambda text: window.show_message(text, 5000))
    stack.failed.connect(window.show_error)
    refresh()
    timeline, actions = window.services.timeline, window.timeline.entry_actions()
    window.timeline.entry_box.recorded.connect(lambda entry: stack.push(added_step(timeline, entry)))
    actions.edited.connect(lambda old, new: stack.push(edit_step(timeline, old, new)))
    actions.retracted.connect(lambda entry: stack.push(retract_step(timeline, entry)))
    return undo, redo


def _action(window: MainWindow, text: str, standard: QKeySequence.StandardKey, fallback: str, slot) -> QAction:
    action = QAction(text, window)
    keys = QKeySequence.keyBindings(standard) or [QKeySequence(fallback)]
    if QKeySequence(fallback) not in keys:
        keys.append(QKeySequence(fallback))
    action.setShortcuts(keys)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def added_step(timeline, entry: Entry) -> UndoStep:
    return UndoStep(
        "Add entry",
        undo=lambda: timeline.retract(entry.id),
        redo=lambda: timeline.edit(entry.id, retracted=False),
    )


def retract_step(timeline, entry: Entry) -> UndoStep:
    return UndoStep(
        "Retract entry",
        undo=lambda: timeline.edit(entry.id, retracted=False),
        redo=lambda: timeline.retract(entry.id),
    )


def edit_step(timeline, old: Entry, new: Entry) -> UndoStep:
    def back_to(entry: Entry):
        return lambda: timeline.edit(
            entry.id, text=entry.text, occurred_at=entry.occurred_at, kind=entry.kind, milestone=entry.milestone
        )

    return UndoStep("Edit entry", undo=back_to(old), redo=back_to(new))


def status_step(incidents, incident_id: str, old: Status, new: Status) -> UndoStep:
    return UndoStep(
        f"Status {new.value}",
        undo=lambda: incidents.set_status(incident_id, old),
        redo=lambda: incidents.set_status(incident_id, new),
    )
