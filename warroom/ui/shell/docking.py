"""Everything docked around the timeline: one table says where each panel goes.

A new feature adds one `PanelSpec` row to `PANELS` (its installer, named "module:function",
takes the `PanelHost` and docks itself with `host.add_panel(spec.name, widget)`); the area, the
tab group and the Ctrl+digit that brings it to the front all come from this table. Installers
are named rather than imported so that `warroom` can paint its window first and import the
panels off the GUI thread (`import_panel_modules`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib import import_module
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from warroom.ui.kit.changes import Changed, ChangeNote
from warroom.ui.shell.timeline_room import TimelineRoom

if TYPE_CHECKING:
    from warroom.ui.shell.main_window import MainWindow

Area = Qt.DockWidgetArea
Right = Area.RightDockWidgetArea
UI = "warroom.ui"
FIRST_RUN_DOCK_SHARE = 0.3  # of the window's width: the timeline keeps the rest
FIRST_RUN_DOCK_WIDTH = (320, 520)  # at least, at most


@dataclass(frozen=True)
class PanelSpec:
    key: str  # install_panels' result is keyed by this
    name: str  # the dock's title and objectName "panel:<name>"
    area: Area
    install: str | None = None  # "module:function": takes the PanelHost, docks and wires the panel
    tabify_with: str | None = None  # name of the panel whose tab group this one joins on first run
    shortcut: str | None = None  # brings the panel to the front with focus in it


PANELS: tuple[PanelSpec, ...] = (
    PanelSpec("timeline", "Timeline", Area.NoDockWidgetArea, None, None, "Ctrl+1"),  # the central widget
    PanelSpec("directory", "Directory", Right, f"{UI}.directory.panel:install_directory_panel", None, "Ctrl+2"),
    PanelSpec(
        "checklists", "Checklists", Right, f"{UI}.checklists.panel:install_checklist_panel", "Directory", "Ctrl+3"
    ),
    PanelSpec(
        "coverage", "Coverage", Right, f"{UI}.directory.coverage_panel:install_coverage_panel", "Directory", "Ctrl+4"
    ),
    PanelSpec("postmortem", "Postmortem", Right, f"{UI}.postmortem.panel:install_postmortem", "Directory", "Ctrl+5"),
    PanelSpec("roles", "Roles", Right, f"{UI}.roles.install:install_roles", "Directory", "Ctrl+6"),
    PanelSpec("comms", "Communications", Right, f"{UI}.comms.install:install_comms", "Directory", "Ctrl+7"),
)
SYNC_CONTROLLER = "warroom.ui.sync.controller"
PLACEHOLDER_PROPERTY = "warroomPlaceholder"  # on the stand-in widget of a dock whose panel is not built yet


def installer(spec: PanelSpec) -> Callable[[Any], Any]:
    module, _, function = (spec.install or "").partition(":")
    return getattr(import_module(module), function)


def import_panel_modules() -> None:
    """Import every panel's module (and so its services and the store): safe on a worker
    thread, since it makes no widget; the GUI thread then only builds the panels."""
    for spec in PANELS:
        if spec.install is not None:
            import_module(spec.install.partition(":")[0])
    import_module(SYNC_CONTROLLER)


def spec_named(name: str) -> PanelSpec | None:
    return next((s for s in PANELS if s.name == name), None)


def dock_area_of(name: str) -> Area:
    spec = spec_named(name)
    return spec.area if spec is not None and spec.install is not None else Area.RightDockWidgetArea


def install_panels(window: MainWindow, hub_url: str | None = None) -> dict:
    """Add the panels and controllers other engineers built; returns them by key."""
    for step in install_steps(window, hub_url):
        step()
    return window.panels


def install_steps(window: MainWindow, hub_url: str | None = None) -> list[Callable[[], None]]:
    """install_panels as steps, one panel each, the wiring last (`window.panels` is set then):
    `warroom` runs one per turn of the event loop, so the window stays responsive meanwhile."""
    panels: dict[str, Any] = {}

    def install(spec: PanelSpec) -> None:
        panels[spec.key] = installer(spec)(window)

    def finish() -> None:
        from warroom.ui.sync.controller import SyncController

        panels["sync"] = SyncController(window, hub_url)
        drop_placeholders(window)
        _first_run_layout(window)
        _panel_shortcuts(window)
        SidePanels(window)
        TimelineRoom(window)
        _follow_checklist_progress(window)
        window.panels = panels

    steps: list[Callable[[], None]] = [partial(install, spec) for spec in PANELS if spec.install is not None]
    return [*steps, finish]


def _follow_checklist_progress(window: MainWindow) -> None:
    """The header's 'finished/total' for the incident's checklists, kept current."""
    checklists = window.services.checklists

    def reload(*_args: object) -> None:
        incident = window.current_incident
        if incident is None:
            window.header.set_checklist_progress(0, 0)
            return
        window.tasks.read(lambda: checklists.progress(incident.id), lambda p: window.header.set_checklist_progress(*p))

    def on_change(note: ChangeNote) -> None:
        if note.touches(Changed.CHECKLISTS):
            reload()

    window.incident_changed.connect(reload)
    window.store_changed.connect(on_change)
    reload()


def docks_by_name(window: MainWindow) -> dict[str, QDockWidget]:
    prefix = "panel:"
    return {
        d.objectName()[len(prefix) :]: d for d in window.findChildren(QDockWidget) if d.objectName().startswith(prefix)
    }


def is_placeholder(dock: QDockWidget) -> bool:
    widget = dock.widget()
    return widget is not None and bool(widget.property(PLACEHOLDER_PROPERTY))


def drop_placeholders(window: MainWindow) -> None:
    """A dock still showing its stand-in (its panel failed to install) is taken away."""
    for dock in docks_by_name(window).values():
        if is_placeholder(dock):
            window.removeDockWidget(dock)
            dock.deleteLater()


def _first_run_layout(window: MainWindow) -> None:
    """Each panel goes to its area and joins its tab group until the user moves it."""
    if not window.window_state.has_saved_layout():
        arrange_as_tabs(window)


def arrange_as_tabs(window: MainWindow) -> None:
    """Every panel in its PanelSpec area and tab group: the first-run layout, again on demand."""
    docks = docks_by_name(window)
    for spec in PANELS:
        dock = docks.get(spec.name)
        if dock is None or spec.install is None:
            continue
        window.addDockWidget(spec.area, dock)
        leader = docks.get(spec.tabify_with) if spec.tabify_with else None
        if leader is not None:
            window.tabifyDockWidget(leader, dock)
    leaders = [docks[s.name] for s in PANELS if s.name in docks and s.tabify_with is None]
    for dock in leaders:
        dock.raise_()
    if leaders:
        low, high = FIRST_RUN_DOCK_WIDTH
        width = max(low, min(high, int(window.width() * FIRST_RUN_DOCK_SHARE)))
        window.resizeDocks(leaders, [width] * len(leaders), Qt.Orientation.Horizontal)


def _panel_shortcuts(window: MainWindow) -> None:
    """View > Panels > Show <name> (Ctrl+digit): brings the panel to the front, with focus in it."""
    docks = docks_by_name(window)
    actions = []
    for spec in PANELS:
        if spec.shortcut is None or (spec.install is not None and spec.name not in docks):
            continue
        action = QAction(f"Go to {spec.name}", window)
        action.setObjectName(f"show_{spec.key}")
        action.setShortcut(QKeySequence(spec.shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, name=spec.name: bring_to_front(window, name))
        window.addAction(action)
        actions.append(action)
        window.actions_by_name[action.objectName()] = action
    window.add_menu_actions("view", actions)


def bring_to_front(window: MainWindow, name: str) -> None:
    if name == "Timeline":
        window.timeline.entry_box.focus_entry()
        return
    dock = docks_by_name(window).get(name)
    if dock is None:
        return
    dock.show()
    dock.raise_()
    widget = dock.widget()
    if widget is not None:
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)


class SidePanels(QObject):
    """View > Hide side panels (Ctrl+Shift+P) gives the timeline the whole window and brings the
    same panels back; View > Side panels as tabs (Ctrl+Shift+T) puts them back in one tab group."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.hidden: list[str] = []
        self.toggle = QAction("Hide side &panels", window)
        self.toggle.setObjectName("toggle_side_panels")
        self.toggle.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.toggle.triggered.connect(self.toggle_panels)
        self.as_tabs = QAction("Side panels as &tabs", window)
        self.as_tabs.setObjectName("side_panels_as_tabs")
        self.as_tabs.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.as_tabs.triggered.connect(self.tabs)
        for action in (self.toggle, self.as_tabs):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.actions_by_name[action.objectName()] = action
        window.add_menu_actions("view", [self.toggle, self.as_tabs])

    def toggle_panels(self) -> None:
        docks = docks_by_name(self.window)
        shown = [name for name, dock in docks.items() if dock.isVisible()]
        if shown:
            self.hidden = shown
            for name in shown:
                docks[name].hide()
            self.window.timeline.entry_box.focus_entry()  # focus never stays in a hidden panel
        else:
            for name in self.hidden or list(docks):
                if name in docks:
                    docks[name].show()
            self.hidden = []
        self.toggle.setText("Show side &panels" if self.hidden else "Hide side &panels")

    def tabs(self) -> None:
        docks = docks_by_name(self.window)
        for dock in docks.values():
            dock.setFloating(False)
            dock.show()
        self.hidden = []
        self.toggle.setText("Hide side &panels")
        arrange_as_tabs(self.window)
