"""The status-update cadence in the Settings dialog: minutes per severity and audience.

The cadence is the war room's, kept in the store (services/comms/cadence_settings.py), so the
editor reads it on the read pool when the dialog opens and the dialog's owner writes it on the
writer. A blank cell shows the built-in interval as its placeholder and keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout

from warroom.domain.comms import CommsAudience
from warroom.domain.comms_cadence import DEFAULT_CADENCE, interval_text, spec_interval
from warroom.domain.incident import Severity
from warroom.services.comms.cadence_settings import CadenceSettings, parse_changes
from warroom.ui.kit.theme import paint

SEVERITIES = tuple(s.value for s in Severity)
HINT = (
    "Minutes between updates: 30, or 20/60 for 20 in the first two hours then 60; off for none; blank for the default."
)


class CadenceEditor(QGroupBox):
    def __init__(self, services, tasks, parent=None) -> None:
        super().__init__("Status-update &cadence (shared by the war room)", parent)
        self.setObjectName("cadenceEditor")
        self._settings, self._tasks = CadenceSettings(services.ctx), tasks
        self._loaded: dict[CommsAudience, dict[str, str]] = {}
        self.cells: dict[tuple[CommsAudience, str], QLineEdit] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(6)
        for col, aud in enumerate(CommsAudience, start=1):
            grid.addWidget(QLabel(aud.label, self), 0, col)
        for row, severity in enumerate(SEVERITIES, start=1):
            grid.addWidget(QLabel(severity, self), row, 0)
            for col, aud in enumerate(CommsAudience, start=1):
                grid.addWidget(self._cell(aud, severity), row, col)
        hint = QLabel(HINT, self)
        hint.setWordWrap(True)
        paint(hint, "color: $muted;")
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(hint)
        self.setEnabled(False)  # until the store's values are in

    def _cell(self, aud: CommsAudience, severity: str) -> QLineEdit:
        cell = QLineEdit(self)
        cell.setObjectName(f"cadence:{severity}:{aud.value}")
        cell.setAccessibleName(f"{aud.label} update cadence for {severity}, minutes")
        cell.setPlaceholderText(interval_text(DEFAULT_CADENCE.get(severity, {}).get(aud)))
        cell.setAlignment(Qt.AlignmentFlag.AlignRight)
        cell.setMinimumWidth(56)
        self.cells[(aud, severity)] = cell
        return cell

    def load(self) -> None:
        """Read the war room's cadence off the GUI thread and show it."""
        self._tasks.read(self._settings.overrides, self._show, self._failed)

    def _show(self, overrides: dict[str, dict[str, dict[str, int | None]]]) -> None:
        self._loaded = {}
        for (aud, severity), cell in self.cells.items():
            spec = overrides.get(aud.value, {}).get(severity)
            text = interval_text(spec_interval(spec)) if spec else ""
            cell.setText(text)
            self._loaded.setdefault(aud, {})[severity] = text
        self.setEnabled(True)

    def _failed(self, message: str) -> None:
        self.setTitle(f"Status-update cadence: could not be read ({message})")

    def changes(self) -> dict[CommsAudience, dict[str, str]]:
        """The cells that differ from what was read, checked (a mistake names its cell); {} if none."""
        if not self.isEnabled():
            return {}
        changed: dict[CommsAudience, dict[str, str]] = {}
        for (aud, severity), cell in self.cells.items():
            text = cell.text().strip()
            if text != self._loaded.get(aud, {}).get(severity, ""):
                changed.setdefault(aud, {})[severity] = text
        parse_changes(changed)  # raises ValidationError with the cell's name
        return changed
