"""The status-update composer: audience, channels, the draft to edit, a preview per channel, send.

The draft and the previews are read off the GUI thread; sending only queues (one write),
the sender thread does the network.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from warroom.domain.comms import CommsAudience
from warroom.domain.incident import Incident
from warroom.services.comms import CommsService
from warroom.services.comms.previews import PreviewService

NOT_SET_UP = "not set up on this laptop"


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text, buddy.parentWidget())
    label.setBuddy(buddy)
    return label


class ComposerDialog(QDialog):
    draft_shown = Signal()  # the filled draft is in the editor
    queued = Signal(object)  # the CommsUpdate that was written

    def __init__(self, services, tasks, incident: Incident, audience: CommsAudience, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("commsComposer")
        self.setWindowTitle(f"Status update for {incident.reference}")
        self.services, self.tasks, self.incident = services, tasks, incident
        self.comms = CommsService(services.ctx)
        self.previews_svc = PreviewService(services.ctx)
        self.audience = QComboBox(self)
        self.audience.setObjectName("composerAudience")
        self.audience.setAccessibleName("Audience")
        for aud in CommsAudience:
            self.audience.addItem(aud.label, aud.value)
        self.audience.setCurrentIndex(list(CommsAudience).index(audience))
        self.channels = QListWidget(self)
        self.channels.setObjectName("composerChannels")
        self.channels.setAccessibleName("Channels")
        self.approval = QCheckBox("Needs approval before it goes out", self)
        self.approval.setObjectName("composerNeedsApproval")
        self.approver = _NameEdit(self)
        self.approver.setObjectName("composerApprover")
        self.approver.setAccessibleName("Who approves, besides the commander")
        self.approver.setPlaceholderText("Approver (blank: the commander)")
        self.approver.setEnabled(False)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("composerEditor")
        self.editor.setAccessibleName("Update text (Markdown)")
        self.editor.setPlaceholderText("Loading the draft from the record…")
        self.previews = QTabWidget(self)
        self.previews.setObjectName("composerPreviews")
        self.previews.setAccessibleName("Preview per channel")
        self.message = QLabel(self)
        self.message.setObjectName("composerMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.send_button = self.buttons.addButton("&Send", QDialogButtonBox.ButtonRole.AcceptRole)
        self.send_button.setObjectName("composerSend")
        self.send_button.setToolTip("Queue the update to the ticked channels (Ctrl+Return)")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        send_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        send_shortcut.activated.connect(self.send)
        self._preview_timer = QTimer(self, singleShot=True, interval=300)
        self._preview_timer.timeout.connect(self.refresh_previews)
        self.editor.textChanged.connect(self._preview_timer.start)
        self.channels.itemChanged.connect(lambda _item: self._preview_timer.start())
        self.audience.currentIndexChanged.connect(lambda _i: self.load())
        self.approval.toggled.connect(self._set_approval)
        self.approver.editingFinished.connect(self._set_approver)
        self._layout()
        self.resize(900, 600)
        self.load()

    def _layout(self) -> None:
        left = QWidget(self)
        col = QVBoxLayout(left)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(_buddy_label("&Audience", self.audience))
        col.addWidget(self.audience)
        col.addWidget(_buddy_label("&Channels", self.channels))
        col.addWidget(self.channels, 1)
        col.addWidget(self.approval)
        col.addWidget(self.approver)
        right = QTabWidget(self)
        right.addTab(self.editor, "&Edit (Markdown)")
        right.addTab(self.previews, "&Preview")
        self.tabs = right
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([240, 660])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.buttons)
        layout.addLayout(row)
        self.editor.setFocus()

    # -- loading ----------------------------------------------------------------------
    def current_audience(self) -> CommsAudience:
        return CommsAudience(self.audience.currentData())

    def load(self) -> None:
        aud, incident_id = self.current_audience(), self.incident.id
        self._generation = generation = getattr(self, "_generation", 0) + 1

        def read():
            return (
                self.comms.draft(incident_id, aud),
                self.previews_svc.channel_states(),
                self.comms.policy(aud),
            )

        self.tasks.read(read, lambda loaded: self._show_draft(generation, loaded), self._fail)

    def _show_draft(self, generation: int, loaded) -> None:
        if not isValid(self.editor) or generation != self._generation:
            return  # closed (sent or cancelled), or the audience changed, while this draft was read
        draft, states, policy = loaded
        self.editor.setPlainText(draft)
        self.channels.blockSignals(True)
        self.channels.clear()
        aud = self.current_audience().value
        for name, kind, audience, state in states:
            item = QListWidgetItem(f"{name} ({kind})" + ("" if state == "ready" else f" — {NOT_SET_UP}"))
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ready = state == "ready"  # this laptop sends what it writes: it needs the secret
            item.setCheckState(Qt.CheckState.Checked if audience == aud and ready else Qt.CheckState.Unchecked)
            item.setToolTip(f"{name}: {kind} for {audience}" + ("" if ready else f", {NOT_SET_UP}"))
            self.channels.addItem(item)
        self.channels.blockSignals(False)
        self.approval.blockSignals(True)
        self.approval.setChecked(policy.needs_approval)
        self.approval.blockSignals(False)
        self.approver.setText(policy.approver)
        self.approver.setEnabled(policy.needs_approval)
        self.draft_shown.emit()
        self.refresh_previews()

    def chosen_channels(self) -> list[str]:
        return [
            self.channels.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.channels.count())
            if self.channels.item(i).checkState() == Qt.CheckState.Checked
        ]

    def refresh_previews(self) -> None:
        aud, text, names, incident_id = (
            self.current_audience(),
            self.editor.toPlainText(),
            self.chosen_channels(),
            self.incident.id,
        )
        self.tasks.read(
            lambda: self.previews_svc.previews(incident_id, aud, text, names), self._show_previews, self._fail
        )

    def _show_previews(self, previews: dict) -> None:
        if not isValid(self.previews):
            return  # the composer was closed (sent or cancelled) while the previews were made
        self.previews.clear()
        for name, body in previews.items():
            view = QPlainTextEdit(body, self.previews)
            view.setReadOnly(True)
            self.previews.addTab(view, name)
        if not previews:
            self.previews.addTab(QLabel("No channel ticked: the update will only go on the record."), "—")

    # -- writing ----------------------------------------------------------------------
    def _set_approval(self, on: bool) -> None:
        aud = self.current_audience()
        self.approver.setEnabled(on)
        self.tasks.write(lambda: self.comms.set_policy(aud, needs_approval=on), on_error=self._fail)

    def _set_approver(self) -> None:
        """The audience's named approver (the commander may always approve), kept for its next updates too."""
        if not self.approver.isModified():
            return  # focus left without a change
        self.approver.setModified(False)
        aud, name = self.current_audience(), " ".join(self.approver.text().split())
        self.tasks.write(lambda: self.comms.set_policy(aud, approver=name), on_error=self._fail)

    def send(self) -> None:
        aud, text, names, incident_id = (
            self.current_audience(),
            self.editor.toPlainText(),
            self.chosen_channels(),
            self.incident.id,
        )
        self.send_button.setEnabled(False)
        self.tasks.write(lambda: self.comms.send(incident_id, aud, text, names), self._sent, self._send_failed)

    def _sent(self, update) -> None:
        self.queued.emit(update)
        self.accept()

    def _send_failed(self, message: str) -> None:
        self.send_button.setEnabled(True)
        self._fail(message)

    def _fail(self, message: str) -> None:
        if isValid(self.message):
            self.message.setText(f"⚠ {message}")


class _NameEdit(QLineEdit):
    """Enter finishes the name; it must not send the update (the dialog's default button)."""

    def keyPressEvent(self, event) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            event.accept()
