"""The window's commands: the actions in its menus and the dialogs they open."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog
from shiboken6 import isValid

from warroom.ui.incident import import_dialogs
from warroom.ui.incident.durations_dialog import DurationForm, DurationsDialog
from warroom.ui.incident.edit_dialog import IncidentEditDialog
from warroom.ui.incident.import_dialogs import TimelineImportDialog, import_incident_file, run_timeline_import
from warroom.ui.incident.new_dialog import NewIncidentDialog, NewIncidentForm
from warroom.ui.shell.about_dialog import AboutDialog
from warroom.ui.shell.menus import make_action
from warroom.ui.shell.shortcuts_dialog import ShortcutsDialog

DEMO_MISSING = "The demo incident is not part of this build (warroom.services.demo is missing)."


def demo_available() -> bool:
    return importlib.util.find_spec("warroom.services.demo") is not None


def while_open(dialog, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    """A worker callback that is dropped if the user closed (and so deleted) the dialog meanwhile."""

    def run(value) -> None:
        if isValid(dialog):
            callback(value)

    return run


class WindowCommands(QObject):
    """Dialogs open with open() (never exec) and the last one is kept in `self.dialog`."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.dialog = None

    def _open(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- incidents ------------------------------------------------------------------------
    def new_incident(self) -> NewIncidentDialog:
        settings = self.window.services.settings
        dialog = NewIncidentDialog(self.window.services.ctx.user_name, settings.zone, self.window)
        dialog.submitted.connect(lambda form: self._open_incident(dialog, form))
        return self._open(dialog)

    def _open_incident(self, dialog: NewIncidentDialog, form: NewIncidentForm) -> None:
        incidents = self.window.services.incidents

        def write():
            return incidents.open(
                form.title,
                form.severity,
                started_at=form.started_at,
                commander=form.commander,
                impacted_services=form.impacted_services,
                zone=form.zone,
            )

        def done(incident) -> None:
            while_open(dialog, lambda _i: dialog.done_saving())(incident)
            self.window.reload_incidents(select=incident.id)

        self.window.tasks.write(write, done, while_open(dialog, dialog.show_error))

    def load_demo(self) -> None:
        if not demo_available():
            self.window.show_error(DEMO_MISSING)
            return
        services = self.window.services
        self.window.empty.set_busy(True, "Loading the demo incident…")
        self.window.status.showMessage("Loading the demo incident…")

        def done(incident) -> None:
            self.window.empty.set_busy(False)
            services.settings.demo_offered = True
            self.window.tasks.write(services.settings.save)
            self.window.status.showMessage(f"Demo incident {incident.reference} loaded.", 5000)
            self.window.reload_incidents(select=incident.id)

        def failed(message: str) -> None:
            self.window.empty.set_busy(False, message)
            self.window.show_error(message)

        self.window.tasks.write(lambda: services.demo.load(), done, failed)

    def change_status(self) -> None:
        combo = self.window.header.status
        combo.setFocus(Qt.FocusReason.ShortcutFocusReason)
        combo.showPopup()

    def edit_details(self) -> IncidentEditDialog | None:
        incident = self.window.current_incident
        if incident is None:
            return None
        dialog = IncidentEditDialog(incident, self.window.services.settings.zone, self.window)
        dialog.submitted.connect(lambda changes: self._save_details(dialog, incident.id, changes))
        return self._open(dialog)

    def _save_details(self, dialog: IncidentEditDialog, incident_id: str, changes: dict) -> None:
        incidents = self.window.services.incidents

        def done(incident) -> None:
            while_open(dialog, lambda _i: dialog.done_saving())(incident)
            self.window.reload_incidents(select=incident.id)

        self.window.tasks.write(
            lambda: incidents.update(incident_id, **changes), done, while_open(dialog, dialog.show_error)
        )

    # -- imports ------------------------------------------------------------------------
    def import_timeline(self) -> TimelineImportDialog | None:
        if self.window.current_incident is None:
            return None
        path = import_dialogs.choose_timeline_csv(self.window)
        return self.import_timeline_file(path) if path else None

    def import_timeline_file(self, path: str) -> TimelineImportDialog | None:
        """The zone dialog for `path`, importing into the current incident."""
        incident = self.window.current_incident
        if incident is None:
            return None
        dialog = TimelineImportDialog(path, incident, incident.zone, self.window)
        dialog.submitted.connect(lambda zone: run_timeline_import(self.window, dialog, incident.id, zone))
        return self._open(dialog)

    def import_incident(self) -> None:
        path = import_dialogs.choose_incident_json(self.window)
        if path:
            import_incident_file(self.window, path)

    def durations(self) -> DurationsDialog:
        dialog = DurationsDialog(self.window.header.metrics, self.window)
        dialog.submitted.connect(lambda form: self._add_duration(dialog, form))
        dialog.remove_requested.connect(lambda duration_id: self._remove_duration(dialog, duration_id))
        self._list_durations(dialog)
        return self._open(dialog)

    def _list_durations(self, dialog: DurationsDialog) -> None:
        incident, timeline = self.window.current_incident, self.window.services.timeline
        if incident is None:
            dialog.set_definitions([])
            return
        self.window.tasks.read(
            lambda: (timeline.durations(incident.id), timeline.metrics(incident.id)),
            while_open(dialog, lambda found: dialog.set_definitions(*found)),
            while_open(dialog, dialog.show_error),
        )

    def _remove_duration(self, dialog: DurationsDialog, duration_id: str) -> None:
        timeline = self.window.services.timeline
        self.window.tasks.write(
            lambda: timeline.remove_duration(duration_id),
            while_open(dialog, lambda _none: self._list_durations(dialog)),
            while_open(dialog, dialog.show_error),
        )

    def _add_duration(self, dialog: DurationsDialog, form: DurationForm) -> None:
        incident, timeline = self.window.current_incident, self.window.services.timeline
        if incident is None:
            dialog.show_error("Open an incident first.")
            return
        self.window.tasks.write(
            lambda: timeline.add_duration(incident.id, form.name, form.start, form.end),
            while_open(dialog, lambda _d: dialog.done_saving()),
            while_open(dialog, dialog.show_error),
        )

    # -- view -------------------------------------------------------------------------
    def toggle_utc(self, checked: bool) -> None:
        settings = self.window.services.settings
        settings.show_utc = checked
        if checked:
            self.window.actions_by_name["show_incident_zone"].setChecked(False)
        self.window.tasks.write(settings.save)
        self.window._apply_time_display()

    def toggle_incident_zone(self, checked: bool) -> None:
        if checked and self.window.actions_by_name["show_utc"].isChecked():
            self.window.actions_by_name["show_utc"].setChecked(False)  # runs toggle_utc(False)
        self.window._apply_time_display()

    def jump_latest(self) -> None:
        view = self.window.timeline.view
        view.scrollToBottom()
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def starred_only(self, checked: bool) -> None:
        self.window.timeline.filters.starred.setChecked(checked)

    def settings(self) -> QDialog:
        from warroom.ui.shell.settings_dialog import settings_dialog

        return self._open(settings_dialog(self.window))

    def shortcuts(self) -> ShortcutsDialog:
        return self._open(ShortcutsDialog(self.window.menuBar(), self.window))

    def about(self) -> AboutDialog:
        return self._open(AboutDialog(self.window.services.store.location, self.window))


def create_actions(window, commands: WindowCommands) -> dict[str, QAction]:
    """Every window-level action, by name; timeline entry actions come from the timeline panel."""
    timeline = window.timeline
    a = {
        "new_incident": make_action(window, "&New incident…", ("Ctrl+N",), commands.new_incident),
        "switch_incident": make_action(
            window, "S&witch incident…", ("Ctrl+K", "Ctrl+P"), lambda: window.switcher.jump()
        ),
        "load_demo": make_action(window, "Load &demo incident", (), commands.load_demo),
        "export": make_action(window, "&Export…", ("Ctrl+E",), window.export_current),
        "quit": make_action(window, "&Quit", ("Ctrl+Q",), window.close),
        "find": make_action(window, "&Find in timeline", ("Ctrl+F",), timeline.filters.focus_search),
        "focus_entry": make_action(window, "Focus the &entry box", ("Ctrl+L", "/"), timeline.entry_box.focus_entry),
        "jump_latest": make_action(window, "&Jump to latest entry", ("Ctrl+J",), commands.jump_latest),
        "show_utc": make_action(window, "Show times in &UTC", ("Ctrl+U",), checkable=True),
        "show_incident_zone": make_action(
            window, "Show times in the &incident's zone", ("Ctrl+Shift+U",), checkable=True
        ),
        "starred_only": make_action(window, "&Starred entries only", ("Ctrl+Shift+8",), checkable=True),
        "clear_filters": make_action(window, "&Clear filters", ("Ctrl+Shift+F",), timeline.filters.clear),
        "change_status": make_action(window, "Change &status…", ("Ctrl+I",), commands.change_status),
        "mark_milestone": timeline.actions.milestone,
        "star_entry": timeline.actions.star,
        "durations": make_action(window, "&Durations…", ("Ctrl+Shift+D",), commands.durations),
        "edit_details": make_action(window, "&Edit details…", ("Ctrl+Shift+E",), commands.edit_details),
        "import_timeline": make_action(window, "Import &timeline CSV…", ("Ctrl+Shift+I",), commands.import_timeline),
        "import_incident": make_action(window, "Import &incident (JSON)…", ("Ctrl+O",), commands.import_incident),
        "shortcuts": make_action(window, "&Keyboard shortcuts", ("F1", "Ctrl+/"), commands.shortcuts),
        "settings": make_action(window, "Se&ttings…", ("Ctrl+,",), commands.settings),
        "about": make_action(window, "&About Warroom", (), commands.about),
    }
    a["quit"].setMenuRole(QAction.MenuRole.QuitRole)
    a["show_utc"].setChecked(window.services.settings.show_utc)
    a["show_utc"].toggled.connect(commands.toggle_utc)
    a["show_incident_zone"].toggled.connect(commands.toggle_incident_zone)
    a["starred_only"].toggled.connect(commands.starred_only)
    timeline.filters.starred.toggled.connect(a["starred_only"].setChecked)
    a["load_demo"].setEnabled(demo_available())
    _follow_current_incident(window, (a["edit_details"], a["import_timeline"]))
    window.header.edit_requested.connect(commands.edit_details)
    for action in timeline.actions.all():
        if action not in (timeline.actions.retract, timeline.actions.copy):  # Delete, Ctrl+C: the timeline's own
            window.addAction(action)
    return a


def _follow_current_incident(window, actions: tuple[QAction, ...]) -> None:
    """Actions that need an incident are enabled only while one is shown."""

    def follow(incident) -> None:
        for action in actions:
            action.setEnabled(incident is not None)

    follow(window.current_incident)
    window.incident_changed.connect(follow)
