"""Incident > Edit details… (Ctrl+Shift+E, or double-click the header's title)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from shiboken6 import isValid

from tests.ui.conftest import ZONE, activate, type_into
from warroom.domain.incident import Severity
from warroom.ui.incident.edit_dialog import IncidentEditDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def live(qtbot, window, incident, tasks, wait_idle):
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    activate(qtbot, window)
    return window


def open_editor(qtbot, window) -> IncidentEditDialog:
    qtbot.keyClick(window.timeline.view, Qt.Key.Key_E, CTRL_SHIFT)
    dialog = window.commands.dialog
    assert isinstance(dialog, IncidentEditDialog) and dialog.isVisible()
    return dialog


def test_edit_title_and_severity_and_the_header_follows(qtbot, live, tasks, wait_idle, services, incident):
    dialog = open_editor(qtbot, live)
    assert dialog.title.text() == incident.title and dialog.chosen_severity() is Severity.SEV2
    assert dialog.zone.currentText() == incident.zone and dialog.started.zone == ZONE
    assert dialog.title.selectedText() == incident.title  # typing replaces it
    type_into(qtbot, dialog.title, "Payments down for Åsa, 東京 and مرحبا 🔥")
    qtbot.keyClick(dialog.severity, Qt.Key.Key_Up)
    assert dialog.chosen_severity() is Severity.SEV1
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: live.header.title.text() == "Payments down for Åsa, 東京 and مرحبا 🔥")
    assert live.header.severity.text() == "SEV1"
    assert not isValid(dialog) or not dialog.isVisible()
    saved = services.incidents.get(incident.id)
    assert saved.started_at == incident.started_at  # untouched fields are not rewritten (nor rounded)
    assert saved.commander == incident.commander and saved.zone == incident.zone


def test_double_click_on_the_title_opens_the_editor(qtbot, live):
    qtbot.mouseDClick(live.header.title, Qt.MouseButton.LeftButton)
    assert isinstance(live.commands.dialog, IncidentEditDialog) and live.commands.dialog.isVisible()


def test_start_zone_commander_and_services(qtbot, live, tasks, wait_idle, services, incident):
    dialog = open_editor(qtbot, live)
    dialog.started.set_instant(incident.started_at - timedelta(hours=2))
    dialog.commander.selectAll()
    type_into(qtbot, dialog.commander, "Ọlá Adéwálé")
    dialog.services.selectAll()
    type_into(qtbot, dialog.services, "checkout, 東京 API ,  ")
    dialog.zone.lineEdit().selectAll()
    qtbot.keyClicks(dialog.zone.lineEdit(), "Asia/Tokyo")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    saved = services.incidents.get(incident.id)
    expected = (incident.started_at - timedelta(hours=2)).replace(microsecond=0)
    assert saved.started_at == expected
    assert saved.commander == "Ọlá Adéwálé" and saved.zone == "Asia/Tokyo"
    assert saved.impacted_services == ("checkout", "東京 API")
    qtbot.waitUntil(lambda: "Ọlá Adéwálé" in live.header.facts.text())
    assert "Impacted: checkout, 東京 API" in live.header.facts.text()


def test_a_refused_edit_stays_open_with_the_reason_and_the_typing(qtbot, live, tasks, wait_idle, services, incident):
    dialog = open_editor(qtbot, live)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Delete)  # the title was selected: now empty
    dialog.commander.selectAll()
    type_into(qtbot, dialog.commander, "Paweł Wiśniewski")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    wait_idle(tasks)
    assert dialog.isVisible() and dialog.error.isVisible() and "title" in dialog.error.text().lower()
    assert dialog.commander.text() == "Paweł Wiśniewski" and dialog.buttons.isEnabled()
    assert services.incidents.get(incident.id).commander == incident.commander  # nothing half-saved
    type_into(qtbot, dialog.title, "Checkout down")
    dialog.started.set_instant(incident.started_at + timedelta(days=2))
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    wait_idle(tasks)  # the service refuses it, in its own words
    assert dialog.isVisible() and "An incident cannot start in the future" in dialog.error.text()
    dialog.zone.setCurrentText("Atlantis/Capital")
    dialog.started.set_instant(incident.started_at)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    wait_idle(tasks)
    assert dialog.isVisible() and "Atlantis/Capital" in dialog.error.text()
    assert services.incidents.get(incident.id).title == incident.title


def test_nothing_changed_just_closes(qtbot, live, tasks, wait_idle):
    dialog = open_editor(qtbot, live)
    qtbot.keyClick(dialog.title, Qt.Key.Key_Return)
    assert tasks.is_idle() and (not isValid(dialog) or not dialog.isVisible())


def test_edit_details_needs_an_incident(window):
    assert not window.actions_by_name["edit_details"].isEnabled()
    assert window.commands.edit_details() is None
    assert "&Edit details…" in [a.text() for a in window.menus.incident.actions()]
