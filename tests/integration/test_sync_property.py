"""Random operations on three replicas, random partitions and sync orders: always one state in the end."""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.integration.sync_support import history, migrated_template, replica, services, snapshot
from warroom.domain.ids import new_id
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub, ensure_hub_identity
from warroom.sync.quarantine import problems

REPLICAS = 3
NAMES = ["Åsa Bergström", "Paweł Wiśniewski", "Ọlá Adéwálé", "東京 NOC", "שרה", ""]

replica_ix = st.integers(0, REPLICAS - 1)
operation = st.one_of(
    st.tuples(st.just("add"), replica_ix, st.sampled_from(NAMES)),
    st.tuples(st.just("edit"), replica_ix, st.integers(0, 50)),
    st.tuples(st.just("star"), replica_ix, st.integers(0, 50), st.booleans()),
    st.tuples(
        st.just("incident"), replica_ix, st.sampled_from(["commander", "summary", "impact"]), st.sampled_from(NAMES)
    ),
    st.tuples(st.just("sync"), replica_ix, st.sampled_from(["push", "pull", "both"])),
    st.tuples(st.just("partition"), replica_ix),
    st.tuples(st.just("hostile"), st.sampled_from(["junk", "sev99", "future", "unknown_column", "orphan"])),
)
MALLORY = "0190dead-beef-7000-8000-000000000bad"


class World:
    def __init__(self, folder: Path) -> None:
        hub_path = folder / "hub.sqlite"
        shutil.copyfile(migrated_template(), hub_path)
        self.hub_path = hub_path
        self.hub = Hub(f"sqlite:///{hub_path}")
        ensure_hub_identity(self.hub.engine)
        self.stores = [replica(folder, f"r{n}") for n in range(REPLICAS)]
        self.engines = [SyncEngine(s, self.hub) for s in self.stores]
        self.offline = [False] * REPLICAS
        self.written: set[str] = set()
        self.planted = 0  # hostile rows in the hub; every replica must refuse each one
        self.incident = services(self.stores[0], "Åsa")[0].open("Property 🚒", "SEV2").id
        self.heal()

    def run(self, op: tuple) -> None:
        if op[0] == "hostile":
            self.plant(op[1])
            return
        kind, ix = op[0], op[1]
        incidents, timeline = services(self.stores[ix], f"user{ix}")
        entries = timeline.entries(self.incident)
        if kind == "add":
            self.written.add(timeline.add(self.incident, f"{op[2]} wrote #{len(self.written)}").entry.id)
        elif kind == "edit" and entries:
            timeline.edit(entries[op[2] % len(entries)].id, text=f"edited on r{ix} ({op[2]})")
        elif kind == "star" and entries:
            timeline.star(entries[op[2] % len(entries)].id, op[3])
        elif kind == "incident":
            incidents.update(self.incident, **{op[2]: f"{op[3]} via r{ix}"})
        elif kind == "sync" and not self.offline[ix]:
            if op[2] in ("push", "both"):
                self.engines[ix].push_once()
            if op[2] in ("pull", "both"):
                self.engines[ix].pull_once()
        elif kind == "partition":
            self.offline[ix] = not self.offline[ix]

    def plant(self, kind: str) -> None:
        """A row no laptop wrote, straight into the hub's file: each kind must be refused everywhere."""
        now = time.time_ns() // 1_000_000
        stamp = f"{now:013d}.000000.{MALLORY}"
        row = {
            "id": self.incident,
            "number": 1,
            "title": "Hijacked",
            "severity": "SEV99" if kind == "sev99" else "SEV1",
            "status": "investigating",
            "commander": "Mallory",
            "started_at": "2026-11-30T04:00:00+00:00",
            "created_at": "2026-11-30T04:00:00+00:00",
        }
        table, row_id = "incidents", self.incident
        if kind == "unknown_column":
            row["salary"] = 1
        if kind == "future":
            stamp = f"{9_999_999_999_999:013d}.000000.{MALLORY}"
        payload = json.dumps({"row": row, "set": sorted(k for k in row if k != "id")})
        if kind == "junk":
            payload = "{not json"
        if kind == "orphan":  # passes every check, but its incident never existed (a new entry is
            table, row_id = "entry_revisions", new_id()  # just its first revision: that alone is no orphan)
            revision = {
                "id": row_id,
                "entry_id": new_id(),
                "incident_id": new_id(),
                "stamp": stamp,
                "occurred_at": "2026-11-30T04:00:00+00:00",
                "recorded_at": "2026-11-30T04:00:00+00:00",
                "author": "Mallory",
                "kind": "action",
                "text": "orphan",
            }
            payload = json.dumps({"row": revision})
        with sqlite3.connect(self.hub_path) as conn:
            conn.execute(
                "INSERT INTO hub_changes (change_id, table_name, row_id, payload, stamp, device, txid, pushed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
                (new_id(), table, row_id, payload, stamp, MALLORY, datetime.now(UTC).isoformat()),
            )
        self.planted += 1

    def heal(self) -> None:
        self.offline = [False] * REPLICAS
        for _ in range(2):
            for engine in self.engines:
                engine.sync_once(settle=0)

    def close(self) -> None:
        for s in self.stores:
            s.close()
        self.hub.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(operation, min_size=1, max_size=30))
def test_replicas_converge_and_keep_every_entry(ops):
    with tempfile.TemporaryDirectory(prefix="warroom-prop-") as folder:
        world = World(Path(folder))
        try:
            for op in ops:
                world.run(op)
            world.heal()
            states = [snapshot(s) for s in world.stores]
            assert states[0] == states[1] == states[2]
            assert history(world.stores[0]) == history(world.stores[1]) == history(world.stores[2])
            kept = {row[0] for row in states[0]["timeline_heads"]}
            assert world.written <= kept, "an entry was lost"
            assert [len(problems(s)) for s in world.stores] == [world.planted] * REPLICAS
            incident = states[0]["incidents"][0]
            assert "Hijacked" not in incident and "SEV99" not in incident
            latest = max((s.clock.tick().wall_ms for s in world.stores), default=0)
            assert latest < time.time_ns() // 1_000_000 + 60_000, "a remote stamp moved a clock into the future"
        finally:
            world.close()
