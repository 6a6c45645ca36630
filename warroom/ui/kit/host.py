"""What a panel may use from the window: the whole contract, nothing more.

A feature package's `install_*` function receives a `PanelHost` (the main window, in practice)
and uses only these members; it never reaches into the window's private parts and never sets
attributes on it. Features import this from the kit, never from the shell.

    def install_thing(host: PanelHost) -> ThingPanel:
        panel = ThingPanel(host.services, host.tasks)
        host.add_panel("Thing", panel)                     # docked where shell/docking.py says
        host.add_menu_actions("incident", [action])        # file, edit, view, incident, help
        host.incident_changed.connect(panel.set_incident)   # Incident or None
        host.store_changed.connect(panel.on_store_changed)  # ChangeNote, on the GUI thread
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QWidget

from warroom.domain.incident import Incident
from warroom.domain.timeline import Entry
from warroom.ui.kit.time_display import TimeDisplay
from warroom.ui.kit.undo import UndoStep
from warroom.ui.kit.worker import Tasks

if TYPE_CHECKING:
    from warroom.app import Services
else:
    Services = Any


class PanelHost(Protocol):
    # Signals (SignalInstance on the instance): connect to them, never emit them.
    incident_changed: SignalInstance  # the current Incident (a fresh copy after each change) or None
    store_changed: SignalInstance  # a ChangeNote after any commit, on the GUI thread
    entry_action_item_requested: SignalInstance  # a timeline Entry someone wants an action item for
    closing: SignalInstance  # the window is about to close: save what was typed

    @property
    def services(self) -> Services: ...

    @property
    def tasks(self) -> Tasks: ...

    @property
    def current_incident(self) -> Incident | None: ...

    def window(self) -> QWidget: ...  # the top-level widget: the parent for a panel's dialogs

    def add_panel(self, name: str, widget: QWidget, area: Qt.DockWidgetArea | None = None) -> QDockWidget: ...

    def add_menu_actions(self, menu: str, actions: Sequence[QAction], *, before: str | None = None) -> None: ...

    def show_message(self, text: str, timeout_ms: int = 0) -> None: ...

    def show_error(self, message: str) -> None: ...

    def set_sync_state(self, text: str, tone: str = "neutral") -> None: ...

    def time_display(self) -> TimeDisplay: ...

    def focus_timeline(self) -> None: ...

    def current_entry(self) -> Entry | None: ...

    def reload_incidents(self, select: str | None = None) -> None: ...

    def set_export_handler(self, handler: Callable[[Incident], None] | None) -> None: ...

    def export_current(self) -> None: ...

    def record_undo(self, step: UndoStep) -> None: ...  # Ctrl+Z undoes it (append-only)


def follow_the_window(host: PanelHost, panel: Any) -> None:
    """Keep a docked panel on the window's incident and zone, and on the store's changes.

    The panel offers set_time_display(display), set_incident(incident) and on_store_changed(note)."""

    def follow(incident: Incident | None) -> None:
        panel.set_time_display(host.time_display())
        panel.set_incident(incident)

    host.incident_changed.connect(follow)
    host.store_changed.connect(panel.on_store_changed)
    follow(host.current_incident)
