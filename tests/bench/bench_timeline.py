"""Timeline figures: append, open, memory, GUI stall (issue 3)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.bench.harness import Report

APPENDS = 2_000
OPEN_ROWS = 50_000
MEMORY_ROWS = 100_000


def _services(path: Path):
    from warroom.app import build_services
    from warroom.settings import Settings

    return build_services(f"sqlite:///{path}", settings=Settings(user_name="Bench", zone="UTC"))


def _raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def raw_append_seconds(folder: Path, count: int) -> float:
    conn = _raw_connection(folder / "raw.sqlite")
    conn.execute(
        "CREATE TABLE entries (id TEXT PRIMARY KEY, incident_id TEXT, occurred_at TEXT, "
        "author TEXT, kind TEXT, text TEXT)"
    )
    t0 = time.perf_counter()
    for i in range(count):
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)",
            (f"id-{i}", "inc", datetime.now(UTC).isoformat(), "Bench", "observation", f"entry {i}"),
        )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def raw_same_rows_seconds(folder: Path, count: int) -> float:
    """Raw sqlite3 writing what one entry really writes (entry, clock, revision, head, two
    outbox rows) into the real schema, one durable transaction per entry."""
    services = _services(folder / "same.sqlite")
    inc = services.incidents.open("Bench raw rows", "SEV3")
    services.close()
    conn = _raw_connection(folder / "same.sqlite")
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
    t0 = time.perf_counter()
    for i in range(count):
        e, r = f"e-{i:08d}", f"r-{i:08d}"
        conn.execute("BEGIN")
        conn.execute("INSERT INTO timeline_entries VALUES (?, ?, ?, 0)", (e, inc.id, now))
        conn.execute("INSERT INTO sync_row_clocks VALUES ('timeline_entries', ?, '{}')", (e,))
        conn.execute(
            "INSERT INTO entry_revisions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)",
            (r, e, inc.id, "s", now, now, "Bench", "observation", f"entry {i}", None, None, None, None, None),
        )
        conn.execute(
            "INSERT INTO timeline_heads VALUES (?,?,?,1,?,?,?,?,?,?,?,?,?,?,0)",
            (e, inc.id, "s", now, now, "Bench", "observation", f"entry {i}", None, None, None, None, None),
        )
        for change in (f"c1-{i}", f"c2-{i}"):
            conn.execute(
                "INSERT INTO sync_outbox (change_id, table_name, row_id, payload, stamp) "
                "VALUES (?, 'entry_revisions', ?, '{}', 's')",
                (change, e),
            )
        conn.execute("COMMIT")
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed


def service_append_seconds(folder: Path, count: int) -> float:
    services = _services(folder / "svc.sqlite")
    inc = services.incidents.open("Bench append", "SEV3")
    t0 = time.perf_counter()
    for i in range(count):
        services.timeline.add(inc.id, f"entry {i}")
    elapsed = time.perf_counter() - t0
    services.close()
    return elapsed


def fill_incident(path: Path, rows: int) -> str:
    """A store with one incident of `rows` entries, written in large transactions."""
    from warroom.domain.timeline import EntryKind
    from warroom.services.timeline import write_entry

    services = _services(path)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    inc = services.incidents.open("Bench open", "SEV2", started_at=start)
    kinds = list(EntryKind)
    for chunk in range(0, rows, 5_000):
        with services.store.unit_of_work() as uow:
            for i in range(chunk, min(rows, chunk + 5_000)):
                write_entry(
                    uow,
                    inc.id,
                    start + timedelta(seconds=i * 3),
                    occurred_at=start + timedelta(seconds=i * 3),
                    author=f"Responder {i % 7}",
                    kind=kinds[i % len(kinds)],
                    text=f"Entry {i}: Åsa checked the 東京 link 🚒",
                )
            uow.commit()
    services.close()
    return inc.id


def raw_select_seconds(path: Path, incident_id: str) -> float:
    conn = _raw_connection(path)
    t0 = time.perf_counter()
    rows = conn.execute(
        "SELECT * FROM entry_revisions WHERE incident_id = ? ORDER BY occurred_at", (incident_id,)
    ).fetchall()
    elapsed = time.perf_counter() - t0
    assert len(rows) >= OPEN_ROWS
    conn.close()
    return elapsed


def run(report: Report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        raw = raw_append_seconds(folder, APPENDS)
        svc = service_append_seconds(folder, APPENDS)
        same = raw_same_rows_seconds(folder, APPENDS)
        report.add(
            f"append {APPENDS} entries one by one, durable (per entry)",
            svc / APPENDS * 1000,
            raw / APPENDS * 1000,
            "ms",
            max_ratio=3,
            note="floor: raw sqlite3 INSERT+COMMIT of one row",
        )
        report.add(
            "  the same, against raw sqlite3 writing the same rows",
            svc / APPENDS * 1000,
            same / APPENDS * 1000,
            "ms",
            note="floor: entry, clock, revision, head, 2 outbox rows",
        )
        big = folder / "open.sqlite"
        incident_id = fill_incident(big, OPEN_ROWS)
        floor = min(raw_select_seconds(big, incident_id) for _ in range(3))
        opened = min(_open_in_subprocess(big, incident_id) for _ in range(3))
        report.add(
            f"open a {OPEN_ROWS}-entry timeline to its first screen",
            opened * 1000,
            floor * 1000,
            "ms",
            max_ratio=3,
            max_value=1000,
            note="floor: raw sqlite3 SELECT of the rows",
        )
        _memory_and_stall(report, folder)


def _open_in_subprocess(path: Path, incident_id: str) -> float:
    """Time the model's first screen in a fresh process (cold caches of Python objects)."""
    code = (
        "import sys,time; from tests.bench.bench_timeline_gui import time_first_screen;"
        f"print(time_first_screen({str(path)!r}, {incident_id!r}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=Path(__file__).parents[2],
    )
    return float(out.stdout.strip().splitlines()[-1])


def _memory_and_stall(report: Report, folder: Path) -> None:
    big = folder / "memory.sqlite"
    incident_id = fill_incident(big, MEMORY_ROWS)
    code = (
        "from tests.bench.bench_timeline_gui import window_memory_and_stall;"
        f"print(*window_memory_and_stall({str(big)!r}, {incident_id!r}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=Path(__file__).parents[2],
    )
    if out.returncode != 0:
        print(out.stderr[-3000:])
        raise RuntimeError("the GUI benchmark failed")
    rss_mb, base_mb, stall_ms, tick_ms = (float(x) for x in out.stdout.strip().splitlines()[-1].split())
    report.add(
        f"window holding a {MEMORY_ROWS}-entry incident: resident memory",
        rss_mb,
        base_mb,
        "MB",
        max_value=400,
        note="floor: the same process with a bare QApplication",
    )
    report.add(
        "longest GUI-thread stall while an entry arrives each second",
        stall_ms,
        tick_ms,
        "ms",
        max_value=50,
        note="floor: the timer's own tick jitter with no arrivals",
    )
