"""Incident > Durations…: name a duration between two milestones ("Correction time"), or remove one.

The owner fills the list with set_definitions(defs, metrics) (DurationDefs with ids) and answers
remove_requested(duration_id) by removing it and calling set_definitions again.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.metrics import DurationDef, Metrics, format_duration
from warroom.domain.timeline import STANDARD_MILESTONES
from warroom.ui.kit.form_dialog import OK_CANCEL, FormDialog
from warroom.ui.kit.theme import ink, paint


@dataclass(frozen=True)
class DurationForm:
    name: str
    start: str
    end: str


class DurationsDialog(FormDialog):
    """`submitted(DurationForm)` adds one; `remove_requested(id)` removes one."""

    remove_requested = Signal(str)  # a DurationDef's id

    def __init__(self, metrics: Metrics | None, parent=None) -> None:
        super().__init__(parent, OK_CANCEL)
        self.setWindowTitle("Durations")
        self.setObjectName("durationsDialog")
        self.setMinimumWidth(520)
        known = list(dict.fromkeys([*STANDARD_MILESTONES, *(metrics.milestones if metrics else {})]))
        self.current = QWidget(self)
        self.current.setObjectName("namedDurations")
        self._rows = QGridLayout(self.current)
        self._rows.setContentsMargins(0, 0, 0, 8)
        self._rows.setColumnStretch(0, 1)
        self._rows.setHorizontalSpacing(16)
        self.remove_buttons: dict[str, QPushButton] = {}  # by duration name
        self.values: dict[str, QLabel] = {}  # by duration name: its current value
        self._note(QLabel("Loading the named durations…", self.current))
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("e.g. Correction time")
        self.start = self._milestones(known)
        self.end = self._milestones(known)
        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&From milestone", self.start)
        form.addRow("&To milestone", self.end)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add duration")
        layout = QVBoxLayout(self)
        layout.addWidget(_heading("Named durations", self))
        layout.addWidget(self.current)
        layout.addWidget(_heading("Add one between two milestones", self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def set_definitions(self, defs: Sequence[DurationDef], metrics: Metrics | None = None) -> None:
        """One row per named duration with its current value and a Remove button."""
        while self._rows.count():
            self._rows.takeAt(0).widget().deleteLater()
        self.remove_buttons, self.values = {}, {}
        values = metrics.custom if metrics and len(metrics.custom) == len(defs) else (None,) * len(defs)
        for row, (definition, measured) in enumerate(zip(defs, values)):
            label = QLabel(
                f"<b>{html.escape(definition.name)}</b><br><span style='color:{ink('muted')}'>"
                f"{html.escape(definition.start)} → {html.escape(definition.end)}</span>",
                self.current,
            )
            label.setWordWrap(True)
            value = QLabel(_value_text(measured), self.current)
            value.setToolTip(measured.warning if measured is not None and measured.warning else "")
            button = QPushButton("Remove", self.current)
            button.setObjectName(f"remove:{definition.id}")
            button.setAccessibleName(f"Remove {definition.name}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, d=definition, b=button: self._remove(d, b))
            self._rows.addWidget(label, row, 0)
            self._rows.addWidget(value, row, 1)
            self._rows.addWidget(button, row, 2)
            self.remove_buttons[definition.name] = button
            self.values[definition.name] = value
        if not defs:
            self._note(QLabel("No named durations yet.", self.current))

    def _note(self, label: QLabel) -> None:
        paint(label, "color: $muted;")
        self._rows.addWidget(label, 0, 0, 1, 3)

    def _remove(self, definition: DurationDef, button: QPushButton) -> None:
        button.setEnabled(False)
        self.error.hide()
        self.remove_requested.emit(definition.id)

    def _milestones(self, names: list[str]) -> QComboBox:
        combo = QComboBox(self)
        combo.setEditable(True)
        combo.addItems(names)
        combo.setCurrentText("")
        return combo

    def collect(self) -> DurationForm:
        return DurationForm(self.name.text(), self.start.currentText(), self.end.currentText())

    def show_error(self, message: str) -> None:
        for button in self.remove_buttons.values():
            button.setEnabled(True)
        super().show_error(message)


def _value_text(measured) -> str:
    if measured is None:
        return ""
    return "out of order" if measured.warning else format_duration(measured.seconds)


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
