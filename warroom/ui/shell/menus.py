"""The window's menus: every action has a shortcut, and Help lists them all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


def make_action(
    window: QMainWindow,
    text: str,
    shortcuts: tuple[str, ...] = (),
    slot: Callable[[], None] | None = None,
    *,
    checkable: bool = False,
    name: str = "",
) -> QAction:
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcuts:
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setCheckable(checkable)
    if slot is not None:
        action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


@dataclass
class Menus:
    """Other panels add their own actions to these (e.g. menus.incident.addAction(...))."""

    file: QMenu
    edit: QMenu
    view: QMenu
    panels: QMenu
    incident: QMenu
    help: QMenu


def build_menus(window) -> Menus:
    """`window` is the MainWindow; its actions live in window.actions_by_name."""
    bar = window.menuBar()
    a = window.actions_by_name
    file = bar.addMenu("&File")
    for name in (
        "new_incident",
        "switch_incident",
        "load_demo",
        None,
        "import_timeline",
        "import_incident",
        None,
        "export",
        None,
        "quit",
    ):
        file.addSeparator() if name is None else file.addAction(a[name])
    edit = bar.addMenu("&Edit")
    for action in window.timeline.actions.all():
        edit.addAction(action)
    edit.addSeparator()
    edit.addAction(a["find"])
    edit.addSeparator()
    edit.addAction(a["settings"])
    view = bar.addMenu("&View")
    for name in (
        "focus_entry",
        "jump_latest",
        None,
        "show_utc",
        "show_incident_zone",
        None,
        "starred_only",
        "clear_filters",
    ):
        view.addSeparator() if name is None else view.addAction(a[name])
    view.addSeparator()
    panels = view.addMenu("&Panels")
    incident = bar.addMenu("&Incident")
    for name in ("edit_details", "change_status", "mark_milestone", "star_entry", None, "durations"):
        incident.addSeparator() if name is None else incident.addAction(a[name])
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a["shortcuts"])
    help_menu.addAction(a["about"])
    return Menus(file, edit, view, panels, incident, help_menu)
