"""Incident durations computed from timeline milestones.

Standard durations: time to detect (started -> detected), acknowledge
(detected -> acknowledged), mitigate (detected -> mitigated), resolve
(detected -> resolved) and total impact (started -> resolved), plus any named
duration between two milestones. A duration whose end lies before its start
is None with a warning: never a negative number.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from warroom.domain.clock import as_utc, iso_utc
from warroom.domain.incident import Status
from warroom.domain.timeline import Entry, clean_milestone


@dataclass(frozen=True)
class DurationDef:
    id: str
    name: str
    start: str  # milestone names
    end: str


@dataclass(frozen=True)
class Duration:
    name: str
    start: str
    end: str
    seconds: float | None
    warning: str | None


STANDARD_DURATIONS: tuple[DurationDef, ...] = (
    DurationDef("time_to_detect", "Time to detect", "started", "detected"),
    DurationDef("time_to_acknowledge", "Time to acknowledge", "detected", "acknowledged"),
    DurationDef("time_to_mitigate", "Time to mitigate", "detected", "mitigated"),
    DurationDef("time_to_resolve", "Time to resolve", "detected", "resolved"),
    DurationDef("impact", "Total impact", "started", "resolved"),
)

_STATUS_AFTER: dict[str, Status] = {
    "identified": Status.IDENTIFIED,
    "mitigated": Status.MONITORING,
    "resolved": Status.RESOLVED,
}


@dataclass(frozen=True)
class Metrics:
    time_to_detect_s: float | None
    time_to_acknowledge_s: float | None
    time_to_mitigate_s: float | None
    time_to_resolve_s: float | None
    impact_s: float | None
    custom: tuple[Duration, ...]
    warnings: tuple[str, ...]
    milestones: dict[str, datetime]  # UTC; includes the incident start standing in for 'started'

    def standard(self) -> tuple[Duration, ...]:
        return tuple(_measure(definition, self.milestones) for definition in STANDARD_DURATIONS)

    def to_json(self) -> dict[str, Any]:
        return {
            "time_to_detect_s": self.time_to_detect_s,
            "time_to_acknowledge_s": self.time_to_acknowledge_s,
            "time_to_mitigate_s": self.time_to_mitigate_s,
            "time_to_resolve_s": self.time_to_resolve_s,
            "impact_s": self.impact_s,
            "custom": [
                {"name": d.name, "start": d.start, "end": d.end, "seconds": d.seconds, "warning": d.warning}
                for d in self.custom
            ],
            "warnings": list(self.warnings),
            "milestones": {name: iso_utc(at) for name, at in self.milestones.items()},
        }


def milestone_instants(entries: Iterable[Entry]) -> dict[str, datetime]:
    """Milestone -> instant from entries' latest revisions; a repeated milestone keeps its earliest time."""
    found: dict[str, datetime] = {}
    for entry in entries:
        name = clean_milestone(entry.milestone) if not entry.retracted else None
        if name is None:
            continue
        at = as_utc(entry.occurred_at)
        if name not in found or at < found[name]:
            found[name] = at
    return found


def compute_metrics(
    milestones: Mapping[str, datetime],
    custom: Sequence[DurationDef] = (),
    started_at: datetime | None = None,
) -> Metrics:
    instants = _effective_milestones(milestones, started_at)
    standard = [_measure(definition, instants) for definition in STANDARD_DURATIONS]
    extra = tuple(_measure(definition, instants) for definition in custom)
    warnings: list[str] = []
    for duration in (*standard, *extra):
        if duration.warning and duration.warning not in warnings:
            warnings.append(duration.warning)
    detect, acknowledge, mitigate, resolve, impact = (d.seconds for d in standard)
    return Metrics(detect, acknowledge, mitigate, resolve, impact, extra, tuple(warnings), instants)


def format_duration(seconds: float | None) -> str:
    """'1 d 2 h 5 min', '45 min', '30 s'; '—' when unknown (None, negative, not a number)."""
    if seconds is None or math.isnan(seconds) or seconds < 0:
        return "—"
    total = int(seconds)
    if total < 60:
        return f"{total} s"
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes = rest // 60
    parts = [f"{value} {unit}" for value, unit in ((days, "d"), (hours, "h"), (minutes, "min")) if value]
    return " ".join(parts)


def status_for_milestone(name: str) -> Status | None:
    """The incident status a milestone moves the incident to, if any."""
    return _STATUS_AFTER.get(clean_milestone(name) or "")


def _effective_milestones(milestones: Mapping[str, datetime], started_at: datetime | None) -> dict[str, datetime]:
    instants: dict[str, datetime] = {}
    for raw_name, at in milestones.items():
        name = clean_milestone(raw_name)
        if name is not None and (name not in instants or as_utc(at) < instants[name]):
            instants[name] = as_utc(at)
    if "started" not in instants and started_at is not None:
        instants["started"] = as_utc(started_at)
    return dict(sorted(instants.items(), key=lambda item: item[1]))


def _measure(definition: DurationDef, instants: Mapping[str, datetime]) -> Duration:
    start_name, end_name = _find(definition.start, instants), _find(definition.end, instants)
    seconds: float | None = None
    warning: str | None = None
    if start_name is not None and end_name is not None:
        start, end = instants[start_name], instants[end_name]
        if end < start:
            warning = f"'{end_name}' ({_utc(end)}) is before '{start_name}' ({_utc(start)})."
        else:
            seconds = (end - start).total_seconds()
    return Duration(definition.name, definition.start, definition.end, seconds, warning)


def _find(name: str, instants: Mapping[str, datetime]) -> str | None:
    """The milestone key matching `name`, ignoring case and spacing."""
    wanted = (clean_milestone(name) or "").casefold()
    return next((key for key in instants if key.casefold() == wanted), None) if wanted else None


def _utc(at: datetime) -> str:
    return as_utc(at).strftime("%Y-%m-%d %H:%M UTC")
