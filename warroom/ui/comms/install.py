"""Wiring the Communications feature into the main window: one call, `install_comms(window)`.

It docks the panel, adds Incident > Status update… (Ctrl+Shift+M), puts the countdown to the
next update due in the header, starts the sender thread, and warns (tray and status bar)
when an update is overdue.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QSystemTrayIcon

from warroom.domain.comms import ChannelKind, CommsAudience
from warroom.services.comms import ChannelService, CommsService
from warroom.services.comms.previews import PreviewService
from warroom.ui.comms.composer import ComposerDialog
from warroom.ui.comms.countdown import NextUpdateButton
from warroom.ui.comms.dialogs import ChannelDialog, SecretDialog, SnoozeDialog
from warroom.ui.comms.manage import ManageChannelsDialog
from warroom.ui.comms.panel import CommsPanel
from warroom.ui.comms.sender_thread import SenderThread
from warroom.ui.comms.templates_dialog import TemplatesDialog
from warroom.ui.kit.changes import Changed, ChangeNote
from warroom.ui.kit.style import badge_icon

PANEL_NAME = "Communications"
DUE_CHANGES = Changed.COMMS | Changed.INCIDENT  # not deliveries: a drain touches those


class CommsFeature(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.comms = CommsService(window.services.ctx)
        self.panel = CommsPanel(window.services, window.tasks, window)
        self.panel.time_display = window.time_display
        # the shell's first-run layout puts it among the right-hand tabs
        self.dock = window.add_panel(PANEL_NAME, self.panel, Qt.DockWidgetArea.RightDockWidgetArea)
        self.countdown = NextUpdateButton(window)
        window.header.add_widget(self.countdown)
        self.sender_thread = SenderThread(window.services.ctx, self)
        self.tray: QSystemTrayIcon | None = None
        self.composer: ComposerDialog | None = None
        self.channels_popup: QMenu | None = None
        self.manage_dialog: ManageChannelsDialog | None = None
        self.templates_dialog: TemplatesDialog | None = None
        self.action = QAction("Status &update…", window)
        self.action.setObjectName("compose_status_update")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.action.triggered.connect(lambda: self.compose(None))
        window.addAction(self.action)
        window.menus.incident.addSeparator()
        window.menus.incident.addAction(self.action)
        self._connect()
        window.installEventFilter(self)
        self.sender_thread.start()
        self.on_incident(window.current_incident)

    def _connect(self) -> None:
        w, p = self.window, self.panel
        w.incident_changed.connect(self.on_incident)
        w.store_changed.connect(self.on_store_changed)
        self.countdown.compose_requested.connect(self.compose)
        self.countdown.overdue.connect(self.warn_overdue)
        p.new_button.clicked.connect(lambda: self.compose(None))
        p.snooze_button.clicked.connect(self.snooze)
        p.channels_button.clicked.connect(self.channels_menu)
        p.templates_button.clicked.connect(self.edit_templates)

    # -- following the incident --------------------------------------------------------
    def on_incident(self, incident) -> None:
        self.panel.set_incident(incident)
        self.action.setEnabled(incident is not None)
        self.refresh_dues()

    def on_store_changed(self, note: ChangeNote) -> None:
        self.panel.on_store_changed(note)
        if note.touches(Changed.DELIVERIES):
            self.sender_thread.wake()
        if note.touches(DUE_CHANGES):
            self.refresh_dues()
        if note.touches(Changed.COMMS) and self.manage_dialog is not None and self.manage_dialog.isVisible():
            self.manage_dialog.reload()  # a channel edited on another laptop, or by the CLI

    def refresh_dues(self) -> None:
        incident = self.window.current_incident
        if incident is None:
            self.countdown.set_dues([])
            return
        incident_id = incident.id
        self.window.tasks.read(lambda: self.comms.cadence(incident_id), self.countdown.set_dues, lambda _m: None)

    def warn_overdue(self, dues) -> None:
        message = overdue_sentence(dues)
        self.window.show_error(message)
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            if self.tray is None:
                self.tray = QSystemTrayIcon(badge_icon("#c62828", 32), self)
            self.tray.show()
            self.tray.showMessage("Status update overdue", message, QSystemTrayIcon.MessageIcon.Warning, 15_000)

    # -- actions ------------------------------------------------------------------------
    def compose(self, audience: CommsAudience | None) -> ComposerDialog | None:
        incident = self.window.current_incident
        if incident is None:
            self.window.show_error("Open an incident first: an update is about an incident.")
            return None
        due = self.countdown.soonest()
        chosen = audience or (due.audience if due else CommsAudience.INTERNAL)
        self.composer = ComposerDialog(self.window.services, self.window.tasks, incident, chosen, self.window)
        self.composer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.composer.show()
        return self.composer

    def snooze(self) -> SnoozeDialog | None:
        incident = self.window.current_incident
        if incident is None:
            return None
        due = self.countdown.soonest()
        dialog = SnoozeDialog(due.audience if due else None, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return dialog
        aud, minutes, reason = dialog.values()
        self.window.tasks.write(
            lambda: self.comms.snooze(incident.id, aud, minutes, reason), on_error=self.window.show_error
        )
        return dialog

    def channels_menu(self) -> None:
        """Add a channel, manage them, or set up here one another laptop added (its secret is not synced)."""
        self.window.tasks.read(PreviewService(self.window.services.ctx).channel_states, self._show_channels_menu)

    def _show_channels_menu(self, states) -> QMenu:
        menu = QMenu(self.panel)
        menu.setObjectName("commsChannelsMenu")
        menu.addAction("&Add a channel…", self.add_channel)
        menu.addAction("&Manage channels…", self.manage_channels)
        for name, kind, _audience, state in states:
            if state != "ready":
                action = menu.addAction(f"Set up {name} ({kind}) on this laptop…")
                action.triggered.connect(partial(self.set_up, name, kind))
        button = self.panel.channels_button
        menu.popup(button.mapToGlobal(button.rect().bottomLeft()))
        self.channels_popup = menu
        return menu

    def set_up(self, name: str, kind: str) -> None:
        dialog = SecretDialog(name, ChannelKind(kind), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.values():
            return
        values, channels = dialog.values(), ChannelService(self.window.services.ctx)
        self.window.tasks.write(
            lambda: channels.set_secrets(name, values),
            lambda _c: self.window.show_message(f"{name} is set up on this laptop: updates to it can go out.", 8000),
            self.window.show_error,
        )

    def add_channel(self) -> None:
        dialog = ChannelDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, kind, aud, config, secrets = dialog.values()
        channels = ChannelService(self.window.services.ctx)
        secrets = {k: v for k, v in secrets.items() if v}
        self.window.tasks.write(lambda: channels.add(name, kind, aud, config, secrets), on_error=self.window.show_error)

    def manage_channels(self) -> ManageChannelsDialog:
        if self.manage_dialog is None:
            self.manage_dialog = ManageChannelsDialog(self.window.services, self.window.tasks, self.window)
        else:
            self.manage_dialog.reload()
        self.manage_dialog.show()
        self.manage_dialog.raise_()
        return self.manage_dialog

    def edit_templates(self) -> TemplatesDialog:
        """Opens on the audience due next: the template most likely to be wanted now."""
        if self.templates_dialog is None:
            due = self.countdown.soonest()
            audience = due.audience if due else CommsAudience.INTERNAL
            self.templates_dialog = TemplatesDialog(self.window.services, self.window.tasks, self.window, audience)
        self.templates_dialog.show()
        self.templates_dialog.raise_()
        return self.templates_dialog

    def eventFilter(self, watched, event) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.sender_thread.stop()
        return False


def overdue_sentence(dues) -> str:
    """One sentence for every audience that fell due at once: the header names only the soonest."""
    names = [d.audience.value for d in sorted(dues, key=lambda d: d.due_at)]
    if len(names) == 1:
        return f"The {names[0]} status update is overdue: write it, or snooze it with a reason."
    listed = ", ".join(names[:-1]) + f" and {names[-1]}"
    return f"The {listed} status updates are overdue: write them, or snooze them with a reason."


def install_comms(window) -> CommsFeature:
    """Add the Communications feature to the main window; returns it (tests drive it)."""
    return CommsFeature(window)
