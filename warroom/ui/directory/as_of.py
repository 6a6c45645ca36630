"""Plan ahead: ask the directory about another instant than now.

    bar = AsOfBar(display)           # Now · +1 h · +1 d · a date and time in the commander's zone
    AsOfBar(display, showing="coverage from")   # the banner's words for another view (the coverage grid)
    bar.changed.connect(...)         # the instant (UTC) asked about, or None for "now"

While not showing now, a banner says so in words nobody can miss; Now (or Esc in the time
field) goes back. Typed times are in the zone of the time display (the commander's zone).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from warroom.domain.clock import utc_now
from warroom.domain.errors import WarroomError
from warroom.ui.kit.theme import paint
from warroom.ui.kit.time_display import TimeDisplay
from warroom.ui.kit.zoned_edit import ZonedDateTimeEdit

BANNER_CSS = (
    "QLabel { background: $asof_bg; color: $asof_text; border-radius: 4px; padding: 4px 8px; font-weight: 600; }"
)


class AsOfBar(QWidget):
    changed = Signal(object)  # datetime (UTC) or None: now

    def __init__(
        self, display: TimeDisplay, parent: QWidget | None = None, *, showing: str = "who is reachable at"
    ) -> None:
        super().__init__(parent)
        self.setObjectName("asOfBar")
        self.display = display
        self._showing = showing
        self.at: datetime | None = None
        label = QLabel("As of", self)
        self.now_button = self._button("Now", "Who is reachable now", lambda: self.set_at(None))
        self.hour_button = self._button("+1 h", "An hour later than shown", lambda: self.step(timedelta(hours=1)))
        self.day_button = self._button("+1 d", "A day later than shown", lambda: self.step(timedelta(days=1)))
        self.when = ZonedDateTimeEdit(utc_now(), display.zone, self)
        self.when.setObjectName("asOfTime")
        self.when.setAccessibleName("As of date and time")
        self.when.setToolTip("Type a date and time (in the zone shown) and press Enter")
        self.when.editingFinished.connect(self._typed)
        self.when.installEventFilter(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("asOfBanner")
        self.banner.setWordWrap(True)
        paint(self.banner, BANNER_CSS)
        self.banner.hide()
        self.error = QLabel(self)
        paint(self.error, "color: $error;")
        self.error.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(label)
        row.addWidget(self.when, 1)
        for button in (self.now_button, self.hour_button, self.day_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        layout.addWidget(self.error)

    def _button(self, text: str, tip: str, slot) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc in the time field goes back to now (the field would otherwise swallow it)."""
        escape = isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape
        if escape and event.type() == QEvent.Type.KeyPress and self.at is not None:
            self.set_at(None)
            return True
        return super().eventFilter(watched, event)

    def set_display(self, display: TimeDisplay) -> None:
        self.display = display
        self.when.set_zone(display.zone)
        self.when.set_instant(self.at or utc_now())
        self._show_banner()

    def instant(self) -> datetime | None:
        return self.at

    def step(self, by: timedelta) -> None:
        self.set_at((self.at or utc_now()) + by)

    def set_at(self, at: datetime | None) -> None:
        self.error.hide()
        self.at = at
        self.when.blockSignals(True)
        self.when.set_instant(at or utc_now())
        self.when.blockSignals(False)
        self._show_banner()
        self.changed.emit(at)

    def _typed(self) -> None:
        try:
            at = self.when.instant()
        except WarroomError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        if self.at is None and abs((at - utc_now()).total_seconds()) < 60:
            return  # the field still shows now: nothing was asked
        self.set_at(at)

    def _show_banner(self) -> None:
        if self.at is None:
            self.banner.hide()
            return
        self.banner.setText(f"Not now: showing {self._showing} {self.display.full(self.at)}. Now (or Esc) goes back.")
        self.banner.show()
