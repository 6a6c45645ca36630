"""The main window: incident switcher, header, timeline, status bar, and docks others add.

Panels use it only through the `PanelHost` protocol (ui/kit/host.py); where each panel docks
is one table, `PANELS` in ui/shell/docking.py.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from warroom.ui.kit.theme import apply_theme, outline_indicators
from warroom.ui.kit.worker import Tasks
from warroom.ui.shell.incident_metrics import IncidentMetrics
from warroom.ui.shell.opening import OpeningState, build_frame, clear_frame_menus
from warroom.ui.shell.time_shown import time_display_for
from warroom.ui.shell.window_state import WindowState

if TYPE_CHECKING:  # imported where used: `warroom` paints the frame before these are loaded
    from warroom.domain.incident import Incident, Status
    from warroom.domain.timeline import Entry
    from warroom.ui.incident.header import IncidentHeader
    from warroom.ui.incident.switcher import IncidentSwitcher
    from warroom.ui.kit.changes import ChangeNote
    from warroom.ui.kit.time_display import TimeDisplay
    from warroom.ui.kit.undo import UndoStep
    from warroom.ui.shell.commands import WindowCommands
    from warroom.ui.shell.menus import Menus
    from warroom.ui.shell.status_bar import WarroomStatusBar
    from warroom.ui.timeline.panel import TimelinePanel

MAX_FOCUS_HOPS = 200  # a focus chain longer than this has nothing visible left to offer


def can_be_seen(widget: QWidget) -> bool:
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


class MainWindow(QMainWindow):
    incident_changed = Signal(object)  # the current Incident (a fresh copy after each change) or None
    store_changed = Signal(object)  # a ChangeNote after any commit, on the GUI thread
    entry_action_item_requested = Signal(object)  # a timeline Entry to make an action item from
    closing = Signal()  # before the worker shuts down: panels queue their last writes

    def __init__(self, services=None, tasks: Tasks | None = None, parent=None, *, theme: str | None = None):
        """With `services`, the whole window at once. Without (only the `theme`), its frame: title,
        size, menus and the panels' places with stand-ins, saying the store is opening; `warroom`
        paints that first and calls `attach` once the store is open."""
        super().__init__(parent)
        self.services = services
        self.tasks = tasks or Tasks(self)
        self.current_incident: Incident | None = None
        self.incidents: list[Incident] = []
        self.panels: dict[str, object] = {}  # install_panels fills it (ui/shell/docking.py)
        self._export_handler: Callable[[Incident], None] | None = None
        self.metrics = IncidentMetrics(self)
        self.attached = False
        self.setWindowTitle("Warroom")
        self.setObjectName("mainWindow")
        self.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.East)
        self.setTabPosition(Qt.DockWidgetArea.LeftDockWidgetArea, QTabWidget.TabPosition.West)
        framing = services is None
        apply_theme(theme or "system" if framing else services.settings.theme, outlines=not framing)
        self.window_state = WindowState()
        self.opening: OpeningState | None = None
        if services is None:
            self.opening = build_frame(self, self.window_state)
        else:
            self.attach(services)

    def attach(self, services) -> None:
        """Everything that needs the store, built in the frame (or a new window) in place."""
        from warroom.ui.kit.changes import StoreEvents
        from warroom.ui.kit.undo import UndoStack
        from warroom.ui.shell.commands import WindowCommands, create_actions
        from warroom.ui.shell.menus import build_menus
        from warroom.ui.shell.status_bar import WarroomStatusBar
        from warroom.ui.shell.undo_wiring import wire_undo

        framed = self.centralWidget() is not None  # built on the frame `warroom` painted first
        outline_indicators()  # the frame was painted without them (it has no check box)
        self.services = services
        self._build_centre()
        self.status: WarroomStatusBar = WarroomStatusBar(services.store.location, services.settings.zone, self)
        self.setStatusBar(self.status)
        self.tasks.failed.connect(self.show_error)
        self.undo = UndoStack(self.tasks, self)
        self.commands: WindowCommands = WindowCommands(self)
        self.actions_by_name = create_actions(self, self.commands)
        clear_frame_menus(self)
        self.menus: Menus = build_menus(self)
        self.menus.edit.insertActions(self.menus.edit.actions()[0], [*wire_undo(self)])
        self.menus.edit.insertSeparator(self.menus.edit.actions()[2])
        self._build_toolbar()
        self._apply_time_display()
        self.events = StoreEvents(services.store.subscribe_changes, self)
        self.events.changed.connect(self._on_store_changed)
        self._clock = QTimer(self, interval=1000)
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        if framed:  # the frame already has the size the user left it at (and may have resized it since)
            self.window_state.restore_dock(self)
        else:
            self.window_state.restore(self)
        self.timeline.view.columns.restore_choices(self.window_state.timeline_columns())
        self.attached = True
        self.set_export_handler(None)
        self.reload_incidents(select=services.settings.last_incident_id or None)

    # -- layout -------------------------------------------------------------------------
    def _build_centre(self) -> None:
        from warroom.ui.incident.header import IncidentHeader
        from warroom.ui.shell.commands import demo_available
        from warroom.ui.shell.empty_state import EmptyState
        from warroom.ui.shell.gc_pause import freeze_startup_objects
        from warroom.ui.timeline.panel import TimelinePanel

        self.empty = EmptyState(demo_available(), self)
        self.header: IncidentHeader = IncidentHeader(self)
        self.timeline: TimelinePanel = TimelinePanel(self.services, self.tasks, self)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.timeline, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(page)
        self.setCentralWidget(self.stack)  # deletes the frame's "opening" centre, if any
        self.opening = None
        self.header.status_requested.connect(self.change_status)
        self.timeline.model.milestones_changed.connect(self.reload_metrics)
        self.timeline.model.loaded.connect(freeze_startup_objects)
        self.timeline.entry_actions().action_item_requested.connect(self.entry_action_item_requested)

    def _build_toolbar(self) -> None:
        from warroom.ui.incident.switcher import IncidentSwitcher

        bar = self.findChild(QToolBar, "incidentToolbar")  # the frame's, with its stand-in
        if bar is None:
            bar = QToolBar("Incident", self)
            bar.setObjectName("incidentToolbar")
            bar.setMovable(False)
            self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        for action in bar.actions():
            bar.removeAction(action)
        self.switcher: IncidentSwitcher = IncidentSwitcher(bar)
        self.switcher.incident_chosen.connect(self.select_incident)
        bar.addWidget(self.switcher)
        bar.addAction(self.actions_by_name["new_incident"])
        self.empty.new_requested.connect(self.commands.new_incident)
        self.empty.demo_requested.connect(self.commands.load_demo)

    # -- PanelHost: what panels may use (ui/kit/host.py) ---------------------------------
    def add_panel(self, name: str, widget: QWidget, area: Qt.DockWidgetArea | None = None) -> QDockWidget:
        """Dock `widget` where its PanelSpec says; View > Panels gets a toggle; its place is remembered."""
        from warroom.ui.shell.docking import dock_area_of, is_placeholder

        dock = self.findChild(QDockWidget, f"panel:{name}")
        if dock is not None and is_placeholder(dock):  # the frame's dock, already in its place
            stand_in = dock.widget()
            dock.setWidget(widget)
            stand_in.deleteLater()
        else:
            dock = QDockWidget(name, self)
            dock.setObjectName(f"panel:{name}")
            dock.setWidget(widget)
            self.addDockWidget(area if area is not None else dock_area_of(name), dock)
        self.menus.panels.addAction(dock.toggleViewAction())
        self.window_state.restore_dock(self)
        return dock

    def add_menu_actions(self, menu: str, actions: Sequence[QAction], *, before: str | None = None) -> None:
        """A group of actions, set off by a separator: at the end of `menu`, or above action `before`."""
        target = getattr(self.menus, menu)
        self.addActions(list(actions))  # their shortcuts work even when the menu bar is hidden
        if before is None:
            target.addSeparator()
            target.addActions(list(actions))
        else:
            anchor = self.actions_by_name[before]
            target.insertActions(anchor, list(actions))
            target.insertSeparator(anchor)

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        self.status.showMessage(text, timeout_ms)

    def record_undo(self, step: UndoStep) -> None:
        self.undo.push(step)

    def focus_timeline(self) -> None:
        self.timeline.view.setFocus()

    def current_entry(self) -> Entry | None:
        return self.timeline.view.current_entry()

    def set_sync_state(self, text: str, tone: str = "neutral") -> None:
        self.status.set_sync_state(text, tone)

    def set_export_handler(self, handler: Callable[[Incident], None] | None) -> None:
        self._export_handler = handler
        self._update_enabled()

    def show_error(self, message: str) -> None:
        self.status.show_error(message)

    def time_display(self) -> TimeDisplay:
        return self.timeline.time_display()

    # -- incidents -----------------------------------------------------------------------
    def reload_incidents(self, select: str | None = None) -> None:
        incidents = self.services.incidents
        self.tasks.read(incidents.list, lambda found: self._on_incidents(found, select))

    def _on_incidents(self, incidents: list[Incident], select: str | None) -> None:
        self.incidents = incidents
        wanted = select or (self.current_incident.id if self.current_incident else None)
        by_id = {i.id: i for i in incidents}
        current = by_id.get(wanted) if wanted else None
        if current is None and incidents:
            current = max(incidents, key=lambda i: (i.created_at, i.number))
        self.switcher.set_incidents(incidents, current.id if current else None)
        self._set_current(current)

    def select_incident(self, incident_id: str) -> None:
        found = next((i for i in self.incidents if i.id == incident_id), None)
        if found is None:
            self.reload_incidents(select=incident_id)
        else:
            self.switcher.set_incidents(self.incidents, incident_id)
            self._set_current(found)

    def _set_current(self, incident: Incident | None) -> None:
        changed = incident != self.current_incident
        switched = (incident.id if incident else None) != (self.current_incident.id if self.current_incident else None)
        self.current_incident = incident
        self.stack.setCurrentIndex(1 if incident else 0)
        self.header.set_incident(incident)
        self.timeline.set_incident(incident)
        self._apply_time_display()
        self._update_enabled()
        if switched:
            self._remember_incident(incident)
            self.timeline.entry_box.focus_entry()
        if switched or changed:
            self.reload_metrics()
            self.incident_changed.emit(incident)
        self.setWindowTitle(f"{incident.reference} {incident.title} — Warroom" if incident else "Warroom")

    def _remember_incident(self, incident: Incident | None) -> None:
        settings = self.services.settings
        if incident and settings.last_incident_id != incident.id:
            settings.last_incident_id = incident.id
            self.tasks.write(settings.save)

    def change_status(self, status: Status | str) -> None:
        from warroom.domain.incident import Status
        from warroom.ui.shell.undo_wiring import status_step

        status = Status(status)  # a combo's item data comes back as the plain string
        incident = self.current_incident
        if incident is not None and status is not incident.status:
            incidents, old = self.services.incidents, incident.status
            step = status_step(incidents, incident.id, old, status)
            self.tasks.write(
                lambda: incidents.set_status(incident.id, status), lambda _i: self.undo.push(step), self._status_failed
            )

    def _status_failed(self, message: str) -> None:
        self.header.set_incident(self.current_incident)  # put the combo back
        self.show_error(message)

    def reload_metrics(self) -> None:
        self.metrics.reload()

    # -- live updates -----------------------------------------------------------------
    def _on_store_changed(self, note: ChangeNote) -> None:
        from warroom.domain.changes import Changed

        if note.touches(Changed.INCIDENT):
            self.reload_incidents()
        if note.touches(Changed.TIMELINE) and self.current_incident is not None:
            self.timeline.refresh()
        self.timeline.on_store_changed(note)
        if note.touches(Changed.INCIDENT | Changed.DURATIONS) and self.current_incident is not None:
            # Metrics read every entry of the incident: only when a milestone may have moved.
            self.reload_metrics()
        self.store_changed.emit(note)

    def settings_changed(self) -> None:
        """The settings dialog stored new values: show times, colours and names accordingly."""
        self.status.set_zone(self.services.settings.zone)
        self._apply_time_display()
        self.header.set_incident(self.current_incident)
        self.timeline.refresh()

    def _tick(self) -> None:
        self.header.tick()
        self.status.tick()

    def _apply_time_display(self) -> None:
        chosen = self.actions_by_name["show_incident_zone"].isChecked()
        display = time_display_for(self.services.settings, chosen, self.current_incident)
        self.timeline.set_time_display(display)
        self.header.set_display(display)

    def _update_enabled(self) -> None:
        has = self.current_incident is not None
        a = self.actions_by_name
        a["export"].setEnabled(has and self._export_handler is not None)
        for name in ("change_status", "mark_milestone", "star_entry", "durations", "focus_entry", "find"):
            a[name].setEnabled(has)

    def export_current(self) -> None:
        if self.current_incident and self._export_handler:
            self._export_handler(self.current_incident)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab skips widgets the user cannot see (a dock behind another's tab, a collapsed panel)."""
        for _ in range(MAX_FOCUS_HOPS):
            if not super().focusNextPrevChild(next):
                return False
            widget = QApplication.focusWidget()
            if widget is None or can_be_seen(widget):
                return True
        return True

    def closeEvent(self, event) -> None:
        self.closing.emit()
        if not self.attached:  # closed while the store was opening: keep the size and places
            self.window_state.save(self)
            self.tasks.shutdown()
            super().closeEvent(event)
            return
        self.window_state.save(self, self.timeline.view.columns.user_choices())
        self._clock.stop()
        self.events.close()
        self.tasks.shutdown()
        super().closeEvent(event)
