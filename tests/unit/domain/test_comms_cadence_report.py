"""The cadence in force (overrides, 'off') and what a status update's timeline row says: plain Python."""

from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain.comms import CommsAudience, Delivery, DeliveryStatus
from warroom.domain.comms_cadence import interval_text, overrides_by_name, parse_interval, with_overrides
from warroom.domain.comms_report import cadence_notes, delivery_line, delivery_tone
from warroom.domain.errors import ValidationError

T0 = datetime(2026, 12, 24, 9, 0, tzinfo=UTC)
M = timedelta(minutes=1)
A = CommsAudience


def _delivery(name: str, status: DeliveryStatus, *, attempts=1, sent_at=None, error="") -> Delivery:
    return Delivery("d-" + name, "u1", "i1", "c-" + name, name, "dev", status, attempts, None, sent_at, error, "")


def clock(at: datetime) -> str:
    return at.strftime("%H:%M")


def test_the_row_line_names_each_channel_with_its_state_and_why():
    line = delivery_line(
        [
            _delivery("teams", DeliveryStatus.FAILED, error="HTTP 404 Not Found"),
            _delivery("Email", DeliveryStatus.QUEUED, attempts=0),
            _delivery("Slack", DeliveryStatus.SENT, sent_at=T0 + 42 * M),
        ],
        clock,
    )
    assert line == "teams: failed (HTTP 404 Not Found) · Email: queued · Slack: sent 09:42"  # a person first
    assert delivery_line([_delivery("ops", DeliveryStatus.QUEUED, error="refused; retrying")], clock) == (
        "ops: queued, retrying"
    )
    unknown = [_delivery("ops", DeliveryStatus.UNKNOWN, error="timed out")]
    assert delivery_line(unknown, clock) == "ops: unknown: may have been posted"
    failed = [_delivery("teams", DeliveryStatus.FAILED, error="HTTP 404 Not Found")]
    assert delivery_line(failed + unknown, clock, reasons=False) == "ops: unknown · teams: failed"  # a narrow row


def test_the_tone_asks_for_a_person_only_when_one_is_needed():
    sent = _delivery("a", DeliveryStatus.SENT, sent_at=T0)
    assert delivery_tone([sent]) == "ok"
    assert delivery_tone([sent, _delivery("b", DeliveryStatus.QUEUED)]) == "pending"
    assert delivery_tone([sent, _delivery("b", DeliveryStatus.UNKNOWN)]) == "error"
    assert delivery_tone([sent, _delivery("b", DeliveryStatus.FAILED)]) == "error"


def test_off_turns_an_audience_off_and_texts_read_back():
    assert parse_interval("off") == {"every": 0, "early": None}
    merged = with_overrides({A.CUSTOMERS: {"SEV1": {"every": 0, "early": None}, "SEV4": {"every": 90, "early": None}}})
    assert A.CUSTOMERS not in merged["SEV1"] and interval_text(merged["SEV4"][A.CUSTOMERS]) == "90"
    assert interval_text(merged["SEV2"][A.CUSTOMERS]) == "30/60"  # untouched: the built-in one
    assert interval_text(None) == "off"
    with pytest.raises(ValidationError, match="off for none"):
        parse_interval("soon")


def test_the_postmortem_measures_gaps_against_the_cadence_in_force():
    updates = [("customers", T0 + 15 * M), ("customers", T0 + 50 * M)]
    built_in = cadence_notes(updates, severity="SEV1", started_at=T0)
    assert "1 longer than the cadence" in built_in[0] and "every 20 min" in built_in[0]
    ours = overrides_by_name({"customers": {"SEV1": {"every": 45, "early": None}}})
    notes = cadence_notes(updates, severity="SEV1", started_at=T0, cadence=ours)
    assert notes == (
        "Customers: 2 update(s); gaps 15 min, 35 min against every 45 min for SEV1: 0 longer than the cadence.",
    )
    off = overrides_by_name({"customers": {"SEV1": {"every": 0, "early": None}}})
    assert cadence_notes(updates, severity="SEV1", started_at=T0, cadence=off) == ()
