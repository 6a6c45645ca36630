"""Time helpers and the hybrid logical clock that orders replicated writes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime


class NaiveDateTimeError(ValueError):
    """An instant without a time zone reached code that needs one."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Normalise an aware datetime to UTC; refuse naive ones loudly."""
    if value.tzinfo is UTC:  # most are already (every append passes its instants through here)
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDateTimeError(f"{value.isoformat()} has no time zone")
    return value.astimezone(UTC)


def iso_utc(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with a 'Z', second precision unless there are micros."""
    if value is None:
        return None
    text = as_utc(value).isoformat()
    return text.replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    """Parse ISO 8601 with an offset (or 'Z'); naive input is an error."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    return as_utc(value)


@dataclass(frozen=True, order=True)
class Stamp:
    """A hybrid-logical-clock stamp; orders writes across devices.

    Compared as (wall_ms, counter, device): ties on time are broken by the
    device id, so every replica picks the same winner.
    """

    wall_ms: int
    counter: int
    device: str

    def encode(self) -> str:
        return f"{self.wall_ms:013d}.{self.counter:06d}.{self.device}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        wall, counter, device = text.split(".", 2)
        return cls(int(wall), int(counter), device)


class HybridClock:
    """Issues monotonically increasing stamps and absorbs remote ones."""

    def __init__(self, device: str, last: Stamp | None = None, wall: Callable[[], int] | None = None) -> None:
        self._device = device
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        self._ms = last.wall_ms if last else 0
        self._counter = last.counter if last else 0
        self._lock = threading.Lock()

    @property
    def device(self) -> str:
        return self._device

    def wall_ms(self) -> int:
        """This clock's own wall time in ms (not the logical time): what remote stamps are bounded by."""
        return int(self._wall())

    def tick(self) -> Stamp:
        with self._lock:
            now = self._wall()
            if now > self._ms:
                self._ms, self._counter = now, 0
            else:
                self._counter += 1
            return Stamp(self._ms, self._counter, self._device)

    def tick_encoded(self, count: int) -> list[str]:
        """`count` encoded stamps, as `count` ticks within one wall reading would issue them: one
        lock and one reading for a bulk write (a 150,000-row import) instead of one per row."""
        if count <= 0:
            return []
        with self._lock:
            now = self._wall()
            if now > self._ms:
                self._ms, first = now, 0
            else:
                first = self._counter + 1
            self._counter = first + count - 1
            ms = self._ms
        head, tail = f"{ms:013d}.", f".{self._device}"
        return [f"{head}{counter:06d}{tail}" for counter in range(first, first + count)]

    def observe(self, remote: Stamp) -> None:
        with self._lock:
            now = self._wall()
            top = max(now, self._ms, remote.wall_ms)
            if top == self._ms and top == remote.wall_ms:
                self._counter = max(self._counter, remote.counter) + 1
            elif top == self._ms:
                self._counter += 1
            elif top == remote.wall_ms:
                self._counter = remote.counter + 1
            else:
                self._counter = 0
            self._ms = top
