"""Sync benchmark: propagation, catch-up and load on a real PostgreSQL hub.

Floors, measured in the same run:
- propagation: a raw psycopg INSERT + NOTIFY -> LISTEN round trip on the same server;
- catch-up: a raw SELECT of the same rows from the hub plus a raw sqlite3 executemany of
  them into a local WAL file in one transaction. A pulled change has to end up durably in
  the local file, so a floor without the local write would compare a network read with a
  read-and-apply; the plain SELECT is printed beside it for reference.
- load: no floor. Every entry must reach every replica exactly once: each store holds all of
  them, none twice, and each runner applied exactly the changes the others put on the hub
  (see tests/integration/sync_load_support.py); the latency spread is reported.

`python -m tests.bench sync` runs all three; WARROOM_BENCH_LOAD_SECONDS sets the load's
duration (default 60). One part, or another duration:
`python -m tests.bench.bench_sync --parts load --load-seconds 60`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict

from tests.bench.harness import Report, percentile
from tests.integration.sync_load_support import LoadRun
from tests.integration.sync_support import replica, services
from warroom.domain.timeline import EntryKind
from warroom.services.timeline import write_entry
from warroom.store.models import TimelineHeadRow
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub
from warroom.sync.hub_admin import init_hub
from warroom.sync.runner import SyncPhase, SyncRunner

ADMIN = os.environ.get("WARROOM_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
ENTRIES = 200
CATCH_UP_CHANGES = 10_000


PARTS = ("propagation", "catch-up", "join-compacted", "load")
JOIN_CHANGES = int(os.environ.get("WARROOM_BENCH_JOIN_CHANGES", "1000000"))  # the size; 20000 for a quick look


def run(report: Report, load_seconds: float | None = None, parts: tuple[str, ...] = PARTS) -> None:
    seconds = load_seconds or float(os.environ.get("WARROOM_BENCH_LOAD_SECONDS", "60"))
    name = f"warroom_bench_{uuid.uuid4().hex[:10]}"
    folder = Path(tempfile.mkdtemp(prefix="warroom-bench-sync-"))
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = _database_url(name)
    try:
        init_hub(url)
        if "propagation" in parts:
            _propagation(report, url, folder)
        if "catch-up" in parts:
            _catch_up(report, url, folder)
        if "join-compacted" in parts:
            _join_compacted(report, url, folder)
        if "load" in parts:
            _load(report, url, folder, seconds)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        shutil.rmtree(folder, ignore_errors=True)


def _database_url(name: str) -> str:
    info = conninfo_to_dict(ADMIN)
    pw = f":{info['password']}" if info.get("password") else ""
    return f"postgresql://{info.get('user', 'postgres')}{pw}@{info.get('host', '127.0.0.1')}:{info.get('port', '5432')}/{name}"


# -- propagation --------------------------------------------------------------------------
def _raw_round_trips(url: str, n: int) -> list[float]:
    with psycopg.connect(url) as writer, psycopg.connect(url, autocommit=True) as listener:
        writer.execute("CREATE TABLE bench_raw (id bigserial PRIMARY KEY, payload text)")
        writer.commit()
        listener.execute("LISTEN bench_raw")
        times = []
        for i in range(n):
            t0 = time.perf_counter()
            writer.execute("INSERT INTO bench_raw (payload) VALUES (%s)", (f"entry {i} " + "x" * 300,))
            writer.execute("SELECT pg_notify('bench_raw', '')")
            writer.commit()
            for _ in listener.notifies(stop_after=1, timeout=5):
                pass
            times.append(time.perf_counter() - t0)
        writer.execute("DROP TABLE bench_raw")
        writer.commit()
    return times


def _propagation(report: Report, url: str, folder: Path) -> None:
    raw = _raw_round_trips(url, ENTRIES)
    a, b = replica(folder, "prop-a"), replica(folder, "prop-b")
    runners = [SyncRunner(a, url).start(), SyncRunner(b, url).start()]
    committed, arrived = [0.0], threading.Event()
    arrivals: list[float] = []
    a.subscribe(lambda t: committed.__setitem__(0, time.perf_counter()) if "entry_revisions" in t else None)
    b.subscribe(lambda t: (arrivals.append(time.perf_counter()), arrived.set()) if "timeline_heads" in t else None)
    try:
        _wait(lambda: all(r.state.phase is SyncPhase.LIVE for r in runners), 10)
        incidents, timeline = services(a, "bench")
        incident = incidents.open("Propagation", "SEV3").id
        _wait(lambda: services(b, "x")[0].list(), 5)
        latencies = []
        for i in range(ENTRIES):
            arrived.clear()
            entry_id = timeline.add(incident, f"propagation {i} " + "x" * 300).entry.id
            latencies.append(_arrival(b, entry_id, arrived, arrivals) - committed[0])
    finally:
        for r in runners:
            r.stop()
    report.add(
        "sync propagation A->B p50 (200 entries, PG hub)",
        percentile(latencies, 50) * 1000,
        percentile(raw, 50) * 1000,
        "ms",
        max_ratio=3,
        note="floor: raw INSERT+NOTIFY->LISTEN p50",
    )
    report.add(
        "sync propagation A->B p95",
        percentile(latencies, 95) * 1000,
        percentile(raw, 95) * 1000,
        "ms",
        max_value=500,
        note="floor: raw p95",
    )


def _arrival(store, entry_id: str, arrived: threading.Event, arrivals: list[float]) -> float:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        arrived.wait(0.5)
        arrived.clear()
        with store.session() as s:
            if s.get(TimelineHeadRow, entry_id) is not None:
                return arrivals[-1]
    raise RuntimeError("an entry did not arrive within 10 s")


# -- catch-up -------------------------------------------------------------------------------
def _catch_up(report: Report, url: str, folder: Path) -> None:
    hub = Hub(url)
    writer, offline = replica(folder, "catch-writer"), replica(folder, "catch-offline")
    incident = services(writer, "bench")[0].open("Catch-up", "SEV3").id
    SyncEngine(writer, hub).sync_once()
    SyncEngine(offline, hub).sync_once()
    offline.close()
    start_seq = hub.last_seq()
    now = datetime.now(UTC)
    with writer.unit_of_work() as uow:  # one change an entry (its first revision)
        for i in range(CATCH_UP_CHANGES):
            write_entry(
                uow,
                incident,
                now,
                occurred_at=now,
                author="Ọlá Adéwálé",
                kind=EntryKind.OBSERVATION,
                text=f"catch-up {i} " + "ü" * 200,
            )
        uow.commit()
    SyncEngine(writer, hub).push_once()
    base = folder / "catch-offline.sqlite"
    pulls, floors, selects = [], [], []
    for trial in range(3):
        copy = folder / f"catch-trial-{trial}.sqlite"
        shutil.copyfile(base, copy)
        store = replica(folder, f"catch-trial-{trial}")
        t0 = time.perf_counter()
        applied = SyncEngine(store, hub).pull_once()
        pulls.append(time.perf_counter() - t0)
        assert applied == CATCH_UP_CHANGES, applied
        store.close()
        selects.append(_raw_select(url, start_seq)[0])
        floors.append(_raw_select_and_store(url, start_seq, folder / f"raw-{trial}.sqlite"))
    hub.close()
    report.add(
        "sync catch-up: pull+apply 10,000 changes",
        min(pulls),
        min(floors),
        "s",
        max_ratio=4,
        note=f"floor: raw SELECT + sqlite3 executemany (raw SELECT alone {min(selects):.3f} s)",
    )


def _raw_select(url: str, after: int) -> tuple[float, list]:
    t0 = time.perf_counter()
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT change_id, table_name, row_id, payload, stamp, device FROM hub_changes "
            "WHERE seq > %s ORDER BY txid, seq",
            (after,),
        ).fetchall()
    return time.perf_counter() - t0, rows


def _raw_select_and_store(url: str, after: int, path: Path) -> float:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(
        "CREATE TABLE log (change_id TEXT PRIMARY KEY, table_name TEXT, row_id TEXT, "
        "payload TEXT, stamp TEXT, device TEXT)"
    )
    t0 = time.perf_counter()
    _, rows = _raw_select(url, after)
    with db:
        db.executemany("INSERT INTO log VALUES (?, ?, ?, ?, ?, ?)", rows)
    took = time.perf_counter() - t0
    db.close()
    return took


# -- joining a compacted hub -------------------------------------------------------------------
def _join_compacted(report: Report, url: str, folder: Path) -> None:
    """A new laptop joins a hub whose log was compacted: it reads the snapshot, then the (short) log."""
    from warroom.sync.compaction import compact

    hub = Hub(url)
    writer = replica(folder, "join-writer")
    incident = services(writer, "bench")[0].open("Join", "SEV3").id
    now = datetime.now(UTC)
    for start in range(0, JOIN_CHANGES, 10_000):  # one change an entry (its first revision), 10,000 a transaction
        with writer.unit_of_work() as uow:
            for i in range(start, min(start + 10_000, JOIN_CHANGES)):
                write_entry(
                    uow, incident, now, occurred_at=now, author="Åsa", kind=EntryKind.OBSERVATION, text=f"join {i}"
                )
            uow.commit()
    SyncEngine(writer, hub).sync_once()
    deadline = time.monotonic() + 60
    while not _folded_all(done := compact(url, keep_days=0)) and time.monotonic() < deadline:
        time.sleep(0.5)  # another transaction on the server holds xmin back: wait, and fold the rest
    joins, floors = [], []
    for trial in range(3):
        store = replica(folder, f"join-trial-{trial}")
        t0 = time.perf_counter()
        applied = SyncEngine(store, hub).pull_once()
        joins.append(time.perf_counter() - t0)
        assert applied >= JOIN_CHANGES, applied
        store.close()
        floors.append(_raw_snapshot_copy(url, folder / f"raw-join-{trial}.sqlite"))
    hub.close()
    report.add(
        f"join a compacted hub: snapshot of {done.kept:,} changes, then the log",
        min(joins),
        min(floors),
        "s",
        max_ratio=2,
        note="floor: raw SELECT of the snapshot rows + sqlite3 executemany",
    )


def _folded_all(done) -> bool:
    """Every change (the incident and each entry) is in the snapshot: the join is then the
    snapshot alone, which is what the floor copies (a fold held back by another transaction
    on a shared server leaves part of it in the log, replayed change by change)."""
    return done.point is not None and done.kept > JOIN_CHANGES


def _raw_snapshot_copy(url: str, path: Path) -> float:
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE log (change_id TEXT PRIMARY KEY, table_name TEXT, row_id TEXT, payload TEXT, stamp TEXT)")
    t0 = time.perf_counter()
    with psycopg.connect(url) as conn, db:  # rows made 20,000 at a time: no 1,000,000 tuples held at once
        rows = conn.execute("SELECT change_id, table_name, row_id, payload, stamp FROM hub_snapshot ORDER BY txid, seq")
        while batch := rows.fetchmany(20_000):
            db.executemany("INSERT INTO log VALUES (?, ?, ?, ?, ?)", batch)
    took = time.perf_counter() - t0
    db.close()
    return took


# -- load -------------------------------------------------------------------------------------
def _load(report: Report, url: str, folder: Path, seconds: float, writers: int = 20, rate: float = 10) -> None:
    outcome = LoadRun(url, folder / "load", writers=writers, rate=rate, seconds=seconds).run()
    latencies = outcome.latencies or [float("nan")]
    verdict = "yes, each exactly once" if outcome.everywhere_once else f"NO: {'; '.join(outcome.problems[:3])}"
    note = (
        f"{writers} writers x {rate:g}/s x {seconds:g} s = {outcome.written} entries, "
        f"{len(outcome.latencies)} arrivals; on every replica: {verdict}"
    )
    report.add("sync load: arrival latency p50", percentile(latencies, 50) * 1000, None, "ms", note=note)
    report.add("sync load: arrival latency p95", percentile(latencies, 95) * 1000, None, "ms")
    report.add("sync load: arrival latency p99", percentile(latencies, 99) * 1000, None, "ms")
    report.add(
        "sync load: arrival latency max",
        max(latencies) * 1000,
        None,
        "ms",
        max_value=None if outcome.everywhere_once else -1,
        note=f"all replicas complete {outcome.seconds_to_converge:.1f} s after the last write",
    )


def _wait(check, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError("benchmark setup timed out")
        time.sleep(0.02)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_sync")
    parser.add_argument("--parts", default=",".join(PARTS), help="comma-separated: " + ", ".join(PARTS))
    parser.add_argument("--load-seconds", type=float, default=None, help="how long the writers write")
    args = parser.parse_args(argv)
    parts = tuple(p.strip() for p in args.parts.split(",") if p.strip())
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown part(s): {', '.join(sorted(unknown))}")
    report = Report()
    run(report, args.load_seconds, parts)
    return 0 if report.all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
