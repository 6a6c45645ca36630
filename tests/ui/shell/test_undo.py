"""Ctrl+Z / Ctrl+Shift+Z undo and redo this user's own actions, each as a new record, never an erase."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import activate, type_into
from warroom.domain.checklist import ItemState
from warroom.domain.incident import Status
from warroom.ui.checklists.panel import install_checklist_panel
from warroom.ui.timeline.entry_dialog import EntryDialog

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def live(qtbot, window, incident, tasks, wait_idle):
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    activate(qtbot, window)
    return window


def undo(qtbot, window, tasks, wait_idle) -> None:
    qtbot.keyClick(window.timeline.view, Qt.Key.Key_Z, CTRL)
    wait_idle(tasks)


def redo(qtbot, window, tasks, wait_idle) -> None:
    qtbot.keyClick(window.timeline.view, Qt.Key.Key_Z, CTRL_SHIFT)
    wait_idle(tasks)


def test_undo_a_typed_entry_retracts_it_and_redo_brings_it_back(qtbot, live, services, tasks, wait_idle, incident):
    line = live.timeline.entry_box.line
    type_into(qtbot, line, "Firewall vendor reached at last")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    wait_idle(tasks)
    (entry,) = services.timeline.entries(incident.id)
    assert live.undo.undo_label() == "Add entry"
    undo(qtbot, live, tasks, wait_idle)
    assert [r.retracted for r in services.timeline.history(entry.id)] == [False, True]
    assert "Undone: Add entry" in live.status.currentMessage()
    redo(qtbot, live, tasks, wait_idle)
    assert [r.retracted for r in services.timeline.history(entry.id)] == [False, True, False]


def test_undo_an_edit_writes_the_old_text_as_a_new_revision(qtbot, live, services, tasks, wait_idle, incident):
    entry = services.timeline.add(incident.id, "Called Pawel").entry
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 1)
    dialog = live.timeline.entry_actions().edit_entry(entry)
    assert isinstance(dialog, EntryDialog)
    dialog.text.setPlainText("Called Paweł Wiśniewski")
    dialog.accept()
    wait_idle(tasks)
    assert services.timeline.get(entry.id).text == "Called Paweł Wiśniewski"
    assert live.undo.undo_label() == "Edit entry"
    activate(qtbot, live)  # the dialog had the focus
    undo(qtbot, live, tasks, wait_idle)
    assert [r.text for r in services.timeline.history(entry.id)] == [
        "Called Pawel",
        "Called Paweł Wiśniewski",
        "Called Pawel",
    ]
    redo(qtbot, live, tasks, wait_idle)
    assert services.timeline.get(entry.id).text == "Called Paweł Wiśniewski"


def test_undo_a_status_change_and_a_tick(qtbot, live, services, tasks, wait_idle, incident):
    live.change_status(Status.IDENTIFIED)
    wait_idle(tasks)
    assert services.incidents.get(incident.id).status is Status.IDENTIFIED
    panel = install_checklist_panel(live)
    checklist = services.checklists.start(incident.id, "rollback")
    qtbot.waitUntil(lambda: bool(panel.checklists) and panel.incident_id == incident.id)
    item = checklist.items[0]
    panel._toggle(item)
    wait_idle(tasks)
    assert services.checklists.item(item.id).state is ItemState.DONE
    undo(qtbot, live, tasks, wait_idle)
    assert services.checklists.item(item.id).state is ItemState.OPEN
    undo(qtbot, live, tasks, wait_idle)
    assert services.incidents.get(incident.id).status is Status.INVESTIGATING
    redo(qtbot, live, tasks, wait_idle)
    assert services.incidents.get(incident.id).status is Status.IDENTIFIED
    kinds = [e.kind.value for e in services.timeline.entries(incident.id)]
    assert kinds.count("status") == 3 and kinds.count("checklist") == 2  # every step is on the record
