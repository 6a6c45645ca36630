"""Incident > Durations…: name a duration between two milestones ("Correction time")."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from warroom.domain.metrics import Metrics, format_duration
from warroom.domain.timeline import STANDARD_MILESTONES
from warroom.ui.style import ERROR_COLOUR


@dataclass(frozen=True)
class DurationForm:
    name: str
    start: str
    end: str


class DurationsDialog(QDialog):
    submitted = Signal(object)  # DurationForm

    def __init__(self, metrics: Metrics | None, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Durations")
        self.setObjectName("durationsDialog")
        self.setMinimumWidth(460)
        known = list(dict.fromkeys([*STANDARD_MILESTONES, *(metrics.milestones if metrics else {})]))
        existing = "".join(f"<li>{d.name}: {d.start} → {d.end} = {format_duration(d.seconds)}</li>"
                           for d in (metrics.custom if metrics else ()))
        self.current = QLabel(f"<ul>{existing}</ul>" if existing else "No named durations yet.", self)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("e.g. Correction time")
        self.start = self._milestones(known)
        self.end = self._milestones(known)
        self.error = QLabel(self)
        self.error.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&From milestone", self.start)
        form.addRow("&To milestone", self.end)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add duration")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.current)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _milestones(self, names: list[str]) -> QComboBox:
        combo = QComboBox(self)
        combo.setEditable(True)
        combo.addItems(names)
        combo.setCurrentText("")
        return combo

    def accept(self) -> None:
        self.buttons.setEnabled(False)
        self.submitted.emit(DurationForm(self.name.text(), self.start.currentText(), self.end.currentText()))

    def done_saving(self) -> None:
        super().accept()

    def show_error(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)
        self.error.show()
