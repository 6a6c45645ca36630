"""Add or edit a corrective or preventive action item; also opened from a timeline entry.

open_action_item_dialog(window, entry)   # "Add action item from this entry…"
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from warroom.domain.action_items import ActionItem, ActionKind, ActionStatus
from warroom.domain.errors import ValidationError
from warroom.domain.timeline import Entry
from warroom.ui.kit.form_dialog import FormDialog
from warroom.ui.kit.host import PanelHost
from warroom.ui.kit.text import shorten
from warroom.ui.kit.theme import paint

KIND_HELP = {
    ActionKind.CORRECTIVE: "corrective — repairs what broke",
    ActionKind.PREVENTIVE: "preventive — stops it happening again",
}


@dataclass(frozen=True)
class ActionForm:
    text: str
    kind: ActionKind
    owner: str
    due_date: date | None
    status: ActionStatus
    tracker_url: str

    def as_kwargs(self) -> dict:
        return {
            "text": self.text,
            "kind": self.kind,
            "owner": self.owner,
            "due_date": self.due_date,
            "status": self.status,
            "tracker_url": self.tracker_url,
        }


class ActionItemDialog(FormDialog):
    """`submitted(ActionForm)`; the owner writes, then calls done_saving() or show_error(message)."""

    def __init__(self, parent=None, *, item: ActionItem | None = None, entry: Entry | None = None) -> None:
        super().__init__(parent)
        self.item, self.entry = item, entry
        self.setObjectName("actionItemDialog")
        self.setWindowTitle("Edit action item" if item else "Add action item")
        self.resize(620, 320)
        self._build()
        self._fill(item, entry)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)
        self.text.selectAll()

    def _build(self) -> None:
        self.source = QLabel(self)
        self.source.setObjectName("actionSource")
        self.source.setWordWrap(True)
        paint(self.source, "color: $muted;")
        self.text = QLineEdit(self)
        self.text.setObjectName("actionText")
        self.text.setPlaceholderText("What will be done, e.g. add the firewall layer to the network diagram")
        self.kind = QComboBox(self)
        for kind in ActionKind:
            self.kind.addItem(KIND_HELP[kind], kind)
        self.owner = QLineEdit(self)
        self.owner.setPlaceholderText("who makes sure it happens")
        self.has_due = QCheckBox("&Due", self)
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.has_due.toggled.connect(self.due.setEnabled)
        self.status = QComboBox(self)
        for status in ActionStatus:
            self.status.addItem(status.value, status)
        self.tracker = QLineEdit(self)
        self.tracker.setPlaceholderText("https://tracker.example/OPS-311")
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form = QFormLayout()
        form.addRow("&Action", self.text)
        form.addRow("&Kind", self.kind)
        form.addRow("&Owner", self.owner)
        form.addRow("Due date", due_row)
        form.addRow("&Status", self.status)
        form.addRow("&Tracker link", self.tracker)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _fill(self, item: ActionItem | None, entry: Entry | None) -> None:
        if entry is not None:
            self.source.setText(f"From the timeline entry by {entry.author}: “{shorten(entry.text, 200)}”")
        self.source.setVisible(entry is not None)
        self.text.setText(item.text if item else (f"Follow up: {shorten(entry.text, 160)}" if entry else ""))
        self.kind.setCurrentIndex(list(ActionKind).index(item.kind) if item else 0)
        self.owner.setText(item.owner if item else "")
        due = item.due_date if item else None
        self.has_due.setChecked(due is not None)
        self.due.setEnabled(due is not None)
        self.due.setDate(QDate(due.year, due.month, due.day) if due else QDate.currentDate().addDays(14))
        self.status.setCurrentIndex(list(ActionStatus).index(item.status) if item else 0)
        self.tracker.setText(item.tracker_url if item else "")

    def form(self) -> ActionForm:
        picked = self.due.date()
        return ActionForm(
            text=" ".join(self.text.text().split()),
            kind=self.kind.currentData(),
            owner=self.owner.text().strip(),
            due_date=date(picked.year(), picked.month(), picked.day()) if self.has_due.isChecked() else None,
            status=self.status.currentData(),
            tracker_url=self.tracker.text().strip(),
        )

    def collect(self) -> ActionForm:
        form = self.form()
        if not form.text:
            raise ValidationError("An action item needs some text: say what will be done.")
        return form


def open_action_item_dialog(window: PanelHost, entry: Entry) -> ActionItemDialog:
    """Open "Add action item" prefilled from a timeline entry, linked to it; saves on the write worker."""
    dialog = ActionItemDialog(window.window(), entry=entry)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    actions = window.services.actions

    def save(form: ActionForm) -> None:
        window.tasks.write(
            lambda: actions.add_action(entry.incident_id, entry_id=entry.id, **form.as_kwargs()),
            lambda _item: dialog.done_saving(),
            dialog.show_error,
        )

    dialog.submitted.connect(save)
    dialog.open()
    return dialog
