"""Ctrl+C copies the selected entries as text and Markdown; a retracted entry can be restored."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

from warroom.domain.clock import utc_now
from warroom.ui.timeline.copy import MARKDOWN_MIME

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_c_copies_the_selected_entries_as_text_and_markdown(qtbot, live, tasks, wait_idle, services, incident):
    now = utc_now().replace(second=0, microsecond=0)
    services.timeline.add(incident.id, "Paweł rang back | ticket FW-7", at=now - timedelta(minutes=5))
    services.timeline.add(incident.id, "Rule set compared in Gdańsk", at=now - timedelta(minutes=2))
    services.timeline.add(incident.id, "Not selected", at=now - timedelta(minutes=1))
    view = live.timeline.view
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 3)
    view.setFocus()
    view.selectRow(0)
    view.selectionModel().select(
        view.model().index(1, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    qtbot.keyClick(view, Qt.Key.Key_C, CTRL)
    clip = QGuiApplication.clipboard().mimeData()
    lines = clip.text().splitlines()
    local = live.timeline.time_display().local(now - timedelta(minutes=5))
    assert lines == [
        f"{local:%Y-%m-%d %H:%M} {local.tzname()}  Åsa Bergström: Paweł rang back | ticket FW-7",
        lines[1],
    ] and lines[1].endswith("Åsa Bergström: Rule set compared in Gdańsk")
    markdown = bytes(clip.data(MARKDOWN_MIME)).decode("utf-8").splitlines()
    assert markdown[0] == "| Time (Europe/Stockholm) | Author | What happened |"
    assert markdown[2].endswith("| Åsa Bergström | Paweł rang back \\| ticket FW-7 |") and len(markdown) == 4


def test_a_retracted_entry_is_restored_from_its_menu(qtbot, live, tasks, wait_idle, services, incident):
    entry = services.timeline.add(incident.id, "Called the wrong vendor — or did we?").entry
    services.timeline.retract(entry.id)
    live.timeline.filters.retracted.setChecked(True)
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 1)
    shown = live.timeline.model.entry_at(0)
    menu = live.timeline.actions.context_menu(shown)
    texts = [a.text() for a in menu.actions()]
    assert "Restore" in texts and not any(t.startswith("Retract") for t in texts)
    next(a for a in menu.actions() if a.text() == "Restore").trigger()
    wait_idle(tasks)
    assert [r.retracted for r in services.timeline.history(entry.id)] == [False, True, False]  # append-only
    live.timeline.filters.retracted.setChecked(False)
    qtbot.waitUntil(lambda: live.timeline.model.rowCount() == 1)
    assert not live.timeline.model.entry_at(0).retracted


def test_the_app_exits_cleanly_after_a_copy(tmp_path):
    """PySide6 crashed at exit (a segfault) while the clipboard held Python-made data; a copy
    must leave the process able to exit with 0, text still on the clipboard."""
    import os
    import subprocess
    import sys

    script = (
        "from datetime import UTC, datetime\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from warroom.domain.timeline import Entry, EntryKind\n"
        "from warroom.ui.kit.time_display import TimeDisplay\n"
        "from warroom.ui.timeline.copy import copy_entries\n"
        "app = QApplication([])\n"
        "at = datetime(2013, 12, 24, 9, 0, tzinfo=UTC)\n"
        "entry = Entry(id='e', incident_id='i', occurred_at=at, recorded_at=at, created_at=at, author='Åsa',\n"
        "              kind=EntryKind.OBSERVATION, text='Paweł rang back', milestone=None, vendor_id=None,\n"
        "              contact_id=None, vendor_name=None, contact_name=None, revision=1, retracted=False,\n"
        "              starred=False)\n"
        "copy_entries([entry], TimeDisplay('Europe/Stockholm'))\n"
        "print(app.clipboard().text())\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Paweł rang back" in done.stdout
