"""Log an attempt to reach a contact: channel, outcome, vendor ticket, note.

Keyboard first: the outcome buttons carry Alt+1..4 and are one click each;
Ctrl+Enter logs with the outcome chosen (no answer unless changed); Esc cancels.
The dialog only collects values; the panel writes them through the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

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

from warroom.domain.clock import utc_now
from warroom.domain.directory import Channel, Outcome
from warroom.domain.errors import WarroomError
from warroom.ui.kit.contacts import own_channel
from warroom.ui.kit.theme import paint
from warroom.ui.kit.zoned_edit import ZonedDateTimeEdit

OUTCOME_LABELS = {
    Outcome.NO_ANSWER: "&1 No answer",
    Outcome.VOICEMAIL: "&2 Voicemail",
    Outcome.TICKET_FILED: "&3 Ticket filed",
    Outcome.REACHED: "&4 Reached",
    Outcome.ACKNOWLEDGED: "&5 Acknowledged",
}


CHANNEL_GLYPHS = {Channel.PHONE: "☎", Channel.EMAIL: "✉", Channel.PORTAL: "⎙"}
BACK_DATED_AFTER = timedelta(minutes=1)  # a "when" moved less than this from opening means now


def quick_label(channel: Channel) -> str:
    """The one-click button says which channel it records."""
    return f"{CHANNEL_GLYPHS.get(channel, '')} No answer ({channel.value})".strip()


@dataclass(frozen=True)
class AttemptInput:
    channel: Channel
    outcome: Outcome
    ticket: str
    note: str
    at: datetime | None = None  # back-dated; None: now


class LogAttemptDialog(QDialog):
    def __init__(self, status, parent=None, zone: str = "UTC") -> None:
        super().__init__(parent)
        self.setObjectName("logAttemptDialog")
        contact, vendor = status.contact, status.vendor
        self.setWindowTitle(f"Log attempt: {contact.name}")
        self.channel = QComboBox(self)
        self.channel.setObjectName("attemptChannel")
        for channel in Channel:
            self.channel.addItem(channel.value.capitalize(), channel)
        self.channel.setCurrentIndex(self.channel.findData(own_channel(contact)))
        self.opened_at = utc_now()
        self.when = ZonedDateTimeEdit(self.opened_at, zone, self)
        self.when.setObjectName("attemptWhen")
        self.when.setAccessibleName("When the attempt was made")
        self.when.setToolTip("Back-date the attempt if it was made earlier (in the zone shown)")
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        paint(self.error, "color: $error;")
        self.error.hide()
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
        form.addRow(f"&When ({self.when.zone})", self.when)
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
        layout.addWidget(self.error)
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
            self.channel.currentData(),
            self.chosen,
            self.ticket.text().strip(),
            self.note.toPlainText().strip(),
            self._when(),
        )

    def _when(self) -> datetime | None:
        try:
            at = self.when.instant()
        except WarroomError:
            return None
        return at if abs(at - self.opened_at) >= BACK_DATED_AFTER else None

    def accept(self) -> None:
        try:
            self.when.instant()
        except WarroomError as exc:  # a wall time the clocks skipped
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()

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
