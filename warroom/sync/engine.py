"""One replica against one hub: push the outbox, pull the log, apply it locally.

Pushing deletes outbox rows only after the hub committed them, so a crash or
a cut connection in between means the same changes are pushed again, which
the hub ignores (change ids are unique). The engine remembers how far it has
pushed, so it never sends a change twice while it runs, and may forget pushed
changes later (`push_once(forget=False)` then `forget_pushed()`), off the
path between a local edit and the hub.

Pulling applies a batch and moves the cursor in the same local transaction,
so a batch is applied entirely or not at all, and never twice: the
transaction checks that the stored cursor is still the one the batch was
read after (another engine on the same store may have moved it).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

from warroom.domain.clock import Stamp
from warroom.domain.errors import StoreError
from warroom.store.replication import Change
from warroom.store.store import CLOCK_HIGH_KEY, Store
from warroom.sync import local, numbering
from warroom.sync.apply import apply_guarded
from warroom.sync.catch_up import SnapshotCatchUp, collector_paused
from warroom.sync.compaction import Compacted
from warroom.sync.compaction_policy import apply_if_due
from warroom.sync.hub import Hub, HubCursor, PullBatch

log = logging.getLogger("warroom.sync")

PUSH_BATCH = 500
PULL_BATCH = 5000
CURSOR_PREFIX = "hub_cursor:"
POLICY_CHECK_EVERY = 600.0  # seconds between looks at the hub's compaction policy (see compaction_policy)


@dataclass(frozen=True)
class SyncResult:
    pushed: int  # local changes now on the hub (retries of ones already there included)
    pulled: int  # changes from other replicas applied to the local store


class ApplyError(StoreError):
    """A change from the hub could not be applied to the local store."""


class _CursorMoved(Exception):
    """The stored cursor is not the one this engine read after: someone else pulled meanwhile."""


class SyncEngine(SnapshotCatchUp):
    """Push and pull between `store` and `hub`. Calls are serialised; any thread may make them."""

    def __init__(
        self,
        store: Store,
        hub: Hub,
        *,
        push_batch: int = PUSH_BATCH,
        pull_batch: int = PULL_BATCH,
        keep_connection: bool = False,
    ) -> None:
        """`keep_connection`: hold one store connection until `close()` (for a long-lived engine)."""
        self.store = store
        self.hub = hub
        self._local = local.LocalLink(store, keep=keep_connection)
        self.push_batch = push_batch
        self.pull_batch = pull_batch
        self._lock = threading.Lock()
        self._cursor: HubCursor | None = None  # as stored; read on the first pull
        self._pushed: list[str] = []  # change ids on the hub and still in the outbox
        self._pushed_seq = 0  # outbox rows up to this seq are on the hub
        self._pushed_stamp = ""
        self.last_held_back = False
        self.applied = 0  # changes from the hub applied by this engine, in committed batches
        self.refused = 0  # changes from the hub quarantined by this engine
        self._last_applied = 0
        self.numbers_due = True  # incidents may need their hub numbers (see numbering): check on the next round
        self.policy_checked_at: float | None = None  # monotonic time of the last look at the hub's policy
        restore_clock(store)

    @property
    def cursor_key(self) -> str:
        return CURSOR_PREFIX + self.hub.identity

    def cursor(self) -> HubCursor:
        return HubCursor.decode(self.store.meta(self.cursor_key))

    def sync_once(self, settle: float = 2.0) -> SyncResult:
        """Push everything, then pull everything (waiting up to `settle` s for held-back changes)."""
        pushed = self.push_once()
        pulled = self.pull_once(settle)
        if self.number_incidents():
            pushed += self.push_once()
            pulled += self.pull_once(settle)  # past the renumbering just pushed: everything is pulled
        self.compact_if_due()
        return SyncResult(pushed, pulled)

    def compact_if_due(self, every: float = POLICY_CHECK_EVERY) -> Compacted | None:
        """Apply the hub's compaction policy if it is due and this login may (see compaction_policy).

        Looked at once every `every` seconds at most. A failure is logged, never raised: the
        policy only saves space, and sync goes on without it."""
        now = time.monotonic()
        if self.policy_checked_at is not None and now - self.policy_checked_at < every:
            return None
        self.policy_checked_at = now
        try:
            return apply_if_due(self.hub.url, f"device {self.store.device_id}")
        except Exception:
            log.warning("the hub's compaction policy could not run", exc_info=True)
            return None

    def number_incidents(self) -> int:
        """Give provisional incidents their numbers from the hub, if anything may need one since last time."""
        if not self.numbers_due:
            return 0
        self.numbers_due = False
        try:
            return numbering.number_incidents(self.store, self.hub)
        except Exception:
            self.numbers_due = True  # try again next round
            raise

    # -- push -----------------------------------------------------------------------
    def push_once(self, *, forget: bool = True) -> int:
        """Send the outbox not yet sent, batch by batch. Returns how many changes were sent.

        With `forget` False the sent changes stay in the outbox until
        `forget_pushed()`; they are not sent again meanwhile. Only for a SQLite
        store: its writers are serialised, so a row committed later always has
        a higher seq than those already read. (PostgreSQL hands out sequence
        numbers before commit, so a lower one may appear later; it is found
        once the outbox is read from the start again, after forgetting.)
        """
        sent = 0
        with self._lock:
            while True:
                rows = self._local.outbox_after(self._pushed_seq, self.push_batch)
                if not rows:
                    break
                device = self.store.device_id
                self.hub.push_wire([(r[1], r[2], r[3], r[4], r[5], device) for r in rows])
                self._pushed += [r[1] for r in rows]
                self._pushed_seq = rows[-1][0]
                self._pushed_stamp = max(self._pushed_stamp, max(r[5] for r in rows))
                sent += len(rows)
                if len(rows) < self.push_batch:
                    break  # that was all; a change committed since has woken the runner again
            if forget:
                self._forget()
        return sent

    @property
    def unforgotten(self) -> int:
        """Changes on the hub still in the outbox."""
        return len(self._pushed)

    def forget_pushed(self) -> None:
        """Drop changes the hub has from the outbox, remembering the newest stamp for the clock."""
        with self._lock:
            self._forget()

    def _forget(self) -> None:
        if not self._pushed:
            return
        with self._local.transaction() as tx:
            local.forget_pushed(tx, self._pushed)
            local.raise_meta(tx, CLOCK_HIGH_KEY, self._pushed_stamp)
        # Every outbox row left now is unsent: start over from the first (seqs may be reused).
        self._pushed, self._pushed_seq = [], 0

    # -- pull -----------------------------------------------------------------------
    def pull_once(self, settle: float = 0.0) -> int:
        """Read the hub's log up to its end and apply it. Returns how many changes were applied.

        With `settle` > 0, changes held back by an older open transaction on
        the hub (see hub_cursor) are waited for, that long at most.
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
            while True:
                try:
                    batch, tables = self._pull_batch()
                except _CursorMoved:
                    self._cursor = None  # read it again from the store
                    continue
                if batch.behind is not None:
                    applied += self._catch_up_from_snapshot(batch.behind)
                    continue
                self.last_held_back = batch.held_back
                if tables is not None:
                    applied += self._last_applied
                    self.applied += self._last_applied
                    if tables:
                        self.store.notify_changed(tables)
                        self.numbers_due |= "incidents" in tables
                if not batch.more:
                    return applied

    def _pull_batch(self) -> tuple[PullBatch, set[str] | None]:
        """Read the next batch and apply it: the tables it touched, None if the cursor did not move."""
        if self._cursor is None:
            self._cursor = self.cursor()
        cursor = self._cursor
        with collector_paused():
            batch = self.hub.read(cursor, self.pull_batch, skip_device=self.store.device_id)
            if batch.cursor == cursor:
                return batch, None
            tables = self._apply(batch.changes, cursor, batch.cursor)
        self._cursor = batch.cursor
        return batch, tables

    def close(self) -> None:
        """Forget what was pushed and give back the kept connection, if any."""
        with self._lock:
            try:
                self._forget()
            finally:
                self._local.close()

    def held_back(self) -> bool:
        """True if the hub has committed changes this replica may only read a moment later."""
        return self.hub.held_back(self.cursor())

    def _move_cursor(self, tx: local.Tx, before: HubCursor, after: HubCursor) -> None:
        """Store `after` if the stored cursor is still `before`; else _CursorMoved (someone else pulled)."""
        if local.replace_meta(tx, self.cursor_key, before.encode(), after.encode()):
            return
        stored = local.read_meta(tx, self.cursor_key)
        if HubCursor.decode(stored) != before:
            raise _CursorMoved
        local.write_meta(tx, self.cursor_key, after.encode())  # first pull, or stored in another spelling

    def _apply(
        self, changes: list[Change], before: HubCursor, after: HubCursor, reasons: list[str | None] | None = None
    ) -> set[str]:
        """Apply a batch (quarantining what is unfit) and move the cursor: the tables the applied ones touched."""
        given = changes
        with self._local.transaction() as tx:
            self._move_cursor(tx, before, after)
            try:
                changes = apply_guarded(tx, self.store.clock, changes, reasons)
            except Exception as exc:
                log.exception("cannot apply a batch of %d changes from the hub", len(changes))
                raise ApplyError(
                    f"Changes from the hub could not be applied here ({type(exc).__name__}); "
                    "they stay on the hub and will be retried."
                ) from None
            if changes:
                local.raise_meta(tx, CLOCK_HIGH_KEY, max(c.stamp for c in changes))
        self.refused += len(given) - len(changes)
        self._last_applied = len(changes)
        tables = {c.table_name for c in changes}
        if "entry_revisions" in tables:
            tables.add("timeline_heads")
        return tables


def restore_clock(store: Store) -> None:
    """Never stamp behind a write already seen, even after the outbox was emptied and the app restarted."""
    high = store.meta(CLOCK_HIGH_KEY)
    if high:
        store.clock.observe(Stamp.decode(high))
