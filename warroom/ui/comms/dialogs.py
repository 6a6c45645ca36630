"""Small dialogs of the comms panel: snooze with a reason, and a channel's set-up."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from warroom.domain.comms import SECRET_FIELDS, Channel, ChannelKind, CommsAudience
from warroom.ui.kit.theme import paint

CONFIG_LABELS = {
    ChannelKind.STATUSPAGE: (("page_id", "Page id"), ("base_url", "API base URL")),
    ChannelKind.EMAIL: (
        ("smtp_host", "SMTP host"),
        ("smtp_port", "SMTP port"),
        ("security", "Security (starttls, tls, none)"),
        ("username", "SMTP user"),
        ("from_addr", "From"),
        ("to", "To (comma-separated)"),
    ),
}


class SnoozeDialog(QDialog):
    def __init__(self, audience: CommsAudience | None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("commsSnooze")
        self.setWindowTitle("Postpone the next update")
        self.audience = QComboBox(self)
        for aud in CommsAudience:
            self.audience.addItem(aud.label, aud.value)
        if audience is not None:
            self.audience.setCurrentIndex(list(CommsAudience).index(audience))
        self.minutes = QSpinBox(self, minimum=1, maximum=240, value=15, suffix=" min")
        self.reason = QLineEdit(self)
        self.reason.setObjectName("snoozeReason")
        self.reason.setAccessibleName("Why the update can wait")
        self.reason.setPlaceholderText("Why it can wait (goes on the record)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.error = QLabel(self)
        self.error.setObjectName("snoozeError")
        self.error.setWordWrap(True)
        paint(self.error, "color: $error;")
        self.error.hide()
        form = QFormLayout(self)
        form.addRow("&Audience", self.audience)
        form.addRow("&For", self.minutes)
        form.addRow("&Reason", self.reason)
        form.addRow(self.error)
        form.addRow(buttons)

    def accept(self) -> None:
        """Without a reason the snooze would be refused after the dialog closed, and the typing lost."""
        if not self.reason.text().strip():
            self.error.setText("Say why the update can wait: the reason goes on the record.")
            self.error.show()
            self.reason.setFocus()
            return
        super().accept()

    def values(self) -> tuple[CommsAudience, int, str]:
        return CommsAudience(self.audience.currentData()), self.minutes.value(), self.reason.text()


class ChannelDialog(QDialog):
    """A new channel, or an existing one edited (`channel`): its synced definition, and its secret
    for this laptop's keyring only (left empty when editing: the one in the keyring is kept)."""

    def __init__(self, parent=None, channel: Channel | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commsChannelDialog")
        self.channel = channel
        self.setWindowTitle(f"Edit {channel.name}" if channel else "Add a channel")
        self.setMinimumWidth(440)  # room for a URL, and for "unchanged" in an empty secret field
        self.name = QLineEdit(self)
        self.kind = QComboBox(self)
        for kind in ChannelKind:
            self.kind.addItem(kind.value, kind.value)
        self.audience = QComboBox(self)
        for aud in CommsAudience:
            self.audience.addItem(aud.label, aud.value)
        self.fields: dict[str, QLineEdit] = {}
        self.form = QFormLayout()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel("Secrets stay in this laptop's keyring; other laptops see “not set up on this laptop”.", self)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        head = QFormLayout()
        head.addRow("&Name", self.name)
        head.addRow("&Kind", self.kind)
        head.addRow("&Audience", self.audience)
        layout.addLayout(head)
        layout.addLayout(self.form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._rebuild())
        self._rebuild()
        if channel is not None:
            self._show(channel)

    def _show(self, channel: Channel) -> None:
        self.name.setText(channel.name)
        self.kind.setCurrentIndex(self.kind.findData(channel.kind.value))
        self.kind.setEnabled(False)  # its secrets are shaped by it: remove and add another instead
        self.kind.setToolTip("A channel's kind cannot change: remove it and add another.")
        self.audience.setCurrentIndex(self.audience.findData(channel.audience.value))
        for key, edit in self.fields.items():
            if key.startswith("secret:"):
                edit.setPlaceholderText("unchanged (kept in this laptop's keyring)")
                continue
            value = channel.config.get(key)
            edit.setText(", ".join(map(str, value)) if isinstance(value, list) else str(value or ""))

    def _rebuild(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        kind = ChannelKind(self.kind.currentData())
        for key, label in CONFIG_LABELS.get(kind, ()):
            self.fields[key] = QLineEdit(self)
            self.form.addRow(label, self.fields[key])
        for key in SECRET_FIELDS[kind]:
            edit = QLineEdit(self)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setObjectName(f"secret_{key}")
            self.fields["secret:" + key] = edit
            self.form.addRow(f"{key.replace('_', ' ').capitalize()} (secret)", edit)

    def values(self) -> tuple[str, ChannelKind, CommsAudience, dict, dict]:
        config: dict = {}
        secrets: dict[str, str] = {}
        for key, edit in self.fields.items():
            text = edit.text().strip()
            if key.startswith("secret:"):
                secrets[key[len("secret:") :]] = text
            elif key == "to":
                config["to"] = [a.strip() for a in text.split(",") if a.strip()]
            elif key == "smtp_port" and text:
                config[key] = int(text) if text.isdigit() else text
            elif text:
                config[key] = text
        if self.channel is not None:  # settings the dialog does not show (Statuspage components) stay
            kept = {k: v for k, v in self.channel.config.items() if k not in self.fields}
            config = kept | config
        return (
            self.name.text(),
            ChannelKind(self.kind.currentData()),
            CommsAudience(self.audience.currentData()),
            config,
            secrets,
        )


class SecretDialog(QDialog):
    """A synced channel's secret for this laptop's keyring: what 'not set up on this laptop' asks for."""

    def __init__(self, name: str, kind: ChannelKind, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("commsSecretDialog")
        self.setWindowTitle(f"Set up {name} on this laptop")
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key in SECRET_FIELDS[kind]:
            edit = QLineEdit(self)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setObjectName(f"secret_{key}")
            self.fields[key] = edit
            form.addRow(f"{key.replace('_', ' ').capitalize()} (secret)", edit)
        note = QLabel(f"Kept in this laptop's keyring only: {name} stays as it is on other laptops.", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.fields.items() if edit.text().strip()}
