"""A syncing process for the crash test: write entries and push them, in a loop, until killed.

    python -m tests.integration.sync_crash_writer STORE_PATH HUB_URL INCIDENT_ID write|finish

`write` adds entries in small bursts and pushes after each burst, printing
"pushed N" lines; `finish` pushes whatever is left and exits.
"""

from __future__ import annotations

import sys

from warroom.services.context import ServiceContext
from warroom.services.timeline import TimelineService
from warroom.store.store import Store
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub

BURST = 15


def main(store_path: str, hub_url: str, incident_id: str, mode: str) -> None:
    store = Store(f"sqlite:///{store_path}")
    engine = SyncEngine(store, Hub(hub_url), push_batch=7)  # small batches: several hub commits per push
    if mode == "finish":
        print(f"finished {engine.sync_once().pushed}", flush=True)
        return
    timeline = TimelineService(ServiceContext(store, "crash-writer"))
    start = len(timeline.entries(incident_id))  # entries are numbered 0, 1, 2... with no gaps
    for n in range(start, start + 100_000):
        timeline.add(incident_id, f"crash entry {n:06d}")
        if n % BURST == BURST - 1:
            print(f"pushed {engine.push_once()}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
