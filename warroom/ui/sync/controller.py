"""Keeps the window live on its hub: status-bar state, refused changes, Sync now, and the hub settings."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence

from warroom.ui.kit.host import PanelHost
from warroom.ui.sync.hub_dialog import HubDialog
from warroom.ui.sync.problems_dialog import ProblemsDialog

_TONES = {"ok": "ok", "busy": "neutral", "warn": "warn", "error": "error"}


class SyncController(QObject):
    """Bridges the sync thread's state reports to the GUI thread, and owns the menu actions."""

    state_reported = Signal(object)  # SyncView, emitted from the sync thread

    def __init__(self, window: PanelHost, hub_url: str | None = None) -> None:
        super().__init__(window.window())
        self.window = window
        self.services = window.services
        self.state_reported.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self.sync_now = QAction(
            "Sync now", window.window(), shortcut=QKeySequence("F5"), statusTip="Push and pull with the shared hub now"
        )
        self.sync_now.triggered.connect(self.services.sync.sync_now)
        self.settings_action = QAction("Shared hub…", window.window(), statusTip="Connect to a shared hub")
        self.settings_action.triggered.connect(self.edit_hub)
        self.problems_action = QAction(
            "Sync problems…", window.window(), statusTip="Changes from the hub this laptop refused, and why"
        )
        self.problems_action.triggered.connect(self.show_problems)
        window.status.problems_clicked.connect(self.show_problems)
        window.add_menu_actions("file", [self.sync_now, self.problems_action, self.settings_action], before="quit")
        self.dialog: HubDialog | None = None
        self.problems_dialog: ProblemsDialog | None = None
        window.tasks.read(self.services.sync.problem_count, on_done=window.status.set_sync_problems)
        self.start(hub_url if hub_url is not None else self.services.settings.hub_url)

    def start(self, hub_url: str) -> None:
        self.hub_url = hub_url
        self.sync_now.setEnabled(bool(hub_url))
        if not hub_url:
            self.services.sync.stop()
            self.window.set_sync_state("Local store only", "neutral")
            return
        self.window.set_sync_state("Connecting to the hub…", "neutral")
        # Starting only spawns the sync thread; connecting happens there, never here.
        self.services.sync.start(hub_url, self.state_reported.emit)

    def _show(self, view) -> None:
        self.window.set_sync_state(view.text, _TONES.get(view.tone, "neutral"))
        self.window.status.set_sync_problems(view.refused)

    def show_problems(self) -> None:
        self.problems_dialog = ProblemsDialog(self.services.sync, self.window.tasks, self.window)
        self.problems_dialog.open()

    def edit_hub(self) -> None:
        self.dialog = HubDialog(self.hub_url, self.window.window())
        self.dialog.accepted.connect(self._hub_chosen)
        self.dialog.open()

    def _hub_chosen(self) -> None:
        url = self.dialog.hub_url
        settings = self.services.settings
        settings.hub_url = url
        self.window.tasks.write(settings.save)
        self.start(url)
