"""The vendor's clock, live: each engaged vendor of the current incident against its SLA.

    pane = VendorClockPane(services, tasks, parent)
    pane.load(incident_id)          # re-read on the worker (attempts logged, entries, every minute)
    pane.evidence_requested         # (vendor id, vendor name): the "Evidence pack…" button

Per vendor, in the order first tried: first attempt, first reached, acknowledged, its ticket
numbers, when its part was restored, and the SLA sentence ("responded in 50 min: SLA 30 min
breached by 20 min"), red when breached. An unanswered vendor's clock keeps running, so the
panel reloads it every minute as well as when attempts or entries change.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from warroom.domain.vendor_clock import VendorClock
from warroom.ui.kit.theme import ink, paint
from warroom.ui.kit.time_display import TimeDisplay

NO_INCIDENT = "Open an incident to see how fast each vendor it called responded."
NOBODY_YET = "No vendor has been contacted in this incident yet: log an attempt and its clock starts."


def sla_tone(clock: VendorClock) -> str:
    """The ink of the SLA sentence: breached, running without an answer, or met."""
    if clock.breached:
        return "error"
    if clock.first_reached is None:
        return "warn"
    return "ok" if clock.breached is False else "muted"


def clock_lines(clock: VendorClock, display: TimeDisplay) -> list[tuple[str, str]]:
    """(label, value) rows for one vendor, instants in the viewer's zone."""

    def at(instant) -> str:
        return display.day_and_clock(instant) if instant is not None else ""

    return [
        ("First attempt", at(clock.first_attempt) or "none"),
        ("First reached", at(clock.first_reached) or "not yet"),
        ("Acknowledged", at(clock.acknowledged) or "not recorded"),
        ("Tickets", ", ".join(clock.tickets) or "none recorded"),
        ("Restored", at(clock.restored) or "not yet"),
    ]


class VendorClockCard(QFrame):
    """One vendor's clock, with its evidence button."""

    def __init__(self, clock: VendorClock, display: TimeDisplay, parent: QWidget) -> None:
        super().__init__(parent)
        self.clock = clock
        self.setObjectName(f"vendorClock:{clock.vendor_name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(f"<b>{html.escape(clock.vendor_name)}</b>", self)
        title.setWordWrap(True)
        self.evidence = QPushButton("Evidence pack…", self)
        self.evidence.setObjectName("vendorEvidence")
        self.evidence.setToolTip(f"Save {clock.vendor_name}'s attempts, tickets and SLA clock as PDF, Markdown or CSV")
        self.facts = QLabel(self._facts_html(display), self)
        self.facts.setObjectName("vendorClockFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sla = QLabel(f"{clock.summary} (counted in {clock.clock_text})", self)
        self.sla.setObjectName("vendorClockSla")
        self.sla.setWordWrap(True)
        paint(self.sla, f"color: ${sla_tone(clock)}; font-weight: 600;")
        head = QHBoxLayout()
        head.addWidget(title, 1)
        head.addWidget(self.evidence)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.sla)
        layout.addWidget(self.facts)

    def _facts_html(self, display: TimeDisplay) -> str:
        faint = ink("faint")
        rows = "".join(
            f'<tr><td style="color:{faint}; padding-right:8px">{html.escape(label)}</td>'
            f"<td>{html.escape(value)}</td></tr>"
            for label, value in clock_lines(self.clock, display)
        )
        return f"<table>{rows}</table>"


class VendorClockPane(QWidget):
    evidence_requested = Signal(str, str)  # vendor id, vendor name

    def __init__(self, services, tasks, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("vendorClockPane")
        self.services, self.tasks = services, tasks
        self.display = TimeDisplay(services.settings.zone)
        self.incident_id: str | None = None
        self.clocks: tuple[VendorClock, ...] = ()
        self.cards: list[VendorClockCard] = []
        self._serial = 0
        self._stale = False
        self.note = QLabel(NO_INCIDENT, self)
        self.note.setObjectName("vendorClockNote")
        self.note.setWordWrap(True)
        paint(self.note, "color: $muted;")
        self.body = QWidget(self)
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.note)
        layout.addWidget(scroll, 1)

    def set_time_display(self, display: TimeDisplay) -> None:
        self.display = display
        self._show(self.clocks)

    def load(self, incident_id: str | None) -> None:
        """Re-read the clocks of this incident on the worker; a newer load wins. Hidden, the pane
        only remembers to read when next shown: each timeline arrival would cost a read unseen."""
        self._serial += 1
        serial, self.incident_id = self._serial, incident_id
        self._stale = not self.isVisible()
        if self._stale and incident_id is not None:
            return
        if incident_id is None:
            self._show(())
            return
        directory = self.services.directory
        self.tasks.read(
            lambda: directory.vendor_clocks(incident_id),
            lambda clocks: self._loaded(serial, clocks),
            lambda message: self._failed(serial, message),
        )

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.load(self.incident_id)

    def _loaded(self, serial: int, clocks) -> None:
        if serial == self._serial:
            self._show(tuple(clocks))

    def _failed(self, serial: int, message: str) -> None:
        if serial == self._serial:
            self.note.setText(message)

    def _show(self, clocks: tuple[VendorClock, ...]) -> None:
        self.clocks = clocks
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        for clock in clocks:
            card = VendorClockCard(clock, self.display, self.body)
            card.evidence.clicked.connect(
                lambda _=False, c=clock: self.evidence_requested.emit(c.vendor_id, c.vendor_name)
            )
            self.rows.insertWidget(len(self.cards), card)
            self.cards.append(card)
        self.note.setText(NO_INCIDENT if self.incident_id is None else "" if clocks else NOBODY_YET)
        self.note.setVisible(not clocks)

    def card(self, vendor_name: str) -> VendorClockCard | None:
        return next((c for c in self.cards if c.clock.vendor_name == vendor_name), None)
