"""The delivery state of each status update's timeline row, kept live off the GUI thread.

A communication entry written for a status update shows, under its text, where the update
went and how it fared ("ops-slack: sent 10:42 · status: queued"). The states are read on the
read pool when the incident opens and again after commits that touch updates or deliveries
(a drain commits twice per delivery: the reads coalesce to at most one per `COALESCE_MS`).
Only communication rows pay: other rows ask a dictionary that is empty or misses.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from warroom.domain.comms import Delivery
from warroom.domain.comms_report import delivery_line, delivery_tone
from warroom.services.comms import CommsService
from warroom.ui.kit.changes import Changed, ChangeNote
from warroom.ui.kit.time_display import TimeDisplay

STATE_CHANGES = Changed.COMMS | Changed.DELIVERIES
COALESCE_MS = 500  # as the Communications panel: a drain of 200 deliveries stays smooth

States = dict[str, tuple[Delivery, ...]]


class DeliveryStates(QObject):
    changed = Signal(object)  # the set of entry ids whose line changed

    def __init__(self, services, tasks, display: TimeDisplay, parent=None) -> None:
        super().__init__(parent)
        self._comms = CommsService(services.ctx)
        self._tasks, self._display = tasks, display
        self._incident_id: str | None = None
        self._states: States = {}
        self._lines: dict[str, tuple[str, str, str]] = {}  # entry id -> (line, line without reasons, tone)
        self._busy = self._again = False
        self._timer = QTimer(self, singleShot=True, interval=COALESCE_MS)
        self._timer.timeout.connect(self.reload)

    def line(self, entry_id: str) -> tuple[str, str, str] | None:
        """(text, shorter text, tone) for the row of this entry, or None: not a status update's entry."""
        return self._lines.get(entry_id) if self._lines else None

    def set_incident(self, incident_id: str | None) -> None:
        if incident_id == self._incident_id:
            return
        self._incident_id = incident_id
        self._apply({}, emit=False)
        self.reload()

    def set_time_display(self, display: TimeDisplay) -> None:
        self._display = display
        states, self._states = self._states, {}
        self._apply(states)  # every line again: sent-at times read in the new zone

    def on_store_changed(self, note: ChangeNote) -> None:
        if note.touches(STATE_CHANGES) and self._incident_id is not None and not self._timer.isActive():
            self._timer.start()

    def reload(self) -> None:
        incident_id = self._incident_id
        if incident_id is None:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        comms = self._comms
        self._tasks.read(lambda: (incident_id, comms.delivery_states(incident_id)), self._arrived, self._failed)

    def _arrived(self, result: tuple[str, States]) -> None:
        self._busy = False
        incident_id, states = result
        if incident_id == self._incident_id:
            self._apply(states)
        if self._again or incident_id != self._incident_id:
            self._again = False
            self._timer.start()

    def _failed(self, _message: str) -> None:
        self._busy = False  # the next change tries again; the timeline itself says what is wrong

    def _apply(self, states: States, *, emit: bool = True) -> None:
        """Work out lines only for updates whose deliveries changed: during a drain, one or two."""
        clock, before, lines = self._display.clock, self._states, {}
        moved = set(self._lines.keys() - states.keys())
        for entry_id, found in states.items():
            if before.get(entry_id) == found and entry_id in self._lines:
                lines[entry_id] = self._lines[entry_id]
                continue
            lines[entry_id] = (
                delivery_line(found, clock),
                delivery_line(found, clock, reasons=False),
                delivery_tone(found),
            )
            if lines[entry_id] != self._lines.get(entry_id):
                moved.add(entry_id)
        self._states, self._lines = states, lines
        if moved and emit:
            self.changed.emit(moved)
