"""Manage channels…: every channel with its audience and whether this laptop can send to it;
edit one (its definition syncs, its secret stays in this laptop's keyring) or remove it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from warroom.domain.comms import Channel
from warroom.services.comms import ChannelService
from warroom.ui.comms.dialogs import ChannelDialog


def channel_line(channel: Channel, state: str) -> str:
    where = "" if state == "ready" else f" — {state}"
    return f"{channel.name} ({channel.kind.value}, {channel.audience.value}){where}"


class ManageChannelsDialog(QDialog):
    """Reads and writes through the window's tasks: the GUI thread never waits on the store or keyring."""

    def __init__(self, services, tasks, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("commsManageChannels")
        self.setWindowTitle("Manage channels")
        self.tasks = tasks
        self.channels = ChannelService(services.ctx)
        self.editor: ChannelDialog | None = None
        self.list = QListWidget(self)
        self.list.setObjectName("commsChannelList")
        self.list.setAccessibleName("Channels")
        self.list.currentRowChanged.connect(lambda _r: self._update_buttons())
        self.list.itemActivated.connect(lambda _i: self.edit())
        self.edit_button = QPushButton("&Edit…", self)
        self.remove_button = QPushButton("&Remove…", self)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        self.error = QLabel(self)
        self.error.setObjectName("commsChannelError")
        self.error.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.edit_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.resize(460, 320)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        channels = self.channels
        self.tasks.read(lambda: [(c, channels.setup_state(c)) for c in channels.list()], self._show, self._failed)

    def _show(self, rows) -> None:
        current = self.selected()
        self.list.clear()
        for channel, state in rows:
            item = QListWidgetItem(channel_line(channel, state), self.list)
            item.setData(Qt.ItemDataRole.UserRole, channel)
            if current is not None and channel.id == current.id:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def selected(self) -> Channel | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        some = self.selected() is not None
        self.edit_button.setEnabled(some)
        self.remove_button.setEnabled(some)

    def edit(self) -> None:
        channel = self.selected()
        if channel is None:
            return
        self.editor = ChannelDialog(self, channel)
        if self.editor.exec() != QDialog.DialogCode.Accepted:
            return
        name, _kind, audience, config, secrets = self.editor.values()
        secrets = {k: v for k, v in secrets.items() if v}
        channels = self.channels
        self.tasks.write(
            lambda: channels.edit(channel.name, new_name=name, audience=audience, config=config, secret_values=secrets),
            lambda _c: self.reload(),
            self._failed,
        )

    def remove(self) -> None:
        channel = self.selected()
        if channel is None or not self.confirm_removal(channel):
            return
        channels = self.channels
        self.tasks.write(lambda: channels.remove(channel.name), lambda _r: self.reload(), self._failed)

    def confirm_removal(self, channel: Channel) -> bool:
        question = (
            f"Remove {channel.name} on every laptop, and its secret on this one? "
            "Updates already sent stay on the record; updates still queued to it will not go out."
        )
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        chosen = QMessageBox.question(self, "Remove channel", question, buttons, QMessageBox.StandardButton.No)
        return chosen == QMessageBox.StandardButton.Yes

    def _failed(self, message: str) -> None:
        self.error.setText(message)
