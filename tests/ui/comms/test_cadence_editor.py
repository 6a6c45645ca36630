"""The war room's status-update cadence, edited in Settings (Ctrl+,): read and written off the GUI thread."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from shiboken6 import isValid

from tests.ui.conftest import activate
from warroom.domain.comms import CommsAudience
from warroom.services.comms.cadence_settings import CadenceSettings
from warroom.ui.shell.settings_dialog import SettingsDialog

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def shown(qtbot, window, incident, tasks, wait_idle):
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    return window


def open_settings(qtbot, window, tasks, wait_idle) -> SettingsDialog:
    activate(qtbot, window)
    qtbot.keyClick(window.timeline.view, Qt.Key.Key_Comma, CTRL)
    dialog = window.commands.dialog
    assert isinstance(dialog, SettingsDialog) and dialog.cadence is not None
    wait_idle(tasks)
    qtbot.waitUntil(dialog.cadence.isEnabled)
    return dialog


def test_the_cadence_shows_the_war_rooms_values_and_saves_what_was_changed(qtbot, shown, services, tasks, wait_idle):
    CadenceSettings(services.ctx).set({"customers": {"SEV1": "15/45"}})
    dialog = open_settings(qtbot, shown, tasks, wait_idle)
    cells = dialog.cadence.cells
    assert cells[(CommsAudience.CUSTOMERS, "SEV1")].text() == "15/45"
    assert cells[(CommsAudience.INTERNAL, "SEV1")].text() == ""
    assert cells[(CommsAudience.INTERNAL, "SEV1")].placeholderText() == "30"  # the built-in interval
    assert cells[(CommsAudience.CUSTOMERS, "SEV4")].placeholderText() == "off"
    cells[(CommsAudience.CUSTOMERS, "SEV1")].clear()  # back to the built-in 20/60
    cells[(CommsAudience.EXECUTIVES, "SEV2")].setText("45")
    qtbot.keyClick(dialog.user_name, Qt.Key.Key_Return)
    wait_idle(tasks)
    assert not (isValid(dialog) and dialog.isVisible())
    assert CadenceSettings(services.ctx).overrides() == {"executives": {"SEV2": {"every": 45, "early": None}}}


def test_a_mistyped_cell_is_named_and_nothing_is_saved(qtbot, shown, services, tasks, wait_idle):
    dialog = open_settings(qtbot, shown, tasks, wait_idle)
    dialog.cadence.cells[(CommsAudience.VENDORS, "SEV3")].setText("every hour")
    qtbot.keyClick(dialog.user_name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text().startswith("Vendors, SEV3: Cadence 'every hour' is not minutes")
    assert CadenceSettings(services.ctx).overrides() == {}
    dialog.reject()


def test_an_editor_closed_before_its_read_comes_back_is_left_alone(qtbot, services, tasks, wait_idle):
    """The Settings dialog may be closed (and its editor deleted) while the cadence is still read."""
    import shiboken6

    from warroom.ui.comms.cadence_editor import CadenceEditor

    editor = CadenceEditor(services, tasks)
    editor.load()
    shiboken6.delete(editor)  # the read's answer reaches the GUI thread only after this
    wait_idle(tasks)  # a write into the deleted cells would raise in the event loop: pytest-qt fails the test
    assert not isValid(editor)
