"""The vendor's clock: how fast one vendor responded during one incident, against its SLA.

From the incident's attempts to reach the vendor: the first attempt (the clock
starts), the first time someone was reached, the first acknowledgement, the
vendor's ticket numbers, and when its part was restored (the first entry linked
to the vendor that marks 'mitigated' or 'resolved').

Choices a reader should know:
- The response is first attempt -> first reached (or acknowledged). A ticket
  filed on a portal or by e-mail ('ticket filed') starts the clock but is not a
  response: the clock runs to the first person reached.
- The SLA clock is explicit per vendor (Vendor.sla_clock). 'business' counts
  only the vendor's support hours in its own zone, minus its holidays: a
  60-minute SLA does not run over a weekend. '24/7' counts wall time.
- Never answered: the SLA is breached when the clock, counted up to `until`
  (the incident's end or now), passed the target.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from warroom.domain.availability import work_calendar
from warroom.domain.clock import as_utc
from warroom.domain.directory import SLA_ROUND_THE_CLOCK, ContactAttempt, Outcome, Vendor
from warroom.domain.metrics import format_duration
from warroom.domain.timeline import Entry

RESTORED_MILESTONES = ("mitigated", "resolved")


@dataclass(frozen=True)
class VendorClock:
    vendor_id: str
    vendor_name: str
    first_attempt: datetime | None  # UTC
    first_reached: datetime | None
    acknowledged: datetime | None
    restored: datetime | None
    tickets: tuple[str, ...]  # in the order they were first recorded
    sla_min: int | None
    sla_clock: str  # "business" or "24/7"
    response_s: float | None  # on the SLA clock; None when never answered
    late_s: float | None  # beyond the target (0 when within); None without a target
    breached: bool | None  # None without a target or an attempt

    @property
    def clock_text(self) -> str:
        return "24/7" if self.sla_clock == SLA_ROUND_THE_CLOCK else "the vendor's business hours"

    @property
    def summary(self) -> str:
        """'responded in 3 h 10 min: SLA 60 min breached by 2 h 10 min', and the like."""
        if self.first_attempt is None:
            return "not contacted"
        answered = (
            f"responded in {format_duration(self.response_s)}" if self.first_reached is not None else "never answered"
        )
        if self.sla_min is None:
            return f"{answered}: no SLA target recorded"
        if self.breached:
            return f"{answered}: SLA {self.sla_min} min breached by {format_duration(self.late_s)}"
        if self.first_reached is None:
            return f"{answered}: SLA {self.sla_min} min not yet breached"
        return f"{answered}: within the SLA of {self.sla_min} min"


def vendor_clock(
    vendor: Vendor, attempts: tuple[ContactAttempt, ...], entries: tuple[Entry, ...], until: datetime
) -> VendorClock:
    """The clock of `vendor` from this incident's attempts and timeline entries (others ignored)."""
    own = sorted((a for a in attempts if a.vendor_id == vendor.id), key=lambda a: as_utc(a.at))
    first = as_utc(own[0].at) if own else None
    reached = next((as_utc(a.at) for a in own if a.outcome.answered), None)
    acknowledged = next((as_utc(a.at) for a in own if a.outcome is Outcome.ACKNOWLEDGED), None)
    restored = min(
        (as_utc(e.occurred_at) for e in entries if e.vendor_id == vendor.id and e.milestone in RESTORED_MILESTONES),
        default=None,
    )
    tickets = tuple(dict.fromkeys(a.ticket.strip() for a in own if a.ticket.strip()))
    response = sla_elapsed(vendor, first, reached) if first and reached else None
    waited = response if response is not None else (sla_elapsed(vendor, first, as_utc(until)) if first else None)
    target = vendor.sla_response_min
    late = max(0.0, waited - target * 60) if target is not None and waited is not None else None
    breached = None if late is None else late > 0
    return VendorClock(
        vendor.id, vendor.name, first, reached, acknowledged, restored, tickets, target, vendor.sla_clock,
        response, late, breached,
    )  # fmt: skip


def sla_elapsed(vendor: Vendor, start: datetime, end: datetime) -> float:
    """Seconds from start to end on the vendor's SLA clock (its open hours, or wall time)."""
    start, end = as_utc(start), as_utc(end)
    if end <= start:
        return 0.0
    if vendor.sla_clock == SLA_ROUND_THE_CLOCK:
        return (end - start).total_seconds()
    calendar = work_calendar(
        vendor.hours, vendor.timezone, vendor.country, vendor.subdivision or None, tuple(vendor.holiday_categories)
    )
    day = start.astimezone(calendar.zone).date() - timedelta(days=1)  # an overnight shift may start the day before
    last = end.astimezone(calendar.zone).date()
    total = 0.0
    while day <= last:
        for open_at, close_at in calendar.open_intervals(day):
            overlap = (min(close_at, end) - max(open_at, start)).total_seconds()
            total += max(0.0, overlap)
        day += timedelta(days=1)
    return total
