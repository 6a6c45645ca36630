"""Joining a compacted hub on a SQLite store: the common case without the general machinery.

A new laptop joining a hub reads the whole snapshot, almost all of it timeline revisions that
are each their entry's first and only one. The usual path (apply_guarded) checks each change
field by field, builds its insert through the column types and its entry's head as a dict:
several times the cost of copying the row. Here a revision of the usual shape (exactly the
table's columns, each value of its column's Python type, no \\u escape in the payload, which
could hide a NUL or a lone surrogate) is checked by `fit` with the very rules of validate.py
written for that shape, and inserted as plain tuples in one executemany; the new heads are then
copied from those rows inside SQLite, in one statement.

The laptop trusts no hub: `fit` only says yes to what validate.py accepts (a property test in
tests/unit/sync compares them); everything else - other tables, anything unusual or
malformed, an entry with more than one revision in the batch, a row or head the store already
has, a revision whose incident is missing - goes the usual way, with its refusals quarantined
exactly as before. The snapshot is taken a batch at a time in log order; in a batch the usual
changes go first, then the revisions taken here, which share no entry, row or head with them
and which nothing references, so the end state is that of applying the snapshot in log order.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, String, Text

from warroom.domain.clock import HybridClock, Stamp
from warroom.domain.timeline import EntryKind
from warroom.store.replication import Change
from warroom.store.repositories.timeline_heads import CONTENT
from warroom.store.store import CLOCK_HIGH_KEY
from warroom.store.types import UTCDateTime
from warroom.sync import local
from warroom.sync.hub import Hub, decode_row
from warroom.sync.validate import EARLIEST_YEAR, LATEST_YEAR, MAX_AHEAD_MS, MAX_TEXT_CHARS, ColumnSpec, column_specs

READ_BATCH = 20_000  # snapshot rows a read from the hub, and a batch applied here
TABLE = "entry_revisions"

Apply = Callable[[list[Change]], int]  # the engine's usual path: apply a batch, return how many were applied
Values = tuple[Any, ...]  # a revision's column values, in _NAMES order
Row = tuple[Any, ...]  # a snapshot row as the hub sends it (see Hub.read_snapshot_rows)

_STAMP = re.compile(r"[0-9]{13}\.[0-9]{6}\.([0-9a-zA-Z_-]{1,58})")  # stricter than validate's: a plain device id
_KINDS = frozenset(k.value for k in EntryKind if EntryKind.parse(k.value).value == k.value)


def _kind(spec: ColumnSpec) -> str | None:
    col_type = spec[2]
    if isinstance(col_type, UTCDateTime):
        return "instant"
    if isinstance(col_type, Boolean):
        return "bool"
    if isinstance(col_type, String | Text):
        return "text"
    return None  # a type `fit` has no check for: the table goes the usual way


_SPECS = {name: (spec[1], spec[3], _kind(spec)) for name, spec in column_specs(TABLE).items()}
ENABLED = all(kind is not None for _, _, kind in _SPECS.values())
_NAMES = tuple(_SPECS)
_KEYS = frozenset(_NAMES)
_AT = {name: i for i, name in enumerate(_NAMES)}
_take = itemgetter(*_NAMES)
# Text columns shorter than a whole payload may be (the rest fit in any payload `values` takes).
_BOUNDED = tuple((i, limit) for i, (_, limit, kind) in enumerate(_SPECS.values()) if 0 < limit < MAX_TEXT_CHARS)
_INSTANTS = tuple(i for i, n in enumerate(_NAMES) if _SPECS[n][2] == "instant")


def _allowed_types() -> frozenset[tuple[type, ...]]:
    """Every allowed tuple of the values' Python types: text or bool, or None where the column may be empty."""
    choices: list[tuple[type, ...]] = []
    for nullable, _, kind in _SPECS.values():
        first: type = bool if kind == "bool" else str
        choices.append((first, type(None)) if nullable else (first,))
    return frozenset(itertools.product(*choices))


_TYPES = _allowed_types()
_HEAD_COLUMNS = ("entry_id", "incident_id", "created_at", *CONTENT, "revision_count")
_INSERT_REVISIONS = f"INSERT INTO {TABLE} ({', '.join(_NAMES)}) VALUES ({', '.join('?' * len(_NAMES))})"
# The new heads are copied inside SQLite from the revisions just inserted (no Python binding per row):
# entry_revisions is a rowid table, so the rows one transaction appends are those past its old largest rowid.
_LAST_ROWID = f"SELECT coalesce(max(rowid), 0) FROM {TABLE}"
_INSERT_HEADS = (
    f"INSERT INTO timeline_heads ({', '.join(_HEAD_COLUMNS)}) "
    f"SELECT {', '.join('recorded_at' if c == 'created_at' else c for c in _HEAD_COLUMNS[:-1])}, 1 "
    f"FROM {TABLE} WHERE rowid > ?"
)
_ANY_ROW = "SELECT EXISTS (SELECT 1 FROM {table})"
_decode = json.JSONDecoder().raw_decode


def values(payload: object) -> Values | None:
    """A revision payload's column values if it has the usual shape (see above), else None."""
    if type(payload) is not str or "\\u" in payload or len(payload) > MAX_TEXT_CHARS:
        return None
    try:
        decoded, end = _decode(payload)
    except ValueError:
        return None
    row = decoded.get("row") if type(decoded) is dict and end == len(payload) else None
    if type(row) is not dict or row.keys() != _KEYS:
        return None
    found = _take(row)
    return found if tuple(map(type, found)) in _TYPES else None


def fit(change: Row, found: Values, now_ms: int) -> bool:
    """True if validate.refusal would let this revision through: (change_id, table, row_id, stamp,
    device) and its values as `values` took them. False means only: let the usual path decide."""
    stamp, device = change[3], change[4]
    match = _STAMP.fullmatch(stamp)
    if match is None or match.group(1) != device or int(stamp[:13]) - now_ms > MAX_AHEAD_MS:
        return False
    if found[_AT["id"]] != change[2] or found[_AT["stamp"]] != stamp or found[_AT["kind"]] not in _KINDS:
        return False
    if not found[_AT["text"]].strip():
        return False
    for i, limit in _BOUNDED:
        if found[i] is not None and len(found[i]) > limit:
            return False
    return all(found[i] is None or _stored_instant(found[i]) for i in _INSTANTS)


def _stored_instant(value: str) -> bool:
    """An instant as SQLite keeps it (UTC, microseconds) and validate accepts it."""
    if len(value) != 32 or value[19] != "." or not value.endswith("+00:00"):
        return False
    try:
        return EARLIEST_YEAR <= datetime.fromisoformat(value).year <= LATEST_YEAR
    except ValueError:
        return False


def join(link: local.LocalLink, hub: Hub, me: str, clock: HybridClock, apply: Apply) -> tuple[int, int]:
    """Apply the hub's whole snapshot, a batch at a time in log order: (changes applied the usual
    way, revisions taken here). Call inside `link.pinned()` on a SQLite store."""
    usual = taken = 0
    for revisions, others in _read_ahead(hub, me, clock):
        if others:
            usual += apply([decode_row(r) for r in others])
        inserted, left = _insert(link, clock, revisions)
        taken += inserted
        if left:
            usual += apply([decode_row(r) for r in left])
    return usual, taken


Split = tuple[list[tuple[Row, Values]], list[Row]]


def _read_ahead(hub: Hub, me: str, clock: HybridClock) -> Iterator[Split]:
    """The snapshot a batch at a time, split (see _split); the next batch is read and split on a
    second thread while this one is applied (the driver lets go of the GIL while SQLite writes)."""

    def read(after: tuple[int, int]) -> tuple[tuple[int, int] | None, Split]:
        rows = hub.read_snapshot_rows(after, READ_BATCH, skip_device=me)
        more = (rows[-1][0], rows[-1][1]) if len(rows) == READ_BATCH else None
        return more, _split(rows, clock.wall_ms())

    with ThreadPoolExecutor(1, thread_name_prefix="warroom-snapshot") as reader:
        ahead = reader.submit(read, (-1, 0))
        while True:
            more, split = ahead.result()
            if more is not None:
                ahead = reader.submit(read, more)
            yield split
            if more is None:
                return


def _split(rows: list[Row], now_ms: int) -> tuple[list[tuple[Row, Values]], list[Row]]:
    """(fit revisions alone in the batch with their entry and row: (row, values)), the other rows);
    skipped rows (no payload) are left out."""
    candidates: list[tuple[Row, Values]] = []
    others: list[Row] = []
    seen_entries: dict[object, int] = {}
    seen_rows: dict[str, int] = {}
    for row in rows:
        if row[7] is None:
            continue
        found = values(row[7]) if row[3] == TABLE else None
        if found is not None and fit(row[2:7], found, now_ms):
            candidates.append((row, found))
            entry = found[_AT["entry_id"]]
        else:
            others.append(row)
            if row[3] != TABLE:
                continue
            entry = _entry_of(row[7])
        seen_entries[entry] = seen_entries.get(entry, 0) + 1
        seen_rows[row[4]] = seen_rows.get(row[4], 0) + 1
    if len(seen_entries) == len(seen_rows) == len(candidates):
        return candidates, others  # the common case: every revision alone
    alone = [c for c in candidates if seen_entries[c[1][_AT["entry_id"]]] == 1 and seen_rows[c[0][4]] == 1]
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


def _insert(link: local.LocalLink, clock: HybridClock, revisions: list[tuple[Row, Values]]) -> tuple[int, list[Row]]:
    """Insert new revisions with their new heads: (how many, the rows left to the usual path: a row or
    head the store has, or an incident it lacks)."""
    if not revisions:
        return 0, []
    with link.transaction() as tx:
        have_rows = _existing(tx, TABLE, "id", lambda: {r[0][4] for r in revisions})
        have_heads = _existing(tx, "timeline_heads", "entry_id", lambda: {v[_AT["entry_id"]] for _, v in revisions})
        incidents = local.existing_ids(tx, "incidents", "id", {v[_AT["incident_id"]] for _, v in revisions})
        new: list[tuple[Row, Values]] = []
        left: list[tuple[Row, Values]] = []
        for row, found in revisions:
            fresh = row[4] not in have_rows and found[_AT["entry_id"]] not in have_heads
            (new if fresh and found[_AT["incident_id"]] in incidents else left).append((row, found))
        if new:
            newest = max(r[5] for r, _ in new)
            clock.observe(Stamp.decode(newest))  # as BatchApplier: never stamp behind a write seen
            last = tx.run(_LAST_ROWID).fetchone()[0]
            tx.run_many(_INSERT_REVISIONS, [v for _, v in new])
            tx.run(_INSERT_HEADS, (last,))
            local.raise_meta(tx, CLOCK_HIGH_KEY, newest)
    return len(new), [r for r, _ in left]


def _existing(tx: local.Tx, table: str, column: str, ids: Callable[[], set[str]]) -> set[str]:
    """Which of `ids()` `table` has; none, without looking them up, while it is empty (a new laptop)."""
    if not tx.run(_ANY_ROW.format(table=table)).fetchone()[0]:
        return set()
    return local.existing_ids(tx, table, column, ids())
