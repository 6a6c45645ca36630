"""Incident > Edit details… (Ctrl+Shift+E, or double-click the header's title).

    dialog = IncidentEditDialog(incident, viewer_zone)
    dialog.submitted.connect(lambda changes: ...)   # only the fields the user changed, as keyword
                                                    # arguments for services.incidents.update;
    dialog.done_saving() / dialog.show_error(sentence)   # the dialog stays open, nothing typed lost

Only changed fields are sent, so an edit never overwrites what another laptop changed meanwhile.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout

from warroom.domain.clock import as_utc
from warroom.domain.incident import Incident, Severity
from warroom.ui.incident.import_dialogs import zone_combo
from warroom.ui.incident.new_dialog import SEVERITY_HINTS
from warroom.ui.kit.form_dialog import FormDialog
from warroom.ui.kit.zoned_edit import ZonedDateTimeEdit


def split_services(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in text.split(",") if s.strip())


class IncidentEditDialog(FormDialog):
    """`submitted(dict of changed fields)`; the owner writes, then done_saving() or show_error()."""

    def __init__(self, incident: Incident, viewer_zone: str, parent=None) -> None:
        super().__init__(parent)
        self.incident = incident
        self.setWindowTitle(f"Edit {incident.reference}")
        self.setObjectName("incidentEditDialog")
        self.setMinimumWidth(640)
        self.title = QLineEdit(incident.title, self)
        self.title.setObjectName("titleEdit")
        self.severity = QComboBox(self)
        for severity, hint in SEVERITY_HINTS.items():
            self.severity.addItem(hint, severity.value)  # Qt keeps a str enum as plain str
        self.severity.setCurrentIndex(self.severity.findData(incident.severity.value))
        self.commander = QLineEdit(incident.commander, self)
        self.started = ZonedDateTimeEdit(incident.started_at, viewer_zone, self)
        self.services = QLineEdit(", ".join(incident.impacted_services), self)
        self.services.setPlaceholderText("comma-separated, e.g. checkout, payments API")
        self.zone = zone_combo(incident.zone, self)
        self._layout(viewer_zone)
        self.title.setFocus()
        self.title.selectAll()

    def _layout(self, viewer_zone: str) -> None:
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Severity", self.severity)
        form.addRow("&Commander", self.commander)
        form.addRow(f"Started &at ({viewer_zone})", self.started)
        form.addRow("&Impacted services", self.services)
        form.addRow("Incident's &zone", self.zone)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def chosen_severity(self) -> Severity:
        return Severity(self.severity.currentData())

    def changes(self) -> dict:
        """The fields that differ from the incident as opened; ValidationError for a future start."""
        old, changed = self.incident, {}
        if self.title.text() != old.title:
            changed["title"] = self.title.text()
        if self.chosen_severity() is not old.severity:
            changed["severity"] = self.chosen_severity()
        if self.commander.text().strip() != old.commander:
            changed["commander"] = self.commander.text().strip()
        started = self._started()
        if started is not None:
            changed["started_at"] = started
        if split_services(self.services.text()) != tuple(old.impacted_services):
            changed["impacted_services"] = list(split_services(self.services.text()))
        if self.zone.currentText().strip() != old.zone:
            changed["zone"] = self.zone.currentText().strip()
        return changed

    def _started(self) -> datetime | None:
        """The new start, or None when the shown time is the one the incident had (to the second)."""
        instant = self.started.instant()
        if instant == as_utc(self.incident.started_at).replace(microsecond=0):
            return None
        return instant  # a start in the future is the service's to refuse, in its own words

    def collect(self) -> dict | None:
        return self.changes() or None
