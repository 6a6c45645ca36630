"""Two replicas live on one hub: what one writes is in the other's store within a second."""

from __future__ import annotations

import sys
import threading
import time

import pytest

from tests.integration.sync_support import entry_texts, replica, services, snapshot, wait_until
from warroom.sync.hub_admin import init_hub
from warroom.sync.runner import SyncPhase, SyncRunner


@pytest.fixture
def pg_hub(pg_url) -> str:
    init_hub(pg_url)
    return pg_url


def _live_pair(tmp_path, hub_url):
    a, b = replica(tmp_path, "a"), replica(tmp_path, "b")
    states: list = []
    runners = [SyncRunner(a, hub_url, states.append).start(), SyncRunner(b, hub_url).start()]
    for r in runners:
        wait_until(lambda r=r: r.state.phase is SyncPhase.LIVE, 10, "the runner did not go live")
    return a, b, runners, states


def _numbered_on(store) -> bool:
    """The incident is there with the number the hub gave it (a change of its own, pushed after it)."""
    found = services(store, "x")[0].list()
    return bool(found) and found[0].number > 0


def _entry_arrives_within_a_second(a, b) -> None:
    incidents_a, timeline_a = services(a, "Åsa Bergström")
    incident = incidents_a.open("Checkout down 東京 🚒", "SEV2")
    wait_until(lambda: services(b, "x")[0].list(), 1.0, "the incident did not reach B")
    seen = threading.Event()
    unsubscribe = b.subscribe(lambda tables: seen.set() if "timeline_heads" in tables else None)
    try:
        for n in range(5):
            text = f"Vendor Ọlá Adéwálé called back #{n} — שלום"
            timeline_a.add(incident.id, text)
            wait_until(lambda: text in entry_texts(b), 1.0, f"entry {n} not on B within a second")
    finally:
        unsubscribe()
    assert seen.is_set(), "B's open views were never told about the new entries"


def test_two_replicas_live_on_postgres(tmp_path, pg_hub):
    a, b, runners, states = _live_pair(tmp_path, pg_hub)
    try:
        _entry_arrives_within_a_second(a, b)
        _, timeline_b = services(b, "Paweł Wiśniewski")
        incident_id = services(b, "x")[0].list()[0].id
        timeline_b.add(incident_id, "reply from B")
        wait_until(lambda: "reply from B" in entry_texts(a), 1.0, "B's entry did not reach A")
        wait_until(lambda: snapshot(a) == snapshot(b), 2.0, "replicas differ")
    finally:
        for r in runners:
            r.stop()
    assert all(not t.is_alive() for t in [r._thread for r in runners])
    assert states[-1].phase is SyncPhase.LIVE and str(states[-1]) == "Live"


def test_two_replicas_live_on_a_sqlite_file_hub(tmp_path):
    hub = tmp_path / "shared-drive" / "hub.sqlite"
    result = init_hub(f"sqlite:///{hub}")
    assert "journal_mode=DELETE" in result.warning and "WAL" in result.warning
    a, b, runners, _ = _live_pair(tmp_path, f"sqlite:///{hub}")
    try:
        _entry_arrives_within_a_second(a, b)
        wait_until(lambda: snapshot(a) == snapshot(b), 2.0, "replicas differ")
    finally:
        for r in runners:
            r.stop()
    assert not (tmp_path / "shared-drive" / "hub.sqlite-wal").exists()


def test_an_open_transaction_elsewhere_on_the_server_delays_nothing(tmp_path, pg_hub, postgres_factory):
    """PostgreSQL's xmin is cluster-wide: a long transaction in any database must not stall sync."""
    import psycopg

    with psycopg.connect(postgres_factory.new_database()) as neighbour:
        neighbour.execute("CREATE TABLE t (x int)")
        neighbour.execute("INSERT INTO t VALUES (1)")  # stays open, with a transaction id
        a, b, runners, _ = _live_pair(tmp_path, pg_hub)
        try:
            _entry_arrives_within_a_second(a, b)
        finally:
            for r in runners:
                r.stop()
        neighbour.rollback()


def test_past_the_cursor_limit_changes_wait_for_the_old_transaction_then_arrive(tmp_path, pg_hub, monkeypatch):
    """With `done` full, a change that committed after an open one waits for it, and then arrives."""
    import psycopg

    from warroom.sync import hub as hub_module
    from warroom.sync.hub_cursor import advance

    monkeypatch.setattr(hub_module, "advance", lambda c, r, x, l: advance(c, r, x, l, max_done=2))
    a, b, runners, _ = _live_pair(tmp_path, pg_hub)
    try:
        incidents, timeline = services(a, "Åsa Bergström")
        incident = incidents.open("Held back", "SEV3").id
        wait_until(lambda: _numbered_on(b), 5, "the incident and its number did not reach B")
        with psycopg.connect(pg_hub) as slow, psycopg.connect(pg_hub, autocommit=True) as look:
            slow.execute("SELECT pg_current_xact_id()")  # an open transaction older than the pushes
            on_hub = lambda: look.execute("SELECT count(*) FROM hub_changes").fetchone()[0]  # noqa: E731
            for n in range(3):  # one push (one transaction) each
                before = on_hub()
                timeline.add(incident, f"behind a slow laptop {n}")
                wait_until(lambda: on_hub() == before + 1, 5, "A did not push")  # the entry is one change
            time.sleep(0.5)
            # All three committed after `slow` began; B remembers at most two such transactions.
            assert len(entry_texts(b)) < 3
            slow.rollback()
        # (Another test's open transaction on the shared server would hold them a little longer.)
        wait_until(lambda: len(entry_texts(b)) == 3, 10, "held-back entries did not arrive")
        assert runners[1].pulled == 2 + 3  # the incident, its hub number, each entry's one change, once
    finally:
        for r in runners:
            r.stop()


def _thread_cpu_seconds(thread: threading.Thread) -> float:
    """User + system CPU time of one thread of this process, from /proc (Linux)."""
    import os

    fields = open(f"/proc/self/task/{thread.native_id}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads a thread's CPU time from /proc")
def test_while_changes_are_held_back_the_runner_waits_without_burning_cpu(tmp_path, pg_hub, monkeypatch):
    """A transaction held open for 10 s keeps B's cursor waiting; B re-reads with a pause growing
    to a second (a dozen or so rounds, near-zero CPU), and everything held back arrives, once,
    when the transaction ends."""
    import psycopg

    from warroom.sync import hub as hub_module
    from warroom.sync.hub_cursor import advance

    monkeypatch.setattr(hub_module, "advance", lambda c, r, x, l: advance(c, r, x, l, max_done=2))
    a, b, runners, _ = _live_pair(tmp_path, pg_hub)
    try:
        incidents, timeline = services(a, "Åsa Bergström")
        incident = incidents.open("Held back for a while", "SEV3").id
        wait_until(lambda: _numbered_on(b), 5, "the incident and its number did not reach B")
        with psycopg.connect(pg_hub) as slow:
            slow.execute("SELECT pg_current_xact_id()")  # older than every push below
            for n in range(3):
                timeline.add(incident, f"held back {n}")
                time.sleep(0.2)  # one push (one transaction) each
            wait_until(lambda: runners[1].held_back, 5, "B was never held back")
            rounds, cpu = runners[1].rounds, _thread_cpu_seconds(runners[1]._thread)
            time.sleep(10)
            spent, made = _thread_cpu_seconds(runners[1]._thread) - cpu, runners[1].rounds - rounds
            assert len(entry_texts(b)) < 3
            slow.rollback()
        assert made <= 20, f"{made} rounds in 10 s: re-reading in a loop"
        assert spent < 0.3, f"the runner used {spent:.2f} s of CPU in 10 s of waiting"
        wait_until(lambda: len(entry_texts(b)) == 3, 10, "held-back entries did not arrive")
        assert runners[1].pulled == 2 + 3  # nothing skipped, nothing twice
    finally:
        for r in runners:
            r.stop()
