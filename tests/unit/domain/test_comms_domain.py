"""Audience templates, the cadence and the postmortem's view of status updates: plain Python."""

from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain.comms import CommsAudience, Delivery, DeliveryStatus
from warroom.domain.comms_cadence import due_for, next_due
from warroom.domain.comms_report import cadence_notes, delivery_summary
from warroom.domain.comms_templates import DraftFacts, continue_previous, fill_template, unknown_placeholders
from warroom.domain.errors import ValidationError

T0 = datetime(2026, 12, 24, 9, 0, tzinfo=UTC)
M = timedelta(minutes=1)


def facts(**changes) -> DraftFacts:
    base = dict(
        title="Apotek API rejects å, ä, ö",
        reference="INC-7",
        severity="SEV1",
        status="investigating",
        impact="",
        started_at=T0,
        what_we_know="- 500s for names with ö",
        what_we_are_doing="",
        vendors=(("Nordic Networks AB", "acknowledged, ticket 4711"),),
        next_update_at=T0 + 20 * M,
    )
    base.update(changes)
    return DraftFacts(**base)


def test_template_fills_known_placeholders_and_leaves_other_braces():
    text = fill_template("{reference} {title}: {impact} {vendors} next {next_update_at} {json: 1}", facts())
    assert text.startswith("INC-7 Apotek API rejects å, ä, ö: Being assessed. - Nordic Networks AB: acknowledged")
    assert "next 2026-12-24 09:20 UTC {json: 1}" in text
    assert unknown_placeholders("{title} {titel}") == ["titel"]


def test_next_update_starts_from_the_previous_one():
    previous = "We are on it.\n\nNext update: 2026-12-24 09:20 UTC"
    assert continue_previous(previous, facts(next_update_at=T0 + 60 * M)).endswith(
        "Next update: 2026-12-24 10:00 UTC\n"
    )
    assert continue_previous("No line", facts()).endswith("Next update: 2026-12-24 09:20 UTC\n")


def test_sev1_customers_every_20_min_for_two_hours_then_hourly():
    def due(last):
        return due_for(
            CommsAudience.CUSTOMERS, severity="SEV1", status="investigating", started_at=T0, last_update_at=last
        )

    assert due(None).due_at == T0 + 20 * M
    assert due(T0 + 100 * M).due_at == T0 + 120 * M
    assert due(T0 + 130 * M).due_at == T0 + 190 * M
    resolved = due_for(CommsAudience.CUSTOMERS, severity="SEV1", status="resolved", started_at=T0, last_update_at=None)
    assert resolved is None
    assert (
        due_for(CommsAudience.CUSTOMERS, severity="SEV4", status="investigating", started_at=T0, last_update_at=None)
        is None
    )


def test_snooze_moves_the_due_time_later_never_earlier():
    kw = dict(severity="SEV1", status="investigating", started_at=T0, last_update_at=None)
    assert due_for(CommsAudience.INTERNAL, snoozed_until=T0 + 45 * M, **kw).due_at == T0 + 45 * M
    assert due_for(CommsAudience.INTERNAL, snoozed_until=T0 + 5 * M, **kw).due_at == T0 + 30 * M
    soonest = next_due([due_for(a, **kw) for a in CommsAudience])
    assert soonest is not None and soonest.audience is CommsAudience.CUSTOMERS and soonest.overdue(T0 + 21 * M)


def test_parse_errors_are_one_sentence():
    with pytest.raises(ValidationError, match="Unknown audience 'board': use one of internal, executives"):
        CommsAudience.parse("board")


def _delivery(name, status, sent_at=None, error=""):
    return Delivery("d-" + name, "u1", "i1", "c-" + name, name, "dev", status, 1, None, sent_at, error, "")


def test_postmortem_shows_delivery_times_and_gaps_against_the_cadence():
    text = delivery_summary(
        [
            _delivery("status", DeliveryStatus.FAILED, error="HTTP 404 Not Found"),
            _delivery("ops-slack", DeliveryStatus.SENT, sent_at=T0 + 2 * M),
        ]
    )
    assert text == "ops-slack sent 09:02:00 UTC; status failed (HTTP 404 Not Found)"
    notes = cadence_notes(
        [("customers", T0 + 15 * M), ("customers", T0 + 50 * M), ("customers", T0 + 65 * M), ("internal", T0 + 10 * M)],
        severity="SEV1",
        started_at=T0,
    )
    assert notes == (
        "Internal: 1 update(s); gaps 10 min against every 30 min for SEV1: 0 longer than the cadence.",
        "Customers: 3 update(s); gaps 15 min, 35 min, 15 min against every 20 min in the first 120 min, "
        "then 60 min for SEV1: 1 longer than the cadence.",
    )
