"""Edit a timeline entry: text, time, kind, milestone. Saving writes a new revision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from warroom.domain.errors import WarroomError
from warroom.domain.timeline import STANDARD_MILESTONES, Entry, EntryKind
from warroom.ui.kit.style import ERROR_COLOUR, KIND_LABELS, kind_icon
from warroom.ui.kit.zoned_edit import ZonedDateTimeEdit


@dataclass(frozen=True)
class EntryChanges:
    """Only what the user changed; None means 'leave as it is' (milestone '' clears it)."""

    text: str | None = None
    occurred_at: datetime | None = None
    kind: EntryKind | None = None
    milestone: str | None = None

    def is_empty(self) -> bool:
        return self == EntryChanges()

    def as_kwargs(self) -> dict:
        values = {
            k: v
            for k, v in (("text", self.text), ("occurred_at", self.occurred_at), ("kind", self.kind))
            if v is not None
        }
        if self.milestone is not None:
            values["milestone"] = self.milestone or None
        return values


class EntryDialog(QDialog):
    submitted = Signal(object)  # EntryChanges; the owner writes and calls done_saving()/show_error()

    def __init__(self, entry: Entry, zone: str, parent=None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setWindowTitle("Edit timeline entry")
        self.setObjectName("entryDialog")
        self.resize(620, 420)
        self.text = QPlainTextEdit(entry.text, self)
        self.text.setObjectName("entryText")
        self.when = ZonedDateTimeEdit(entry.occurred_at, zone, self)
        self.kind = QComboBox(self)
        for kind in EntryKind:
            self.kind.addItem(kind_icon(kind), KIND_LABELS[kind], kind)
        self.kind.setCurrentIndex(list(EntryKind).index(entry.kind))
        self.milestone = QComboBox(self)
        self.milestone.setEditable(True)
        self.milestone.addItems(["", *STANDARD_MILESTONES])
        self.milestone.setCurrentText(entry.milestone or "")
        self.milestone.lineEdit().setPlaceholderText("none, a standard one, or type a name")
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.hide()
        form = QFormLayout()
        form.addRow("What happened", self.text)
        form.addRow(f"When ({zone})", self.when)
        form.addRow("Kind", self.kind)
        form.addRow("Milestone", self.milestone)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def changes(self) -> EntryChanges:
        text = self.text.toPlainText()
        when = self.when.instant()
        kind = self.kind.currentData()
        milestone = " ".join(self.milestone.currentText().split())
        return EntryChanges(
            text=text if text.strip() != self.entry.text else None,
            occurred_at=when if abs((when - self.entry.occurred_at).total_seconds()) >= 1 else None,
            kind=kind if kind != self.entry.kind else None,
            milestone=milestone if milestone != (self.entry.milestone or "") else None,
        )

    def accept(self) -> None:
        """Save asks the owner to write; the dialog stays open until that worked."""
        try:
            changes = self.changes()
        except WarroomError as exc:
            self.show_error(str(exc))
            return
        if changes.is_empty():
            super().accept()
            return
        self.buttons.setEnabled(False)
        self.submitted.emit(changes)

    def done_saving(self) -> None:
        super().accept()

    def show_error(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)
        self.error.show()
