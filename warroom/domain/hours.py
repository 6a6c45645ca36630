"""Weekly support hours: parse "Mon-Fri 08:00-17:00; Sat 10:00-14:00" or "24/7".

A spec is one or more parts separated by ';' or ','. Each part is a day or a
day range ("Sat", "Mon-Fri", "Fri-Mon" wraps) and a time range HH:MM-HH:MM.
"24:00" is allowed as an end. An end at or before the start crosses midnight:
"Mon-Fri 22:00-06:00" is the shift that starts Friday 22:00 and ends Saturday
06:00.

Hours are wall-clock times in a zone. A shift covers every instant from its
start to its end as the person on it lives them: on a fall-back night the
repeated hour is worked (22:00-06:00 lasts 9 hours), on a spring-forward night
it is not (7 hours); a start that falls in the skipped hour begins when the
clocks jump.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from warroom.domain.errors import ValidationError

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FULL_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MINUTES_PER_DAY = 24 * 60
_EXAMPLE = "write e.g. Mon-Fri 08:00-17:00 or 24/7"
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_PART = re.compile(r"^(?P<days>\S+)\s+(?P<start>\S+?)\s*[-\u2013]\s*(?P<end>\S+)$")
_ALWAYS = {"24/7", "24x7", "always"}

Interval = tuple[datetime, datetime]


@dataclass(frozen=True)
class HoursPart:
    """One part of a spec: days[0]..days[-1] (Mon=0), start/end in minutes after midnight."""

    first_day: int
    last_day: int
    start_min: int
    end_min: int  # 1..1440; at or before start_min means the shift ends the next day

    @property
    def days(self) -> tuple[int, ...]:
        count = (self.last_day - self.first_day) % 7 + 1
        return tuple((self.first_day + i) % 7 for i in range(count))

    @property
    def length_min(self) -> int:
        length = self.end_min - self.start_min
        return length if length > 0 else length + _MINUTES_PER_DAY

    def describe(self) -> str:
        days = DAY_NAMES[self.first_day]
        if self.last_day != self.first_day:
            days += "-" + DAY_NAMES[self.last_day]
        return f"{days} {_hhmm(self.start_min)}-{_hhmm(self.end_min)}"


@dataclass(frozen=True)
class WeeklyHours:
    """Parsed support hours; `always` is true for 24/7."""

    parts: tuple[HoursPart, ...]
    always: bool = False

    def describe(self) -> str:
        if self.always:
            return "24/7"
        return "; ".join(part.describe() for part in self.parts)

    def __str__(self) -> str:
        return self.describe()

    def intervals_on(self, day: date, zone: tzinfo) -> tuple[Interval, ...]:
        """The UTC intervals of local date `day` in `zone` that fall in these hours."""
        return _intervals_on(self, day, zone)

    def contains(self, local_dt: datetime) -> bool:
        """Whether the instant is in hours, read in its own zone (a naive value is UTC)."""
        if self.always:
            return True
        zone = local_dt.tzinfo or UTC
        instant = local_dt.replace(tzinfo=zone)
        day = instant.date()
        return any(start <= instant < end for start, end in self.intervals_on(day, zone))

    def next_start(self, local_dt: datetime) -> datetime:
        """The earliest instant at or after `local_dt` that is in hours, in the same zone."""
        zone = local_dt.tzinfo or UTC
        instant = local_dt.replace(tzinfo=zone)
        if self.always:
            return instant
        day = instant.date()
        for offset in range(9):  # a week plus slack for overnight shifts and DST
            for start, end in self.intervals_on(day + timedelta(days=offset), zone):
                if end > instant:
                    return max(start, instant).astimezone(zone)
        raise AssertionError(f"hours {self.describe()!r} never start")  # parts are never empty


def parse_hours(text: str) -> WeeklyHours:
    """Parse a spec; ValidationError names the part that is wrong."""
    return _parse_cached(" ".join((text or "").split()))


ALWAYS = WeeklyHours(parts=(HoursPart(0, 6, 0, _MINUTES_PER_DAY),), always=True)


@lru_cache(maxsize=1024)
def _parse_cached(text: str) -> WeeklyHours:
    if not text:
        raise ValidationError(f"The hours are empty ({_EXAMPLE}).")
    if text.lower() in _ALWAYS:
        return ALWAYS
    pieces = [piece.strip() for piece in re.split(r"[;,]", text)]
    if any(not piece for piece in pieces):
        raise ValidationError(f"{text!r} has an empty part between separators ({_EXAMPLE}).")
    parts = tuple(_parse_part(piece) for piece in pieces)
    return WeeklyHours(parts=parts)


def _parse_part(piece: str) -> HoursPart:
    if piece.lower() in _ALWAYS:
        raise ValidationError(f"'24/7' cannot be combined with other hours in {piece!r}.")
    match = _PART.match(piece)
    if not match:
        raise ValidationError(f"{piece!r} is missing its days or its time range ({_EXAMPLE}).")
    first_day, last_day = _parse_days(match["days"])
    start = _parse_time(match["start"], allow_24=False)
    end = _parse_time(match["end"], allow_24=True)
    if start == end:
        raise ValidationError(f"{piece!r} starts and ends at the same time (for a whole day write 00:00-24:00).")
    return HoursPart(first_day, last_day, start, end)


def _parse_days(text: str) -> tuple[int, int]:
    names = re.split(r"[-\u2013]", text)
    if len(names) > 2 or not all(names):
        raise ValidationError(f"{text!r} is not a day or a day range (write e.g. Mon-Fri or Sat).")
    days = [_parse_day(name) for name in names]
    return days[0], days[-1]


def _parse_day(name: str) -> int:
    key = name.strip().lower()
    for index, full in enumerate(_FULL_NAMES):
        if key == full[:3] or (len(key) > 3 and full.startswith(key)):
            return index
    raise ValidationError(f"{name!r} is not a day (use Mon, Tue, Wed, Thu, Fri, Sat or Sun).")


def _parse_time(text: str, *, allow_24: bool) -> int:
    match = _TIME.match(text)
    hour, minute = (int(match[1]), int(match[2])) if match else (99, 99)
    minutes = hour * 60 + minute
    valid = minute < 60 and (hour < 24 or (allow_24 and minutes == _MINUTES_PER_DAY))
    if not valid:
        hint = "24:00 only as an end" if text.startswith("24") and not allow_24 else "use HH:MM, 00:00-24:00"
        raise ValidationError(f"{text!r} is not a time of day ({hint}).")
    return minutes


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@lru_cache(maxsize=65536)
def _intervals_on(hours: WeeklyHours, day: date, zone: tzinfo) -> tuple[Interval, ...]:
    day_start = wall_to_utc(datetime.combine(day, time()), zone, later=False)
    day_end = wall_to_utc(datetime.combine(day + timedelta(days=1), time()), zone, later=False)
    if hours.always:
        return ((day_start, day_end),)
    pieces: list[Interval] = []
    for shift_day in (day - timedelta(days=1), day):
        for start, end in _shifts_starting(hours, shift_day, zone):
            start, end = max(start, day_start), min(end, day_end)
            if start < end:
                pieces.append((start, end))
    return merge_intervals(pieces)


def _shifts_starting(hours: WeeklyHours, day: date, zone: tzinfo) -> list[Interval]:
    midnight = datetime.combine(day, time())
    shifts = []
    for part in hours.parts:
        if day.weekday() in part.days:
            start_wall = midnight + timedelta(minutes=part.start_min)
            end_wall = start_wall + timedelta(minutes=part.length_min)
            shifts.append((wall_to_utc(start_wall, zone, later=False), wall_to_utc(end_wall, zone, later=True)))
    return shifts


def merge_intervals(pieces: list[Interval]) -> tuple[Interval, ...]:
    """Sort and join overlapping or touching intervals."""
    merged: list[Interval] = []
    for start, end in sorted(pieces):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def wall_to_utc(wall: datetime, zone: tzinfo, *, later: bool) -> datetime:
    """The UTC instant of a naive wall time in `zone`.

    A wall time in a skipped hour maps to the instant the clocks jump; one in a
    repeated hour maps to its first occurrence, or its second when `later`.
    """
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    second = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    if first == second:
        return first
    if first < second:  # repeated hour
        return second if later else first
    return _transition_between(zone, second, first)


def _transition_between(zone: tzinfo, low: datetime, high: datetime) -> datetime:
    """The first instant in (low, high] that has the offset `high` has (the clocks' jump)."""
    target = high.astimezone(zone).utcoffset()
    low_s, high_s = 0, int((high - low).total_seconds())
    while high_s - low_s > 1:
        middle = (low_s + high_s) // 2
        if (low + timedelta(seconds=middle)).astimezone(zone).utcoffset() == target:
            high_s = middle
        else:
            low_s = middle
    return low + timedelta(seconds=high_s)
