"""Window geometry and dock layout, remembered in an INI file in the config folder."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from warroom.settings import config_dir

DEFAULT_SIZE = (1400, 900)


class WindowState:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or config_dir() / "window.ini"
        self._settings = QSettings(str(self.path), QSettings.Format.IniFormat)

    def restore(self, window: QMainWindow) -> None:
        geometry = self._settings.value("main/geometry")
        if isinstance(geometry, QByteArray) and window.restoreGeometry(geometry):
            self.restore_dock(window)
            return
        window.resize(*DEFAULT_SIZE)

    def restore_dock(self, window: QMainWindow) -> None:
        """Re-apply the saved layout; called again whenever a panel is added."""
        state = self._settings.value("main/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)

    def has_saved_layout(self) -> bool:
        return isinstance(self._settings.value("main/state"), QByteArray)

    def save(self, window: QMainWindow, timeline_columns: dict | None = None) -> None:
        self._settings.setValue("main/geometry", window.saveGeometry())
        self._settings.setValue("main/state", window.saveState())
        if timeline_columns is not None:
            self._settings.setValue("timeline/columns", json.dumps(timeline_columns))
        self._settings.sync()

    def timeline_columns(self) -> dict:
        """The widths and hidden columns the user chose for the timeline last time ({} if none)."""
        raw = self._settings.value("timeline/columns")
        try:
            found = json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}
