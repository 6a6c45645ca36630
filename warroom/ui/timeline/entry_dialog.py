"""Edit a timeline entry: text, time, kind, milestone. Saving writes a new revision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
)

from warroom.domain.timeline import STANDARD_MILESTONES, Entry, EntryKind
from warroom.ui.kit.form_dialog import FormDialog
from warroom.ui.kit.style import KIND_LABELS, kind_icon
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


class EntryDialog(FormDialog):
    """`submitted(EntryChanges)`; the owner writes and calls done_saving()/show_error()."""

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
        form = QFormLayout()
        form.addRow("What happened", self.text)
        form.addRow(f"When ({zone})", self.when)
        form.addRow("Kind", self.kind)
        form.addRow("Milestone", self.milestone)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
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

    def collect(self) -> EntryChanges | None:
        changes = self.changes()
        return None if changes.is_empty() else changes
