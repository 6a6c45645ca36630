"""What can be done to a timeline entry: edit, history, retract, star, mark as milestone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox, QWidget

from warroom.domain.timeline import STANDARD_MILESTONES, Entry
from warroom.ui.kit.text import shorten
from warroom.ui.kit.time_display import TimeDisplay
from warroom.ui.timeline.copy import copy_entries
from warroom.ui.timeline.entry_dialog import EntryChanges, EntryDialog
from warroom.ui.timeline.history_dialog import HistoryDialog
from warroom.ui.timeline.view import TimelineView


def _action(
    parent: QWidget,
    text: str,
    shortcuts: list[str],
    slot: Callable[[], None],
    context=Qt.ShortcutContext.WindowShortcut,
) -> QAction:
    action = QAction(text, parent)
    action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setShortcutContext(context)
    action.triggered.connect(slot)
    return action


class TimelineActions(QObject):
    """The entry actions, for the menu bar, the context menu and the keyboard alike.

    Dialogs open non-modally (`open()`), so the window keeps running; the last one opened is
    kept in `self.dialog` (tests drive it from there)."""

    action_item_requested = Signal(object)  # an Entry: whoever owns action items opens its dialog
    edited = Signal(object, object)  # the Entry before and after an edit this user saved (for undo)
    retracted = Signal(object)  # an Entry this user retracted (for undo)

    def __init__(self, services, tasks, view: TimelineView, display: Callable[[], TimeDisplay]) -> None:
        super().__init__(view)
        self._services, self._tasks, self._view, self._display = services, tasks, view, display
        self.dialog: QWidget | None = None
        self.edit = _action(view, "&Edit entry…", ["F2"], self._on_current(self.edit_entry))
        self.history = _action(view, "&History…", ["Ctrl+H"], self._on_current(self.show_history))
        self.retract = _action(
            view,
            "&Retract entry…",
            ["Delete"],
            self._on_current(self.confirm_retract),
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.star = _action(view, "&Star / unstar entry", ["Ctrl+D"], self._on_current(self.toggle_star))
        self.milestone = _action(view, "Mark as &milestone…", ["Ctrl+M"], self._milestone_from_keyboard)
        self.copy = _action(
            view, "&Copy entries", ["Ctrl+C"], self.copy_selected, Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        view.addAction(self.retract)  # Delete acts only while the timeline has focus
        view.addAction(self.copy)  # Ctrl+C elsewhere copies what that widget holds
        view.edit_requested.connect(self.edit_entry)
        view.menu_requested.connect(lambda entry, where: self.context_menu(entry).popup(where))

    def all(self) -> list[QAction]:
        return [self.copy, self.edit, self.history, self.star, self.milestone, self.retract]

    def _on_current(self, handler: Callable[[Entry], None]) -> Callable[[], None]:
        def run() -> None:
            entry = self._view.current_entry()
            if entry is not None:
                handler(entry)

        return run

    # -- menus ------------------------------------------------------------------------
    def context_menu(self, entry: Entry) -> QMenu:
        menu = QMenu(self._view)
        menu.addMenu(self.milestone_menu(entry, menu))
        menu.addAction("Unstar" if entry.starred else "Star", lambda: self.toggle_star(entry))
        menu.addSeparator()
        menu.addAction("Edit…\tF2", lambda: self.edit_entry(entry))
        menu.addAction("History…\tCtrl+H", lambda: self.show_history(entry))
        menu.addAction("Add action item…\tCtrl+Shift+A", lambda: self._add_action_item(entry))
        menu.addAction("Copy\tCtrl+C", self.copy_selected)
        menu.addSeparator()
        if entry.retracted:
            menu.addAction("Restore", lambda: self.restore(entry))
        else:
            menu.addAction("Retract…\tDelete", lambda: self.confirm_retract(entry))
        return menu

    def _add_action_item(self, entry: Entry) -> None:
        self.action_item_requested.emit(entry)

    def milestone_menu(self, entry: Entry, parent: QWidget) -> QMenu:
        menu = QMenu("Mark as milestone", parent)
        for name in STANDARD_MILESTONES:
            action = menu.addAction(name.capitalize(), lambda n=name: self.mark_milestone(entry, n))
            action.setCheckable(True)
            action.setChecked(entry.milestone == name)
        menu.addSeparator()
        menu.addAction("Other…", lambda: self.ask_milestone_name(entry))
        if entry.milestone:
            menu.addAction("Clear milestone", lambda: self.mark_milestone(entry, None))
        return menu

    def _milestone_from_keyboard(self) -> None:
        entry = self._view.current_entry()
        if entry is not None:
            self.milestone_menu(entry, self._view).popup(self._view.menu_anchor())

    # -- the actions ----------------------------------------------------------------
    def edit_entry(self, entry: Entry) -> EntryDialog:
        dialog = EntryDialog(entry, self._display().zone, self._view.window())
        dialog.submitted.connect(lambda changes: self._save(dialog, entry, changes))
        return self._open(dialog)

    def _save(self, dialog: EntryDialog, entry: Entry, changes: EntryChanges) -> None:
        timeline = self._services.timeline
        self._tasks.write(
            lambda: timeline.edit(entry.id, **changes.as_kwargs()),
            lambda saved: (dialog.done_saving(), self.edited.emit(entry, saved)),
            dialog.show_error,
        )

    def show_history(self, entry: Entry) -> None:
        timeline, display = self._services.timeline, self._display()
        self._tasks.read(
            lambda: timeline.history(entry.id),
            lambda revisions: self._open(HistoryDialog(revisions, display, self._view.window())),
        )

    def confirm_retract(self, entry: Entry) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Retract entry",
            f"Retract this entry?\n\n“{shorten(entry.text, 160)}”\n\n"
            "It disappears from the timeline but stays in its history; nothing is erased.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self._view.window(),
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText("Retract")
        retract = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(
            lambda button: (
                self._write(lambda t: t.retract(entry.id), lambda _e: self.retracted.emit(entry))
                if button is retract
                else None
            )
        )
        return self._open(box)

    def restore(self, entry: Entry) -> None:
        """Bring a retracted entry back: a new revision, like the retraction was."""
        self._write(lambda t: t.edit(entry.id, retracted=False))

    def copy_selected(self) -> str:
        entries = self._view.selected_entries()
        return copy_entries(entries, self._display()) if entries else ""

    def toggle_star(self, entry: Entry) -> None:
        self._write(lambda t: t.star(entry.id, not entry.starred))

    def mark_milestone(self, entry: Entry, name: str | None) -> None:
        self._write(lambda t: t.set_milestone(entry.id, name))

    def ask_milestone_name(self, entry: Entry) -> QInputDialog:
        prompt = QInputDialog(self._view.window())
        prompt.setWindowTitle("Name the milestone")
        prompt.setLabelText("Milestone name (e.g. rollback started):")
        prompt.setTextValue(entry.milestone or "")
        prompt.textValueSelected.connect(lambda name: self.mark_milestone(entry, name) if name.strip() else None)
        return self._open(prompt)

    def _write(self, change: Callable, on_done: Callable | None = None) -> None:
        timeline = self._services.timeline
        self._tasks.write(lambda: change(timeline), on_done)

    def _open(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog
