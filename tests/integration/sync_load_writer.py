"""One live replica of a sync load run: writes at a steady rate, then checks it has every entry once.

    python -m tests.integration.sync_load_writer HUB_URL STORE_PATH INCIDENT_ID N SECONDS RATE [BATCH DONE]

BATCH and DONE, when given, shrink the pull batch and the cursor's MAX_DONE (see tight()).

The protocol on stdout/stdin, one JSON object per line:
  -> {"ready": DEVICE_ID}            once its runner is live
  <- "go"                            all writers start together
  -> {"wrote": COUNT}                its entries are committed locally (its runner pushes them)
  <- {"counts": {"N": COUNT, ...}}   how many entries each writer made
  -> {"device", "missing", "extra", "applied", "latencies", ...}  after converging or timing out

Entries read "load wN #I @UNIX_TIME"; the arrival latency of another writer's entry is
the time it lands in this store minus that time.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import threading
import time

from warroom.services.context import ServiceContext
from warroom.services.timeline import TimelineService
from warroom.store.store import Store
from warroom.sync.runner import SyncPhase, SyncRunner

TEXT = re.compile(r"^load w(\d+) #(\d+) @([0-9.]+)$")
CONVERGE_SECONDS = 120


class Arrivals:
    """Notes when entries land, from the store's change notifications, by the heads' rowid."""

    def __init__(self, path: str, incident: str) -> None:
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._incident = incident
        newest = self._db.execute("SELECT coalesce(max(rowid), 0) FROM timeline_heads").fetchone()
        self._last_rowid = newest[0]
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.arrived: dict[str, float] = {}  # text -> arrival time
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def notify(self, tables) -> None:
        if "timeline_heads" in tables:
            self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(0.5)
            self._wake.clear()
            self.check()

    def check(self) -> None:
        with self._lock:
            now = time.time()
            rows = self._db.execute(
                "SELECT rowid, text FROM timeline_heads WHERE rowid > ? AND incident_id = ? ORDER BY rowid",
                (self._last_rowid, self._incident),
            ).fetchall()
            for rowid, text in rows:
                self._last_rowid = max(self._last_rowid, rowid)
                self.arrived.setdefault(text, now)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(2)
        self._db.close()


def entries_in_store(path: str, incident: str) -> list[tuple[int, int]]:
    """Every (writer, number) in the store's timeline of the incident, repeats included."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute("SELECT text FROM timeline_heads WHERE incident_id = ?", (incident,)).fetchall()
    finally:
        db.close()
    return [(int(m[1]), int(m[2])) for (text,) in rows if (m := TEXT.match(text))]


def tight(pull_batch: int, max_done: int, patch=None) -> None:
    """Pull `pull_batch` changes at a time and let the cursor remember only `max_done` transactions,
    so that a load run crosses batch boundaries inside transactions and falls back to waiting for
    xmin all the time. `patch(obj, name, value)` defaults to setattr (a pytest monkeypatch undoes)."""
    import warroom.sync.hub as hub_module
    from warroom.sync.engine import SyncEngine
    from warroom.sync.hub_cursor import advance

    patch = patch or setattr
    patch(SyncEngine.__init__, "__kwdefaults__", {**SyncEngine.__init__.__kwdefaults__, "pull_batch": pull_batch})
    patch(hub_module, "advance", lambda c, rows, x, limit: advance(c, rows, x, limit, max_done))


def write(timeline: TimelineService, incident: str, n: int, seconds: float, rate: float) -> int:
    interval, total = 1 / rate, int(seconds * rate)
    start = time.monotonic()
    for i in range(total):
        time.sleep(max(0.0, start + i * interval - time.monotonic()))
        timeline.add(incident, f"load w{n} #{i} @{time.time():.6f}")
    return total


def converge(path: str, incident: str, expected: set[tuple[int, int]], arrivals: Arrivals) -> list:
    deadline = time.monotonic() + CONVERGE_SECONDS
    while True:
        found = entries_in_store(path, incident)
        if set(found) >= expected or time.monotonic() > deadline:
            arrivals.check()
            return found
        time.sleep(0.1)


def main(url: str, path: str, incident: str, n: str, seconds: str, rate: str, *tighter: str) -> None:
    if tighter:
        tight(int(tighter[0]), int(tighter[1]))
    me = int(n)
    store = Store(f"sqlite:///{path}")
    arrivals = Arrivals(path, incident)
    store.subscribe(arrivals.notify)
    runner = SyncRunner(store, url).start()
    deadline = time.monotonic() + 30
    while runner.state.phase is not SyncPhase.LIVE and time.monotonic() < deadline:
        time.sleep(0.02)
    print(json.dumps({"ready": store.device_id}), flush=True)
    assert sys.stdin.readline().strip() == "go"
    timeline = TimelineService(ServiceContext(store, f"writer {n}"))
    print(json.dumps({"wrote": write(timeline, incident, me, float(seconds), float(rate))}), flush=True)
    counts = {int(k): v for k, v in json.loads(sys.stdin.readline())["counts"].items()}
    expected = {(w, i) for w, total in counts.items() for i in range(total)}
    found = converge(path, incident, expected, arrivals)
    runner.stop()
    arrivals.stop()
    latencies = [
        arrived - float(TEXT.match(text)[3])
        for text, arrived in arrivals.arrived.items()
        if TEXT.match(text) and int(TEXT.match(text)[1]) != me
    ]
    print(
        json.dumps(
            {
                "device": store.device_id,
                "found": len(found),
                "distinct": len(set(found)),
                "missing": sorted(expected - set(found))[:20],
                "missing_count": len(expected - set(found)),
                "extra": sorted(set(found) - expected)[:20],
                "applied": runner.pulled,
                "state": str(runner.state),
                "latencies": latencies,
            }
        ),
        flush=True,
    )
    store.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
