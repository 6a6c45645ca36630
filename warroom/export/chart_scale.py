"""Where the chart puts an instant: a time scale that breaks across long quiet stretches,
and round local ticks for it (one incident may span minutes or, with a late entry, years)."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

_TICK_STEPS = [timedelta(minutes=m) for m in (5, 15, 30, 60, 120, 180, 360, 720)] + [
    timedelta(days=d) for d in (1, 2, 7, 14, 28, 91, 182, 365, 730, 1826, 3652)
]
# A quiet stretch longer than this share of the whole span (and than a week) is drawn as a
# break of BREAK_PX on the axis: one entry years away must not squash the rest into a line.
BREAK_SHARE, BREAK_MIN, BREAK_PX, CLUSTER_MIN_PX = 0.25, timedelta(days=7), 44.0, 90.0
Segment = tuple[datetime, datetime, float, float]  # (t0, t1, x0, x1): a stretch drawn to scale
TICK_GAP = 8.0  # px between two tick labels; a label that would come closer is left out


class _Scale:
    """Time to x. With `instants`, long empty stretches become breaks (see BREAK_SHARE)."""

    def __init__(
        self, start: datetime, end: datetime, left: float, right: float, instants: tuple[datetime, ...] = ()
    ) -> None:
        if end <= start:
            start, end = start - timedelta(minutes=30), end + timedelta(minutes=30)
        pad = (end - start) * 0.02
        self.start, self.end = start - pad, end + pad
        self.left, self.right = left, right
        self.segments = _segments(self.start, self.end, sorted(set(instants)), left, right)

    @property
    def breaks(self) -> list[tuple[float, float]]:
        """(x_left, x_right) of each break on the axis."""
        return [(a[3], b[2]) for a, b in pairwise(self.segments)]

    def x(self, at: datetime) -> float:
        for index, (t0, t1, x0, x1) in enumerate(self.segments):
            if at <= t1 or index == len(self.segments) - 1:
                if at < t0 and index > 0:  # inside the break before this segment
                    _, p1, _, px1 = self.segments[index - 1]
                    share = (at - p1).total_seconds() / max(1.0, (t0 - p1).total_seconds())
                    return px1 + share * (x0 - px1)
                span = max(1.0, (t1 - t0).total_seconds())
                return x0 + (at - t0).total_seconds() / span * (x1 - x0)
        return self.right


def _segments(start: datetime, end: datetime, instants: list[datetime], left: float, right: float) -> list[Segment]:
    """(t0, t1, x0, x1) for each stretch drawn to scale; breaks lie between them."""
    total = end - start
    groups: list[list[datetime]] = [[instants[0]]] if instants else []
    for before, at in pairwise(instants):
        if at - before > max(total * BREAK_SHARE, BREAK_MIN):
            groups.append([at])
        else:
            groups[-1].append(at)
    if len(groups) < 2:
        return [(start, end, left, right)]
    spans = []
    for group in groups:
        pad = max((group[-1] - group[0]) * 0.04, timedelta(minutes=30))
        spans.append((group[0] - pad, group[-1] + pad))
    room = right - left - BREAK_PX * (len(spans) - 1)
    seconds = [max(1.0, (t1 - t0).total_seconds()) for t0, t1 in spans]
    widths = [max(CLUSTER_MIN_PX, room * s / sum(seconds)) for s in seconds]
    widths = [w * room / sum(widths) for w in widths]
    found: list[Segment] = []
    x = left
    for (t0, t1), w in zip(spans, widths):
        found.append((t0, t1, x, x + w))
        x += w + BREAK_PX
    return found


def _tick_step(scale: _Scale) -> timedelta:
    span = scale.end - scale.start
    return next((step for step in _TICK_STEPS if span / step <= 9), _TICK_STEPS[-1])


def _ticks(scale: _Scale, zone: ZoneInfo) -> list[datetime]:
    """Ticks on round local times; a broken axis gets them per stretch, scaled to its width."""
    if len(scale.segments) > 1:
        found = []
        for t0, t1, x0, x1 in scale.segments:
            part = _Scale.__new__(_Scale)
            part.start, part.end, part.left, part.right = t0, t1, x0, x1
            part.segments = [(t0, t1, x0, x1)]
            wanted = max(1, int((x1 - x0) // 110))
            step = next((s for s in _TICK_STEPS if (t1 - t0) / s <= wanted), _TICK_STEPS[-1])
            found += _ticks_every(part, zone, step)
        return found
    return _ticks_every(scale, zone, _tick_step(scale))


def _ticks_every(scale: _Scale, zone: ZoneInfo, step: timedelta) -> list[datetime]:
    local = scale.start.astimezone(zone)
    if step >= timedelta(days=1):
        first = local.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
    else:
        minutes = int(step.total_seconds() // 60)
        floor = local.replace(minute=0, second=0, microsecond=0)
        first = floor + timedelta(minutes=minutes * -(-(local - floor).total_seconds() // 60 // minutes))
    ticks: list[datetime] = []
    at = first
    while at <= scale.end and len(ticks) < 40:
        ticks.append(at)
        # step in wall-clock terms, so ticks stay on the hour across DST
        at = (at.replace(tzinfo=None) + step).replace(tzinfo=zone)
    return ticks


def _step_at(scale: _Scale, at: datetime) -> timedelta:
    for t0, t1, x0, x1 in scale.segments:
        if t0 <= at <= t1:
            wanted = max(1, int((x1 - x0) // 110)) if len(scale.segments) > 1 else 9
            return next((s for s in _TICK_STEPS if (t1 - t0) / s <= wanted), _TICK_STEPS[-1])
    return _tick_step(scale)
