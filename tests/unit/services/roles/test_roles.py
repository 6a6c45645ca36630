"""Roles on a real SQLite store: history, timeline entries, vendor owners, the postmortem."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.postmortem import build_postmortem
from warroom.export.markdown import render_markdown
from warroom.services.directory.service import DirectoryService
from warroom.services.incidents import IncidentService
from warroom.services.postmortem.record import load_record
from warroom.services.roles.roles import RoleService
from warroom.services.timeline import TimelineService


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 24, 6, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(minutes=1)
        return self.now


@pytest.fixture
def incident(ctx):
    ctx.now = Clock()
    return IncidentService(ctx).open("Firewall cuts packages in half", "SEV1", commander="Åsa Bergström")


def test_assignments_are_history_and_timeline_entries(ctx, incident):
    roles = RoleService(ctx)
    roles.assign(incident.id, "scribe", "Paweł Wiśniewski")
    roles.assign(incident.id, "Comms-Lead", "Paweł Wiśniewski")  # several roles for one person
    holders = roles.assign(incident.id, "commander", "Ọlá Adéwálé")
    assert [(a.role, a.person) for a in holders] == [
        ("commander", "Ọlá Adéwálé"), ("scribe", "Paweł Wiśniewski"), ("communications lead", "Paweł Wiśniewski"),
    ]  # fmt: skip
    assert IncidentService(ctx).get(incident.id).commander == "Ọlá Adéwálé"
    texts = [e.text for e in TimelineService(ctx).entries(incident.id)]
    assert "Ọlá Adéwálé is now commander (was Åsa Bergström)" in texts
    assert "Paweł Wiśniewski is now communications lead" in texts
    roles.assign(incident.id, "scribe", "")
    assert [a.role for a in roles.holders(incident.id)] == ["commander", "communications lead"]
    history = [(t.role, t.person, t.until is None) for t in roles.history(incident.id)]
    assert history[:2] == [("commander", "Åsa Bergström", False), ("commander", "Ọlá Adéwálé", True)]
    assert ("scribe", "Paweł Wiśniewski", False) in history


def test_a_vendor_owner_belongs_to_one_vendor(ctx, incident):
    DirectoryService(ctx).add_vendor(
        "Nordic Firewall AB", country="SE", timezone="Europe/Stockholm", hours="Mon-Fri 08:00-17:00"
    )
    roles = RoleService(ctx)
    holders = roles.assign(incident.id, "vendor owner", "Paweł Wiśniewski", vendor="nordic")  # a unique prefix
    assert [a.title() for a in holders] == ["commander", "vendor owner of Nordic Firewall AB"]
    with pytest.raises(NotFoundError, match="No vendor is named 'Telia'"):
        roles.assign(incident.id, "vendor owner", "Paweł", vendor="Telia")
    with pytest.raises(ValidationError, match="--vendor"):
        roles.assign(incident.id, "vendor owner", "Paweł")
    with pytest.raises(ValidationError, match="Only a vendor owner"):
        roles.assign(incident.id, "scribe", "Paweł", vendor="Nordic Firewall AB")
    with pytest.raises(ValidationError, match="always has a commander"):
        roles.assign(incident.id, "commander", " ")


def test_the_postmortem_lists_who_held_which_role_when(ctx, incident):
    RoleService(ctx).assign(incident.id, "scribe", "Paweł Wiśniewski")
    RoleService(ctx).assign(incident.id, "commander", "Ọlá Adéwálé")
    with ctx.store.unit_of_work() as uow:
        record = load_record(uow, incident.id)
    text = render_markdown(build_postmortem(record))
    roles = text.split("## Roles", 1)[1].split("## Handovers", 1)[0]
    rows = [line for line in roles.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert [row.split(" | ")[:2] for row in rows] == [
        ["| commander", "Åsa Bergström"], ["| commander", "Ọlá Adéwálé"], ["| scribe", "Paweł Wiśniewski"],
    ]  # fmt: skip
    assert rows[0].endswith("| 2026-12-24 06:03 UTC |") and rows[1].endswith("| the end |")
