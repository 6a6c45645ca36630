"""Contact attempts become timeline entries; unanswered levels make an escalation due."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.unit.services.directory.test_scenario import load_scenario
from warroom.domain.clock import parse_iso
from warroom.domain.directory import Channel, Outcome
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.timeline import EntryKind
from warroom.services.directory.attempts import attempt_text
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService

NIGHT = parse_iso("2013-12-24T02:00+01:00")


def _contact(directory, vendor: str, name: str):
    return next(c for c in directory.vendor(vendor).contacts if c.name == name)


def test_attempt_is_a_timeline_entry(any_ctx):
    directory = load_scenario(any_ctx)
    incident = IncidentService(any_ctx).open("Christmas release", "SEV1", started_at=NIGHT)
    elin = _contact(directory, "Kronan Datacenter AB", "Elin Sjöberg")
    attempt = directory.log_attempt(
        incident.id, elin.id, "phone", "no answer", ticket=" 4711 ", at=NIGHT + timedelta(minutes=5)
    )
    assert (attempt.channel, attempt.outcome, attempt.ticket, attempt.author) == (
        Channel.PHONE,
        Outcome.NO_ANSWER,
        "4711",
        "Ọlá Adéwálé",
    )
    entries = TimelineService(any_ctx).entries(incident.id)
    assert [(e.kind, e.text, e.contact_name, e.vendor_name) for e in entries] == [
        (
            EntryKind.CONTACT,
            "Called Elin Sjöberg (Kronan Datacenter AB) by phone: no answer; ticket 4711",
            "Elin Sjöberg",
            "Kronan Datacenter AB",
        )
    ]
    assert attempt.entry_id == entries[0].id and entries[0].occurred_at == NIGHT + timedelta(minutes=5)
    assert directory.attempts(incident.id) == [attempt]


def test_attempt_refusals(ctx):
    directory = load_scenario(ctx)
    incident = IncidentService(ctx).open("x", "SEV3")
    elin = _contact(directory, "Kronan Datacenter AB", "Elin Sjöberg")
    with pytest.raises(ValidationError, match="Unknown channel 'pigeon'"):
        directory.log_attempt(incident.id, elin.id, "pigeon", "reached")
    with pytest.raises(ValidationError, match="^Time: that is in the future"):
        directory.log_attempt(incident.id, elin.id, "sms", "reached", at=ctx.now() + timedelta(hours=1))
    with pytest.raises(NotFoundError):
        directory.log_attempt(incident.id, "no-such-contact", "sms", "reached")
    assert TimelineService(ctx).entries(incident.id) == []


def test_attempt_text_for_each_channel():
    assert (
        attempt_text("Åsa", "Integra", Channel.EMAIL, Outcome.ACKNOWLEDGED, "", "will call back")
        == "Emailed Åsa (Integra): acknowledged. will call back"
    )
    assert (
        attempt_text("NOC", "Nordvik", Channel.PORTAL, Outcome.REACHED, "INC-9")
        == "Contacted NOC (Nordvik) through the vendor's portal: reached; ticket INC-9"
    )


def test_escalation_due_after_the_wait_without_acknowledgement(ctx):
    directory = load_scenario(ctx)
    incident = IncidentService(ctx).open("Christmas release", "SEV1", started_at=NIGHT)
    desk = _contact(directory, "Kronan Datacenter AB", "Service desk")
    elin = _contact(directory, "Kronan Datacenter AB", "Elin Sjöberg")
    first = NIGHT + timedelta(minutes=1)
    directory.log_attempt(incident.id, desk.id, "phone", "no answer", at=first)
    directory.log_attempt(incident.id, desk.id, "phone", "voicemail", at=first + timedelta(minutes=10))
    assert directory.escalation_due(incident.id, now=first + timedelta(minutes=29)) == ()
    (due,) = directory.escalation_due(incident.id, now=first + timedelta(minutes=30))
    assert (due.vendor_name, due.level, due.wait_min, due.next_level, due.next_contacts) == (
        "Kronan Datacenter AB",
        1,
        30,
        2,
        ("Elin Sjöberg",),
    )
    assert due.due_at == first + timedelta(minutes=30)
    assert due.message == (
        "Kronan Datacenter AB: no acknowledgement from level 1 (Service desk) within 30 min; "
        "escalate to level 2: Elin Sjöberg."
    )
    # moving to level 2 restarts the clock; an acknowledgement ends it
    directory.log_attempt(incident.id, elin.id, "phone", "reached", at=first + timedelta(minutes=31))
    assert directory.escalation_due(incident.id, now=first + timedelta(minutes=60)) == ()
    (later,) = directory.escalation_due(incident.id, now=first + timedelta(minutes=76))
    assert (later.level, later.next_level, later.next_contacts) == (2, 3, ("Göran Lindqvist",))
    directory.log_attempt(incident.id, elin.id, "phone", "acknowledged", at=first + timedelta(minutes=77))
    assert directory.escalation_due(incident.id, now=first + timedelta(hours=5)) == ()
