"""Changes, marks, roles, questions and handovers replicate through a PostgreSQL hub like the rest."""

from __future__ import annotations

from tests.integration.sync_support import replica, snapshot
from tests.unit.services.roles.prepared import prepare_incident
from warroom.services.context import ServiceContext
from warroom.services.roles.changes import ChangeService
from warroom.services.roles.handover import HandoverService
from warroom.services.roles.questions import QuestionService
from warroom.services.roles.roles import RoleService
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub
from warroom.sync.hub_admin import init_hub

NEW_TABLES = ["change_records", "change_marks", "role_assignments", "question_states", "handovers", "incidents"]


def test_the_new_record_reaches_the_other_laptop(tmp_path, pg_url):
    init_hub(pg_url)
    hub = Hub(pg_url)
    a, b = replica(tmp_path, "a"), replica(tmp_path, "b")
    try:
        ctx_a = ServiceContext(a, "Åsa Bergström", "Europe/Stockholm")
        prepared = prepare_incident(ctx_a)
        HandoverService(ctx_a).accept(prepared.incident_id, "Ọlá Adéwálé", "Watch NF-4711")
        ctx_b = ServiceContext(b, "Paweł Wiśniewski", "Europe/Stockholm")
        engines = [SyncEngine(a, hub), SyncEngine(b, hub)]
        for _ in range(2):
            for engine in engines:
                engine.sync_once(settle=10)
        ChangeService(ctx_b).mark(prepared.incident_id, "4.12", "cause")  # a mark made on the other laptop
        for _ in range(2):
            for engine in reversed(engines):
                engine.sync_once(settle=10)
        assert snapshot(a, NEW_TABLES) == snapshot(b, NEW_TABLES)
        assert [c.mark.value for c in ChangeService(ctx_a).list(prepared.incident_id)] == ["cause"]
        assert RoleService(ctx_b).holders(prepared.incident_id)[0].person == "Ọlá Adéwálé"
        assert [h.note for h in HandoverService(ctx_b).handovers(prepared.incident_id)] == ["Watch NF-4711"]
        assert len(QuestionService(ctx_b).questions(prepared.incident_id, open_only=True)) == 1
        for engine in engines:
            engine.close()
    finally:
        a.close()
        b.close()
        hub.close()
