"""The coverage grid shows the scenario's Christmas: Integra has nobody reachable 24-26 Dec."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from tests.data import SCENARIO as SCENARIO_DIR
from warroom.domain.clock import utc_now
from warroom.domain.coverage import DayStatus
from warroom.ui.directory.coverage_grid import CoverageGrid
from warroom.ui.directory.coverage_panel import CoveragePanel

SCENARIO = SCENARIO_DIR
SHOTS = Path("/tmp/wr-ui")
CHRISTMAS_EVE_10 = datetime(2013, 12, 24, 9, 0, tzinfo=UTC)  # 10:00 in Stockholm


@pytest.fixture
def panel(qtbot, services, tasks, wait_idle):
    if not SCENARIO.exists():
        pytest.skip(f"scenario folder {SCENARIO} is not here")
    services.directory.import_file((SCENARIO / "vendors.csv").read_bytes(), "vendors.csv")
    services.directory.import_file(
        (SCENARIO / "integra.ics").read_bytes(), "integra.ics", vendor_name="Integra Meddelande AB"
    )
    widget = CoveragePanel(services, tasks)
    qtbot.addWidget(widget)
    widget.resize(760, 260)
    widget.show()
    qtbot.waitExposed(widget)
    wait_idle(tasks)
    yield widget
    widget.close()


def test_grid_shows_integras_christmas_gap(qtbot, panel, tasks, wait_idle):
    panel.set_range(date(2013, 12, 20), 14)
    wait_idle(tasks)
    grid = panel.grid
    assert grid.days[0] == date(2013, 12, 20) and len(grid.days) == 14
    names = [v.vendor.name for v in grid.views]
    row = names.index("Integra Meddelande AB")
    statuses = [d.status for d in grid.views[row].days]
    christmas = [grid.days.index(date(2013, 12, d)) for d in (24, 25, 26)]
    assert all(statuses[c] is DayStatus.NONE for c in christmas)
    assert statuses[grid.days.index(date(2013, 12, 23))] is DayStatus.PARTIAL
    assert all(d.status is DayStatus.FULL for d in grid.views[names.index("Kronan Datacenter AB")].days)
    centre = grid.cell_rect(row, christmas[0]).center()
    assert grid.cell_at(centre) == (row, christmas[0])
    tip = grid.tooltip_at(*grid.cell_at(centre))
    assert tip.startswith("Integra Meddelande AB · Tue 24 Dec 2013: nobody reachable all day")
    assert "Christmas Eve (SE)" in tip and "Föräldraledig" in tip
    assert grid.cell_at(QPoint(2, 2)) is None
    QApplication.sendEvent(grid, QHelpEvent(QEvent.Type.ToolTip, centre, grid.mapToGlobal(centre)))
    qtbot.waitUntil(lambda: "Christmas Eve (SE)" in QToolTip.text(), timeout=2000)
    assert "Integra Meddelande AB" in panel.summary.text()
    SHOTS.mkdir(exist_ok=True)
    panel.grab().save(str(SHOTS / "coverage.png"))


def test_changing_the_range_reloads(qtbot, panel, tasks, wait_idle):
    panel.set_range(date(2013, 12, 23), 3)
    wait_idle(tasks)
    assert panel.grid.days == [date(2013, 12, 23), date(2013, 12, 24), date(2013, 12, 25)]
    panel.days.setValue(5)
    wait_idle(tasks)
    assert len(panel.grid.days) == 5 and panel.chosen_range() == (date(2013, 12, 23), date(2013, 12, 27))


def test_empty_directory_says_what_to_do(qtbot, services, tasks, wait_idle):
    widget = CoveragePanel(services, tasks)
    qtbot.addWidget(widget)
    wait_idle(tasks)
    assert widget.summary.text().startswith("No vendors in the directory yet")
    assert isinstance(widget.grid, CoverageGrid) and widget.grid.views == []
    widget.close()


def test_as_of_starts_the_range_that_day_with_the_directorys_banner(qtbot, panel, tasks, wait_idle):
    today = panel.display.day(utc_now())
    assert panel.chosen_range()[0] == today and not panel.as_of.banner.isVisible()
    field = panel.as_of.when
    field.setFocus()
    field.set_instant(CHRISTMAS_EVE_10)  # typed in the commander's zone: 10:00 in Stockholm
    qtbot.keyClick(field, Qt.Key.Key_Return)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: not panel._loading)
    assert panel.grid.days[0] == date(2013, 12, 24) and panel.chosen_range()[0] == date(2013, 12, 24)
    assert panel.as_of.banner.isVisible() and "coverage from 2013-12-24 10:00:00" in panel.as_of.banner.text()
    qtbot.mouseClick(panel.as_of.day_button, Qt.MouseButton.LeftButton)  # +1 d
    wait_idle(tasks)
    qtbot.waitUntil(lambda: not panel._loading)
    assert panel.grid.days[0] == date(2013, 12, 25) and "2013-12-25 10:00:00" in panel.as_of.banner.text()
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # back to now, as in the directory
    wait_idle(tasks)
    qtbot.waitUntil(lambda: not panel._loading)
    assert panel.grid.days[0] == today and not panel.as_of.banner.isVisible()


def test_a_from_day_picked_by_hand_moves_the_banner_and_today_clears_it(qtbot, panel, tasks, wait_idle):
    panel.first.setDate(QDate(2013, 12, 23))
    wait_idle(tasks)
    qtbot.waitUntil(lambda: not panel._loading)
    assert panel.grid.days[0] == date(2013, 12, 23)
    assert panel.as_of.banner.isVisible() and "coverage from 2013-12-23 00:00:00" in panel.as_of.banner.text()
    qtbot.mouseClick(panel.today_button, Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: not panel._loading)
    assert panel.grid.days[0] == panel.display.day(utc_now()) and not panel.as_of.banner.isVisible()
    assert panel.as_of.instant() is None
