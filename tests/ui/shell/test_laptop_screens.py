"""The window on laptop screens: the entry text is the widest thing on the timeline, and the
whole window fits half of a 1920 px screen."""

from __future__ import annotations

import html

import pytest
from PySide6.QtCore import Qt

from warroom.ui.shell.docking import docks_by_name, install_panels
from warroom.ui.shell.main_window import MainWindow
from warroom.ui.timeline.cells import Column
from warroom.ui.timeline.view import MAX_TEXT_LINES

LONG = (
    "Called the firewall operator's duty manager Paweł Wiśniewski about the packet inspection rule that cuts "
    "the deploy package in half; he will ask the night shift in Gdańsk to compare the rule sets and call back"
)


@pytest.fixture
def demo_window(qtbot, services, tasks, wait_idle):
    demo = services.demo.load()
    services.timeline.add_typed(demo.id, LONG)
    window = MainWindow(services, tasks)
    install_panels(window, "")
    qtbot.addWidget(window)
    yield window
    window.close()


def show_at(qtbot, window, tasks, wait_idle, width: int, height: int) -> None:
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: window.timeline.model.rowCount() > 20)
    qtbot.wait(50)  # column and row fitting run once the layout has settled


def test_at_1366x768_with_the_docks_open_the_text_gets_half_the_table(qtbot, demo_window, tasks, wait_idle):
    show_at(qtbot, demo_window, tasks, wait_idle, 1366, 768)
    assert demo_window.width() == 1366
    assert docks_by_name(demo_window)["Directory"].isVisible()
    view = demo_window.timeline.view
    assert view.columnWidth(Column.TEXT) >= view.viewport().width() / 2
    assert view.columnWidth(Column.TIME) >= view.columns.time_width()  # a time is never cut


def test_a_long_entry_wraps_onto_a_few_lines_and_stays_whole_on_hover(qtbot, demo_window, tasks, wait_idle):
    show_at(qtbot, demo_window, tasks, wait_idle, 1366, 768)
    view = demo_window.timeline.view
    row = next(r for r in range(view.model().rowCount()) if view.model().index(r, Column.TEXT).data() == LONG)
    view.scrollTo(view.model().index(row, Column.TEXT))
    qtbot.waitUntil(lambda: view.rowHeight(row) > view.one_line_height())
    line = view.fontMetrics().lineSpacing()
    assert view.rowHeight(row) <= view.one_line_height() + (MAX_TEXT_LINES - 1) * line
    assert html.escape(LONG) in view.model().index(row, Column.TEXT).data(Qt.ItemDataRole.ToolTipRole)
    short = next(r for r in range(view.model().rowCount()) if len(view.model().index(r, Column.TEXT).data()) < 45)
    view.scrollTo(view.model().index(short, Column.TEXT))
    qtbot.wait(20)
    assert view.rowHeight(short) == view.one_line_height()


def test_a_column_the_user_resized_stays_so(qtbot, demo_window, tasks, wait_idle):
    show_at(qtbot, demo_window, tasks, wait_idle, 1366, 768)
    view = demo_window.timeline.view
    view.columns.user_sized.add(Column.AUTHOR)
    view.setColumnWidth(Column.AUTHOR, 222)
    demo_window.resize(1100, 768)
    qtbot.wait(50)
    assert view.columnWidth(Column.AUTHOR) == 222


@pytest.mark.parametrize(("width", "height"), [(960, 1000), (1280, 720)])
def test_the_window_fits_half_a_1920_screen_and_a_1280_laptop(qtbot, demo_window, tasks, wait_idle, width, height):
    assert demo_window.minimumSizeHint().width() <= 960
    show_at(qtbot, demo_window, tasks, wait_idle, width, height)
    assert demo_window.width() == width
    title = demo_window.header.title
    assert title.is_elided() and demo_window.current_incident.title in title.toolTip()
    assert title.width() > 100
    view = demo_window.timeline.view  # least needed columns step aside for the text
    assert view.columnWidth(Column.TEXT) >= view.viewport().width() / 2 - 2


def test_dates_carry_the_year_when_the_incident_is_not_from_this_year(qtbot, demo_window, tasks, wait_idle):
    show_at(qtbot, demo_window, tasks, wait_idle, 1366, 768)
    assert demo_window.current_incident.started_at.year == 2013  # the demo: a Christmas in 2013
    model, view = demo_window.timeline.model, demo_window.timeline.view
    day_rows = [model.index(r, Column.TIME).data() for r in range(model.rowCount())]
    assert "Fri 20 Dec 2013 10:05" in day_rows
    assert view.columnWidth(Column.TIME) >= view.fontMetrics().horizontalAdvance("Fri 20 Dec 2013 10:05")


def test_a_time_display_adds_the_year_only_when_needed():
    from datetime import UTC, datetime

    from warroom.ui.kit.time_display import TimeDisplay, needs_year

    now = datetime(2026, 11, 30, 5, 0, tzinfo=UTC)
    assert not needs_year(datetime(2026, 1, 2, tzinfo=UTC), now, now)
    assert needs_year(datetime(2025, 12, 31, 23, 0, tzinfo=UTC), now, now)
    at = datetime(2013, 12, 24, 9, 0, tzinfo=UTC)
    assert TimeDisplay("Europe/Stockholm", with_year=True).day_and_clock(at) == "Tue 24 Dec 2013 10:00"
    assert TimeDisplay("Europe/Stockholm").day_and_clock(at) == "Tue 24 Dec 10:00"


def test_a_column_the_user_hides_from_the_header_menu_stays_hidden(qtbot, demo_window, tasks, wait_idle):
    show_at(qtbot, demo_window, tasks, wait_idle, 1366, 768)
    view = demo_window.timeline.view
    menu = view.columns.column_menu()
    author = next(a for a in menu.actions() if a.text() == "Author")
    assert author.isChecked() and "What happened" not in [a.text() for a in menu.actions()]
    author.setChecked(False)
    assert view.isColumnHidden(Column.AUTHOR)
    demo_window.resize(1900, 900)  # room enough for every column: still hidden, as the user chose
    qtbot.wait(50)
    assert view.isColumnHidden(Column.AUTHOR) and not view.isColumnHidden(Column.VENDOR)
    next(a for a in view.columns.column_menu().actions() if a.text() == "Author").setChecked(True)
    assert not view.isColumnHidden(Column.AUTHOR)


def test_the_users_column_choices_are_remembered_for_the_next_window(qtbot, demo_window, services, tasks, wait_idle):
    from warroom.ui.kit.worker import Tasks

    show_at(qtbot, demo_window, tasks, wait_idle, 1366, 768)
    columns = demo_window.timeline.view.columns
    columns.set_hidden(Column.VENDOR, True)
    columns.user_sized.add(Column.AUTHOR)
    demo_window.timeline.view.setColumnWidth(Column.AUTHOR, 201)
    demo_window.close()
    later_tasks = Tasks()
    try:
        second = MainWindow(services, later_tasks)
        qtbot.addWidget(second)
        show_at(qtbot, second, later_tasks, wait_idle, 1366, 768)
        view = second.timeline.view
        assert view.isColumnHidden(Column.VENDOR) and view.columnWidth(Column.AUTHOR) == 201
        second.close()
    finally:
        later_tasks.shutdown()
