"""The unit of work: one connection and one transaction, a Session only when a repository asks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from warroom.domain.incident import Incident, Severity, Status
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService
from warroom.store.models import OutboxRow
from warroom.store.repositories.incidents import incident_row
from warroom.store.store import Store
from warroom.store.uow import UnitOfWork


@pytest.fixture
def any_store(db_url):
    s = Store(db_url)
    yield s
    s.close()


def outbox_count(store: Store) -> int:
    with store.session() as s:
        return s.execute(select(func.count()).select_from(OutboxRow)).scalar_one()


def test_an_append_runs_without_a_session(any_store, monkeypatch):
    ctx = ServiceContext(store=any_store, user_name="Åsa Bergström", zone="Europe/Stockholm")
    incident = IncidentService(ctx).open("Sans session 東京", "SEV3")
    asked: list[UnitOfWork] = []
    made = UnitOfWork.session.fget
    assert made is not None
    monkeypatch.setattr(UnitOfWork, "session", property(lambda uow: asked.append(uow) or made(uow)))
    TimelineService(ctx).add(incident.id, "first call, مرحبا")
    assert asked == []
    monkeypatch.undo()
    assert [e.text for e in TimelineService(ctx).entries(incident.id)][-1] == "first call, مرحبا"


def test_the_session_reads_the_units_own_uncommitted_writes(any_store):
    before = outbox_count(any_store)
    with any_store.unit_of_work() as uow:
        uow.writer.create("incidents", _incident_row("one"))
        seen = uow.session.execute(select(func.count()).select_from(OutboxRow)).scalar_one()
    assert seen == before + 1  # the same transaction
    assert outbox_count(any_store) == before  # never committed: rolled back when the block ended


def test_commit_keeps_the_writes_and_the_unit_stays_usable(any_store):
    before = outbox_count(any_store)
    with any_store.unit_of_work() as uow:
        uow.writer.create("incidents", _incident_row("two"))
        assert uow.session.execute(select(func.count()).select_from(OutboxRow)).scalar_one() == before + 1
        uow.commit()
        uow.writer.create("incidents", _incident_row("three"))  # after a commit: a new transaction
        assert uow.session.execute(select(func.count()).select_from(OutboxRow)).scalar_one() == before + 2
    assert outbox_count(any_store) == before + 1  # the second write was not committed


def _incident_row(suffix: str) -> dict:
    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    return incident_row(
        Incident(
            id=f"inc-{suffix}",
            number=0,
            title=f"Ärende {suffix}",
            severity=Severity.SEV3,
            status=Status.INVESTIGATING,
            commander="Åsa",
            started_at=now,
            created_at=now,
            zone="UTC",
            impacted_services=(),
            narrative={},
        )
    )


def _cache_size(uow: UnitOfWork) -> int:
    assert uow.connection is not None
    return uow.connection.exec_driver_sql("PRAGMA cache_size").scalar_one()


def test_a_widened_cache_lasts_until_the_unit_of_work_ends(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'cache.sqlite'}")
    try:
        with store.unit_of_work() as uow:
            default = _cache_size(uow)
            uow.widen_cache(24_000)
            uow.widen_cache(48_000)  # the first widening holds: the default is what comes back
            assert _cache_size(uow) == -24_000
        with store.unit_of_work() as uow:  # the pool's same connection, its own cache again
            assert _cache_size(uow) == default != -24_000
    finally:
        store.close()


def test_begin_write_holds_the_write_lock_for_the_read_and_the_writes_after_it(store):
    """A timeline append reads its incident's start after begin_write: read and writes are one
    transaction, so no other writer can slip between them."""
    import sqlite3

    other = sqlite3.connect(store.engine.url.database, timeout=0, isolation_level=None)
    with store.unit_of_work() as uow:
        uow.begin_write()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        uow.commit()
    other.execute("BEGIN IMMEDIATE")  # released by the commit
    other.execute("ROLLBACK")
    other.close()


def test_begin_write_is_harmless_where_the_first_statement_begins(any_store):
    ctx = ServiceContext(store=any_store, user_name="Åsa", zone="UTC")
    incident = IncidentService(ctx).open("Begun 東京", "SEV3")
    with any_store.unit_of_work() as uow:
        uow.begin_write()
        uow.begin_write()  # already begun: nothing more
        assert uow.repos.incidents.require_start(incident.id) == incident.started_at
        uow.commit()
