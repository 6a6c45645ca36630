"""Edit > Settings… (Ctrl+,): display name, time zone, theme, default export folder, and the
war room's status-update cadence.

The first four are this laptop's, stored in the settings file and applied at once: new entries
carry the new name, times are shown in the new zone, the theme changes under the dialog. The
cadence is the war room's, kept in the store (synced), written on the writer. The display
name is also asked once at first start (`ask_name_once`), since every entry carries it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import available_timezones

from PySide6.QtWidgets import QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from warroom.domain.errors import ValidationError
from warroom.services.comms.cadence_settings import CadenceSettings
from warroom.settings import Settings
from warroom.ui.comms.cadence_editor import CadenceEditor
from warroom.ui.incident.import_dialogs import zone_combo
from warroom.ui.kit.form_dialog import FormDialog
from warroom.ui.kit.theme import THEMES, apply_theme

if TYPE_CHECKING:
    from warroom.ui.shell.main_window import MainWindow

THEME_LABELS = {"system": "Like the system", "light": "Light", "dark": "Dark"}


@dataclass(frozen=True)
class SettingsForm:
    user_name: str
    zone: str
    theme: str
    export_folder: str
    cadence: dict = field(default_factory=dict)  # audience -> severity -> minutes typed, changed cells only


class SettingsDialog(FormDialog):
    def __init__(
        self, settings: Settings, parent=None, *, first_start: bool = False, cadence: CadenceEditor | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Welcome to Warroom" if first_start else "Settings")
        self.setMinimumWidth(460)
        self.user_name = QLineEdit(settings.user_name, self)
        self.user_name.setObjectName("settingsName")
        self.user_name.setPlaceholderText("as the war room knows you, e.g. Åsa Bergström")
        self.user_name.setAccessibleName("Display name")
        self.zone = zone_combo(settings.zone, self)
        self.zone.setObjectName("settingsZone")
        self.zone.setAccessibleName("Time zone")
        self.theme = QComboBox(self)
        self.theme.setObjectName("settingsTheme")
        self.theme.setAccessibleName("Theme")
        for name in THEMES:
            self.theme.addItem(THEME_LABELS[name], name)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.folder = QLineEdit(settings.export_folder, self)
        self.folder.setObjectName("settingsExportFolder")
        self.folder.setPlaceholderText("Documents")
        self.folder.setAccessibleName("Default export folder")
        browse = QPushButton("&Browse…", self)
        browse.setAutoDefault(False)
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("Display &name", self.user_name)
        form.addRow("Time &zone", self.zone)
        if not first_start:
            form.addRow("&Theme", self.theme)
            form.addRow("Default e&xport folder", folder_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.cadence = cadence
        if cadence is not None and not first_start:
            cadence.setParent(self)
            layout.addWidget(cadence)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.user_name.setFocus()
        self.user_name.selectAll()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Default export folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def collect(self) -> SettingsForm:
        name = " ".join(self.user_name.text().split())
        if not name:
            raise ValidationError("Display name: say who you are; every entry you write carries it.")
        zone = self.zone.currentText().strip()
        if zone not in available_timezones():
            raise ValidationError(f"Time zone: “{zone}” is not a zone name; pick one like Europe/Stockholm.")
        folder = self.folder.text().strip()
        if folder and not Path(folder).expanduser().is_dir():
            raise ValidationError(f"Default export folder: “{folder}” is not a folder on this computer.")
        cadence = self.cadence.changes() if self.cadence is not None else {}
        return SettingsForm(name, zone, self.theme.currentData(), folder, cadence)


def apply_settings(window: MainWindow, form: SettingsForm) -> None:
    """Use the new values at once, and store them (on the writer: the GUI never waits on a file)."""
    services, settings = window.services, window.services.settings
    settings.user_name, settings.zone, settings.theme = form.user_name, form.zone, form.theme
    settings.export_folder, settings.name_confirmed = form.export_folder, True
    services.ctx.user_name, services.ctx.zone = form.user_name, form.zone
    apply_theme(form.theme)
    window.settings_changed()
    window.tasks.write(settings.save)
    if form.cadence:
        cadence = CadenceSettings(services.ctx)
        window.tasks.write(lambda: cadence.set(form.cadence), on_error=window.show_error)


def settings_dialog(window: MainWindow) -> SettingsDialog:
    """Edit > Settings…: this laptop's settings and the war room's cadence (read off the GUI thread)."""
    editor = CadenceEditor(window.services, window.tasks)
    dialog = SettingsDialog(window.services.settings, window, cadence=editor)
    connect_saving(window, dialog)
    editor.load()
    return dialog


def ask_name_once(window: MainWindow) -> SettingsDialog | None:
    """At first start: who is this? (Every entry carries the name.)"""
    if window.services.settings.name_confirmed:
        return None
    dialog = SettingsDialog(window.services.settings, window, first_start=True)
    connect_saving(window, dialog)
    dialog.open()
    return dialog


def connect_saving(window: MainWindow, dialog: SettingsDialog) -> None:
    def save(form: SettingsForm) -> None:
        apply_settings(window, form)
        dialog.done_saving()

    dialog.submitted.connect(save)
