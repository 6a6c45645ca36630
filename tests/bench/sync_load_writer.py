"""One writer of the sync load benchmark: a live replica that writes at a steady rate.

    python -m tests.bench.sync_load_writer HUB_URL STORE_PATH INCIDENT_ID N SECONDS RATE

Prints "wrote COUNT", reads the total expected from stdin, waits until every
entry is in its own store, prints "converged COUNT" and then, on one line, the
arrival latency in seconds of every entry that other writers made.
"""

from __future__ import annotations

import sqlite3
import sys
import threading
import time

from warroom.services.context import ServiceContext
from warroom.services.timeline import TimelineService
from warroom.store.store import Store
from warroom.sync.runner import SyncPhase, SyncRunner


class Arrivals:
    """Notes when entries of other writers land, from the store's change notifications."""

    def __init__(self, path: str, me: str) -> None:
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._me = me
        self._last_rowid = 0
        self._wake = threading.Event()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.latencies: list[float] = []
        self.count = 0
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
            self._check()

    def _check(self) -> None:
        now = time.time()
        rows = self._db.execute("SELECT rowid, text FROM timeline_heads WHERE rowid > ? ORDER BY rowid",
                                (self._last_rowid,)).fetchall()
        for rowid, text in rows:
            self._last_rowid = rowid
            self.count += 1
            if text.startswith("load ") and not text.startswith(self._me):
                self.latencies.append(now - float(text.rsplit("@", 1)[1]))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)


def main(url: str, path: str, incident: str, n: str, seconds: str, rate: str) -> None:
    store = Store(f"sqlite:///{path}")
    me = f"load w{n} "
    arrivals = Arrivals(path, me)
    store.subscribe(arrivals.notify)
    runner = SyncRunner(store, url).start()
    deadline = time.monotonic() + 30
    while runner.state.phase is not SyncPhase.LIVE and time.monotonic() < deadline:
        time.sleep(0.05)
    timeline = TimelineService(ServiceContext(store, f"writer {n}"))
    interval, total = 1 / float(rate), int(float(seconds) * float(rate))
    start = time.monotonic()
    for i in range(total):
        time.sleep(max(0.0, start + i * interval - time.monotonic()))
        timeline.add(incident, f"{me}#{i} @{time.time():.6f}")
    print(f"wrote {total}", flush=True)
    expected = int(sys.stdin.readline())
    deadline = time.monotonic() + 120
    while arrivals.count < expected and time.monotonic() < deadline:
        time.sleep(0.1)
        arrivals.check()
    runner.stop()
    arrivals.stop()
    print(f"converged {arrivals.count}", flush=True)
    print(" ".join(f"{x:.4f}" for x in arrivals.latencies), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:7])
