"""A replica whose cursor is older than the hub's compaction point catches up from the snapshot.

The engine (engine.py) mixes this in: the snapshot is applied batch by batch (on SQLite the plain
revisions in bulk, see snapshot_join.py), then the cursor moves to the compaction point, so a crash
in between applies the snapshot again, which changes nothing already there.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING

from warroom.store.replication import Change
from warroom.sync import snapshot_join
from warroom.sync.apply import refusals
from warroom.sync.hub import HubCursor

if TYPE_CHECKING:
    from warroom.store.store import Store
    from warroom.sync import local
    from warroom.sync.hub import Hub

SNAPSHOT_BATCH = 5000


class SnapshotCatchUp:
    """What SyncEngine does when the hub says the log was compacted past its cursor."""

    store: Store
    hub: Hub
    applied: int
    numbers_due: bool
    _cursor: HubCursor | None
    _last_applied: int
    _local: local.LocalLink

    def cursor(self) -> HubCursor:
        raise NotImplementedError

    def _apply(
        self, changes: list[Change], before: HubCursor, after: HubCursor, reasons: list[str | None] | None = None
    ) -> set[str]:
        raise NotImplementedError

    def _catch_up_from_snapshot(self, point: tuple[int, int]) -> int:
        """Apply the hub's compaction snapshot, then move the cursor to its point (see compaction.py).

        The cursor stays where it was until the whole snapshot is applied: after a crash
        in between, the snapshot is applied again, which changes nothing already there."""
        if self._cursor is None:
            self._cursor = self.cursor()
        cursor, applied = self._cursor, 0
        with self._local.pinned() as tx:
            if tx.lite and snapshot_join.ENABLED:
                device, clock = self.store.device_id, self.store.clock
                with collector_paused():  # decoding makes as many short-lived objects as applying
                    usual, taken = snapshot_join.join(
                        self._local, self.hub, device, clock, lambda c: self._apply_usual(c, cursor)
                    )
                applied = usual + taken
                if taken:
                    self.store.notify_changed({"entry_revisions", "timeline_heads"})
            else:
                for changes, reasons in self._snapshot_batches():
                    applied += self._apply_usual(changes, cursor, reasons)
        moved = HubCursor(point[0], point[1], tuple(d for d in cursor.done if d > point))
        self._apply([], cursor, moved)
        self._cursor = moved
        self.applied += applied
        self.numbers_due = True
        return applied

    def _apply_usual(self, changes: list[Change], cursor: HubCursor, reasons: list[str | None] | None = None) -> int:
        """Apply a batch of the snapshot, the cursor staying where it is: how many were applied."""
        with collector_paused():
            tables = self._apply(changes, cursor, cursor, reasons)
        if tables:
            self.store.notify_changed(tables)
        return self._last_applied

    def _snapshot_batches(self) -> Iterator[tuple[list[Change], list[str | None]]]:
        """The hub's snapshot batch by batch with each change's refusal (see apply_guarded), the next
        one read and checked while the caller applies this one (reading waits on the network,
        applying on the local disk: together they take little more than the longer)."""
        with ThreadPoolExecutor(1, thread_name_prefix="warroom-snapshot") as reader:
            ahead = reader.submit(self._read_and_check, (-1, 0))
            while True:
                after, changes, reasons = ahead.result()
                if after is None:
                    return
                ahead = reader.submit(self._read_and_check, after)
                yield changes, reasons

    def _read_and_check(self, after: tuple[int, int]) -> tuple[tuple[int, int] | None, list[Change], list[str | None]]:
        """The snapshot batch after `after`: its last position (None: the end), its changes, their refusals."""
        rows = self.hub.read_snapshot(after, SNAPSHOT_BATCH, skip_device=self.store.device_id)
        if not rows:
            return None, [], []
        changes = [c for _, _, c in rows if c is not None]
        return (rows[-1][0], rows[-1][1]), changes, refusals(changes, self.store.clock.wall_ms())


@contextmanager
def collector_paused() -> Iterator[None]:
    """A batch makes tens of thousands of short-lived, acyclic objects: left on, the cyclic
    collector walks them again and again for nothing (a quarter of a big pull's time)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
