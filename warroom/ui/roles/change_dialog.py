"""A small dialog to record one change (deploy, revert, config, flag) in the change record."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from warroom.domain.changes_record import Change, ChangeKind
from warroom.domain.clock import parse_iso


class ChangeDialog(QDialog):
    """`values()` gives the keyword arguments of ChangeService.add once accepted."""

    def __init__(self, changes: list[Change], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record a change")
        self.setObjectName("changeDialog")
        self.kind = QComboBox(self)
        for kind in ChangeKind:
            self.kind.addItem(kind.value, kind)
        self.service = QLineEdit(self)
        self.version = QLineEdit(self)
        self.text = QLineEdit(self)
        self.at = QLineEdit(self)
        self.at.setPlaceholderText("ISO 8601 with offset, e.g. 2026-11-25T17:30+01:00; empty: now")
        self.link = QLineEdit(self)
        self.reverts = QComboBox(self)
        self.reverts.addItem("—", None)
        for change in changes:
            self.reverts.addItem(change.label(), change.id)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b71c1c;")
        form = QFormLayout()
        for label, widget in (
            ("&Kind", self.kind), ("&Service", self.service), ("&Version", self.version), ("&What", self.text),
            ("W&hen", self.at), ("&Link", self.link), ("&Reverts", self.reverts),
        ):  # fmt: skip
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if not self.service.text().strip():
            self.error.setText("Say which service was changed.")
            return
        if self.at.text().strip():
            try:
                parse_iso(self.at.text())
            except ValueError:
                self.error.setText("When: use ISO 8601 with an offset, e.g. 2026-11-25T17:30+01:00.")
                return
        self.accept()

    def values(self) -> dict:
        at: datetime | None = parse_iso(self.at.text()) if self.at.text().strip() else None
        reverts = self.reverts.currentData()
        return {
            "text": self.text.text(),
            "service": self.service.text(),
            "kind": self.kind.currentData(),
            "version": self.version.text(),
            "at": at,
            "link": self.link.text(),
            "reverts": reverts,
        }
