"""The handover brief of a prepared incident, section by section, and the handover it records."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.unit.services.roles.prepared import NOW, prepare_incident
from warroom.domain import handover as h
from warroom.domain.errors import ValidationError
from warroom.domain.postmortem import build_postmortem
from warroom.export.handover import render_brief_markdown, render_brief_pdf
from warroom.export.markdown import render_markdown
from warroom.services.incidents import IncidentService
from warroom.services.postmortem.record import load_record
from warroom.services.roles.handover import HandoverService
from warroom.services.roles.roles import RoleService
from warroom.services.timeline import TimelineService


def lines(brief, key: str) -> tuple[str, ...]:
    return brief.section(key).lines


def test_the_brief_lists_what_is_open(ctx):
    prepared = prepare_incident(ctx)
    brief = HandoverService(ctx).prepare(prepared.incident_id, "Ọlá Adéwálé", "Lars promised a call-back at 11:00")
    assert brief.from_person == "Åsa Bergström" and brief.to_person == "Ọlá Adéwálé" and brief.since is None
    status = lines(brief, h.STATUS)
    assert status[0] == "Investigating, SEV1" and "Impact: Wards fall back to fax for discharges." in status
    assert status[-1] == "Roles now: commander Åsa Bergström; scribe Paweł Wiśniewski"
    assert lines(brief, h.DURATIONS)[:2] == (
        "Running for 14 h 30 min (started 2013-12-23 20:30 CET (19:30 UTC))", "Time to detect: 1 h",
    )  # fmt: skip
    since = lines(brief, h.SINCE)
    assert any(line.endswith("detected (milestone) · Hospitals report missing handshakes") for line in since)
    assert any(line.endswith("decision · Switch the integration off") for line in since)
    assert not any("firewall layer cuts" in line for line in since)  # an observation, not a decision
    assert lines(brief, h.CHANGES) == (
        "Suspect: deploy handshake 4.12 at 2013-12-23 19:30 CET (18:30 UTC) by Åsa Bergström: release 4.12",
    )
    assert lines(brief, h.QUESTIONS)[0].startswith("Hypothesis: An undocumented firewall layer cuts large packages")
    vendors = lines(brief, h.VENDORS)
    assert vendors[0].startswith("Nordic Firewall AB: ticket NF-4711; last phone to Lars Öberg at 2013-12-24 10:00 CET")
    assert vendors[1].startswith("Lars Öberg (Nordic Firewall AB) is unreachable: Christmas Eve")
    assert "reachable from 2013-12-27 08:00 CET" in vendors[1]
    assert lines(brief, h.CHECKLISTS) == ("Vendor escalation › Reach someone: Ask the vendor for the duty manager",)
    assert lines(brief, h.ACTIONS) == (
        "Corrective: Put the firewall layer on the network diagram (Ọlá Adéwálé, no due date, open)",
    )
    assert lines(brief, h.UPDATES)[0].startswith("Last internal update 2013-12-24 10:30 CET (09:30 UTC), 30 min ago")
    assert lines(brief, h.NOTE) == ("Lars promised a call-back at 11:00",)
    markdown = render_brief_markdown(brief)
    assert "## Vendors we are waiting on\n\n- Nordic Firewall AB: ticket NF-4711" in markdown
    assert render_brief_pdf(brief).startswith(b"%PDF")


def test_accepting_changes_the_commander_keeps_the_brief_and_feeds_the_next_one(ctx):
    prepared = prepare_incident(ctx)
    service = HandoverService(ctx)
    ctx.now = lambda: NOW + timedelta(hours=1)
    handover = service.accept(prepared.incident_id, "Ọlá Adéwálé", "Watch the ticket")
    handed_at = NOW + timedelta(hours=1)
    assert (handover.from_person, handover.to_person, handover.at) == ("Åsa Bergström", "Ọlá Adéwálé", handed_at)
    assert IncidentService(ctx).get(prepared.incident_id).commander == "Ọlá Adéwálé"
    roles = RoleService(ctx).holders(prepared.incident_id)
    assert (roles[0].role, roles[0].person) == ("commander", "Ọlá Adéwálé")
    entries = TimelineService(ctx).entries(prepared.incident_id)
    assert entries[-1].text == "Handover: Åsa Bergström handed command to Ọlá Adéwálé. Note: Watch the ticket"
    from warroom.domain.roles_checks import ROLES_ROW_CHECKS

    ROLES_ROW_CHECKS["handovers"]({"brief": handover.brief.to_json(), "to_person": "Ọlá Adéwálé"})  # a real one passes
    kept = service.handovers(prepared.incident_id)
    assert [k.brief for k in kept] == [handover.brief] and lines(kept[0].brief, h.NOTE) == ("Watch the ticket",)
    with pytest.raises(ValidationError, match="already commands"):
        service.accept(prepared.incident_id, "ọlá adéwálé")
    ctx.now = lambda: NOW + timedelta(hours=8)
    TimelineService(ctx).add(prepared.incident_id, "Roll back the firewall rule", kind="decision")
    second = service.prepare(prepared.incident_id, "Åsa Bergström")
    assert second.since == handed_at and second.section(h.SINCE).title.startswith("Since the last handover")
    assert [line.split(" · ", 2)[2] for line in lines(second, h.SINCE)] == [
        "Handover: Åsa Bergström handed command to Ọlá Adéwálé. Note: Watch the ticket",
        "Roll back the firewall rule",
    ]
    with ctx.store.unit_of_work() as uow:
        markdown = render_markdown(build_postmortem(load_record(uow, prepared.incident_id)))
    part = markdown.split("## Handovers", 1)[1].split("## Checklists", 1)[0]
    assert "| 2013-12-24 12:00 CET (11:00 UTC) | Åsa Bergström | Ọlá Adéwálé | Watch the ticket |" in part


def test_a_handover_needs_someone_to_take_over(ctx):
    prepared = prepare_incident(ctx)
    with pytest.raises(ValidationError, match="Say who takes over"):
        HandoverService(ctx).accept(prepared.incident_id, "  ")
