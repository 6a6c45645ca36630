"""A SQLite store's units of work reuse one connection per thread (store/kept.py)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime

import pytest

from warroom.domain.timeline import EntryKind
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService, write_entry
from warroom.store.kept import MAX_KEPT
from warroom.store.store import Store


def raw_of(uow):
    return uow.connection.connection.dbapi_connection


def in_thread(work):
    """Run `work()` on a new thread, to its end; its result or its exception."""
    out: dict = {}

    def run():
        try:
            out["value"] = work()
        except BaseException as exc:  # handed back to the test
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


def services(store):
    ctx = ServiceContext(store=store, user_name="Åsa Bergström", zone="Europe/Stockholm")
    return IncidentService(ctx), TimelineService(ctx)


def test_a_threads_units_of_work_share_one_connection_and_a_nested_one_takes_its_own(store):
    with store.unit_of_work() as uow:
        first = raw_of(uow)
        with store.unit_of_work() as inner:
            assert raw_of(inner) is not first
            inner.writer.connection().exec_driver_sql("SELECT 1")
    with store.unit_of_work() as uow:
        assert raw_of(uow) is first
        assert not first.in_transaction  # what the last unit left is gone
    assert store.engine.pool.checkedout() == 1  # the kept one; the nested one went back


def test_a_failed_unit_leaves_nothing_behind_and_the_connection_usable(store):
    incidents, timeline = services(store)
    incident = incidents.open("Rollback 東京", "SEV3")
    now = datetime.now(UTC)
    with pytest.raises(RuntimeError), store.unit_of_work() as uow:
        write_entry(
            uow, incident.id, now, occurred_at=now, author="Åsa", kind=EntryKind.OBSERVATION, text="never committed"
        )
        raise RuntimeError("the use case failed")
    assert "never committed" not in [e.text for e in timeline.entries(incident.id)]
    assert timeline.add(incident.id, "after the failure").entry.text == "after the failure"


def test_other_threads_see_each_commit_at_once(store):
    incidents, timeline = services(store)
    incident = incidents.open("Seen", "SEV3")
    count_on_a_reader = lambda: in_thread(lambda: timeline.count(incident.id))  # noqa: E731
    for n in range(1, 4):
        timeline.add(incident.id, f"entry {n}, مرحبا")
        assert count_on_a_reader() == n
    reader = threading.Thread  # a long-lived reader thread keeps its connection between reads
    seen: list[int] = []
    go, done = threading.Event(), threading.Event()

    def read_twice():
        seen.append(timeline.count(incident.id))
        go.set()
        done.wait(10)
        seen.append(timeline.count(incident.id))

    thread = reader(target=read_twice)
    thread.start()
    go.wait(10)
    timeline.add(incident.id, "written while the reader kept its connection")
    done.set()
    thread.join()
    assert seen == [3, 4]


def test_threads_that_ended_give_their_connection_back_and_at_most_a_few_keep_one(store):
    incidents, timeline = services(store)
    incident = incidents.open("Many threads", "SEV3")
    for n in range(3 * MAX_KEPT):
        in_thread(lambda n=n: timeline.add(incident.id, f"from thread {n}"))
    assert store.engine.pool.checkedout() <= MAX_KEPT

    def same_connection_twice() -> bool:
        with store.unit_of_work() as uow:
            first = raw_of(uow)
        with store.unit_of_work() as uow:
            return raw_of(uow) is first

    assert in_thread(same_connection_twice)  # the ended threads' places were free again
    barrier = threading.Barrier(MAX_KEPT + 2)

    def hold_a_unit_open():
        with store.unit_of_work() as uow:
            uow.writer.connection().exec_driver_sql("SELECT 1")
            barrier.wait(10)

    threads = [threading.Thread(target=hold_a_unit_open) for _ in range(MAX_KEPT + 1)]
    for thread in threads:
        thread.start()
    barrier.wait(10)  # every thread inside its unit at once: the ones over MAX_KEPT took from the pool
    for thread in threads:
        thread.join()
    assert store.engine.pool.checkedout() <= MAX_KEPT
    assert len(timeline.entries(incident.id)) == 3 * MAX_KEPT


def test_closing_the_store_closes_the_kept_connections(sqlite_url):
    store = Store(sqlite_url)
    with store.unit_of_work() as uow:
        raw = raw_of(uow)
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        raw.execute("SELECT 1")
    assert store.engine.pool.checkedout() == 0


def test_a_postgres_store_takes_from_its_pool_each_time(db_url):
    store = Store(db_url)
    try:
        with store.unit_of_work() as uow:
            uow.writer.connection().exec_driver_sql("SELECT 1")
        assert store.engine.pool.checkedout() == (1 if store.is_sqlite else 0)
    finally:
        store.close()


def test_a_write_sqlalchemy_never_saw_is_rolled_back_before_the_next_unit(store):
    with store.unit_of_work() as uow:
        uow.commit()
        uow.connection.rollback()  # SQLAlchemy's transaction ended; pysqlite begins its own below
        raw_of(uow).execute("INSERT INTO local_meta (key, value) VALUES ('stray', 'never committed')")
    assert store.meta("stray") is None
    with store.unit_of_work() as uow:
        assert not raw_of(uow).in_transaction
        uow.writer.connection().exec_driver_sql("SELECT 1")
    assert store.meta("stray") is None


def test_a_unit_in_use_when_the_store_closes_finishes_and_then_its_connection_closes(sqlite_url):
    store = Store(sqlite_url)
    inside, closed = threading.Event(), threading.Event()
    seen: dict = {}

    def write_across_the_close():
        with store.unit_of_work() as uow:
            seen["raw"] = raw_of(uow)
            inside.set()
            closed.wait(10)
            uow.writer.connection().exec_driver_sql("INSERT INTO local_meta (key, value) VALUES ('late', 'Zoë')")
            uow.commit()

    thread = threading.Thread(target=write_across_the_close)
    thread.start()
    inside.wait(10)
    store.close()
    closed.set()
    thread.join()
    with pytest.raises(sqlite3.ProgrammingError):
        seen["raw"].execute("SELECT 1")
    reopened = Store(sqlite_url)
    try:
        assert reopened.meta("late") == "Zoë"
    finally:
        reopened.close()
