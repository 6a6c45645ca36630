"""Coverage forecast: when over a range does a vendor have nobody reachable?

Computed from change points (the open intervals of each local day, absence
edges), never by sampling minute by minute.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import Enum

from warroom.domain.availability import (
    Cause,
    absence_applies,
    absences_of,
    calendar_for,
    reason_at,
    zone_of,
)
from warroom.domain.clock import as_utc
from warroom.domain.directory import Absence, Contact, Vendor
from warroom.domain.errors import ValidationError
from warroom.domain.hours import merge_intervals, wall_to_utc

Interval = tuple[datetime, datetime]
_CAUSE_ORDER = (Cause.ABSENCE, Cause.CLOSURE, Cause.HOLIDAY, Cause.HOURS)


@dataclass(frozen=True)
class Gap:
    """[start, end) with nobody at the vendor reachable; reason like "Christmas Day (SE); outside hours"."""

    start: datetime
    end: datetime
    reason: str

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True)
class VendorCoverage:
    vendor_id: str
    start: datetime  # UTC
    end: datetime  # UTC
    gaps: tuple[Gap, ...]  # maximal, sorted, inside [start, end)

    @property
    def uncovered(self) -> timedelta:
        return sum((gap.duration for gap in self.gaps), timedelta())

    @property
    def fully_covered(self) -> bool:
        return not self.gaps


class DayStatus(str, Enum):
    FULL = "full"  # someone reachable all day
    PARTIAL = "partial"
    NONE = "none"  # nobody reachable all day
    OUTSIDE = "outside"  # the day lies outside the computed range


@dataclass(frozen=True)
class DayCoverage:
    day: date
    status: DayStatus
    uncovered_min: int  # minutes of the day (within the range) with nobody reachable


def coverage(
    vendor: Vendor, contacts: Sequence[Contact], absences: Sequence[Absence], start: datetime, end: datetime
) -> VendorCoverage:
    """The gaps in [start, end) when none of the vendor's contacts is reachable."""
    start, end = as_utc(start), as_utc(end)
    if end <= start:
        raise ValidationError(f"The coverage range ends ({end.isoformat()}) before it starts.")
    own = [c for c in contacts if c.vendor_id == vendor.id]
    reachable: list[Interval] = []
    for contact in own:
        reachable.extend(reachable_intervals(contact, vendor, absences, start, end))
    holes = _complement(merge_intervals(reachable), start, end)
    gaps = tuple(Gap(s, e, _gap_reason(vendor, own, absences, s, e)) for s, e in holes)
    return VendorCoverage(vendor.id, start, end, gaps)


def reachable_intervals(
    contact: Contact, vendor: Vendor, absences: Sequence[Absence], start: datetime, end: datetime
) -> tuple[Interval, ...]:
    """The merged UTC intervals within [start, end) when `contact` is reachable."""
    calendar = calendar_for(contact, vendor)
    if contact.always_on_call:
        open_ = [(start, end)]
    else:
        first = start.astimezone(calendar.zone).date()
        last = end.astimezone(calendar.zone).date()
        open_ = [
            (max(s, start), min(e, end))
            for offset in range((last - first).days + 1)
            for s, e in calendar.open_intervals(first + timedelta(days=offset))
            if s < end and e > start
        ]
    blocked = [
        (as_utc(a.starts_at), as_utc(a.ends_at))
        for a in absences_of(contact, vendor, absences)
        if absence_applies(a, contact)
    ]
    return _subtract(merge_intervals(open_), merge_intervals(blocked))


def daily_summary(coverage: VendorCoverage, zone: str | tzinfo, days: Iterable[date] | int) -> tuple[DayCoverage, ...]:
    """Per local day in `zone`: full, partial, none (or outside the computed range).

    `days` is the dates to show, or a count of days from the local date of coverage.start.
    """
    tz = zone_of(zone) if isinstance(zone, str) else zone
    if isinstance(days, int):
        first = coverage.start.astimezone(tz).date()
        days = [first + timedelta(days=i) for i in range(days)]
    return tuple(_day_coverage(coverage, tz, day) for day in days)


def _day_coverage(coverage: VendorCoverage, tz: tzinfo, day: date) -> DayCoverage:
    day_start = max(wall_to_utc(datetime.combine(day, time()), tz, later=False), coverage.start)
    next_day = datetime.combine(day + timedelta(days=1), time())
    day_end = min(wall_to_utc(next_day, tz, later=False), coverage.end)
    if day_end <= day_start:
        return DayCoverage(day, DayStatus.OUTSIDE, 0)
    uncovered = sum(
        (
            (min(g.end, day_end) - max(g.start, day_start))
            for g in coverage.gaps
            if g.start < day_end and g.end > day_start
        ),
        timedelta(),
    )
    if not uncovered:
        status = DayStatus.FULL
    elif uncovered >= day_end - day_start:
        status = DayStatus.NONE
    else:
        status = DayStatus.PARTIAL
    return DayCoverage(day, status, round(uncovered.total_seconds() / 60))


def _complement(covered: tuple[Interval, ...], start: datetime, end: datetime) -> list[Interval]:
    holes, cursor = [], start
    for s, e in covered:
        if s > cursor:
            holes.append((cursor, min(s, end)))
        cursor = max(cursor, e)
    if cursor < end:
        holes.append((cursor, end))
    return [(s, e) for s, e in holes if s < e]


def _subtract(base: tuple[Interval, ...], cuts: tuple[Interval, ...]) -> tuple[Interval, ...]:
    result: list[Interval] = []
    for s, e in base:
        for cs, ce in cuts:
            if ce <= s or cs >= e:
                continue
            if cs > s:
                result.append((s, cs))
            s = max(s, ce)
            if s >= e:
                break
        if s < e:
            result.append((s, e))
    return tuple(result)


def _gap_reason(
    vendor: Vendor, contacts: Sequence[Contact], absences: Sequence[Absence], start: datetime, end: datetime
) -> str:
    """Distinct short reasons seen at the gap's change points, absences and holidays first."""
    if not contacts:
        return "no contacts"
    seen: dict[str, str] = {}
    for point in _change_points(vendor, contacts, absences, start, end):
        for contact in contacts:
            cause, _, short = reason_at(contact, vendor, point, absences)
            if short:
                seen.setdefault(short, cause)
    ordered = sorted(seen, key=lambda s: _CAUSE_ORDER.index(seen[s]) if seen[s] in _CAUSE_ORDER else 99)
    return "; ".join(ordered)


def _change_points(
    vendor: Vendor, contacts: Sequence[Contact], absences: Sequence[Absence], start: datetime, end: datetime
) -> list[datetime]:
    """The gap start, each local midnight inside it (in every contact zone), absence starts."""
    points = {start}
    zones = {calendar_for(c, vendor).zone for c in contacts}
    for tz in zones:
        day = start.astimezone(tz).date() + timedelta(days=1)
        while (midnight := wall_to_utc(datetime.combine(day, time()), tz, later=False)) < end:
            points.add(midnight)
            day += timedelta(days=1)
    points.update(as_utc(a.starts_at) for a in absences if a.vendor_id == vendor.id and start < a.starts_at < end)
    return sorted(points)
