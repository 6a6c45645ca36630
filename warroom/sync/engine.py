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
from dataclasses import dataclass

from sqlalchemy import delete, select

from warroom.domain.errors import StoreError
from warroom.store.models import LocalMetaRow, OutboxRow
from warroom.store.replication import Change, Replicator
from warroom.store.store import Store
from warroom.sync.hub import Hub, HubCursor, changes_from_outbox

log = logging.getLogger("warroom.sync")

PUSH_BATCH = 500
PULL_BATCH = 1000
CURSOR_PREFIX = "hub_cursor:"


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

    @property
    def cursor_key(self) -> str:
        return CURSOR_PREFIX + self.hub.identity

    def cursor(self) -> HubCursor:
        return HubCursor.decode(self.store.meta(self.cursor_key))

    def sync_once(self) -> SyncResult:
        pushed = self.push_once()
        return SyncResult(pushed, self.pull_once())

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
                self._forget([r.seq for r in rows])
                sent += len(rows)

    def _outbox_batch(self) -> list[OutboxRow]:
        with self.store.session() as s:
            return list(s.scalars(select(OutboxRow).order_by(OutboxRow.seq).limit(self.push_batch)))

    def _forget(self, seqs: list[int]) -> None:
        with self.store.session() as s:
            s.execute(delete(OutboxRow).where(OutboxRow.seq.in_(seqs)))
            s.commit()

    # -- pull -----------------------------------------------------------------------
    def pull_once(self) -> int:
        """Read the hub's log up to its end and apply it. Returns how many changes were applied."""
        applied = 0
        with self._lock:
            cursor = self.cursor()
            while True:
                changes, after = self.hub.pull(cursor, self.pull_batch, skip_device=self.store.device_id)
                if after == cursor:
                    return applied
                tables = self._apply(changes, after)
                applied += len(changes)
                cursor = after
                if tables:
                    self.store.notify_changed(tables)

    def held_back(self) -> bool:
        """True if the hub has committed changes this replica may only read a moment later."""
        return self.hub.held_back(self.cursor())

    def _apply(self, changes: list[Change], after: HubCursor) -> set[str]:
        tables: set[str] = set()
        with self.store.session() as s:
            replicator = Replicator(s, self.store.clock)
            for change in changes:
                try:
                    replicator.apply(change)
                except Exception as exc:
                    s.rollback()
                    log.exception("cannot apply change %s", change.change_id)
                    raise ApplyError(
                        f"A change from the hub ({change.table_name} {change.row_id}) could not be "
                        f"applied here: {type(exc).__name__}.") from None
                tables.add(change.table_name)
            s.merge(LocalMetaRow(key=self.cursor_key, value=after.encode()))
            s.commit()
        if "entry_revisions" in tables:
            tables.add("timeline_heads")
        return tables
