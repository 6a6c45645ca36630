"""Settings (Ctrl+,): name, zone, theme and export folder, stored and applied at once."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from shiboken6 import isValid

from tests.ui.conftest import activate
from warroom.settings import config_dir
from warroom.ui.kit.theme import apply_theme, current_theme
from warroom.ui.shell.settings_dialog import SettingsDialog, ask_name_once

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def shown(qtbot, window, incident, tasks, wait_idle):
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    yield window
    apply_theme("light")


def open_with_keys(qtbot, window) -> SettingsDialog:
    activate(qtbot, window)
    qtbot.keyClick(window.timeline.view, Qt.Key.Key_Comma, CTRL)
    dialog = window.commands.dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    return dialog


def test_settings_are_applied_live_and_stored(qtbot, shown, services, tasks, wait_idle, incident, tmp_path):
    dialog = open_with_keys(qtbot, shown)
    dialog.user_name.setText("Zoë Ångström")
    dialog.zone.setCurrentText("Asia/Tokyo")
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.folder.setText(str(tmp_path))
    qtbot.keyClick(dialog.user_name, Qt.Key.Key_Return)
    wait_idle(tasks)
    assert not (isValid(dialog) and dialog.isVisible()) and current_theme() == "dark"
    stored = json.loads((config_dir() / "settings.json").read_text(encoding="utf-8"))
    assert (stored["user_name"], stored["zone"], stored["theme"]) == ("Zoë Ångström", "Asia/Tokyo", "dark")
    assert stored["export_folder"] == str(tmp_path) and stored["name_confirmed"] is True
    assert "Tokyo" in shown.status.clock.text()
    assert shown.timeline.time_display().zone == "Asia/Tokyo"
    added = services.timeline.add_typed(incident.id, "Vendor called back")
    assert added.entry.author == "Zoë Ångström"


def test_a_bad_zone_or_empty_name_is_one_sentence_and_nothing_is_lost(qtbot, shown):
    dialog = open_with_keys(qtbot, shown)
    dialog.zone.setCurrentText("Mars/Olympus")
    qtbot.keyClick(dialog.user_name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text().startswith("Time zone: “Mars/Olympus” is not a zone name")
    dialog.zone.setCurrentText("Europe/Warsaw")
    dialog.user_name.setText("   ")
    qtbot.keyClick(dialog.user_name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text().startswith("Display name:")
    assert dialog.zone.currentText() == "Europe/Warsaw"


def test_the_name_is_asked_once_at_first_start(qtbot, shown, services, tasks, wait_idle):
    dialog = ask_name_once(shown)
    assert dialog is not None and dialog.windowTitle() == "Welcome to Warroom"
    dialog.user_name.setText("Paweł Wiśniewski")
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    assert services.settings.user_name == "Paweł Wiśniewski" and services.settings.name_confirmed
    assert ask_name_once(shown) is None
