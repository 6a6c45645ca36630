"""The vendor's clock: response against the SLA in the vendor's own hours, or 24/7."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from warroom.domain.directory import Channel, ContactAttempt, Outcome, Vendor, parse_sla_clock
from warroom.domain.errors import ValidationError
from warroom.domain.timeline import Entry, EntryKind
from warroom.domain.vendor_clock import sla_elapsed, vendor_clock

WARSAW = ZoneInfo("Europe/Warsaw")
BALTIC = Vendor(
    "v1", "Baltic Perimeter", ("firewall",), "PL", None, ("public",), "Europe/Warsaw", "Mon-Fri 09:00-17:00", 60
)
OTHER = dataclasses.replace(BALTIC, id="v2", name="Other")
FRIDAY_1630 = datetime(2025, 11, 14, 16, 30, tzinfo=WARSAW)
MONDAY_1140 = datetime(2025, 11, 17, 11, 40, tzinfo=WARSAW)


def attempt(at: datetime, outcome: Outcome, ticket: str = "", vendor: Vendor = BALTIC) -> ContactAttempt:
    return ContactAttempt(
        "a" + at.isoformat(), "i1", vendor.id, None, at, Channel.PHONE, outcome, ticket, "", "IC", None
    )


def entry(at: datetime, milestone: str | None, vendor_id: str = "v1") -> Entry:
    return Entry(
        "e" + at.isoformat(), "i1", at, at, at, "IC", EntryKind.ACTION, "fixed", milestone, vendor_id, None,
        None, None, 1, False, False,
    )  # fmt: skip


ATTEMPTS = (
    attempt(FRIDAY_1630, Outcome.NO_ANSWER, "BP-4471"),
    attempt(datetime(2025, 11, 14, 16, 0, tzinfo=WARSAW), Outcome.ACKNOWLEDGED, "X-1", vendor=OTHER),
    attempt(MONDAY_1140, Outcome.REACHED, "BP-4471"),
    attempt(datetime(2025, 11, 17, 12, 0, tzinfo=WARSAW), Outcome.ACKNOWLEDGED, "BP-4480"),
)


def test_a_weekend_does_not_run_a_business_hours_sla():
    clock = vendor_clock(
        BALTIC, ATTEMPTS, (entry(datetime(2025, 11, 17, 15, 0, tzinfo=WARSAW), "mitigated"),), MONDAY_1140
    )
    assert clock.summary == "responded in 3 h 10 min: SLA 60 min breached by 2 h 10 min"
    assert (clock.first_attempt, clock.first_reached) == (FRIDAY_1630.astimezone(UTC), MONDAY_1140.astimezone(UTC))
    assert clock.acknowledged == datetime(2025, 11, 17, 11, 0, tzinfo=UTC)
    assert clock.restored == datetime(2025, 11, 17, 14, 0, tzinfo=UTC)
    assert clock.tickets == ("BP-4471", "BP-4480")  # not the other vendor's X-1
    assert clock.breached is True


def test_a_24_7_contract_counts_the_weekend():
    clock = vendor_clock(dataclasses.replace(BALTIC, sla_clock="24/7"), ATTEMPTS, (), MONDAY_1140)
    assert clock.summary == "responded in 2 d 19 h 10 min: SLA 60 min breached by 2 d 18 h 10 min"


def test_within_the_sla_never_answered_and_no_target():
    quick = (
        attempt(MONDAY_1140, Outcome.NO_ANSWER),
        attempt(datetime(2025, 11, 17, 12, 20, tzinfo=WARSAW), Outcome.REACHED),
    )
    assert vendor_clock(BALTIC, quick, (), MONDAY_1140).summary == "responded in 40 min: within the SLA of 60 min"
    silent = (attempt(FRIDAY_1630, Outcome.NO_ANSWER),)
    assert vendor_clock(BALTIC, silent, (), MONDAY_1140).summary == "never answered: SLA 60 min breached by 2 h 10 min"
    assert vendor_clock(BALTIC, silent, (), FRIDAY_1630).summary == "never answered: SLA 60 min not yet breached"
    untargeted = dataclasses.replace(BALTIC, sla_response_min=None)
    assert vendor_clock(untargeted, quick, (), MONDAY_1140).summary == "responded in 40 min: no SLA target recorded"
    assert vendor_clock(BALTIC, (), (), MONDAY_1140).summary == "not contacted"


def test_holidays_stop_the_business_clock():
    independence_day = datetime(2025, 11, 11, 10, 0, tzinfo=WARSAW)  # Tuesday, a Polish public holiday
    assert sla_elapsed(BALTIC, independence_day, independence_day.replace(day=12)) == 3600.0


def test_sla_clock_spellings():
    assert parse_sla_clock("") == "business" and parse_sla_clock("24x7") == "24/7"
    with pytest.raises(ValidationError, match="'sometimes' is not an SLA clock"):
        parse_sla_clock("sometimes")


def test_the_evidence_pack_keeps_tickets_and_leaves_other_vendors_out():
    from warroom.domain.incident import Incident, Severity, Status
    from warroom.domain.vendor_evidence import evidence_pack

    incident = Incident(
        "i1", 7, "Deploys cut in half", Severity("SEV1"), Status("investigating"), "IC", FRIDAY_1630, FRIDAY_1630
    )
    pack = evidence_pack(incident, BALTIC, (), ATTEMPTS, (), MONDAY_1140)
    assert [(a.at_vendor, a.outcome, a.ticket) for a in pack.attempts] == [
        ("2025-11-14 16:30 CET", "no answer", "BP-4471"),
        ("2025-11-17 11:40 CET", "reached", "BP-4471"),
        ("2025-11-17 12:00 CET", "acknowledged", "BP-4480"),
    ]
    assert pack.clock.summary == "responded in 3 h 10 min: SLA 60 min breached by 2 h 10 min"
    assert (pack.reference, pack.window_start, pack.window_end) == (
        "INC-7",
        "2025-11-14 15:30 UTC",
        "2025-11-17 11:00 UTC",
    )


def test_a_filed_ticket_starts_the_clock_but_is_no_response():
    assert Outcome.parse("Ticket filed") is Outcome.TICKET_FILED and not Outcome.TICKET_FILED.answered
    filed = attempt(datetime(2025, 11, 17, 10, 30, tzinfo=WARSAW), Outcome.TICKET_FILED, "BP-20131227-04")
    thirty = dataclasses.replace(BALTIC, sla_response_min=30)
    waiting = vendor_clock(thirty, (filed,), (), datetime(2025, 11, 17, 10, 50, tzinfo=WARSAW))
    assert (waiting.first_reached, waiting.summary) == (None, "never answered: SLA 30 min not yet breached")
    reached = attempt(datetime(2025, 11, 17, 11, 20, tzinfo=WARSAW), Outcome.REACHED, "BP-20131227-04")
    clock = vendor_clock(thirty, (filed, reached), (), MONDAY_1140)
    assert clock.first_attempt == filed.at and clock.first_reached == reached.at
    assert clock.summary == "responded in 50 min: SLA 30 min breached by 20 min"
    assert clock.tickets == ("BP-20131227-04",)
