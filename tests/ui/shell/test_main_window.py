"""The main window driven with keys and clicks: empty state, new incident, header, status bar."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel
from shiboken6 import isValid

from tests.ui.conftest import activate, type_into
from warroom.domain.clock import utc_now
from warroom.ui.incident.new_dialog import NewIncidentDialog
from warroom.ui.shell.empty_state import NO_INCIDENT_TEXT
from warroom.ui.timeline.model import Column

CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)


def test_with_no_incident_the_centre_says_what_to_do(window):
    assert window.stack.currentWidget() is window.empty
    assert window.empty.headline.text() == NO_INCIDENT_TEXT
    assert window.empty.new_button.isVisible()
    assert not window.actions_by_name["export"].isEnabled()
    assert not window.timeline.entry_box.line.isEnabled() or window.stack.currentIndex() == 0


def test_ctrl_n_opens_an_incident_that_becomes_current(qtbot, window, tasks, wait_idle):
    activate(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N, CTRL)
    dialog = window.commands.dialog
    assert isinstance(dialog, NewIncidentDialog) and dialog.isVisible()
    assert dialog.commander.text() == "Åsa Bergström"
    type_into(qtbot, dialog.title, "Checkout down in 東京 — Ọlá on call 🔥")
    dialog.severity.setCurrentIndex(0)
    qtbot.keyClicks(dialog.services, "checkout, payments API")
    press(qtbot, dialog.title, Qt.Key.Key_Return)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: window.current_incident is not None)
    incident = window.current_incident
    assert incident.title == "Checkout down in 東京 — Ọlá on call 🔥"
    assert incident.severity.value == "SEV1" and incident.impacted_services == ("checkout", "payments API")
    assert not isValid(dialog) or not dialog.isVisible()  # closed (and deleted on close)
    assert window.stack.currentIndex() == 1
    assert window.header.title.text() == incident.title
    assert window.header.severity.text() == "SEV1"
    assert window.header.elapsed.text().startswith("Elapsed ")
    assert "INC-1" in window.switcher.currentText()
    assert window.focusWidget() is window.timeline.entry_box.line  # ready to type
    assert window.services.settings.last_incident_id == incident.id


def test_a_refused_incident_keeps_the_dialog_open_with_the_reason(qtbot, window, tasks, wait_idle):
    dialog = window.commands.new_incident()
    dialog.started.set_instant(utc_now() + timedelta(days=2))
    qtbot.keyClicks(dialog.title, "Payments")
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    assert dialog.isVisible()
    assert "future" in dialog.error.text()
    dialog.title.clear()
    dialog.started.set_instant(utc_now() - timedelta(minutes=5))
    dialog.accept()
    wait_idle(tasks)
    assert "title" in dialog.error.text()
    assert window.current_incident is None


def test_switching_incidents_with_the_switcher(qtbot, services, window, tasks, wait_idle):
    first = services.incidents.open("Åsa's database lock", "SEV3")
    second = services.incidents.open("Paweł's firewall", "SEV2")
    wait_idle(tasks)  # the store told the window; it reloaded the list
    assert window.switcher.count() == 2
    other = first if window.current_incident.id == second.id else second
    window.switcher.setCurrentIndex(window.switcher.findData(other.id))
    window.switcher.activated.emit(window.switcher.currentIndex())
    assert window.current_incident.id == other.id
    assert window.header.title.text() == other.title
    assert window.windowTitle().startswith(other.reference)


def test_status_changes_from_the_header(qtbot, services, window, incident, tasks, wait_idle):
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    combo = window.header.status
    combo.setCurrentIndex(combo.findText("Monitoring"))
    combo.activated.emit(combo.currentIndex())
    wait_idle(tasks)
    assert services.incidents.get(incident.id).status.value == "monitoring"
    assert window.current_incident.status.value == "monitoring"
    texts = [e.text for e in services.timeline.entries(incident.id)]
    assert "Status changed from investigating to monitoring" in texts


def test_status_bar_shows_store_clock_and_sync_state(window, services):
    assert services.store.location in window.status.location.text()
    window.status.tick(utc_now().replace(hour=12, minute=0, second=5))
    clock = window.status.clock.text()
    assert (clock.startswith("UTC 12:00:05") and "Stockholm 13:00:05" in clock) or "Stockholm 14:00:05" in clock
    window.set_sync_state("Synced with hub · 14:02", "ok")
    assert window.status.sync.text() == "● Synced with hub · 14:02"
    assert window.status.sync.property("tone") == "ok"


def test_ctrl_u_toggles_utc_in_the_timeline(qtbot, services, window, incident, tasks, wait_idle):
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    activate(qtbot, window)
    header = window.timeline.model.headerData
    assert header(Column.TIME, Qt.Orientation.Horizontal) == "Time (Stockholm)"
    press(qtbot, window.timeline.view, Qt.Key.Key_U, CTRL)
    assert header(Column.TIME, Qt.Orientation.Horizontal) == "Time (UTC)"
    assert services.settings.show_utc
    press(qtbot, window.timeline.view, Qt.Key.Key_U, CTRL)
    assert header(Column.TIME, Qt.Orientation.Horizontal) == "Time (Stockholm)"
    window.actions_by_name["show_incident_zone"].setChecked(True)
    assert header(Column.TIME, Qt.Orientation.Horizontal) == f"Time ({incident.zone.rsplit('/', 1)[-1]})"


def test_panels_export_and_shortcut_help(qtbot, window, incident, tasks, wait_idle):
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    dock = window.add_panel("Directory", QLabel("vendors"))
    assert isinstance(dock, QDockWidget) and dock.objectName() == "panel:Directory"
    assert dock.toggleViewAction() in window.menus.panels.actions()
    exported = []
    window.set_export_handler(exported.append)
    assert window.actions_by_name["export"].isEnabled()
    activate(qtbot, window)
    press(qtbot, window.timeline.view, Qt.Key.Key_E, CTRL)
    assert exported == [window.current_incident]
    press(qtbot, window.timeline.view, Qt.Key.Key_F1)
    rows = window.commands.dialog.rows
    assert ("File", "New incident…", "Ctrl+N") in rows
    assert any(action == "Focus the entry box" and "Ctrl+L" in keys for _m, action, keys in rows)


def test_geometry_is_remembered(qtbot, services, tasks, window, ui_dirs):
    from warroom.ui.shell.main_window import MainWindow

    window.resize(700, 500)  # the offscreen screen is 800x600; geometry is kept on screen
    size = (window.width(), window.height())
    window.close()
    assert (ui_dirs / "config" / "window.ini").exists()
    from warroom.ui.kit.worker import Tasks

    again = MainWindow(services, Tasks())
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == size == (700, 500)
    again.close()


def test_a_commit_from_elsewhere_appears_live(qtbot, services, window, incident, tasks, wait_idle):
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    services.timeline.add(incident.id, "Entry from the scribe's laptop", author="Ọlá Adéwálé")
    qtbot.waitUntil(lambda: window.timeline.model.rowCount() == 1)
    assert window.timeline.model.entry_at(0).author == "Ọlá Adéwálé"


def test_the_first_run_choice_loads_the_demo_incident(qtbot, window, tasks, wait_idle, services):
    from warroom.ui.shell.commands import demo_available

    if not demo_available():
        pytest.skip("warroom.services.demo is not in this checkout")
    qtbot.mouseClick(window.empty.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.current_incident is not None, timeout=15000)
    wait_idle(tasks, timeout=15000)
    assert window.stack.currentIndex() == 1
    qtbot.waitUntil(lambda: window.timeline.model.rowCount() > 5)
    assert services.settings.demo_offered
