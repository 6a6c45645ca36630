"""When the next status update is due, per severity and audience.

Choices a reader should know:
- Defaults follow PagerDuty's public response guide: customers every 20 minutes for the
  first two hours of a SEV1, then hourly; the internal summary every 30 minutes.
- The clock for an audience starts at the incident's start and restarts at each update for
  it; a snooze moves the due time to its end (never earlier). A resolved or closed incident
  has nothing due. An audience with no interval (e.g. SEV4 customers) has nothing due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from warroom.domain.comms import CommsAudience
from warroom.domain.errors import ValidationError

M = timedelta(minutes=1)


@dataclass(frozen=True)
class Interval:
    every: timedelta
    early: timedelta | None = None  # a tighter interval during the first `early_for`
    early_for: timedelta = timedelta(hours=2)

    def after(self, last: datetime, started: datetime) -> datetime:
        if self.early is not None and last - started < self.early_for:
            return last + self.early
        return last + self.every


A = CommsAudience
DEFAULT_CADENCE: dict[str, dict[CommsAudience, Interval]] = {
    "SEV1": {
        A.INTERNAL: Interval(30 * M),
        A.EXECUTIVES: Interval(30 * M),
        A.CUSTOMERS: Interval(60 * M, early=20 * M),
        A.VENDORS: Interval(60 * M),
    },
    "SEV2": {
        A.INTERNAL: Interval(60 * M),
        A.EXECUTIVES: Interval(60 * M),
        A.CUSTOMERS: Interval(60 * M, early=30 * M),
        A.VENDORS: Interval(120 * M),
    },
    "SEV3": {A.INTERNAL: Interval(120 * M), A.CUSTOMERS: Interval(120 * M)},
    "SEV4": {},
}

CLOSED_STATUSES = frozenset({"resolved", "closed"})
Cadence = dict[str, dict[CommsAudience, Interval]]


OFF = "off"
DEFAULT = "default"


def parse_interval(text: str) -> dict[str, int | None]:
    """'30' (every 30 min), '20/60' (every 20 min for the first two hours, then 60) or 'off' (none)."""
    if str(text).strip().casefold() in (OFF, "none"):
        return {"every": 0, "early": None}
    parts = [p.strip() for p in str(text).split("/")]
    try:
        minutes = [int(p) for p in parts]
    except ValueError:
        raise ValidationError(
            f"Cadence {text!r} is not minutes: write 30, 20/60 for 20 then 60, or off for none."
        ) from None
    if len(minutes) not in (1, 2) or not all(0 < m <= 24 * 60 for m in minutes):
        raise ValidationError(f"Cadence {text!r}: give one or two numbers of minutes, 1 to 1440, e.g. 20/60.")
    if len(minutes) == 1:
        return {"every": minutes[0], "early": None}
    return {"every": minutes[1], "early": minutes[0]}


def interval_text(interval: Interval | None) -> str:
    """What parse_interval reads back: '30', '20/60', or 'off' for no cadence."""
    if interval is None:
        return OFF
    every = round(interval.every.total_seconds() / 60)
    if interval.early is None:
        return str(every)
    return f"{round(interval.early.total_seconds() / 60)}/{every}"


def spec_interval(spec: dict[str, int | None]) -> Interval | None:
    """A stored override ({"every": 60, "early": 20}; every 0 = off) as an Interval, or None for off."""
    every, early = spec.get("every"), spec.get("early")
    return Interval(every * M, early * M if early else None) if every else None


def with_overrides(overrides: dict[CommsAudience, dict[str, dict[str, int | None]]]) -> Cadence:
    """The built-in cadence with an audience's own intervals per severity laid over it
    (an interval of 0 minutes turns the audience's cadence off for that severity)."""
    merged: Cadence = {sev: dict(by_aud) for sev, by_aud in DEFAULT_CADENCE.items()}
    for audience, by_severity in overrides.items():
        for severity, spec in by_severity.items():
            if "every" not in spec:
                continue
            interval = spec_interval(spec)
            if interval is None:
                merged.setdefault(severity, {}).pop(audience, None)
            else:
                merged.setdefault(severity, {})[audience] = interval
    return merged


def overrides_by_name(raw: dict[str, dict[str, dict[str, int | None]]]) -> Cadence:
    """with_overrides for overrides keyed by the audience's name (as stored and exported)."""
    return with_overrides({CommsAudience(name): spec for name, spec in raw.items() if name in _AUDIENCE_NAMES})


_AUDIENCE_NAMES = frozenset(a.value for a in CommsAudience)


@dataclass(frozen=True)
class Due:
    audience: CommsAudience
    due_at: datetime
    last_update_at: datetime | None
    snoozed_until: datetime | None

    def overdue(self, now: datetime) -> bool:
        return now > self.due_at

    def remaining(self, now: datetime) -> timedelta:
        return self.due_at - now


def due_for(
    audience: CommsAudience,
    *,
    severity: str,
    status: str,
    started_at: datetime,
    last_update_at: datetime | None,
    snoozed_until: datetime | None = None,
    cadence: Cadence | None = None,
) -> Due | None:
    if status in CLOSED_STATUSES:
        return None
    interval = (cadence or DEFAULT_CADENCE).get(severity, {}).get(audience)
    if interval is None:
        return None
    due = interval.after(last_update_at or started_at, started_at)
    if snoozed_until is not None and snoozed_until > due:
        due = snoozed_until
    return Due(audience, due, last_update_at, snoozed_until)


def next_due(dues: list[Due | None]) -> Due | None:
    """The soonest of several audiences' due times."""
    present = [d for d in dues if d is not None]
    return min(present, key=lambda d: d.due_at) if present else None


def gaps(times: list[datetime]) -> list[timedelta]:
    ordered = sorted(times)
    return [b - a for a, b in pairwise(ordered)]
