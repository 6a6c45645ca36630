"""The status bar: where the store is, the sync state, refused changes, and a UTC plus local clock."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar, QToolButton

from warroom.domain.clock import as_utc, utc_now
from warroom.ui.kit.style import tone_colour
from warroom.ui.kit.theme import paint
from warroom.ui.kit.time_display import short_zone, zone_info

MESSAGE_MS = 8000


class WarroomStatusBar(QStatusBar):
    problems_clicked = Signal()  # the refused-changes count was clicked: show "Sync problems"

    def __init__(self, location: str, zone: str, parent=None) -> None:
        super().__init__(parent)
        self._zone = zone
        self.location = QLabel(f"Store: {location}", self)
        self.location.setObjectName("storeLocation")
        self.location.setToolTip(location)
        paint(self.location, "color: $muted; padding: 0 6px;")
        self.location.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.sync = QLabel(self)
        self.sync.setObjectName("syncState")
        self.clock = QLabel(self)
        self.clock.setObjectName("clock")
        self.clock.setStyleSheet("font-family: monospace; padding: 0 6px;")
        self.problems = QToolButton(self)
        self.problems.setObjectName("syncProblems")
        self.problems.setAutoRaise(True)
        self.problems.setToolTip("Changes from the hub this laptop refused: click to see why")
        self.problems.clicked.connect(self.problems_clicked)
        self.problems.hide()
        self.addWidget(self.location, 1)
        self.addPermanentWidget(self.problems)
        self.addPermanentWidget(self.sync)
        self.addPermanentWidget(self.clock)
        self.set_sync_state("Local store only", "neutral")
        self.tick()

    def set_sync_state(self, text: str, tone: str = "neutral") -> None:
        """tone: 'ok', 'warn', 'error' or 'neutral'."""
        colour = tone_colour(tone)
        self.sync.setText(f"● {text}")
        self.sync.setStyleSheet(f"color: {colour}; padding: 0 8px;")
        self.sync.setProperty("tone", tone)

    def set_sync_problems(self, count: int) -> None:
        """Show how many changes from the hub were refused; hidden when none were."""
        if count <= 0:
            self.problems.hide()
            return
        noun = "change" if count == 1 else "changes"
        verb = "was" if count == 1 else "were"
        self.problems.setText(f"⚠ {count} {noun} from the hub {verb} refused")
        self.problems.setStyleSheet(f"color: {tone_colour('warn')};")
        self.problems.show()

    def set_zone(self, zone: str) -> None:
        self._zone = zone
        self.tick()

    def tick(self, now: datetime | None = None) -> None:
        now = as_utc(now) if now else utc_now()
        local = now.astimezone(zone_info(self._zone))
        self.clock.setText(f"UTC {now:%H:%M:%S}   {short_zone(self._zone)} {local:%H:%M:%S}")
        self.clock.setToolTip(f"{now:%A %d %B %Y} UTC · {local:%A %d %B %Y} {self._zone}")

    def show_error(self, message: str) -> None:
        self.showMessage(f"⚠ {message}", MESSAGE_MS * 2)
