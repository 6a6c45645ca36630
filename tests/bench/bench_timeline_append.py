"""The durable append (issue #17): the service beside raw sqlite3, measured in the same rounds.

The three writers take turns, a round of entries each, so a disk whose fsync
latency swings (another process writing, a loaded machine) weighs on all three
alike: the ratio between them is what counts. WARROOM_BENCH_DIR names the folder
the stores are made in (default: the system's temporary folder, on disk here);
`WARROOM_BENCH_DIR=/dev/shm` measures on a RAM disk, where no fsync hides the CPU.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.bench.harness import Report
from warroom.domain.ids import new_ids

APPENDS = 2_000
ROUNDS = 40  # short rounds: a swing in the disk's fsync latency lands on all three writers alike
SAME_ROWS = "the revision, its entry's head row, one outbox change"
_DEVICE = "5f0c2a9e41b7d386"  # a device id is 16 hex digits
_CONTENT = "occurred_at, recorded_at, author, kind, text, milestone, vendor_id, contact_id, vendor_name, contact_name"


def services_on(path: Path):
    from warroom.app import build_services
    from warroom.settings import Settings

    return build_services(f"sqlite:///{path}", settings=Settings(user_name="Bench", zone="UTC"))


def raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


class OneRow:
    """The floor: raw sqlite3, one row, one durable transaction."""

    def __init__(self, folder: Path) -> None:
        self.conn = raw_connection(folder / "raw.sqlite")
        self.conn.execute(
            "CREATE TABLE entries (id TEXT PRIMARY KEY, incident_id TEXT, occurred_at TEXT, "
            "author TEXT, kind TEXT, text TEXT)"
        )

    def write(self, start: int, count: int) -> float:
        t0 = time.perf_counter()
        for i in range(start, start + count):
            self.conn.execute("BEGIN")
            self.conn.execute(
                "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?)",
                (f"id-{i}", "inc", datetime.now(UTC).isoformat(), "Bench", "observation", f"entry {i}"),
            )
            self.conn.execute("COMMIT")
        return time.perf_counter() - t0

    def close(self) -> None:
        self.conn.close()


class SameRows:
    """Raw sqlite3 writing what one entry really writes, into the real schema, one durable transaction each."""

    def __init__(self, folder: Path) -> None:
        services = services_on(folder / "same.sqlite")
        self.incident = services.incidents.open("Bench raw rows", "SEV3").id
        services.close()
        self.conn = raw_connection(folder / "same.sqlite")

    def write(self, start: int, count: int) -> float:
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")
        rows = [self._rows(i, now) for i in range(start, start + count)]  # made before the clock starts
        t0 = time.perf_counter()
        for revision, head, change in rows:
            self.conn.execute("BEGIN")
            self.conn.execute(
                f"INSERT INTO entry_revisions (id, entry_id, incident_id, stamp, {_CONTENT}, retracted) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)",
                revision,
            )
            self.conn.execute(
                f"INSERT INTO timeline_heads (entry_id, incident_id, stamp, revision_count, {_CONTENT}, "
                "retracted, created_at) VALUES (?,?,?,1,?,?,?,?,?,?,?,?,?,?,0,?)",
                head,
            )
            self.conn.execute(
                "INSERT INTO sync_outbox (change_id, table_name, row_id, payload, stamp) "
                "VALUES (?, 'entry_revisions', ?, ?, ?)",
                change,
            )
            self.conn.execute("COMMIT")
        return time.perf_counter() - t0

    def _rows(self, i: int, now: str) -> tuple[tuple, tuple, tuple]:
        e, r, c = new_ids(3)  # ids and a stamp of the service's own form and size: the same bytes to write
        stamp = f"{i:013d}.000000.{_DEVICE}"
        values = (now, now, "Bench", "observation", f"entry {i}", None, None, None, None, None)
        names = ["id", "entry_id", "incident_id", "stamp", *_CONTENT.split(", "), "retracted"]
        payload = json.dumps({"row": dict(zip(names, (r, e, self.incident, stamp, *values, False), strict=True))})
        return (
            (r, e, self.incident, stamp, *values),
            (e, self.incident, stamp, *values, now),
            (c, r, payload, stamp),
        )

    def close(self) -> None:
        self.conn.close()


class Service:
    """What the entry box does: TimelineService.add, one durable unit of work per entry."""

    def __init__(self, folder: Path) -> None:
        self.services = services_on(folder / "svc.sqlite")
        self.incident = self.services.incidents.open("Bench append", "SEV3").id

    def write(self, start: int, count: int) -> float:
        add, incident = self.services.timeline.add, self.incident
        t0 = time.perf_counter()
        for i in range(start, start + count):
            add(incident, f"entry {i}")
        return time.perf_counter() - t0

    def close(self) -> None:
        self.services.close()


def run_append(report: Report, folder: Path) -> None:
    writers = [OneRow(folder), Service(folder), SameRows(folder)]
    seconds = [0.0] * len(writers)
    per_round = APPENDS // ROUNDS
    try:
        for n in range(ROUNDS):
            for k, writer in enumerate(writers):
                seconds[k] += writer.write(n * per_round, per_round)
    finally:
        for writer in writers:
            writer.close()
    floor, svc, same = (s / APPENDS * 1000 for s in seconds)
    report.add(
        f"append {APPENDS} entries one by one, durable (per entry)",
        svc,
        floor,
        "ms",
        max_ratio=3,
        note="floor: raw sqlite3 INSERT+COMMIT of one row",
    )
    report.add(
        "  the same, against raw sqlite3 writing the same rows",
        svc,
        same,
        "ms",
        max_ratio=1.5,
        note=f"floor: {SAME_ROWS}",
    )


def run(report: Report) -> None:
    """`python -m tests.bench timeline_append`: the append figures alone."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("WARROOM_BENCH_DIR") or None) as tmp:
        print(f"stores in {tmp}", flush=True)
        run_append(report, Path(tmp))
