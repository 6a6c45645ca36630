"""The directory at laptop widths: reasons wrap instead of being cut, Edit is never clipped."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt

from warroom.domain.clock import parse_iso
from warroom.ui.directory.model import Col

CHRISTMAS_EVE = parse_iso("2013-12-24T10:00+01:00")  # most of the scenario's people are away, with reasons


def _contact_cells(panel):
    model = panel.model
    for row in range(model.rowCount()):
        vendor = model.index(row, 0)
        for child in range(model.rowCount(vendor)):
            yield model.index(child, Col.REACHABLE, vendor)


def _whole_text_fits(panel, index) -> bool:
    """The text's wrapped height within the cell, less the status dot and the style's margins."""
    rect = panel.tree.visualRect(index)
    metrics = panel.tree.fontMetrics()
    needed = metrics.boundingRect(QRect(0, 0, rect.width() - 28, 10_000), Qt.TextFlag.TextWordWrap, index.data())
    return needed.height() <= rect.height()


def test_a_narrow_dock_wraps_the_reasons(qtbot, panel, tasks, wait_idle):
    panel.as_of.set_at(CHRISTMAS_EVE)
    panel.resize(380, 900)  # the dock in a 960 px window
    wait_idle(tasks)
    qtbot.waitUntil(lambda: panel.columns.narrow is True, timeout=2000)
    cells = list(_contact_cells(panel))
    long = [c for c in cells if len(c.data()) > 30]
    assert len(long) >= 5 and all(c.data().startswith("No: ") for c in long)
    assert all(_whole_text_fits(panel, c) for c in cells), [c.data() for c in cells if not _whole_text_fits(panel, c)]
    assert panel.tree.isColumnHidden(Col.LOCAL) and not panel.tree.horizontalScrollBar().isVisible()
    panel.resize(900, 900)  # widened: every column back, one line per row
    qtbot.waitUntil(lambda: panel.columns.narrow is False, timeout=2000)
    assert not panel.tree.isColumnHidden(Col.LOCAL) and panel.tree.columnWidth(Col.REACHABLE) == 230


def test_the_edit_button_is_whole_at_laptop_widths(qtbot, panel):
    for width in (380, 420, 640):
        panel.resize(width, 700)
        qtbot.wait(10)
        edit = panel.editor.button
        text = edit.fontMetrics().horizontalAdvance(edit.text())
        assert edit.geometry().right() < panel.width() and edit.width() >= text + 6, (width, edit.geometry())
