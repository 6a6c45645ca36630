"""The live timeline driven as a commander would: type, back-date, edit, retract, star, mark."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import ZONE, activate, type_into
from warroom.domain.clock import utc_now
from warroom.ui.kit.theme import ink
from warroom.ui.kit.time_display import TimeDisplay
from warroom.ui.timeline.entry_dialog import EntryDialog
from warroom.ui.timeline.history_dialog import HistoryDialog
from warroom.ui.timeline.model import Column

CTRL = Qt.KeyboardModifier.ControlModifier


def record(qtbot, window, tasks, wait_idle, text: str) -> None:
    line = window.timeline.entry_box.line
    type_into(qtbot, line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)
    wait_idle(tasks)


def texts(window) -> list[str]:
    model = window.timeline.model
    return [model.entry_at(r).text for r in range(model.rowCount())]


def local_hhmm(ago: timedelta) -> str:
    return TimeDisplay(ZONE).clock(utc_now() - ago)


def test_typed_entries_appear_and_the_box_stays_ready(qtbot, live, tasks, wait_idle):
    record(qtbot, live, tasks, wait_idle, "! Rolled back release 4.12")
    record(qtbot, live, tasks, wait_idle, "Åsa reports: مرحبا 東京 🔥 still failing")
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 2)
    assert texts(live) == ["Rolled back release 4.12", "Åsa reports: مرحبا 東京 🔥 still failing"]
    model = live.timeline.model
    assert model.index(0, Column.KIND).data() == "Action"
    assert model.index(1, Column.AUTHOR).data() == "Åsa Bergström"
    box = live.timeline.entry_box
    assert box.line.text() == "" and live.focusWidget() is box.line
    qtbot.keyClick(box.line, Qt.Key.Key_Up)
    assert box.line.text() == "Åsa reports: مرحبا 東京 🔥 still failing"


def test_a_leading_time_back_dates_the_entry(qtbot, live, tasks, wait_idle, services, incident):
    hhmm = local_hhmm(timedelta(minutes=30))
    record(qtbot, live, tasks, wait_idle, f"{hhmm} first reports of login failures")
    entry = services.timeline.entries(incident.id)[0]
    assert entry.text == "first reports of login failures"
    assert TimeDisplay(ZONE).clock(entry.occurred_at) == hhmm
    assert live.timeline.entry_box.message.isHidden()


def test_before_the_start_is_kept_with_an_amber_warning(qtbot, live, tasks, wait_idle, services, incident):
    hhmm = local_hhmm(timedelta(hours=5))
    record(qtbot, live, tasks, wait_idle, f"{hhmm} the deploy that started it")
    message = live.timeline.entry_box.message
    assert message.isVisible() and "before the incident's start" in message.text()
    assert ink("warn") in message.styleSheet()
    assert [e.text for e in services.timeline.entries(incident.id)] == ["the deploy that started it"]


def test_a_future_or_empty_entry_is_refused_inline_and_the_text_kept(qtbot, live, tasks, wait_idle, services, incident):
    box = live.timeline.entry_box
    record(qtbot, live, tasks, wait_idle, "2999-01-01 10:00 the fix will work")
    assert box.line.text() == "2999-01-01 10:00 the fix will work"
    assert "future" in box.message.text() and ink("error") in box.message.styleSheet()
    box.line.clear()
    qtbot.keyClick(box.line, Qt.Key.Key_Return)
    assert "needs some text" in box.message.text()
    assert services.timeline.entries(incident.id) == []


def test_one_key_focuses_the_entry_box_from_anywhere(qtbot, live):
    view, line = live.timeline.view, live.timeline.entry_box.line
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Slash)
    assert live.focusWidget() is line
    assert line.text() == ""  # '/' moved focus, it was not typed
    live.timeline.filters.text.setFocus()
    qtbot.keyClick(live.timeline.filters.text, Qt.Key.Key_L, CTRL)
    assert live.focusWidget() is line


def test_edit_with_f2_then_see_the_history(qtbot, live, tasks, wait_idle, services, incident):
    services.timeline.add(incident.id, "Firewall drops big packges")
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 1)
    view = live.timeline.view
    view.setFocus()
    view.select_entry(live.timeline.model.entry_at(0).id)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    dialog = live.timeline.actions.dialog
    assert isinstance(dialog, EntryDialog)
    dialog.text.setPlainText("Firewall drops packages over 64 KiB — Paweł confirmed")
    dialog.kind.setCurrentIndex(dialog.kind.findText("Decision"))
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: live.timeline.model.entry_at(0).revision == 2)
    assert live.timeline.model.index(0, Column.EDITED).data() == "edited"
    assert live.timeline.model.index(0, Column.KIND).data() == "Decision"
    activate(qtbot, live)  # offscreen does not hand activation back when a dialog closes
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_H, CTRL)
    wait_idle(tasks)
    history = live.timeline.actions.dialog
    assert isinstance(history, HistoryDialog)
    assert history.row_texts(5) == [
        "Firewall drops big packges",
        "Firewall drops packages over 64 KiB — Paweł confirmed",
    ]
    assert history.row_texts(2) == ["Åsa Bergström", "Åsa Bergström"]
    assert history.row_texts(4) == ["Observation", "Decision"]


def test_delete_retracts_after_confirmation_and_history_keeps_it(qtbot, live, tasks, wait_idle, services, incident):
    entry = services.timeline.add(incident.id, "Wrong vendor called").entry
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 1)
    view = live.timeline.view
    view.setFocus()
    view.select_entry(entry.id)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    box = live.timeline.actions.dialog
    assert isinstance(box, QMessageBox) and "Wrong vendor called" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 0)
    assert [r.retracted for r in services.timeline.history(entry.id)] == [False, True]
    live.timeline.filters.retracted.setChecked(True)
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 1)
    assert live.timeline.model.index(0, Column.TEXT).data().startswith("[retracted]")


def test_star_with_ctrl_d_and_filter_starred(qtbot, live, tasks, wait_idle, services, incident):
    key = services.timeline.add(incident.id, "Root cause found").entry
    services.timeline.add(incident.id, "Coffee arrived")
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 2)
    view = live.timeline.view
    view.setFocus()
    view.select_entry(key.id)
    qtbot.keyClick(view, Qt.Key.Key_D, CTRL)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: live.timeline.model.entry_at(0).starred)
    assert live.timeline.model.index(0, Column.STAR).data(Qt.ItemDataRole.DecorationRole) is not None
    live.timeline.filters.starred.setChecked(True)
    qtbot.waitUntil(lambda: texts(live) == ["Root cause found"])
    assert live.actions_by_name["starred_only"].isChecked()


def test_marking_milestones_moves_the_header_durations(qtbot, live, tasks, wait_idle, services, incident):
    now = utc_now()
    detected = services.timeline.add(incident.id, "Alerts fire", at=now - timedelta(hours=2)).entry
    fixed = services.timeline.add(incident.id, "Rule adjusted", at=now - timedelta(minutes=30)).entry
    rollback = services.timeline.add(incident.id, "Rollback begins", at=now - timedelta(hours=1)).entry
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 3)
    assert live.header.duration_texts()["Time to detect"] == "3 h …"  # still running
    assert live.header.duration_texts()["Time to mitigate"] == "—"
    actions = live.timeline.actions
    menu = actions.milestone_menu(detected, live)
    next(a for a in menu.actions() if a.text() == "Detected").trigger()
    wait_idle(tasks)
    qtbot.waitUntil(lambda: live.header.duration_texts()["Time to detect"] == "1 h")
    actions.mark_milestone(fixed, "mitigated")
    wait_idle(tasks)
    qtbot.waitUntil(lambda: live.header.duration_texts()["Time to mitigate"] == "1 h 30 min")
    assert live.current_incident.status.value == "monitoring"
    assert live.header.status.currentText() == "Monitoring"
    prompt = actions.ask_milestone_name(rollback)
    prompt.setTextValue("rollback started")
    prompt.accept()
    wait_idle(tasks)
    qtbot.waitUntil(lambda: live.timeline.model.entry_at(1).milestone == "rollback started")
    dialog = live.commands.durations()
    type_into(qtbot, dialog.name, "Correction time")
    dialog.start.setCurrentText("rollback started")
    dialog.end.setCurrentText("mitigated")
    dialog.accept()
    wait_idle(tasks)
    qtbot.waitUntil(lambda: live.header.duration_texts().get("Correction time") == "30 min")


def test_out_of_order_milestones_are_flagged(qtbot, live, tasks, wait_idle, services, incident):
    now = utc_now()
    services.timeline.add(incident.id, "Fixed", at=now - timedelta(hours=2), milestone="resolved")
    services.timeline.add(incident.id, "Noticed", at=now - timedelta(hours=1), milestone="detected")
    qtbot.waitUntil(lambda: live.header.warnings.isVisible())
    assert "before" in live.header.warnings.text()
    assert live.header.duration_texts()["Time to resolve"] == "out of order"


def test_filter_by_kind_and_text(qtbot, live, tasks, wait_idle, services, incident):
    services.timeline.add(incident.id, "Called the NOC", kind="contact", vendor_name="Nordvik Nät AB")
    services.timeline.add(incident.id, "Packet inspection rule adjusted", kind="action")
    services.timeline.add(incident.id, "Packets arrive whole", kind="observation")
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 3)
    filters = live.timeline.filters
    filters.kind.setCurrentIndex(filters.kind.findText("Action"))
    qtbot.waitUntil(lambda: texts(live) == ["Packet inspection rule adjusted"])
    filters.kind.setCurrentIndex(0)
    qtbot.keyClick(filters.text, Qt.Key.Key_F, CTRL)
    assert live.focusWidget() is filters.text
    qtbot.keyClicks(filters.text, "packet")
    qtbot.waitUntil(lambda: texts(live) == ["Packet inspection rule adjusted", "Packets arrive whole"])
    assert "match the filter" in live.timeline.summary.text()
    qtbot.keyClick(filters.text, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 3)
