"""How instants are shown: the viewer's zone, UTC, or the incident's zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from warroom.domain.clock import as_utc


@dataclass(frozen=True)
class TimeDisplay:
    """The zone times are shown in, and what to call it in headers and tooltips."""

    zone: str = "UTC"
    with_year: bool = False  # dates say their year: the incident is not from this year, or spans years

    @property
    def tz(self) -> ZoneInfo:
        return zone_info(self.zone)

    @property
    def is_utc(self) -> bool:
        return self.zone in ("UTC", "Etc/UTC")

    def local(self, instant: datetime) -> datetime:
        return as_utc(instant).astimezone(self.tz)

    def day(self, instant: datetime) -> date:
        return self.local(instant).date()

    def clock(self, instant: datetime, seconds: bool = False) -> str:
        return self.local(instant).strftime("%H:%M:%S" if seconds else "%H:%M")

    def day_and_clock(self, instant: datetime) -> str:
        return self.local(instant).strftime("%a %d %b %Y %H:%M" if self.with_year else "%a %d %b %H:%M")

    def full(self, instant: datetime) -> str:
        """'2025-12-24 14:15:02 CET (Europe/Stockholm)'."""
        local = self.local(instant)
        return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname()} ({self.zone})"


def zone_info(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def utc_tooltip(instant: datetime) -> str:
    return f"{as_utc(instant):%Y-%m-%d %H:%M:%S} UTC"


def short_zone(name: str) -> str:
    """'Europe/Stockholm' -> 'Stockholm', 'America/Argentina/Buenos_Aires' -> 'Buenos Aires'."""
    return name.rsplit("/", 1)[-1].replace("_", " ")


def needs_year(first: datetime, last: datetime, now: datetime) -> bool:
    """Show years when the span is not wholly inside the current year (in UTC: a day either side is moot)."""
    return not (as_utc(first).year == as_utc(last).year == as_utc(now).year)
