"""A large directory CSV imported from the window: a progress dialog fed by the import, Cancel
that leaves the directory as it was, and a window that keeps painting meanwhile."""

from __future__ import annotations

import itertools
import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from tests.bench.bench_directory_import import vendors_csv
from warroom.ui.directory.panel import DirectoryPanel

CONTACTS = 15_000  # batches of the import's writes: progress arrives several times, the last well after
SHOWN_AFTER_S = 0.4  # the progress dialog's delay (a short import never flashes one)


@pytest.fixture
def big_csv(tmp_path):
    path = tmp_path / "vendors-big.csv"
    path.write_bytes(vendors_csv(CONTACTS))
    return path


@pytest.fixture
def empty_panel(qtbot, services, tasks, wait_idle):
    widget = DirectoryPanel(services, tasks)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    wait_idle(tasks)
    yield widget
    widget.close()


class Heartbeat:
    """A 20 ms timer on the GUI thread: its longest gap says how long the window stopped answering."""

    def __init__(self) -> None:
        self.beats: list[float] = []
        self.timer = QTimer()
        self.timer.timeout.connect(lambda: self.beats.append(time.monotonic()))
        self.timer.start(20)

    def longest_gap(self, until: float) -> float:
        beats = [b for b in self.beats if b <= until]
        return max(b - a for a, b in itertools.pairwise(beats))


def test_progress_arrives_in_a_dialog_while_the_window_keeps_answering(qtbot, empty_panel, tasks, big_csv, services):
    heart = Heartbeat()
    started = time.monotonic()
    progress = empty_panel.import_paths([str(big_csv)])
    shown: list[bool] = []
    arrived: list[float] = []
    progress.moved.connect(
        lambda done, total: (shown.append(progress.dialog.isVisible()), arrived.append(time.monotonic()))
    )
    qtbot.waitUntil(tasks.is_idle, timeout=180_000)
    heart.timer.stop()
    # While the import ran (until its last report), the window went on painting; what follows
    # is the panel showing the new directory, not the import.
    during = [b for b in heart.beats if b <= arrived[-1]]
    done = [d for d, _ in progress.values]
    assert len(done) >= 3 and done == sorted(done) and progress.values[-1] == (CONTACTS, CONTACTS)
    assert all(total >= d for d, total in progress.values)
    late = [seen for seen, at in zip(shown, arrived, strict=True) if at - started > SHOWN_AFTER_S + 0.1]
    assert late and all(late)  # the import outlasted the dialog's delay: from then on it was on screen
    assert len(during) >= 20 and heart.longest_gap(arrived[-1]) < 1.5, heart.longest_gap(arrived[-1])
    assert f"{CONTACTS} new contacts" in empty_panel.message.text()
    assert len(services.directory.vendors()) == CONTACTS // 5


def test_cancel_leaves_the_directory_as_it_was(qtbot, empty_panel, tasks, big_csv, services):
    progress = empty_panel.import_paths([str(big_csv)])
    button = progress.dialog.findChild(QPushButton)
    qtbot.waitUntil(lambda: bool(progress.values), timeout=120_000)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(tasks.is_idle, timeout=180_000)
    assert progress.cancel_requested
    assert empty_panel.message.text() == "Importing vendors-big.csv: cancelled; nothing was changed."
    assert services.directory.vendors() == []
