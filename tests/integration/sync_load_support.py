"""A sync load run shared by the load test and the benchmark: writer processes and live readers on one hub.

Every replica starts as a copy of one seeded store (the incident, the hub cursor), with its
own device id. Writers are separate processes (tests.integration.sync_load_writer); readers
are live replicas in this process that never write. At the end each replica must hold every
entry exactly once, and its runner must have applied exactly the changes the other replicas
put on the hub since the seed: one more would be a change applied twice, one fewer a change
skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from tests.integration.sync_load_writer import entries_in_store
from tests.integration.sync_support import replica, services
from warroom.store.store import Store
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub
from warroom.sync.runner import SyncPhase, SyncRunner

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class LoadOutcome:
    written: int = 0
    counts: dict[int, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds_to_converge: float = 0.0

    @property
    def everywhere_once(self) -> bool:
        return not self.problems


def seed(folder: Path, hub_url: str) -> tuple[Path, str, int]:
    """A store with the incident, synced; returns its path, the incident id and the hub's last seq."""
    store = replica(folder, "load-seed")
    incident = services(store, "Åsa Bergström")[0].open("Load 東京 🚒", "SEV2").id
    hub = Hub(hub_url)
    try:
        SyncEngine(store, hub).sync_once(settle=30)
        last = hub.last_seq()
    finally:
        hub.close()
        store.close()
    return folder / "load-seed.sqlite", incident, last


def copy_replica(seed_path: Path, path: Path) -> Path:
    """A copy of the seed with no device id (a new one is made on open): a replica of its own."""
    shutil.copyfile(seed_path, path)
    db = sqlite3.connect(path)
    with db:
        db.execute("DELETE FROM local_meta WHERE key = 'device_id'")
    db.close()
    return path


class LoadRun:
    def __init__(
        self,
        hub_url: str,
        folder: Path,
        *,
        writers: int,
        rate: float,
        seconds: float,
        readers: int = 0,
        tight: tuple[int, int] | None = None,
    ) -> None:
        """`tight`: (pull batch, cursor MAX_DONE) for the writers (see sync_load_writer.tight)."""
        self.hub_url, self.folder, self.tight = hub_url, folder, tight
        self.writers, self.rate, self.seconds, self.readers = writers, rate, seconds, readers
        self.procs: list[subprocess.Popen] = []
        self.reader_stores: list[Store] = []
        self.reader_runners: list[SyncRunner] = []
        self.seeder = seed  # (folder, hub url) -> (seed store's path, incident id, hub's last seq)

    def run(self) -> LoadOutcome:
        seed_path, self.incident, self.seed_seq = self.seeder(self.folder, self.hub_url)
        try:
            devices = self._start(seed_path)
            outcome = LoadOutcome()
            for p in self.procs:
                p.stdin.write("go\n")
                p.stdin.flush()
            outcome.counts = {n: self._read(p)["wrote"] for n, p in enumerate(self.procs)}
            outcome.written = sum(outcome.counts.values())
            started = time.monotonic()
            for p in self.procs:
                p.stdin.write(json.dumps({"counts": outcome.counts}) + "\n")
                p.stdin.flush()
            results = [self._read(p, timeout=180) for p in self.procs]
            results += self._reader_results(outcome.counts, devices[len(self.procs) :])
            outcome.seconds_to_converge = time.monotonic() - started
            self._check(outcome, results)
            return outcome
        finally:
            self.close()

    def _start(self, seed_path: Path) -> list[str]:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        for n in range(self.writers):
            path = copy_replica(seed_path, self.folder / f"load-w{n}.sqlite")
            self.procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "tests.integration.sync_load_writer",
                        self.hub_url,
                        str(path),
                        self.incident,
                        str(n),
                        str(self.seconds),
                        str(self.rate),
                        *map(str, self.tight or ()),
                    ],
                    cwd=ROOT,
                    env=env,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    text=True,
                    stderr=open(path.with_suffix(".log"), "w"),
                )
            )
        for n in range(self.readers):
            store = Store(f"sqlite:///{copy_replica(seed_path, self.folder / f'load-r{n}.sqlite')}")
            self.reader_stores.append(store)
            self.reader_runners.append(SyncRunner(store, self.hub_url).start())
        devices = [self._read(p)["ready"] for p in self.procs]
        for runner in self.reader_runners:
            _wait(lambda: runner.state.phase is SyncPhase.LIVE, 30)
        return devices + [s.device_id for s in self.reader_stores]

    def _read(self, proc: subprocess.Popen, timeout: float = 60) -> dict:
        line = proc.stdout.readline()
        if not line:
            proc.wait(timeout)
            log = Path(proc.args[4]).with_suffix(".log").read_text()
            raise AssertionError(f"a writer died (exit {proc.returncode}):\n{log[-3000:]}")
        return json.loads(line)

    def _reader_results(self, counts: dict[int, int], devices: list[str]) -> list[dict]:
        expected = {(w, i) for w, total in counts.items() for i in range(total)}
        results = []
        for store, runner in zip(self.reader_stores, self.reader_runners):
            path = store.url.database
            deadline = time.monotonic() + 120
            while set(entries_in_store(path, self.incident)) < expected and time.monotonic() < deadline:
                time.sleep(0.1)
            runner.stop()
            found = entries_in_store(path, self.incident)
            results.append(
                {
                    "device": store.device_id,
                    "found": len(found),
                    "distinct": len(set(found)),
                    "missing_count": len(expected - set(found)),
                    "missing": sorted(expected - set(found))[:20],
                    "extra": sorted(set(found) - expected)[:20],
                    "applied": runner.pulled,
                    "state": str(runner.state),
                    "latencies": [],
                }
            )
        return results

    def _check(self, outcome: LoadOutcome, results: list[dict]) -> None:
        on_hub = self._hub_counts()
        after_seed = sum(on_hub.values())
        for n, r in enumerate(results):
            who = f"writer {n}" if n < self.writers else f"reader {n - self.writers}"
            outcome.latencies += r["latencies"]
            if r["missing_count"] or r["extra"] or not r["found"] == r["distinct"] == outcome.written:
                outcome.problems.append(
                    f"{who} has {r['found']} entries ({r['distinct']} distinct) of {outcome.written}; "
                    f"missing {r['missing_count']} e.g. {r['missing'][:5]}, extra {r['extra'][:5]} "
                    f"({r['state']})"
                )
            expected_applied = after_seed - on_hub.get(r["device"], 0)
            if r["applied"] != expected_applied:
                outcome.problems.append(
                    f"{who} applied {r['applied']} changes from the hub, expected exactly {expected_applied}"
                )

    def _hub_counts(self) -> dict[str, int]:
        url = self.hub_url.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url) as conn:
            rows = conn.execute(
                "SELECT device, count(*) FROM hub_changes WHERE seq > %s GROUP BY device", (self.seed_seq,)
            ).fetchall()
            dupes = conn.execute(
                "SELECT count(*) - count(DISTINCT (table_name, row_id, stamp)) FROM hub_changes"
            ).fetchone()[0]
        if dupes:
            raise AssertionError(f"{dupes} changes are on the hub twice under different change ids")
        return dict(rows)

    def close(self) -> None:
        for runner in self.reader_runners:
            runner.stop()
        for store in self.reader_stores:
            store.close()
        for p in self.procs:
            if p.poll() is None:
                p.kill()
            p.wait(10)
            for stream in (p.stdin, p.stdout):
                stream.close()


def _wait(check, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError("a reader did not go live")
        time.sleep(0.02)
