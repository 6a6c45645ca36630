"""Log an attempt to reach a contact: channel, outcome, vendor ticket, note.

Keyboard first: the outcome buttons carry Alt+1..4 and are one click each;
Ctrl+Enter logs with the outcome chosen (no answer unless changed); Esc cancels.
The dialog only collects values; the panel writes them through the service.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from warroom.domain.directory import Channel, Outcome

OUTCOME_LABELS = {
    Outcome.NO_ANSWER: "&1 No answer",
    Outcome.VOICEMAIL: "&2 Voicemail",
    Outcome.REACHED: "&3 Reached",
    Outcome.ACKNOWLEDGED: "&4 Acknowledged",
}


@dataclass(frozen=True)
class AttemptInput:
    channel: Channel
    outcome: Outcome
    ticket: str
    note: str


class LogAttemptDialog(QDialog):
    def __init__(self, status, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("logAttemptDialog")
        contact, vendor = status.contact, status.vendor
        self.setWindowTitle(f"Log attempt: {contact.name}")
        self.channel = QComboBox(self)
        self.channel.setObjectName("attemptChannel")
        for channel in Channel:
            self.channel.addItem(channel.value.capitalize(), channel)
        if not contact.phones and contact.email:
            self.channel.setCurrentIndex(self.channel.findData(Channel.EMAIL))
        self.outcomes = QButtonGroup(self)
        self.outcomes.setExclusive(True)
        row = QHBoxLayout()
        for outcome, label in OUTCOME_LABELS.items():
            button = QPushButton(label, self)
            button.setObjectName(f"outcome:{outcome.value}")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setToolTip(f"Log '{outcome.value}' now")
            self.outcomes.addButton(button)
            button.clicked.connect(lambda _=False, o=outcome: self._choose_and_accept(o))
            row.addWidget(button)
        self.chosen = Outcome.NO_ANSWER
        self._button(Outcome.NO_ANSWER).setChecked(True)
        self.ticket = QLineEdit(self)
        self.ticket.setObjectName("attemptTicket")
        self.ticket.setPlaceholderText("the vendor's ticket number, if they gave one")
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("attemptNote")
        self.note.setPlaceholderText("what was said, who answered, what they will do")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(70)
        heading = QLabel(f"<b>{_esc(contact.name)}</b> · {_esc(contact.role or 'no role')} · {_esc(vendor.name)}", self)
        heading.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Channel", self.channel)
        form.addRow("Outcome", row)
        form.addRow("&Ticket", self.ticket)
        form.addRow("&Note", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.log_button = buttons.addButton("Log  (Ctrl+Enter)", QDialogButtonBox.ButtonRole.AcceptRole)
        self.log_button.setObjectName("attemptLog")
        self.log_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.ticket.setFocus()

    def keyPressEvent(self, event) -> None:
        # Ctrl+Enter reaches here from any field: line and text edits leave it unhandled.
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return
        super().keyPressEvent(event)

    def values(self) -> AttemptInput:
        return AttemptInput(
            self.channel.currentData(), self.chosen, self.ticket.text().strip(), self.note.toPlainText().strip()
        )

    def choose(self, outcome: Outcome) -> None:
        """Pick an outcome without logging yet (Ctrl+Enter then logs it)."""
        self.chosen = outcome
        self._button(outcome).setChecked(True)

    def _choose_and_accept(self, outcome: Outcome) -> None:
        self.choose(outcome)
        self.accept()

    def _button(self, outcome: Outcome) -> QPushButton:
        return next(b for b in self.outcomes.buttons() if b.objectName() == f"outcome:{outcome.value}")


def _esc(text: str) -> str:
    import html

    return html.escape(text)
