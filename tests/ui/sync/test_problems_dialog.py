"""A refused change from the hub is counted in the status bar; clicking the count opens "Sync problems"."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from tests.ui.sync.test_sync_ui import _window

MALLORY = "0190dead-beef-7000-8000-000000000bad"


def _plant_sev99(hub_path) -> str:
    change_id, row_id = "01900000-0000-7000-8000-0000000000ba", "01900000-0000-7000-8000-0000000000bb"
    row = {
        "id": row_id,
        "number": 9,
        "title": "Planted",
        "severity": "SEV99",
        "status": "investigating",
        "started_at": "2026-11-30T04:00:00+00:00",
        "created_at": "2026-11-30T04:00:00+00:00",
    }
    with sqlite3.connect(hub_path) as conn:
        conn.execute(
            "INSERT INTO hub_changes (change_id, table_name, row_id, payload, stamp, device, txid, pushed_at) "
            "VALUES (?, 'incidents', ?, ?, ?, ?, NULL, ?)",
            (
                change_id,
                row_id,
                json.dumps({"row": row, "set": sorted(k for k in row if k != "id")}),
                f"{time.time_ns() // 1_000_000:013d}.000000.{MALLORY}",
                MALLORY,
                datetime.now(UTC).isoformat(),
            ),
        )
    return change_id


def test_a_refused_change_is_counted_and_explained(qtbot, ui_dirs, tmp_path, wait_idle):
    from warroom.services.sync import init_hub

    hub_path = tmp_path / "hub.sqlite"
    init_hub(f"sqlite:///{hub_path}")
    change_id = _plant_sev99(hub_path)
    window, services, tasks = _window(qtbot, tmp_path, "Åsa", f"sqlite:///{hub_path}")
    try:
        problems = window.status.problems
        qtbot.waitUntil(lambda: problems.isVisible(), timeout=15000)
        assert problems.text() == "⚠ 1 change from the hub was refused"
        assert "Live" in window.status.sync.text()  # sync goes on

        qtbot.mouseClick(problems, Qt.MouseButton.LeftButton)
        dialog = window.panels["sync"].problems_dialog
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=5000)
        assert dialog.status.text() == "1 change from the hub was refused."
        assert "Unknown severity 'SEV99'" in dialog.table.item(0, 3).text()
        assert dialog.table.item(0, 2).text() == MALLORY
        assert change_id in dialog.details.toPlainText() and "SEV99" in dialog.details.toPlainText()
        qtbot.mouseClick(dialog.copy_id, Qt.MouseButton.LeftButton)
        assert QGuiApplication.clipboard().text() == change_id
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
    finally:
        window.close()
        wait_idle(tasks)
        tasks.shutdown()
        services.close()


def test_the_menu_opens_an_empty_list_when_nothing_was_refused(qtbot, ui_dirs, services, tasks, wait_idle):
    from warroom.ui.shell.docking import install_panels
    from warroom.ui.shell.main_window import MainWindow

    window = MainWindow(services, tasks)
    qtbot.addWidget(window)
    window.panels = install_panels(window, "")
    controller = window.panels["sync"]
    wait_idle(tasks)
    assert not window.status.problems.isVisible()
    controller.problems_action.trigger()
    dialog = controller.problems_dialog
    qtbot.waitUntil(lambda: dialog.status.text() == "No changes from the hub were refused.", timeout=5000)
    assert dialog.table.rowCount() == 0 and not dialog.copy_id.isEnabled()
    dialog.close()
