"""One replica against one hub: push the outbox, pull the log, apply it locally.

Pushing deletes outbox rows only after the hub committed them, so a crash or
a cut connection in between means the same changes are pushed again, which
the hub ignores (change ids are unique). Pulling applies a batch and moves
the cursor in the same local transaction, so a batch is applied entirely or
not at all, and never twice.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from warroom.domain.errors import StoreError
from warroom.store.models import LocalMetaRow, OutboxRow
from warroom.domain.clock import Stamp
from warroom.store.replication import Change
from warroom.store.store import CLOCK_HIGH_KEY, Store
from warroom.sync.apply import BatchApplier
from warroom.sync.hub import Hub, HubCursor, changes_from_outbox

log = logging.getLogger("warroom.sync")

PUSH_BATCH = 500
PULL_BATCH = 5000
CURSOR_PREFIX = "hub_cursor:"
_outbox = OutboxRow.__table__
_meta = LocalMetaRow.__table__


@dataclass(frozen=True)
class SyncResult:
    pushed: int  # local changes now on the hub (retries of ones already there included)
    pulled: int  # changes from other replicas applied to the local store


class ApplyError(StoreError):
    """A change from the hub could not be applied to the local store."""


class SyncEngine:
    """Push and pull between `store` and `hub`. Safe to call from one thread at a time per store."""

    def __init__(self, store: Store, hub: Hub, *, push_batch: int = PUSH_BATCH,
                 pull_batch: int = PULL_BATCH) -> None:
        self.store = store
        self.hub = hub
        self.push_batch = push_batch
        self.pull_batch = pull_batch
        self._lock = threading.Lock()
        self.last_held_back = False
        restore_clock(store)

    @property
    def cursor_key(self) -> str:
        return CURSOR_PREFIX + self.hub.identity

    def cursor(self) -> HubCursor:
        return HubCursor.decode(self.store.meta(self.cursor_key))

    def sync_once(self, settle: float = 2.0) -> SyncResult:
        """Push everything, then pull everything (waiting up to `settle` s for held-back changes)."""
        pushed = self.push_once()
        return SyncResult(pushed, self.pull_once(settle))

    # -- push -----------------------------------------------------------------------
    def push_once(self) -> int:
        """Send the whole outbox, batch by batch. Returns how many changes were sent."""
        sent = 0
        with self._lock:
            while True:
                rows = self._outbox_batch()
                if not rows:
                    return sent
                self.hub.push(changes_from_outbox(rows, self.store.device_id))
                self._forget(rows)
                sent += len(rows)

    def _outbox_batch(self) -> list:
        with self.store.engine.connect() as conn:
            return list(conn.execute(select(_outbox).order_by(_outbox.c.seq).limit(self.push_batch)))

    def _forget(self, rows: list) -> None:
        """Drop pushed changes from the outbox, remembering the newest stamp for the clock."""
        with self.store.engine.begin() as conn:
            conn.execute(delete(_outbox).where(_outbox.c.seq.in_([r.seq for r in rows])))
            _save_clock_high(conn, max(r.stamp for r in rows))

    # -- pull -----------------------------------------------------------------------
    def pull_once(self, settle: float = 0.0) -> int:
        """Read the hub's log up to its end and apply it. Returns how many changes were applied.

        With `settle` > 0, changes held back by an older open transaction on
        the hub (anywhere on that PostgreSQL server) are waited for, that long at most.
        """
        deadline = time.monotonic() + settle
        applied = self._pull_to_end()
        pause = 0.02
        while self.last_held_back and time.monotonic() < deadline:
            time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
            pause = min(pause * 2, 0.25)
            applied += self._pull_to_end()
        return applied

    def _pull_to_end(self) -> int:
        applied = 0
        with self._lock:
            cursor = self.cursor()
            while True:
                batch = self.hub.read(cursor, self.pull_batch, skip_device=self.store.device_id)
                self.last_held_back = batch.held_back
                if batch.cursor != cursor:
                    tables = self._apply(batch.changes, batch.cursor)
                    applied += len(batch.changes)
                    cursor = batch.cursor
                    if tables:
                        self.store.notify_changed(tables)
                if not batch.more:
                    return applied

    def held_back(self) -> bool:
        """True if the hub has committed changes this replica may only read a moment later."""
        return self.hub.held_back(self.cursor())

    def _apply(self, changes: list[Change], after: HubCursor) -> set[str]:
        tables = {c.table_name for c in changes}
        with self.store.session() as s:
            try:
                BatchApplier(s, self.store.clock).apply_all(changes)
            except Exception as exc:
                s.rollback()
                log.exception("cannot apply a batch of %d changes from the hub", len(changes))
                raise ApplyError(f"Changes from the hub could not be applied here ({type(exc).__name__}); "
                                 "they stay on the hub and will be retried.") from None
            conn = s.connection()
            _set_meta(conn, self.cursor_key, after.encode())
            if changes:
                _save_clock_high(conn, max(c.stamp for c in changes))
            s.commit()
        if "entry_revisions" in tables:
            tables.add("timeline_heads")
        return tables


def restore_clock(store: Store) -> None:
    """Never stamp behind a write already seen, even after the outbox was emptied and the app restarted."""
    high = store.meta(CLOCK_HIGH_KEY)
    if high:
        store.clock.observe(Stamp.decode(high))


def _save_clock_high(conn, stamp: str) -> None:
    current = conn.execute(select(_meta.c.value).where(_meta.c.key == CLOCK_HIGH_KEY)).scalar()
    if current is None or stamp > current:
        _set_meta(conn, CLOCK_HIGH_KEY, stamp)


def _set_meta(conn, key: str, value: str) -> None:
    upsert = sqlite_insert if conn.dialect.name == "sqlite" else pg_insert
    stmt = upsert(_meta).values(key=key, value=value)
    conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))
