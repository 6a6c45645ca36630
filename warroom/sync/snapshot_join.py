"""Joining a compacted hub on a SQLite store: the common case without the general machinery.

A new laptop joining a hub reads the whole snapshot, almost all of it timeline revisions that
are each their entry's first and only one. The usual path (apply_guarded) checks each change
field by field, builds its insert through the column types and its entry's head as a dict:
several times the cost of copying the row. Here a revision of the usual shape (see
revision_shape.py: decoded and checked in C, then by `fit` with the very rules of validate.py
written for that shape) is inserted as a plain tuple; the new heads are then copied from those
rows inside SQLite, in one statement.

The laptop trusts no hub: `fit` only says yes to what validate.py accepts (a property test in
tests/unit/sync compares them); everything else - other tables, anything unusual or
malformed, an entry with more than one revision in the batch, a row or head the store already
has, a revision whose incident is missing - goes the usual way, with its refusals quarantined
exactly as before. The snapshot is taken a batch at a time in log order; in a batch the usual
changes go first, then the revisions taken here, which share no entry, row or head with them
and which nothing references, so the end state is that of applying the snapshot in log order.
"""

from __future__ import annotations

import functools
import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from warroom.domain.clock import HybridClock, Stamp
from warroom.store.replication import Change
from warroom.store.repositories.timeline_heads import CONTENT
from warroom.store.store import CLOCK_HIGH_KEY
from warroom.sync import local
from warroom.sync.hub import Hub, decode_row
from warroom.sync.revision_shape import AT, NAMES, TABLE, Values, fit, values
from warroom.sync.revision_shape import ENABLED as ENABLED

READ_BATCH = 20_000  # snapshot rows a read from the hub, and a batch applied here
FIRST_BATCH = 2_000  # ... but the first batches are smaller (see batch_sizes)

Apply = Callable[[list[Change]], int]  # the engine's usual path: apply a batch, return how many were applied
Row = tuple[Any, ...]  # a snapshot row as the hub sends it (see Hub.read_snapshot_rows)
Taken = list[tuple[Row, Values]]  # revisions taken here, with their values
Split = tuple[Taken, list[Row]]  # (revisions taken here, the rest)
_ENTRY, _INCIDENT = AT["entry_id"], AT["incident_id"]

_HEAD_COLUMNS = ("entry_id", "incident_id", "created_at", *CONTENT, "revision_count")
# Revisions one INSERT binds (within SQLite's default limit of 32,766 values; a divisor of FIRST_BATCH,
# so whole batches go in whole statements). Against one a row: a quarter less time, and SQLite lets go
# of the GIL once for all of them, not once a row, so the reader thread gets on meanwhile.
ROWS_A_STATEMENT = max(n for n in (2000, 1000, 500, 250, 1) if n * len(NAMES) <= 32_766)
_ONE_ROW = f"({', '.join('?' * len(NAMES))})"
_INSERT_REVISIONS = f"INSERT INTO {TABLE} ({', '.join(NAMES)}) VALUES {_ONE_ROW}"
# The new heads are copied inside SQLite from the revisions just inserted (no Python binding per row):
# entry_revisions is a rowid table, so the rows one transaction appends are those past its old largest rowid.
_LAST_ROWID = f"SELECT coalesce(max(rowid), 0) FROM {TABLE}"
_INSERT_HEADS = (
    f"INSERT INTO timeline_heads ({', '.join(_HEAD_COLUMNS)}) "
    f"SELECT {', '.join('recorded_at' if c == 'created_at' else c for c in _HEAD_COLUMNS[:-1])}, 1 "
    f"FROM {TABLE} WHERE rowid > ?"
)


def join(link: local.LocalLink, hub: Hub, me: str, clock: HybridClock, apply: Apply) -> tuple[int, int]:
    """Apply the hub's whole snapshot, a batch at a time in log order: (changes applied the usual
    way, revisions taken here). Call inside `link.pinned()` on a SQLite store."""
    usual = taken = 0
    look_up = False  # a new laptop's store has none of the snapshot's rows (see _insert)
    for revisions, others in _read_ahead(hub, me, clock):
        if others:
            usual += apply([decode_row(r) for r in others])
        inserted, left, look_up = _insert(link, clock, revisions, look_up)
        taken += inserted
        if left:
            usual += apply([decode_row(r) for r in left])
    return usual, taken


def _read_ahead(hub: Hub, me: str, clock: HybridClock) -> Iterator[Split]:
    """The snapshot a batch at a time, split (see _split); the next batch is read and split on a
    second thread while this one is applied (the driver lets go of the GIL while SQLite writes)."""

    def read(after: tuple[int, int], limit: int) -> tuple[tuple[int, int] | None, Split]:
        rows = hub.read_snapshot_rows(after, limit, skip_device=me)
        more = (rows[-1][0], rows[-1][1]) if len(rows) == limit else None
        return more, _split(rows, clock.wall_ms())

    sizes = batch_sizes()
    with ThreadPoolExecutor(1, thread_name_prefix="warroom-snapshot") as reader:
        ahead = reader.submit(read, (-1, 0), next(sizes))
        while True:
            more, split = ahead.result()
            if more is not None:
                ahead = reader.submit(read, more, next(sizes))
            yield split
            if more is None:
                return


def batch_sizes() -> Iterator[int]:
    """FIRST_BATCH rows, then twice as many each time up to READ_BATCH: the store starts writing
    while the rest is read, and most of a big snapshot goes in big transactions (a commit
    rewrites the pages every batch touches: small ones all along take half as long again)."""
    size = FIRST_BATCH
    while size < READ_BATCH:
        yield size
        size *= 2
    yield from itertools.repeat(READ_BATCH)


def _split(rows: list[Row], now_ms: int) -> Split:
    """(fit revisions alone in the batch with their entry and row: (row, values)), the other rows);
    skipped rows (no payload) are left out."""
    candidates: Taken = []
    others: list[Row] = []
    for row in rows:
        if row[7] is None:
            continue
        found = values(row[7]) if row[3] == TABLE else None
        if found is not None and fit(row[2:7], found, now_ms):
            candidates.append((row, found))
        else:
            others.append(row)
    return _alone(rows, candidates, others)


def _alone(rows: list[Row], candidates: Taken, others: list[Row]) -> Split:
    """`_split`'s answer: the candidates that share no entry and no row id with another revision."""
    usual = [r for r in others if r[3] == TABLE]
    entries = [v[_ENTRY] for _, v in candidates] + [_entry_of(r[7]) for r in usual]
    row_ids = [r[4] for r, _ in candidates] + [r[4] for r in usual]
    if len(set(entries)) == len(set(row_ids)) == len(entries):
        return candidates, others  # the common case: every revision alone
    seen_entries, seen_rows = Counter(entries), Counter(row_ids)
    alone = [c for c in candidates if seen_entries[c[1][_ENTRY]] == 1 and seen_rows[c[0][4]] == 1]
    if len(alone) < len(candidates):  # the others go the usual way, in log order with the rest
        taken = {id(c[0]) for c in alone}
        others = [r for r in rows if r[7] is not None and id(r) not in taken]
    return alone, others


def _entry_of(payload: object) -> object:
    """The entry a revision the usual path will judge belongs to, as far as it can be read."""
    try:
        row = json.loads(payload).get("row") if isinstance(payload, str) else None
        entry = row.get("entry_id") if isinstance(row, dict) else None
        return entry if isinstance(entry, str) else ("unreadable", id(payload))
    except (ValueError, AttributeError):
        return ("unreadable", id(payload))


def _insert(link: local.LocalLink, clock: HybridClock, revisions: Taken, look_up: bool) -> tuple[int, list[Row], bool]:
    """Insert new revisions with their new heads: (how many, the rows left to the usual path: a row or
    head the store has, or an incident it lacks, and whether the store had any: look up the next batch).

    The rows and heads are looked up only if `look_up`: a new laptop has none of them, and looking
    up each batch's ids was a sixth of a big join. If the store has one after all (an entry's second
    revision in a later batch, a join again after a crash, two engines joining one store), SQLite
    refuses the duplicate and the batch is rolled back and done again, looked up; the next batches
    are looked up while there is something to find."""
    if not revisions:
        return 0, [], look_up
    if not look_up:
        try:
            return _insert_new(link, clock, revisions, look_up=False)
        except sqlite3.IntegrityError:
            pass
    return _insert_new(link, clock, revisions, look_up=True)


def _insert_new(
    link: local.LocalLink, clock: HybridClock, revisions: Taken, *, look_up: bool
) -> tuple[int, list[Row], bool]:
    with link.transaction() as tx:
        new, left, had_some = _new_and_left(tx, revisions, look_up)
        if new:
            newest = max(r[5] for r, _ in new)
            clock.observe(Stamp.decode(newest))  # as BatchApplier: never stamp behind a write seen
            last = tx.run(_LAST_ROWID).fetchone()[0]
            _insert_revisions(tx, [v for _, v in new])
            tx.run(_INSERT_HEADS, (last,))
            local.raise_meta(tx, CLOCK_HIGH_KEY, newest)
    return len(new), [r for r, _ in left], had_some


def _new_and_left(tx: local.Tx, revisions: Taken, look_up: bool) -> tuple[Taken, Taken, bool]:
    """(the revisions to insert, those left to the usual path: whose incident the store lacks, or,
    if `look_up`, whose row or head it has; whether it had any)."""
    incidents = local.existing_ids(tx, "incidents", "id", {v[_INCIDENT] for _, v in revisions})
    have_rows = have_heads = frozenset[str]()
    if look_up:
        have_rows = frozenset(local.existing_ids(tx, TABLE, "id", {r[4] for r, _ in revisions}))
        have_heads = frozenset(local.existing_ids(tx, "timeline_heads", "entry_id", {v[_ENTRY] for _, v in revisions}))
    had_some = bool(have_rows or have_heads)
    if not had_some and all(v[_INCIDENT] in incidents for _, v in revisions):
        return revisions, [], False
    new: Taken = []
    left: Taken = []
    for row, found in revisions:
        fresh = row[4] not in have_rows and found[_ENTRY] not in have_heads
        (new if fresh and found[_INCIDENT] in incidents else left).append((row, found))
    return new, left, had_some


def _insert_revisions(tx: local.Tx, rows: list[Values]) -> None:
    """INSERT the rows in their order, ROWS_A_STATEMENT (or what is left) to a statement."""
    for start in range(0, len(rows), ROWS_A_STATEMENT):
        part = rows[start : start + ROWS_A_STATEMENT]
        tx.run(_insert_statement(len(part)), list(itertools.chain.from_iterable(part)))


@functools.lru_cache(maxsize=4)  # the full size, and what is left at the end of a batch
def _insert_statement(rows: int) -> str:
    return f"{_INSERT_REVISIONS}{f', {_ONE_ROW}' * (rows - 1)}"
