"""The timeline entry box: type, Enter, keep typing. Errors inline, nothing typed is lost."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from warroom.domain.clock import utc_now
from warroom.domain.errors import WarroomError
from warroom.domain.incident import Incident
from warroom.domain.timeline import EntryKind
from warroom.domain.typed_entry import PLACEHOLDER_HELP, parse_entry
from warroom.ui.kit.contacts import own_channel
from warroom.ui.kit.theme import paint
from warroom.ui.timeline.contact_link import ContactLink, link_contact, whom_to_call

MAX_ENTRY_CHARS = 16_000_000  # QLineEdit's default cap (32,767) would cut a pasted log short
NO_INCIDENT_HINT = "Open an incident first: Ctrl+N opens one, Ctrl+K switches."


class _RecallLineEdit(QLineEdit):
    """Up and Down walk back through what was recorded in this session."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.recorded: list[str] = []
        self._cursor = 0

    def remember(self, text: str) -> None:
        self.recorded.append(text)
        self._cursor = len(self.recorded)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Up and self.recorded and (not self.text() or self._browsing()):
            self._cursor = max(0, self._cursor - 1)
            self.setText(self.recorded[self._cursor])
            return
        if event.key() == Qt.Key.Key_Down and self._browsing():
            self._cursor += 1
            self.setText(self.recorded[self._cursor] if self._cursor < len(self.recorded) else "")
            return
        super().keyPressEvent(event)

    def _browsing(self) -> bool:
        return self._cursor < len(self.recorded) and self.text() == self.recorded[self._cursor]


class EntryBox(QWidget):
    recorded = Signal(object)  # the Entry just written

    def __init__(self, services, tasks, parent=None) -> None:
        super().__init__(parent)
        self._services, self._tasks = services, tasks
        self._incident: Incident | None = None
        self.line = _RecallLineEdit(self)
        self.line.setObjectName("entryLine")
        self.line.setAccessibleName("New timeline entry")
        self.line.setMaxLength(MAX_ENTRY_CHARS)
        self.line.setClearButtonEnabled(True)
        self.line.setMinimumHeight(34)
        self.line.returnPressed.connect(self.submit)
        self.line.textEdited.connect(self._maybe_load_contacts)
        self._contacts: list = []  # contacts and vendors a '~' may name
        self._vendor_contacts: dict[str, list] = {}  # vendor id -> its contacts, in directory order
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self.line)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.line.setCompleter(completer)  # '~Pa' offers '~Paweł Wiśniewski'
        self.message = QLabel(self)
        self.message.setObjectName("entryMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.line)
        layout.addWidget(self.message)
        self.set_incident(None)

    def set_incident(self, incident: Incident | None) -> None:
        self._incident = incident
        self.line.setEnabled(incident is not None)
        self.line.setPlaceholderText(PLACEHOLDER_HELP if incident else NO_INCIDENT_HINT)
        self.clear_message()
        if incident is not None:
            self.load_contacts()

    def focus_entry(self) -> None:
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def submit(self) -> None:
        """Check what was typed here (instant feedback), then record it on the write worker."""
        incident, typed = self._incident, self.line.text()
        if incident is None:
            self.show_error(NO_INCIDENT_HINT)
            return
        try:
            parsed = parse_entry(typed, utc_now(), self._services.settings.zone)
            link = link_contact(parsed.text, self._contacts) if parsed.kind is EntryKind.CONTACT else None
        except WarroomError as exc:
            self.show_error(str(exc))  # the text stays in the box to be fixed
            return
        if link is not None:
            self._record_attempt(incident, typed, link, parsed.occurred_at if parsed.backdated else None)
            return
        self.line.remember(typed)
        self.line.clear()
        self.clear_message()
        timeline = self._services.timeline
        self._tasks.write(
            lambda: timeline.add_typed(incident.id, typed),
            lambda added: self._on_recorded(incident, added),
            lambda message: self._on_failed(typed, message),
        )

    def _record_attempt(self, incident: Incident, typed: str, link: ContactLink, at) -> None:
        """A '~Name …' entry: a contact attempt, which is also its timeline entry."""
        self.line.remember(typed)
        self.line.clear()
        self.clear_message()
        directory, timeline = self._services.directory, self._services.timeline
        first_contacts = self._vendor_contacts

        def write():
            contact = whom_to_call(directory, link, first_contacts, at)
            channel = own_channel(contact)
            attempt = directory.log_attempt(
                incident.id, contact.id, channel, link.outcome, ticket=link.ticket, note=link.note, at=at
            )
            return contact, channel, timeline.get(attempt.entry_id)

        def done(result) -> None:
            contact, channel, entry = result
            self._show(f"Attempt logged: {contact.name}, {channel.value}, {link.outcome.value}", "neutral", "")
            self.recorded.emit(entry)

        self._tasks.write(write, done, lambda message: self._on_failed(typed, message))

    def _maybe_load_contacts(self, text: str) -> None:
        if text.startswith("~") and not self._contacts:
            self.load_contacts()

    def load_contacts(self) -> None:
        """The directory's vendors and contacts, for '~' completion and linking (read off the GUI thread)."""
        directory = self._services.directory
        self._tasks.read(directory.overview, self._on_contacts)

    def _on_contacts(self, overview) -> None:
        self._vendor_contacts = {v.vendor.id: [c.contact for c in v.contacts] for v in overview}
        self._contacts = [c.contact for v in overview for c in v.contacts] + [v.vendor for v in overview]
        self._names.setStringList(sorted({f"~{c.name} " for c in self._contacts}))

    def _on_recorded(self, incident: Incident, added) -> None:
        if added.warning:
            self.show_warning(added.warning)  # the service's sentence, as is
        self.recorded.emit(added.entry)

    def _on_failed(self, typed: str, message: str) -> None:
        if not self.line.text():
            self.line.setText(typed)  # give back what was typed so it can be retried
        self.show_error(message)

    def show_error(self, message: str) -> None:
        self._show(message, "error", "error")

    def show_warning(self, message: str) -> None:
        self._show(message, "warn", "warning")

    def clear_message(self) -> None:
        self._show("", "neutral", "")

    def _show(self, message: str, ink_role: str, tone: str) -> None:
        self.message.setText(message)
        self.message.setProperty("tone", tone)
        paint(self.message, f"color: ${ink_role};")
        self.message.setVisible(bool(message))
