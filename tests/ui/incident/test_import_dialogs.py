"""File > Import timeline CSV… and File > Import incident (JSON)…, driven with keys and clicks.

The file choosers are replaced by the path a person would have picked (QFileDialog is modal)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

from tests.ui.conftest import ZONE, activate
from warroom.ui.incident import import_dialogs
from warroom.ui.incident.import_dialogs import TimelineImportDialog

SCENARIO_CSV = Path(__file__).resolve().parents[3] / "resources" / "demo" / "timeline.csv"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
HEADER = "occurred_at,kind,milestone,author,vendor,contact,text"


@pytest.fixture
def live(qtbot, window, incident, tasks, wait_idle):
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    activate(qtbot, window)
    return window


def open_import(qtbot, window, monkeypatch, path: Path) -> TimelineImportDialog:
    """Ctrl+Shift+I, with the chooser answering `path`."""
    monkeypatch.setattr(import_dialogs, "choose_timeline_csv", lambda parent: str(path))
    qtbot.keyClick(window.timeline.view, Qt.Key.Key_I, CTRL_SHIFT)
    dialog = window.commands.dialog
    assert isinstance(dialog, TimelineImportDialog) and dialog.isVisible()
    return dialog


def click_import(qtbot, dialog, tasks, wait_idle) -> None:
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    wait_idle(tasks)


def test_the_scenario_csv_fills_a_new_incident(qtbot, live, tasks, wait_idle, services, incident, monkeypatch):
    dialog = open_import(qtbot, live, monkeypatch, SCENARIO_CSV)
    assert dialog.zone.currentText() == incident.zone
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.progress.isVisible() and not dialog.buttons.isEnabled()  # busy until the writer answers
    wait_idle(tasks)
    message = dialog.message.text()
    assert message.startswith("Imported 19 entries")
    assert "not in the directory yet (kept as written): Baltic Perimeter Sp. z o.o." in message
    assert dialog.ok.text() == "Close" and dialog.progress.isHidden()
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() >= 19)
    assert live.timeline.model.entry_at(0).text.startswith("Release 4.12 deployed")
    assert "Imported 19 entries" in live.statusBar().currentMessage()
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Return)
    assert not isValid(dialog) or not dialog.isVisible()


def test_a_bad_row_names_line_and_column_and_imports_nothing(
    qtbot, live, tasks, wait_idle, services, incident, monkeypatch, tmp_path
):
    bad = tmp_path / "reconstructed.csv"
    bad.write_text(
        f"{HEADER}\n2024-03-01T10:00:00+01:00,observation,,Ọlá Adéwálé,,,Alerts fire\n"
        "2024-03-01T10:05:00+01:00,gossip,,Ọlá Adéwálé,,,Someone said so\n",
        encoding="utf-8",
    )
    dialog = open_import(qtbot, live, monkeypatch, bad)
    click_import(qtbot, dialog, tasks, wait_idle)
    message = dialog.message.text()
    assert message.startswith("Nothing was imported.") and "line 3" in message and "kind" in message
    assert dialog.isVisible() and dialog.ok.text() == "Try again" and dialog.zone.isEnabled()
    assert services.timeline.entries(incident.id) == []
    assert live.timeline.model.rowCount() == 0


def test_times_without_an_offset_are_read_in_the_zone_typed(
    qtbot, live, tasks, wait_idle, services, incident, monkeypatch, tmp_path
):
    naive = tmp_path / "notes.csv"
    naive.write_text(
        f"{HEADER}\n2024-03-01 10:00,observation,,Åsa Bergström,,,東京 office reports errors 🔥\n", encoding="utf-8"
    )
    dialog = open_import(qtbot, live, monkeypatch, naive)
    dialog.zone.lineEdit().selectAll()
    qtbot.keyClicks(dialog.zone.lineEdit(), "Mars/Olympus")
    click_import(qtbot, dialog, tasks, wait_idle)
    assert "Mars/Olympus" in dialog.message.text() and services.timeline.entries(incident.id) == []
    dialog.zone.lineEdit().selectAll()
    qtbot.keyClicks(dialog.zone.lineEdit(), "Asia/Tokyo")
    click_import(qtbot, dialog, tasks, wait_idle)
    assert dialog.message.text() == "Imported 1 entry."
    [entry] = services.timeline.entries(incident.id)
    assert entry.occurred_at == datetime(2024, 3, 1, 1, 0, tzinfo=UTC)
    assert entry.text == "東京 office reports errors 🔥"


def test_closing_the_dialog_mid_import_still_reports_in_the_status_bar(
    qtbot, live, tasks, wait_idle, services, incident, monkeypatch
):
    from PySide6.QtCore import QCoreApplication, QEvent

    dialog = open_import(qtbot, live, monkeypatch, SCENARIO_CSV)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not isValid(dialog)
    wait_idle(tasks)
    assert live.statusBar().currentMessage().startswith("Imported 19 entries")
    assert len(services.timeline.entries(incident.id)) >= 19


def test_import_timeline_needs_an_incident(window):
    assert not window.actions_by_name["import_timeline"].isEnabled()
    assert window.commands.import_timeline_file(str(SCENARIO_CSV)) is None


@pytest.fixture
def exported(ui_dirs, tmp_path):
    """A JSON export made in another store (another laptop)."""
    from warroom.app import build_services
    from warroom.settings import Settings

    other = build_services(
        f"sqlite:///{tmp_path / 'other.sqlite'}", settings=Settings(user_name="Paweł Wiśniewski", zone=ZONE)
    )
    try:
        made = other.incidents.open("Payments API down — مرحبا 東京", "SEV1", commander="Ọlá Adéwálé")
        other.timeline.add(made.id, "Alerts fire in Kraków", milestone="detected")
        path = tmp_path / "INC-1.json"
        other.postmortem.export(made.id, "json", path)
    finally:
        other.close()
    return path


def test_a_json_export_imports_and_becomes_current(qtbot, live, tasks, wait_idle, incident, exported, monkeypatch):
    monkeypatch.setattr(import_dialogs, "choose_incident_json", lambda parent: str(exported))
    qtbot.keyClick(live.timeline.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: live.current_incident is not None and live.current_incident.id != incident.id)
    imported = live.current_incident
    assert imported.title == "Payments API down — مرحبا 東京" and imported.reference == "INC-2"
    assert live.header.title.text() == imported.title
    message = live.statusBar().currentMessage()
    assert "INC-2" in message  # INC-1 is taken here: renumbered, and the message says so
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 1)
    assert live.timeline.model.entry_at(0).text == "Alerts fire in Kraków"


def test_a_file_that_is_not_an_export_says_so(qtbot, live, tasks, wait_idle, incident, tmp_path):
    junk = tmp_path / "notes.json"
    junk.write_text("this is not JSON", encoding="utf-8")
    import_dialogs.import_incident_file(live, junk)
    wait_idle(tasks)
    assert live.statusBar().currentMessage().startswith("⚠ ")
    assert "notes.json" in live.statusBar().currentMessage()
    assert live.current_incident.id == incident.id


def test_file_menu_lists_both_imports(window):
    texts = [a.text() for a in window.menus.file.actions()]
    assert "Import &timeline CSV…" in texts and "Import &incident (JSON)…" in texts


def test_window_shortcuts_do_not_clash(qtbot, window):
    from PySide6.QtGui import QAction

    from warroom.ui.shell.docking import install_panels

    window.panels = install_panels(window, "")
    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            name = key.toString()
            assert name not in seen or seen[name] == action.text(), f"{name}: {seen.get(name)} and {action.text()}"
            seen[name] = action.text()
    assert seen["Ctrl+Shift+E"] == "&Edit details…"
    QApplication.processEvents()


def test_importing_the_same_csv_again_adds_nothing_and_says_so(
    qtbot, live, tasks, wait_idle, services, incident, monkeypatch
):
    dialog = open_import(qtbot, live, monkeypatch, SCENARIO_CSV)
    click_import(qtbot, dialog, tasks, wait_idle)
    first = dialog.message.text()
    assert "The incident's start moved from" in first and "Its status changed from investigating to resolved" in first
    count = len(services.timeline.entries(incident.id))
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Return)
    activate(qtbot, live)
    again = open_import(qtbot, live, monkeypatch, SCENARIO_CSV)
    click_import(qtbot, again, tasks, wait_idle)
    assert again.message.text().startswith("Imported 0 entries")
    assert "19 were already in the timeline and not added again." in again.message.text()
    assert "start moved" not in again.message.text() and "status changed" not in again.message.text()
    assert len(services.timeline.entries(incident.id)) == count  # nothing doubled
    texts = [e.text for e in services.timeline.entries(incident.id)]
    assert any(t.startswith("Importing timeline.csv moved the incident's start from") for t in texts)
