"""Scale on one PostgreSQL hub: a hub holding 500,000 entries across 200 incidents, 50 laptop processes live on it.

    python -m tests.bench hubscale
    python -m tests.bench.bench_hubscale --entries 500000 --writers 50 --rate 0.5 --seconds 60

1. A seed laptop opens 200 incidents and pushes them.
2. The history: ENTRIES entries spread over those incidents (an entry and its first revision each,
   two changes), pushed through the app's own push path in batches, as one device would; the
   figure is the hub's ingest rate.
3. The laptops: WRITERS processes, each a copy of the seed with its own device id and its cursor
   at the end of the history (they are up to date with it; their local files do not carry it),
   each with a live sync runner, each writing RATE entries a second for SECONDS into the first
   incident. Every laptop must end with every entry exactly once and have applied exactly the
   changes the others pushed (tests/integration/sync_load_support.py checks it).

Figures: pull throughput (changes applied by all laptops together, a second, from the first write
until every laptop has everything), arrival latency p50/p95 (another laptop's entry, from its
local commit to landing here), and the history ingest rate. No floor: they describe the hub at
this size on this machine (2 cores shared with everything else, the hub's server included).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

from tests.bench.bench_sync import ADMIN, _database_url
from tests.bench.harness import Report, percentile
from tests.integration.sync_load_support import LoadRun
from tests.integration.sync_support import replica, services
from warroom.services.timeline import TimelineService
from warroom.store.store import Store
from warroom.sync.engine import CURSOR_PREFIX, SyncEngine
from warroom.sync.hub import Hub
from warroom.sync.hub_admin import init_hub
from warroom.sync.hub_cursor import HubCursor

INCIDENTS = 200
ENTRIES = 500_000
WRITERS = 50
RATE = 0.5
SECONDS = 60.0
HISTORY_BATCH = 5000
MARK = "00000000"


def run(report: Report, entries: int = ENTRIES, writers: int = WRITERS, rate: float = RATE, seconds: float = SECONDS):
    entries = int(os.environ.get("WARROOM_HUBSCALE_ENTRIES", entries))
    writers = int(os.environ.get("WARROOM_HUBSCALE_WRITERS", writers))
    name = f"warroom_bench_{uuid.uuid4().hex[:10]}"
    folder = Path(tempfile.mkdtemp(prefix="warroom-bench-hubscale-"))
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = _database_url(name)
    try:
        init_hub(url)
        ingest: dict[str, float] = {}
        run_ = LoadRun(url, folder, writers=writers, rate=rate, seconds=seconds)
        run_.seeder = lambda f, u: _seed(f, u, entries, ingest)
        t0 = time.monotonic()
        outcome = run_.run()
        took = time.monotonic() - t0 - ingest["setup"]
        applied = _applied_after(url, run_.seed_seq, writers)
        _report(report, outcome, ingest, applied, writers, rate, seconds, entries)
        print(f"   (live phase {took:.0f} s including start-up; hub: {_sizes(url)})", flush=True)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        shutil.rmtree(folder, ignore_errors=True)


def _report(report: Report, outcome, ingest, applied, writers, rate, seconds, entries) -> None:
    latencies = outcome.latencies or [float("nan")]
    verdict = "yes, each exactly once" if outcome.everywhere_once else f"NO: {'; '.join(outcome.problems[:3])}"
    live = seconds + outcome.seconds_to_converge
    report.add(
        f"hub ingest: {entries:,} entries ({2 * entries:,} changes) pushed",
        ingest["changes"] / ingest["seconds"],
        None,
        "c/s",
        note=f"{ingest['seconds']:.0f} s across {INCIDENTS} incidents",
    )
    report.add(
        f"hub scale: {writers} laptops pull throughput",
        applied / live,
        None,
        "c/s",
        note=f"{applied:,} changes applied by all laptops in {live:.0f} s ({writers} x {rate:g}/s x {seconds:g} s = "
        f"{outcome.written} entries); on every laptop: {verdict}",
        max_value=None if outcome.everywhere_once else -1,
    )
    report.add("hub scale: arrival latency p50", percentile(latencies, 50) * 1000, None, "ms")
    report.add(
        "hub scale: arrival latency p95",
        percentile(latencies, 95) * 1000,
        None,
        "ms",
        note=f"{len(outcome.latencies):,} arrivals; all laptops complete {outcome.seconds_to_converge:.1f} s "
        "after the last write",
    )


def _seed(folder: Path, url: str, entries: int, ingest: dict) -> tuple[Path, str, int]:
    """The seed laptop with INCIDENTS incidents, the history pushed behind them, its cursor at the end."""
    t0 = time.monotonic()
    store = replica(folder, "load-seed")
    incidents_service = services(store, "Åsa Bergström")[0]
    incidents = [incidents_service.open(f"Scale {n} 東京 🚒", "SEV3").id for n in range(INCIDENTS)]
    hub = Hub(url)
    try:
        SyncEngine(store, hub).sync_once(settle=30)
        template = _template(folder, incidents[0])
        t1 = time.monotonic()
        ingest["changes"] = _push_history(hub, template, incidents, entries)
        ingest["seconds"] = time.monotonic() - t1
        last = hub.last_seq()
        store.set_meta(CURSOR_PREFIX + hub.identity, _end_of_log(url).encode())
    finally:
        hub.close()
        store.close()
    ingest["setup"] = time.monotonic() - t0
    return folder / "load-seed.sqlite", incidents[0], last


def _template(folder: Path, incident: str) -> list[tuple[str, str, str, str, str, str]]:
    """One real entry's two changes (as its outbox holds them) from a laptop of its own: the history's mould."""
    store = replica(folder, "history-device")
    incidents = services(store, "Paweł Nowak")[0]
    incidents.open("mould", "SEV3")  # the incident the mould's entry points at is replaced below
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM sync_outbox")
    from warroom.services.context import ServiceContext

    entry = TimelineService(ServiceContext(store, "Paweł Nowak")).add(
        _incident_of(store), f"history #{MARK} — vendor Ọlá Adéwálé called back, NOC reached; ticket 4711 open"
    )
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT change_id, table_name, row_id, payload, stamp FROM sync_outbox").fetchall()
    device = store.device_id
    store.close()
    ids = {entry.entry.id, *(r[2] for r in rows), *(r[0] for r in rows)}
    return [(r[0], r[1], r[2], _with_incident(r[3], incident), r[4], device) for r in rows] + [
        ("ids", json.dumps(sorted(ids)), "", "", "", "")
    ]


def _incident_of(store: Store) -> str:
    with store.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT id FROM incidents").scalar_one()


def _with_incident(payload: str, incident: str) -> str:
    body = json.loads(payload)
    if "incident_id" in body["row"]:
        body["row"]["incident_id"] = incident
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def _push_history(hub: Hub, template, incidents: list[str], entries: int) -> int:
    """ENTRIES copies of the mould, each with ids of its own, spread over the incidents; pushed in batches."""
    *rows, (_, ids_json, *_rest) = template
    ids = json.loads(ids_json)
    first_incident = incidents[0]
    pushed, batch = 0, []
    for i in range(entries):
        fresh = {old: str(uuid.UUID(int=(i << 16) | k | (1 << 120))) for k, old in enumerate(ids)}
        incident = incidents[i % len(incidents)]
        for change_id, table, row_id, payload, stamp, device in rows:
            text = payload.replace(MARK, f"{i:08d}").replace(first_incident, incident)
            for old, new in fresh.items():
                text = text.replace(old, new)
            batch.append((fresh.get(change_id, change_id), table, fresh.get(row_id, row_id), text, stamp, device))
        if len(batch) >= HISTORY_BATCH:
            pushed += hub.push_wire(batch)
            batch = []
    if batch:
        pushed += hub.push_wire(batch)
    return pushed


def _end_of_log(url: str) -> HubCursor:
    with psycopg.connect(url) as conn:
        row = conn.execute(
            "SELECT txid::text::bigint, seq FROM hub_changes ORDER BY txid DESC, seq DESC LIMIT 1"
        ).fetchone()
    return HubCursor(int(row[0]), int(row[1]))


def _applied_after(url: str, seed_seq: int, writers: int) -> int:
    """Changes applied by all laptops together: each applies every change after the seed but its own."""
    with psycopg.connect(url) as conn:
        per_device = [
            n for (n,) in conn.execute("SELECT count(*) FROM hub_changes WHERE seq > %s GROUP BY device", (seed_seq,))
        ]
    total = sum(per_device)
    return writers * total - total


def _sizes(url: str) -> str:
    with psycopg.connect(url) as conn:
        n = conn.execute("SELECT count(*) FROM hub_changes").fetchone()[0]
        size = conn.execute("SELECT pg_size_pretty(pg_total_relation_size('hub_changes'))").fetchone()[0]
    return f"{n:,} changes in hub_changes, {size}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench.bench_hubscale")
    parser.add_argument("--entries", type=int, default=ENTRIES)
    parser.add_argument("--writers", type=int, default=WRITERS)
    parser.add_argument("--rate", type=float, default=RATE, help="entries a second per laptop")
    parser.add_argument("--seconds", type=float, default=SECONDS)
    args = parser.parse_args(argv)
    report = Report()
    run(report, args.entries, args.writers, args.rate, args.seconds)
    return 0 if report.all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
