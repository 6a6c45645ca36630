"""The header's countdown to the next status update due, and the overdue warning."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QToolButton

from warroom.domain.clock import as_utc, utc_now
from warroom.domain.comms_cadence import Due

OVERDUE_CSS = "QToolButton { color: white; background: #c62828; font-weight: 600; padding: 2px 8px; }"
NORMAL_CSS = "QToolButton { font-weight: 600; padding: 2px 8px; }"


def clock_text(seconds: float) -> str:
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class NextUpdateButton(QToolButton):
    """'✉ in 12:34' (the audience in the tooltip); when overdue, red and `overdue(dues)` once per
    due time, with every audience that fell due since the last tick (one warning, not one each)."""

    compose_requested = Signal(object)  # the audience to write to
    overdue = Signal(object)  # list[Due]: those that have just passed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("nextUpdateButton")
        self.setToolTip("Write the next status update (Ctrl+Shift+M)")
        self.dues: list[Due] = []
        self._warned: set[tuple] = set()
        self.clicked.connect(self._compose)
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.set_dues([])

    def set_dues(self, dues: list[Due]) -> None:
        self.dues = sorted(dues, key=lambda d: d.due_at)
        self.tick()

    def soonest(self) -> Due | None:
        return self.dues[0] if self.dues else None

    def tick(self, now: datetime | None = None) -> None:
        now = as_utc(now) if now else utc_now()
        due = self.soonest()
        if due is None:
            self.setText("✉ Update")
            self._style(NORMAL_CSS)
            return
        left = (due.due_at - now).total_seconds()
        label = due.audience.label
        if left >= 0:
            self.setText(f"✉ in {clock_text(left)}")
            self._tip(f"The next {due.audience.value} update is due in {clock_text(left)}: click to write it")
            self._style(NORMAL_CSS)
            return
        self.setText(f"⚠ {label} late {clock_text(left)}")
        self._tip(f"The {due.audience.value} update is overdue by {clock_text(left)}: click to write it")
        self._style(OVERDUE_CSS)
        late = [d for d in self.dues if d.due_at < now and (d.audience, d.due_at) not in self._warned]
        if late:
            self._warned.update((d.audience, d.due_at) for d in late)
            self.overdue.emit(late)

    def _tip(self, text: str) -> None:
        self.setToolTip(f"{text} (Ctrl+Shift+M)")

    def _style(self, css: str) -> None:
        if self.styleSheet() != css:
            self.setStyleSheet(css)

    def _compose(self) -> None:
        due = self.soonest()
        self.compose_requested.emit(due.audience if due else None)
