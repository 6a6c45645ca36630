"""Edit > Settings… (Ctrl+,): display name, time zone, theme, default export folder.

Stored in the settings file and applied at once: new entries carry the new name, times are
shown in the new zone, the theme changes under the dialog. The display name is also asked
once at first start (`ask_name_once`), since every entry carries it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import available_timezones

from PySide6.QtWidgets import QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from warroom.domain.errors import ValidationError
from warroom.settings import Settings
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


class SettingsDialog(FormDialog):
    def __init__(self, settings: Settings, parent=None, *, first_start: bool = False) -> None:
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
        return SettingsForm(name, zone, self.theme.currentData(), folder)


def apply_settings(window: MainWindow, form: SettingsForm) -> None:
    """Use the new values at once, and store them (on the writer: the GUI never waits on a file)."""
    services, settings = window.services, window.services.settings
    settings.user_name, settings.zone, settings.theme = form.user_name, form.zone, form.theme
    settings.export_folder, settings.name_confirmed = form.export_folder, True
    services.ctx.user_name, services.ctx.zone = form.user_name, form.zone
    apply_theme(form.theme)
    window.settings_changed()
    window.tasks.write(settings.save)


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
