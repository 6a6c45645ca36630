"""A new entry's three rows (store/new_entry.py on SQLite, the general path on PostgreSQL) are the same."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from warroom.domain.ids import is_id
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService
from warroom.store.models import EntryRevisionRow, OutboxRow, TimelineHeadRow
from warroom.store.store import Store

REVISIONS, HEADS, OUTBOX = EntryRevisionRow.__table__, TimelineHeadRow.__table__, OutboxRow.__table__


@pytest.fixture
def any_store(db_url):
    s = Store(db_url)
    yield s
    s.close()


def rows_of(store: Store, entry_id: str):
    with store.engine.connect() as conn:
        revision = conn.execute(select(REVISIONS).where(REVISIONS.c.entry_id == entry_id)).mappings().one()
        head = conn.execute(select(HEADS).where(HEADS.c.entry_id == entry_id)).mappings().one()
        change = conn.execute(select(OUTBOX).where(OUTBOX.c.row_id == revision["id"])).mappings().one()
    return dict(revision), dict(head), dict(change)


@pytest.mark.parametrize(
    "at", [datetime(2026, 11, 30, 7, 0, tzinfo=UTC), datetime(2026, 11, 30, 7, 1, 2, 345678, tzinfo=UTC)]
)
def test_a_new_entry_writes_its_revision_its_head_and_one_change_alike(any_store, at):
    ctx = ServiceContext(store=any_store, user_name="Åsa Bergström", zone="Europe/Stockholm")
    incident = IncidentService(ctx).open("Rader 東京", "SEV2", started_at=datetime(2026, 11, 30, 6, 0, tzinfo=UTC))
    added = TimelineService(ctx).add(
        incident.id, "called the vendor, مرحبا", at=at, kind="contact", vendor_name="Ørsted Ltd", contact_name="Zoë"
    )
    revision, head, change = rows_of(any_store, added.entry.id)
    assert is_id(revision["id"]) and revision["id"] != added.entry.id
    content = {k: v for k, v in revision.items() if k != "id"}
    assert {k: head[k] for k in content} == content
    assert (head["created_at"], head["revision_count"]) == (revision["recorded_at"], 1)
    assert revision["occurred_at"] == at and revision["text"] == "called the vendor, مرحبا"
    assert is_id(change["change_id"])
    assert (change["table_name"], change["stamp"]) == ("entry_revisions", revision["stamp"])
    wire = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in revision.items()}
    assert change["payload"] == {"row": wire}


def test_on_sqlite_the_instants_are_stored_as_fixed_width_utc_text(store):
    ctx = ServiceContext(store=store, user_name="Åsa", zone="UTC")
    incident = IncidentService(ctx).open("Fixed width", "SEV3")
    at = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    entry = TimelineService(ctx).add(incident.id, "on the hour", at=at).entry
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        stored = raw.execute(
            "SELECT r.occurred_at, h.occurred_at, h.created_at, r.recorded_at FROM entry_revisions r "
            "JOIN timeline_heads h ON h.entry_id = r.entry_id WHERE r.entry_id = ?",
            (entry.id,),
        ).fetchone()
    assert stored[:2] == ("2026-11-30T07:00:00.000000+00:00",) * 2
    assert stored[2] == stored[3] and len(stored[3]) == len("2026-11-30T07:00:00.000000+00:00")
