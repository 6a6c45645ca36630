"""The "New incident" dialog (Ctrl+N): title, severity, commander, start, services, zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import available_timezones

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from warroom.domain.clock import utc_now
from warroom.domain.incident import Severity
from warroom.ui.kit.form_dialog import OK_CANCEL, FormDialog
from warroom.ui.kit.zoned_edit import ZonedDateTimeEdit

SEVERITY_HINTS = {
    Severity.SEV1: "SEV1 · critical: customers cannot use the product",
    Severity.SEV2: "SEV2 · major: a key feature is down or badly degraded",
    Severity.SEV3: "SEV3 · minor: degraded, with a workaround",
    Severity.SEV4: "SEV4 · low: cosmetic or internal only",
}


@dataclass(frozen=True)
class NewIncidentForm:
    title: str
    severity: Severity
    commander: str
    started_at: datetime
    impacted_services: tuple[str, ...]
    zone: str


class NewIncidentDialog(FormDialog):
    """`submitted(NewIncidentForm)`; the owner writes, then done_saving() or show_error()."""

    def __init__(self, user_name: str, zone: str, parent=None, now: datetime | None = None) -> None:
        super().__init__(parent, OK_CANCEL)
        self.setWindowTitle("New incident")
        self.setObjectName("newIncidentDialog")
        self.setMinimumWidth(520)
        self.title = QLineEdit(self)
        self.title.setObjectName("titleEdit")
        self.title.setPlaceholderText("What is broken, in a few words")
        self.severity = QComboBox(self)
        for severity, hint in SEVERITY_HINTS.items():
            self.severity.addItem(hint, severity)
        self.severity.setCurrentIndex(1)
        self.commander = QLineEdit(user_name, self)
        self.started = ZonedDateTimeEdit(now or utc_now(), zone, self)
        self.services = QLineEdit(self)
        self.services.setPlaceholderText("comma-separated, e.g. checkout, payments API")
        self.zone = QComboBox(self)
        self.zone.setEditable(True)
        self.zone.addItems(sorted(available_timezones()))
        self.zone.setCurrentText(zone)
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Severity", self.severity)
        form.addRow("&Commander", self.commander)
        form.addRow(f"Started &at ({zone})", self.started)
        form.addRow("&Impacted services", self.services)
        form.addRow("Incident's &zone", self.zone)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Open incident")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.title.setFocus()

    def form(self) -> NewIncidentForm:
        services = tuple(s.strip() for s in self.services.text().split(",") if s.strip())
        return NewIncidentForm(
            title=self.title.text(),
            severity=self.severity.currentData(),
            commander=self.commander.text().strip(),
            started_at=self.started.instant(),
            impacted_services=services,
            zone=self.zone.currentText().strip(),
        )

    def collect(self) -> NewIncidentForm:
        return self.form()
