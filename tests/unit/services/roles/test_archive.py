"""The JSON archive keeps the change record, roles, questions and handovers, and an import restores them."""

from __future__ import annotations

from datetime import timedelta

from tests.unit.services.roles.prepared import NOW, prepare_incident
from warroom.services.context import ServiceContext
from warroom.services.postmortem.service import PostmortemService
from warroom.services.roles.changes import ChangeService
from warroom.services.roles.handover import HandoverService
from warroom.services.roles.questions import QuestionService
from warroom.services.roles.roles import RoleService
from warroom.store.store import Store


def test_export_then_import_into_another_store(ctx, tmp_path):
    prepared = prepare_incident(ctx)
    ctx.now = lambda: NOW + timedelta(hours=1)
    HandoverService(ctx).accept(prepared.incident_id, "Ọlá Adéwálé", "Watch NF-4711")
    ChangeService(ctx).mark(prepared.incident_id, "4.12", "cause")
    archive = tmp_path / "INC-1.json"
    PostmortemService(ctx).export(prepared.incident_id, "json", archive)

    other = Store(f"sqlite:///{tmp_path / 'other.sqlite'}")
    try:
        there = ServiceContext(other, "Paweł Wiśniewski", "Europe/Stockholm")
        PostmortemService(there).import_file(archive)
        incident_id = prepared.incident_id
        assert ChangeService(there).list(incident_id) == ChangeService(ctx).list(incident_id)
        assert RoleService(there).history(incident_id) == RoleService(ctx).history(incident_id)
        assert HandoverService(there).handovers(incident_id) == HandoverService(ctx).handovers(incident_id)
        assert QuestionService(there).questions(incident_id) == QuestionService(ctx).questions(incident_id)
    finally:
        other.close()
