"""The postmortem's view of status updates: delivery times per update, gaps against the cadence."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from warroom.domain.comms import CommsAudience, Delivery, DeliveryStatus
from warroom.domain.comms_cadence import DEFAULT_CADENCE, Cadence


def delivery_summary(deliveries: Iterable[Delivery]) -> str:
    """'ops-slack sent 10:02:13 UTC; status failed (HTTP 404)'."""
    parts = []
    for d in sorted(deliveries, key=lambda d: d.channel_name.casefold()):
        if d.status is DeliveryStatus.SENT and d.sent_at is not None:
            parts.append(f"{d.channel_name} sent {d.sent_at:%H:%M:%S} UTC")
        else:
            reason = f" ({d.error})" if d.error and d.status is not DeliveryStatus.QUEUED else ""
            parts.append(f"{d.channel_name} {d.status.value}{reason}")
    return "; ".join(parts)


def delivery_state(d: Delivery, clock: Callable[[datetime], str], *, reasons: bool = True) -> str:
    """One channel's state as a timeline row shows it: 'ops-slack: sent 10:42', 'status: failed (HTTP 410 Gone)'."""
    status = d.status
    if status is DeliveryStatus.SENT:
        said = f"sent {clock(d.sent_at)}" if d.sent_at is not None else "posted (confirmed by a person)"
    elif status is DeliveryStatus.QUEUED:
        said = "queued, retrying" if d.attempts else "queued"
    elif status is DeliveryStatus.UNKNOWN:
        said = "unknown: may have been posted" if reasons else "unknown"
    elif status is DeliveryStatus.HELD:
        said = "waiting for approval"
    else:
        said = status.value
        if reasons and d.error and status is not DeliveryStatus.SENDING:
            said += f" ({d.error})"
    return f"{d.channel_name}: {said}"


_URGENCY = {DeliveryStatus.FAILED: 0, DeliveryStatus.UNKNOWN: 0, DeliveryStatus.SENT: 2, DeliveryStatus.CANCELLED: 3}


def delivery_line(deliveries: Iterable[Delivery], clock: Callable[[datetime], str], *, reasons: bool = True) -> str:
    """Every channel's state on one line, what needs a person first, then what is on its way, then
    what went out (a narrow row elides the end): 'status: failed (HTTP 410 Gone) · ops-slack: sent 10:42'.
    `reasons=False` leaves out the why, for a narrow row."""
    ordered = sorted(deliveries, key=lambda d: (_URGENCY.get(d.status, 1), d.channel_name.casefold()))
    return " · ".join(delivery_state(d, clock, reasons=reasons) for d in ordered)


def delivery_tone(deliveries: Iterable[Delivery]) -> str:
    """'error' if any needs a person (failed, unknown), 'ok' when all went out, else 'pending'."""
    statuses = {d.status for d in deliveries}
    if statuses & {DeliveryStatus.FAILED, DeliveryStatus.UNKNOWN}:
        return "error"
    if statuses and statuses <= {DeliveryStatus.SENT, DeliveryStatus.CANCELLED}:
        return "ok"
    return "pending"


def _minutes(span: timedelta) -> str:
    return f"{round(span.total_seconds() / 60)} min"


def cadence_notes(
    updates: Iterable[tuple[str, datetime]], *, severity: str, started_at: datetime, cadence: Cadence | None = None
) -> tuple[str, ...]:
    """Per audience: the gaps between its updates (from the start to the first, then between
    updates) against the cadence for the severity (the one in force: `cadence`, else the built-in
    one), and how many were longer than it."""
    by_audience: dict[str, list[datetime]] = {}
    for audience, at in updates:
        by_audience.setdefault(audience, []).append(at)
    notes = []
    for audience in CommsAudience:
        times = sorted(by_audience.get(audience.value, []))
        interval = (DEFAULT_CADENCE if cadence is None else cadence).get(severity, {}).get(audience)
        if not times or interval is None:
            continue
        previous, gaps, late = started_at, [], 0
        for at in times:
            allowed = interval.after(previous, started_at) - previous
            gap = at - previous
            gaps.append(_minutes(gap))
            late += gap > allowed
            previous = at
        expected = _minutes(interval.every)
        if interval.early is not None:
            expected = f"{_minutes(interval.early)} in the first {_minutes(interval.early_for)}, then {expected}"
        notes.append(
            f"{audience.label}: {len(times)} update(s); gaps {', '.join(gaps)} against every {expected} "
            f"for {severity}: {late} longer than the cadence."
        )
    return tuple(notes)
