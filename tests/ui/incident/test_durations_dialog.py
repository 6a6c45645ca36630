"""Incident > Durations… (Ctrl+Shift+D): the named durations listed, each with a Remove button."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.ui.conftest import activate, type_into
from warroom.domain.clock import utc_now
from warroom.ui.incident.durations_dialog import DurationsDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def labels(dialog: DurationsDialog) -> list[str]:
    return [label.text() for label in dialog.current.findChildren(QLabel) if not label.isHidden()]


def test_remove_a_named_duration(qtbot, window, incident, tasks, wait_idle, services):
    now = utc_now()
    services.timeline.add(incident.id, "Rollback begins", at=now - timedelta(hours=1), milestone="rollback started")
    services.timeline.add(incident.id, "Fixed", at=now - timedelta(minutes=30), milestone="resolved")
    services.timeline.add_duration(incident.id, "Correction time", "rollback started", "resolved")
    services.timeline.add_duration(incident.id, "Väntetid på Åsa 東京", "started", "rollback started")
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: "Correction time" in window.header.duration_texts())
    activate(qtbot, window)
    qtbot.keyClick(window.timeline.view, Qt.Key.Key_D, CTRL_SHIFT)
    dialog = window.commands.dialog
    assert isinstance(dialog, DurationsDialog)
    wait_idle(tasks)
    assert set(dialog.remove_buttons) == {"Correction time", "Väntetid på Åsa 東京"}
    assert dialog.values["Correction time"].text() == "30 min"
    qtbot.mouseClick(dialog.remove_buttons["Correction time"], Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    assert [d.name for d in services.timeline.durations(incident.id)] == ["Väntetid på Åsa 東京"]
    assert set(dialog.remove_buttons) == {"Väntetid på Åsa 東京"}
    qtbot.waitUntil(lambda: "Correction time" not in window.header.duration_texts())
    qtbot.mouseClick(dialog.remove_buttons["Väntetid på Åsa 東京"], Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    assert services.timeline.durations(incident.id) == []
    qtbot.waitUntil(lambda: labels(dialog) == ["No named durations yet."])
    assert dialog.isVisible()


def test_enter_adds_rather_than_removes(qtbot, window, incident, tasks, wait_idle, services):
    services.timeline.add_duration(incident.id, "Correction time", "rollback started", "resolved")
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    dialog = window.commands.durations()
    wait_idle(tasks)
    type_into(qtbot, dialog.name, "Time to call Paweł")
    dialog.start.setCurrentText("detected")
    dialog.end.setCurrentText("acknowledged")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    wait_idle(tasks)
    names = [d.name for d in services.timeline.durations(incident.id)]
    assert names == ["Correction time", "Time to call Paweł"]


def test_closing_before_the_list_arrives_is_harmless(qtbot, window, incident, tasks, wait_idle, services):
    from PySide6.QtCore import QCoreApplication, QEvent
    from shiboken6 import isValid

    services.timeline.add_duration(incident.id, "Correction time", "rollback started", "resolved")
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    dialog = window.commands.durations()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not isValid(dialog)
    wait_idle(tasks)  # the list arrives for a dialog that is gone: dropped, no error
