"""The busy watch: a statement waiting for another program's lock is noticed, once per wait."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time

from warroom.store.busy import watched_connection_class


def test_each_wait_for_a_lock_is_noticed_once_and_a_quick_statement_never(tmp_path, caplog):
    path = tmp_path / "busy ärende.sqlite"
    watched = sqlite3.connect(
        path, timeout=5, factory=watched_connection_class("the test store"), check_same_thread=False
    )
    watched.execute("CREATE TABLE t (x TEXT)")
    watched.commit()
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    caplog.set_level(logging.WARNING, logger="warroom.notice.busy")
    for wait in range(2):  # the same connection, so the same key: the second wait is noticed too
        other.execute("BEGIN IMMEDIATE")
        letting_go = threading.Timer(1.8, lambda: other.execute("COMMIT"))
        letting_go.start()
        watched.execute("INSERT INTO t VALUES (?)", (f"wait {wait} 東京",))
        watched.commit()
        letting_go.join()
        notices = [r for r in caplog.records if "waiting for the store the test store" in r.getMessage()]
        assert len(notices) == wait + 1
    for _ in range(300):  # quick statements, never noticed
        watched.execute("INSERT INTO t VALUES ('quick')")
    watched.commit()
    time.sleep(0.6)
    assert len([r for r in caplog.records if "waiting for the store" in r.getMessage()]) == 2
    watched.close()
    other.close()


def test_a_timeline_append_waiting_for_another_programs_lock_is_noticed_and_lands(store, caplog):
    """The append takes the write lock first (watched), then writes unwatched: its wait is still seen."""
    from warroom.services.context import ServiceContext
    from warroom.services.incidents import IncidentService
    from warroom.services.timeline import TimelineService

    ctx = ServiceContext(store=store, user_name="Åsa", zone="UTC")
    incident = IncidentService(ctx).open("Låst fil", "SEV3")
    other = sqlite3.connect(store.engine.url.database, isolation_level=None, check_same_thread=False)
    caplog.set_level(logging.WARNING, logger="warroom.notice.busy")
    other.execute("BEGIN IMMEDIATE")
    letting_go = threading.Timer(1.8, lambda: other.execute("COMMIT"))
    letting_go.start()
    added = TimelineService(ctx).add(incident.id, "written after the wait, 東京")
    letting_go.join()
    other.close()
    assert [r for r in caplog.records if "waiting for the store" in r.getMessage()]
    assert TimelineService(ctx).entries(incident.id)[-1].text == added.entry.text
