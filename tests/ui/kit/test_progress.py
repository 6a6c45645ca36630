"""Progress reported from a worker thread reaches the dialog; Cancel stops the work at its next report."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from warroom.ui.kit.progress import WorkCancelled, WorkProgress


def test_reports_from_a_worker_thread_arrive_in_order_and_cancel_stops_the_work(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    progress = WorkProgress(parent, "Importing 東京.csv", unit="contacts", show_after_ms=0)
    worker = threading.Thread(target=lambda: [progress.report(n, 3_000) for n in (1_000, 2_000, 3_000)])
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(progress.values) == 3, timeout=5_000)
    assert progress.values == [(1_000, 3_000), (2_000, 3_000), (3_000, 3_000)]
    assert progress.dialog.labelText() == "Importing 東京.csv: 3,000 of 3,000 contacts"
    assert progress.dialog.value() == 3_000 and progress.dialog.maximum() == 3_000
    qtbot.mouseClick(progress.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert progress.cancel_requested
    with pytest.raises(WorkCancelled, match=r"^Importing 東京\.csv: cancelled; nothing was changed\.$"):
        progress.report(3_000, 3_000)
    progress.finish()
