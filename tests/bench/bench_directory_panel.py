"""The directory panel's tree at laptop widths: wrapped reasons against one-line rows.

    QT_QPA_PLATFORM=offscreen python -m tests.bench directory_panel

In a narrow dock (960 px window) the reachability reasons wrap, so rows have their own heights
(a delegate sizes them by the wrapped text); wide, rows are uniform. Figure: showing 1,000
vendors x 5 contacts at a Christmas instant (most contacts away, with long reasons) and
laying out and painting the first and the last screen, in a 380 px tree (building the rows is
the same at any width and is not timed). Floor, same run: the same in a 900 px tree, where rows
are uniform and nothing wraps. Bound: ratio <= 3, and < 250 ms.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from tests.bench.bench_directory import build
from tests.bench.harness import Report
from warroom.services.directory.views import Snapshot, statuses

AT = datetime(2025, 12, 24, 10, 0, tzinfo=UTC)
VENDORS = 1_000


def _statuses():
    vendors, contacts, absences = build(VENDORS)
    return statuses(Snapshot(tuple(vendors), tuple(contacts), (), tuple(absences)), vendors, AT)


def _time_tree(app, shown, width: int, repeat: int = 3) -> tuple[float, bool]:
    from PySide6.QtWidgets import QTreeView

    from warroom.ui.directory.columns import DirectoryColumns
    from warroom.ui.directory.model import DirectoryModel

    best, narrow = float("inf"), False
    for _ in range(repeat):
        tree = QTreeView()
        model = DirectoryModel(tree)
        tree.setModel(model)
        columns = DirectoryColumns(tree)
        tree.resize(width, 700)
        tree.show()
        app.processEvents()
        model.show(shown)  # building the rows is the same at any width: not timed here
        tree.expandAll()
        app.processEvents()
        start = time.perf_counter()
        tree.doItemsLayout()
        tree.viewport().repaint()
        tree.scrollToBottom()
        tree.viewport().repaint()
        app.processEvents()
        best = min(best, time.perf_counter() - start)
        narrow = bool(columns.narrow)
        tree.close()
        tree.deleteLater()
        app.processEvents()
    return best, narrow


def run(report: Report) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    shown = _statuses()
    long = sum(1 for v in shown for c in v.contacts if not c.reachable)
    wide, wide_narrow = _time_tree(app, shown, 900)
    narrow, narrow_narrow = _time_tree(app, shown, 380)
    assert narrow_narrow and not wide_narrow, "the widths did not select the two layouts"
    report.add(
        f"directory tree, {VENDORS:,} vendors x 5, narrow (reasons wrap)",
        narrow * 1e3,
        wide * 1e3,
        "ms",
        max_ratio=3,
        max_value=250,
        note=f"(floor: the same 900 px wide, uniform rows; {long:,} contacts away with a reason)",
    )
