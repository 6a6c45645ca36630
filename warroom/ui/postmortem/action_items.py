"""The postmortem's action items: a table with add, edit and remove, all from the keyboard.

Insert adds, Enter or F2 (or a double-click) edits, Delete removes after asking. Reads and
writes go through services.actions on the worker; the table reloads after each write and
whenever the store says action items changed (another laptop, the CLI, a timeline entry).
"""

from __future__ import annotations

from enum import IntEnum
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.action_items import ActionItem, ActionKind, ActionStatus
from warroom.ui.kit.changes import Changed, ChangeNote
from warroom.ui.kit.theme import ink, paint
from warroom.ui.postmortem.action_item_dialog import ActionForm, ActionItemDialog

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
EMPTY_TEXT = "No action items yet: Insert (or Add…) records one; a timeline entry's menu adds one from it."

ORIGIN = "action items"  # the list reloads after its own writes: no second reload on their echo


class Col(IntEnum):
    KIND = 0
    TEXT = 1
    OWNER = 2
    DUE = 3
    STATUS = 4
    LINK = 5


HEADERS = ("Kind", "Action", "Owner", "Due", "Status", "Tracker link")
_DONE = (ActionStatus.DONE, ActionStatus.WONT_DO)


class ActionItemsModel(QAbstractTableModel):
    """Corrective ones first, then by due date, as the postmortem lists them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list[ActionItem] = []

    def set_items(self, items: list[ActionItem]) -> None:
        self.beginResetModel()
        self.items = sorted(
            items, key=lambda i: (i.kind is not ActionKind.CORRECTIVE, i.due_date is None, i.due_date or 0, i.text)
        )
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        if role == ITEM_ROLE:
            return item
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(item, Col(index.column()))
        if role == Qt.ItemDataRole.ForegroundRole and item.status in _DONE:
            from PySide6.QtGui import QColor

            return QColor(ink("faint"))
        return None

    @staticmethod
    def _text(item: ActionItem, column: Col) -> str:
        if column is Col.KIND:
            return item.kind.value
        if column is Col.TEXT:
            return item.text
        if column is Col.OWNER:
            return item.owner or "unassigned"
        if column is Col.DUE:
            return item.due_date.isoformat() if item.due_date else "—"
        if column is Col.STATUS:
            return item.status.value
        return item.tracker_url


class ActionItemsTable(QTableView):
    """The table, answering Insert (add), Enter or F2 (edit) and Delete (remove) itself."""

    key_action = Signal(str)  # "add", "edit", "remove"
    KEYS: ClassVar[dict[Qt.Key, str]] = {
        Qt.Key.Key_Insert: "add",
        Qt.Key.Key_Return: "edit",
        Qt.Key.Key_Enter: "edit",
        Qt.Key.Key_F2: "edit",
        Qt.Key.Key_Delete: "remove",
    }

    def keyPressEvent(self, event) -> None:
        action = self.KEYS.get(Qt.Key(event.key()))
        if action is not None and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            self.key_action.emit(action)
            event.accept()
            return
        super().keyPressEvent(event)


class ActionItemsPanel(QWidget):
    changed = Signal()  # after a write of ours went through

    def __init__(self, services, tasks, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("actionItemsPanel")
        self.services, self.tasks = services, tasks
        self.incident_id: str | None = None
        self.dialog: QWidget | None = None  # the last dialog opened (tests drive it)
        self.model = ActionItemsModel(self)
        self._build()
        self.set_incident(None)

    def _build(self) -> None:
        self.table = ActionItemsTable(self)
        self.table.setObjectName("actionItemsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Col.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Col.LINK, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Col.LINK, 170)
        # wrapped action text: rows follow the column's width (a handful of rows, so cheap)
        header.sectionResized.connect(lambda *_args: self.table.resizeRowsToContents())
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.add_button = QPushButton("&Add…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.remove_button = QPushButton("&Remove…", self)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_current)
        self.remove_button.clicked.connect(self.remove_current)
        slots = {"add": self.add, "edit": self.edit_current, "remove": self.remove_current}
        self.table.key_action.connect(lambda action: slots[action]())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("actionItemsMessage")
        keys = QLabel("Insert adds · Enter or F2 edits · Delete removes", self)
        paint(keys, "color: $faint; font-size: 8pt;")
        keys.setWordWrap(True)  # a narrow dock: two lines rather than a wider window
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(keys)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

    # -- what the panel calls ----------------------------------------------------------------
    def set_incident(self, incident_id: str | None) -> None:
        if incident_id == self.incident_id and incident_id is not None:
            return
        self.incident_id = incident_id
        self.model.set_items([])
        for widget in (self.table, self.add_button, self.edit_button, self.remove_button):
            widget.setEnabled(incident_id is not None)
        self._say("")
        self.refresh()

    def on_store_changed(self, note: ChangeNote) -> None:
        if note.touches_other_than(Changed.POSTMORTEM, ORIGIN):
            self.refresh()

    def refresh(self) -> None:
        incident_id, actions = self.incident_id, self.services.actions
        if incident_id is None:
            return
        self.tasks.read(
            lambda: actions.action_items(incident_id), lambda items: self._show(incident_id, items), self._error
        )

    def current_item(self) -> ActionItem | None:
        index = self.table.currentIndex()
        return index.data(ITEM_ROLE) if index.isValid() else None

    # -- add, edit, remove ---------------------------------------------------------------------
    def add(self) -> ActionItemDialog | None:
        incident_id, actions = self.incident_id, self.services.actions
        if incident_id is None:
            return None
        return self._open(
            ActionItemDialog(self.window()), lambda form: lambda: actions.add_action(incident_id, **form.as_kwargs())
        )

    def edit_current(self) -> ActionItemDialog | None:
        item, actions = self.current_item(), self.services.actions
        if item is None:
            return None
        return self._open(
            ActionItemDialog(self.window(), item=item),
            lambda form: lambda: actions.update_action(item.id, **form.as_kwargs()),
        )

    def remove_current(self) -> QMessageBox | None:
        item, actions = self.current_item(), self.services.actions
        if item is None:
            return None
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove action item",
            f"Remove “{item.text}”?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.window(),
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText("Remove")
        box.buttonClicked.connect(
            lambda button: self._write(lambda: actions.remove_action(item.id)) if button is yes else None
        )
        return self._keep(box)

    def _open(self, dialog: ActionItemDialog, writer) -> ActionItemDialog:
        def save(form: ActionForm) -> None:
            self.tasks.write(writer(form), lambda _item: self._saved(dialog), dialog.show_error, origin=ORIGIN)

        dialog.submitted.connect(save)
        return self._keep(dialog)

    def _keep(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog: ActionItemDialog) -> None:
        dialog.done_saving()
        self.changed.emit()
        self.refresh()
        self.table.setFocus()

    def _write(self, fn) -> None:
        self.tasks.write(fn, lambda _result: (self.changed.emit(), self.refresh()), self._error, origin=ORIGIN)

    # -- showing -------------------------------------------------------------------------------
    def _show(self, incident_id: str, items: list[ActionItem]) -> None:
        if incident_id != self.incident_id:
            return
        keep = self.current_item()
        self.model.set_items(items)
        rows = [i for i, item in enumerate(self.model.items) if keep and item.id == keep.id]
        if rows or self.model.items:
            self.table.selectRow(rows[0] if rows else 0)
        self.table.resizeRowsToContents()
        done = sum(1 for i in items if i.status in _DONE)
        self._say(f"{len(items)} action item(s), {done} done or dropped" if items else EMPTY_TEXT)

    def _say(self, text: str, error: bool = False) -> None:
        paint(self.message, "color: $error;" if error else "color: $muted;")
        self.message.setText(text)

    def _error(self, message: str) -> None:
        self._say(message, error=True)
