"""One PanelSpec table decides where panels dock and which Ctrl+digit brings each to the front."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import activate
from warroom.ui.shell.docking import PANELS, docks_by_name, install_panels

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def full_window(qtbot, window, tasks, wait_idle, incident):
    install_panels(window, "")
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    return window


def test_first_run_puts_the_side_panels_in_one_tab_group_on_the_right(full_window):
    docks = docks_by_name(full_window)
    assert set(docks) == {s.name for s in PANELS if s.install is not None}
    right = Qt.DockWidgetArea.RightDockWidgetArea
    assert all(full_window.dockWidgetArea(d) == right for d in docks.values())
    tabbed = {d.objectName() for d in full_window.tabifiedDockWidgets(docks["Directory"])}
    assert tabbed == {"panel:Checklists", "panel:Coverage", "panel:Postmortem", "panel:Roles", "panel:Communications"}
    assert set(full_window.panels) == {"directory", "checklists", "coverage", "postmortem", "roles", "comms", "sync"}


@pytest.mark.parametrize(("key", "name"), [(Qt.Key.Key_3, "Checklists"), (Qt.Key.Key_5, "Postmortem")])
def test_ctrl_digit_brings_a_panel_to_the_front_with_focus_in_it(qtbot, full_window, key, name):
    activate(qtbot, full_window)
    qtbot.keyClick(full_window.timeline.view, key, CTRL)
    dock = docks_by_name(full_window)[name]
    qtbot.waitUntil(lambda: dock.widget().isVisible())
    focused = QApplication.focusWidget()
    assert focused is not None and dock.widget().isAncestorOf(focused)
    qtbot.keyClick(focused, Qt.Key.Key_1, CTRL)
    assert QApplication.focusWidget() is full_window.timeline.entry_box.line


def test_panel_keys_are_in_the_view_menu_and_in_f1(qtbot, full_window):
    view = {a.text(): a.shortcut().toString() for a in full_window.menus.view.actions()}
    assert view["Go to Directory"] == "Ctrl+2" and view["Go to Postmortem"] == "Ctrl+5"
    activate(qtbot, full_window)
    qtbot.keyClick(full_window.timeline.view, Qt.Key.Key_F1)
    assert ("View", "Go to Coverage", "Ctrl+4") in full_window.commands.dialog.rows


def test_panels_add_their_actions_without_bolting_attributes_onto_the_window(full_window):
    assert not hasattr(full_window, "add_action_item_from_entry")
    names = [a.objectName() for a in full_window.menus.incident.actions()]
    assert "add_action_item_from_entry" in names


def test_tab_from_the_entry_box_only_visits_widgets_the_user_can_see(qtbot, full_window):
    activate(qtbot, full_window)
    full_window.timeline.entry_box.focus_entry()
    visited = []
    for _ in range(40):
        widget = QApplication.focusWidget()
        visited.append(widget)
        assert widget.isVisible() and not widget.visibleRegion().isEmpty(), widget.objectName()
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    names = {w.objectName() for w in visited}
    assert "directorySearch" in names and "checklistTree" not in names  # Checklists is behind its tab
    assert "filterText" in names  # Tab leaves the timeline table instead of walking its cells


def test_one_key_hides_the_side_panels_and_brings_the_same_ones_back(qtbot, full_window):
    activate(qtbot, full_window)
    docks = docks_by_name(full_window)
    docks["Coverage"].hide()
    qtbot.keyClick(full_window.timeline.view, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not any(d.isVisible() for d in docks.values())
    assert QApplication.focusWidget() is full_window.timeline.entry_box.line
    assert full_window.actions_by_name["toggle_side_panels"].text() == "Show side &panels"
    qtbot.keyClick(full_window.timeline.view, Qt.Key.Key_P, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert {n for n, d in docks.items() if not d.isHidden()} == {
        "Directory",
        "Checklists",
        "Postmortem",
        "Roles",
        "Communications",
    }
    docks["Postmortem"].setFloating(True)
    qtbot.keyClick(full_window.timeline.view, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not docks["Postmortem"].isFloating() and not docks["Coverage"].isHidden()
    tabbed = {d.objectName() for d in full_window.tabifiedDockWidgets(docks["Directory"])}
    assert tabbed == {"panel:Checklists", "panel:Coverage", "panel:Postmortem", "panel:Roles", "panel:Communications"}
