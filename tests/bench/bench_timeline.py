"""Timeline figures: append, open, memory, GUI stall (issue 3)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.bench.bench_timeline_append import raw_connection, run_append, services_on
from tests.bench.harness import Report

OPEN_ROWS = 50_000
MEMORY_ROWS = 100_000


def fill_incident(path: Path, rows: int) -> str:
    """A store with one incident of `rows` entries, written in large transactions."""
    from warroom.domain.timeline import EntryKind
    from warroom.services.timeline import write_entry

    services = services_on(path)
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
    conn = raw_connection(path)
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
        run_append(report, folder)
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
