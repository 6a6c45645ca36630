"""The selected contact: status in words, tel:/mailto: links with copy, and logging an attempt.

"No answer" logs the commonest attempt (a phone call nobody picked up) in one click;
"Log attempt…" opens the dialog for anything else.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from warroom.ui.directory.attempt_dialog import quick_label
from warroom.ui.directory.model import local_text, reach_colour, reachable_text
from warroom.ui.kit.contacts import own_channel
from warroom.ui.kit.theme import ink, paint

QUICK_TIP = "Log an attempt nobody answered, now, by the contact's own channel (one click)"
LOG_TIP = "Log a call, message or ticket with its outcome"
NO_INCIDENT_TIP = "Open an incident first: attempts are logged on the current incident's timeline"


def pretty_phone(e164: str) -> str:
    """'+46705551234' -> '+46 70 555 12 34' (as the country writes it)."""
    import phonenumbers  # imported on first use: it costs the window's start about 80 ms

    try:
        number = phonenumbers.parse(e164, None)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


def link_html(href: str, text: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(text)}</a>'


class ContactCard(QWidget):
    log_requested = Signal(object, bool)  # ContactStatus, quick (phone / no answer without a dialog)
    copied = Signal(str)  # what was put on the clipboard, for a short confirmation

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("contactCard")
        self.status = None
        self.can_log = False
        self.title = QLabel(self)
        self.title.setObjectName("contactTitle")
        self.title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self)
        paint(self.subtitle, "color: $muted;")
        self.subtitle.setWordWrap(True)
        self.state = QLabel(self)
        self.state.setObjectName("contactState")
        self.state.setWordWrap(True)
        self.links = QGridLayout()
        self.links.setHorizontalSpacing(8)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        paint(self.notes, "color: $strong; font-style: italic;")
        self.quick = QPushButton("☎ No answer", self)
        self.quick.setObjectName("quickNoAnswer")
        self.log = QPushButton("Log attempt…", self)
        self.log.setObjectName("logAttemptButton")
        self.quick.clicked.connect(lambda: self._request(True))
        self.log.clicked.connect(lambda: self._request(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.quick)
        buttons.addWidget(self.log)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        for widget in (self.title, self.subtitle, self.state):
            layout.addWidget(widget)
        layout.addLayout(self.links)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.show_contact(None)

    # -- what the panel calls ----------------------------------------------------------------
    def show_contact(self, status) -> None:
        """Show a ContactStatus, or the hint to pick someone."""
        self.status = status
        self._clear_links()
        if status is None:
            self.title.setText("No contact selected")
            self.subtitle.setText("Pick a contact in the list to see how to reach them.")
            for label in (self.state, self.notes):
                label.clear()
        else:
            self._fill(status)
        self.set_can_log(self.can_log)

    def set_can_log(self, allowed: bool) -> None:
        self.can_log = allowed
        enabled = allowed and self.status is not None
        if self.status is not None:
            self.quick.setText(quick_label(own_channel(self.status.contact)))
        for button, tip in ((self.quick, QUICK_TIP), (self.log, LOG_TIP)):
            button.setEnabled(enabled)
            button.setToolTip(tip if allowed else NO_INCIDENT_TIP)

    def open_link(self, href: str) -> None:
        QDesktopServices.openUrl(QUrl(href))

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)

    # -- drawing ------------------------------------------------------------------------------
    def _fill(self, s) -> None:
        c = s.contact
        self.title.setText(c.name)
        level = f" · escalation level {s.level}" if s.level else " · not on the escalation path"
        self.subtitle.setText(f"{c.role or 'No role given'} · {s.vendor.name}{level}")
        colour = reach_colour(s.reachable)
        self.state.setText(
            f'<span style="color:{colour}; font-weight:600;">● {html.escape(reachable_text(s))}</span>'
            f'<br><span style="color:{ink("muted")};">Local time {html.escape(local_text(s.local_time))}'
            f"{' · own hours ' + html.escape(c.hours) if c.hours else ''}</span>"
        )
        for phone in c.phones:
            self._add_link("Phone", f"tel:{phone}", pretty_phone(phone), phone)
        if c.email:
            self._add_link("Email", f"mailto:{c.email}", c.email, c.email)
        if not c.phones and not c.email:
            self._add_row("Reach", QLabel("No phone or email on file", self), None)
        self.notes.setText(c.notes)
        self.notes.setVisible(bool(c.notes))

    def _add_link(self, label: str, href: str, text: str, value: str) -> None:
        link = QLabel(link_html(href, text), self)
        link.setObjectName(f"link:{href}")
        link.setOpenExternalLinks(False)
        link.linkActivated.connect(self.open_link)
        link.setToolTip(f"Open {href}")
        copy = QToolButton(self)
        copy.setText("Copy")
        copy.setObjectName(f"copy:{value}")
        copy.setToolTip(f"Copy {value} to the clipboard")
        copy.clicked.connect(lambda: self.copy(value))
        self._add_row(label, link, copy)

    def _add_row(self, label: str, widget: QWidget, button: QWidget | None) -> None:
        row = self.links.rowCount()
        name = QLabel(label, self)
        paint(name, "color: $faint;")
        self.links.addWidget(name, row, 0)
        self.links.addWidget(widget, row, 1)
        if button is not None:
            self.links.addWidget(button, row, 2)

    def _clear_links(self) -> None:
        while self.links.count():
            item = self.links.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _request(self, quick: bool) -> None:
        if self.status is not None and self.can_log:
            self.log_requested.emit(self.status, quick)


def contact_menu(parent: QWidget, status, can_log: bool, log, copy) -> QMenu:
    """Right-click on a contact: log an attempt (dialog or one-click no answer), copy numbers."""
    menu = QMenu(parent)
    menu.addAction("Log attempt…", lambda: log(status, False)).setEnabled(can_log)
    menu.addAction("Phone: no answer", lambda: log(status, True)).setEnabled(can_log)
    menu.addSeparator()
    for phone in status.contact.phones:
        menu.addAction(f"Copy {phone}", lambda p=phone: copy(p))
    if status.contact.email:
        menu.addAction(f"Copy {status.contact.email}", lambda: copy(status.contact.email))
    return menu


def vendor_menu(parent: QWidget, vendor, has_incident: bool, save_evidence, show_clocks) -> QMenu:
    """Right-click on a vendor: its clock in this incident, and its evidence pack."""
    menu = QMenu(parent)
    menu.addAction("Vendor clock", show_clocks).setEnabled(has_incident)
    menu.addAction("Evidence pack…", lambda: save_evidence(vendor.id, vendor.name)).setEnabled(has_incident)
    return menu
