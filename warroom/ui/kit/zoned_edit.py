"""A date-time editor that shows wall-clock time in a named zone and returns a UTC instant."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import QDateTimeEdit

from warroom.domain.clock import as_utc
from warroom.domain.errors import ValidationError
from warroom.domain.wall_time import wall_instants
from warroom.ui.kit.time_display import zone_info

FORMAT = "yyyy-MM-dd HH:mm:ss"


class ZonedDateTimeEdit(QDateTimeEdit):
    def __init__(self, instant: datetime, zone: str, parent=None) -> None:
        super().__init__(parent)
        # The editor holds naive wall time; UTC here only stops Qt applying the machine's DST.
        self.setTimeZone(QTimeZone.utc())
        self.setDisplayFormat(FORMAT)
        self.setCalendarPopup(True)
        self._zone = zone
        self.set_instant(instant)

    @property
    def zone(self) -> str:
        return self._zone

    def set_zone(self, zone: str) -> None:
        """Keep the same wall-clock reading, now meant in another zone (as a user expects)."""
        self._zone = zone

    def set_instant(self, instant: datetime) -> None:
        wall = as_utc(instant).astimezone(zone_info(self._zone))
        qdt = QDateTime(
            QDate(wall.year, wall.month, wall.day), QTime(wall.hour, wall.minute, wall.second), QTimeZone.utc()
        )
        self.setDateTime(qdt)

    def wall_time(self) -> datetime:
        qdt = self.dateTime()
        return datetime.combine(qdt.date().toPython(), qdt.time().toPython())

    def instant(self) -> datetime:
        """The UTC instant the shown wall time means; the earlier one when clocks went back."""
        naive = self.wall_time()
        instants = wall_instants(naive, zone_info(self._zone))
        if not instants:
            raise ValidationError(
                f"Time: {naive:%Y-%m-%d %H:%M} does not exist in {self._zone} "
                "(the clocks jumped forward); pick a time as the clocks showed it."
            )
        return instants[0]
