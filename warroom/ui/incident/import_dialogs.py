"""File > Import timeline CSV… and File > Import incident (JSON)…

    path = choose_timeline_csv(window)           # QFileDialog; tests set paths directly instead
    dialog = TimelineImportDialog(path, incident, zone)
    dialog.submitted.connect(lambda zone: ...)   # the owner imports on the writer, then
    dialog.show_result(result) / dialog.show_error(sentence)

    import_incident_file(window, path)           # writer thread, then the window switches to it

A timeline import is all or nothing: on an error nothing was written, the dialog stays open with
the sentence (line and column), and the zone can be changed before trying again.
"""

from __future__ import annotations

import html
from pathlib import Path
from zoneinfo import available_timezones

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from warroom.domain.errors import ValidationError
from warroom.domain.incident import Incident
from warroom.services.timeline_import import ImportResult
from warroom.ui.kit.theme import paint

CSV_FILTER = "Timeline CSV (*.csv);;All files (*)"
JSON_FILTER = "Warroom JSON export (*.json);;All files (*)"
COMMON_ZONES = (
    "UTC",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Stockholm",
    "Europe/Oslo",
    "Europe/Copenhagen",
    "Europe/Helsinki",
    "Europe/Warsaw",
    "Europe/Athens",
    "Europe/Istanbul",
    "Europe/Moscow",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Asia/Dubai",
    "Asia/Jerusalem",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/Sao_Paulo",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
)


def choose_timeline_csv(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, "Import a timeline CSV", "", CSV_FILTER)
    return path


def choose_incident_json(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, "Import an incident (Warroom JSON export)", "", JSON_FILTER)
    return path


def zone_combo(zone: str, parent: QWidget) -> QComboBox:
    """Common IANA zones to pick, any IANA name to type (completed as you type)."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(dict.fromkeys([zone, *COMMON_ZONES])) if zone else list(COMMON_ZONES))
    completer = QCompleter(sorted(available_timezones()), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    combo.setCompleter(completer)
    combo.setCurrentText(zone)
    return combo


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None


def describe_timeline_import(result: ImportResult) -> str:
    """'Imported 19 entries (3 linked to the directory); not in the directory yet (kept as written): …'"""
    noun = "entry" if result.entries == 1 else "entries"
    text = f"Imported {result.entries} {noun}"
    extras = []
    if result.linked_vendors:
        extras.append(f"{result.linked_vendors} linked to the directory")
    if result.attempts:
        extras.append(f"{result.attempts} contact attempt{'s' if result.attempts != 1 else ''} logged")
    if extras:
        text += f" ({', '.join(extras)})"
    if result.unlinked_names:
        text += "; not in the directory yet (kept as written): " + ", ".join(result.unlinked_names)
    text += "."
    already = result.already_there
    if already:
        text += f" {already} {'was' if already == 1 else 'were'} already in the timeline and not added again."
    moved = result.start_moved
    if moved:
        text += f" The incident's start moved from {moved[0]:%Y-%m-%d %H:%M} to {moved[1]:%Y-%m-%d %H:%M} UTC."
    status = result.status_changed
    if status:
        text += f" Its status changed from {status[0].value} to {status[1].value}."
    return text


class TimelineImportDialog(QDialog):
    submitted = Signal(str)  # the zone for times written without an offset ("" for none)

    def __init__(self, path: Path | str, incident: Incident, zone: str, parent=None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle(f"Import a timeline into {incident.reference}")
        self.setObjectName("timelineImportDialog")
        self.setMinimumWidth(540)
        self.zone = zone_combo(zone, self)
        self.zone.setToolTip("Only for times written without an offset, e.g. 2013-12-19 07:40")
        self.form = self._form(incident)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: the import reports no steps
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.message = QLabel(self)
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        buttons = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(buttons.Ok | buttons.Cancel, self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)  # spare height (wrapped labels) goes above the buttons, not between lines
        layout.addWidget(self.buttons)
        self.finished_import = False
        self.zone.setFocus()

    def _form(self, incident: Incident) -> QFormLayout:
        source = QLabel(f"<b>{html.escape(self.path.name)}</b>", self)
        source.setTextFormat(Qt.TextFormat.RichText)
        source.setToolTip(str(self.path))
        target = QLabel(f"{incident.reference} · {incident.title}", self)
        target.setTextFormat(Qt.TextFormat.PlainText)
        target.setWordWrap(True)
        hint = QLabel(
            "For times written without an offset; times with one (+01:00, Z) keep it. "
            "All or nothing: one bad row imports nothing.",
            self,
        )
        hint.setWordWrap(True)
        paint(hint, "color: $muted;")
        form = QFormLayout()
        form.addRow("File", source)
        form.addRow("Into", target)
        form.addRow("&Zone", self.zone)
        form.addRow("", hint)
        return form

    def accept(self) -> None:
        if self.finished_import:
            super().accept()
            return
        self.buttons.setEnabled(False)
        self.zone.setEnabled(False)
        self.progress.show()
        self._say(f"Importing {self.path.name}…", "strong")
        self.submitted.emit(self.zone.currentText().strip())

    def show_result(self, result) -> None:
        self.finished_import = True
        self.progress.hide()
        self._say(describe_timeline_import(result), "ok_strong")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        self.ok.setText("Close")
        self.buttons.setEnabled(True)
        self.ok.setFocus()

    def show_error(self, message: str) -> None:
        self.progress.hide()
        self._say(f"Nothing was imported. {message}", "error")
        self.buttons.setEnabled(True)
        self.zone.setEnabled(True)
        self.ok.setText("Try again")

    def _say(self, text: str, ink_role: str) -> None:
        self.message.setText(text)
        paint(self.message, f"color: ${ink_role};")
        self.message.show()


def run_timeline_import(window, dialog: TimelineImportDialog, incident_id: str, zone: str) -> None:
    """On the writer: read the file, import it; the dialog shows the outcome."""
    importer, path = window.services.timeline_import, dialog.path

    def write():
        return importer.import_csv(incident_id, read_file(path), zone=zone or None, source_name=path.name)

    def done(result) -> None:
        if isValid(dialog):  # the person may have closed it while the import ran
            dialog.show_result(result)
        window.show_message(describe_timeline_import(result), 8000)

    def failed(message: str) -> None:
        if isValid(dialog):
            dialog.show_error(message)
        else:
            window.show_error(f"Nothing was imported. {message}")

    window.tasks.write(write, done, failed)


def import_incident_file(window, path: Path | str) -> None:
    """On the writer: restore a Warroom JSON export, then show it and say what happened."""
    path, postmortem = Path(path), window.services.postmortem
    window.show_message(f"Importing {path.name}…")

    def done(result) -> None:
        window.show_message(result.message, 15000)
        window.reload_incidents(select=result.incident.id)

    window.tasks.write(lambda: postmortem.import_file(path), done, window.show_error)
