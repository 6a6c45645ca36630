"""The one write path for replicated tables: local writes and remote changes alike.

Mutable rows merge field by field, last writer wins by hybrid-logical-clock
stamp; the value that loses (or is overwritten) is kept in merge history.
Append-only rows are inserted once and never change. Every local write also
lands in the outbox in the same transaction, so nothing reaches the store
without being queued for the hub.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, Table
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from warroom.domain.clock import HybridClock, Stamp
from warroom.domain.ids import new_id, new_ids
from warroom.store.fast_insert import fast_insert, fast_insert_many
from warroom.store.legacy_changes import current_form
from warroom.store.models import (
    metadata,
)
from warroom.store.new_entry import write_new_entry
from warroom.store.replication_sql import (
    CLOCKS,
    OUTBOX,
    PAYLOAD_TEXT,
    SELECT_STAMPS,
    STAMPS_TEXT,
    has_instants,
    itself,
    keep_history,
    outbox_change,
    payload_template,
    select_row,
    stamps_template,
    update_row,
    upsert_stamps,
    wire_row,
)
from warroom.store.repositories import timeline_heads
from warroom.store.types import UTCDateTime, encode_json

log = logging.getLogger("warroom.sync")

MUTABLE_TABLES = (
    "incidents",
    "entry_marks",
    "duration_defs",
    "action_items",
    "vendors",
    "contacts",
    "escalation_levels",
    "absences",
    "checklist_templates",
    "checklists",
    "checklist_items",
    "change_records",
    "comms_channels",
    "comms_audiences",
    "comms_updates",
    "comms_deliveries",
)
APPEND_TABLES = (
    "entry_revisions",
    "status_updates",
    "contact_attempts",
    "change_marks",
    "role_assignments",
    "question_states",
    "handovers",
    "comms_snoozes",
)
REPLICATED = frozenset(MUTABLE_TABLES + APPEND_TABLES)


@dataclass(frozen=True)
class Change:
    """One replicated write, as it travels between a store and a hub."""

    change_id: str
    table_name: str
    row_id: str
    payload: dict
    stamp: str
    device: str


def to_wire(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _from_wire(table: Table, column: str, value: Any) -> Any:
    if value is None:
        return None
    col_type = table.c[column].type
    if isinstance(col_type, UTCDateTime):
        return datetime.fromisoformat(value)
    if isinstance(col_type, Date):
        return date.fromisoformat(value)
    return value


def row_from_wire(table: Table, row: dict) -> dict:
    return {k: _from_wire(table, k, v) for k, v in row.items() if k in table.c}


class Replicator:
    """Writes replicated rows inside the caller's transaction: a unit of work's connection, or a Session's."""

    def __init__(self, on: Session | Connection, clock: HybridClock) -> None:
        self._session = on if isinstance(on, Session) else None
        self._clock = clock
        self._connection: Connection | None = None if isinstance(on, Session) else on

    def connection(self) -> Connection:
        """The connection the writes go to (reads that a write depends on use it too)."""
        return self._conn()

    def _conn(self) -> Connection:
        """A Session's connection is asked of it once per transaction (the hot path writes
        several rows), again once a commit or rollback has closed it."""
        conn = self._connection
        if self._session is not None and (conn is None or conn.closed):
            conn = self._connection = self._session.connection()
        assert conn is not None
        return conn

    def _exec(self, statement, params=None):
        """Core statements on the unit of work's connection: far cheaper than ORM execution."""
        return self._conn().execute(statement, params)

    def _insert(self, table: Table, row: dict) -> dict:
        return fast_insert(self._conn(), table, row)

    # -- local writes -------------------------------------------------------
    def create(self, table_name: str, row: dict) -> str:
        """Insert a new mutable row; every field is stamped by this write."""
        table = _mutable(table_name)
        stamp = self._clock.tick().encode()
        self._insert(table, row)
        fields = [c for c in row if c != "id"]
        self._insert(CLOCKS, {"table_name": table_name, "row_id": row["id"], "stamps": {f: stamp for f in fields}})
        self._queue(table_name, row["id"], {"row": wire_row(row), "set": sorted(fields)}, stamp)
        return stamp

    def create_many(self, table_name: str, rows: list[dict]) -> None:
        """`create` for many new rows of one table (all with the same columns): the same rows,
        stamps and outbox changes, each table written with one executemany.

        The stamps are ticked in one go, and each row's stamps and outbox payload are encoded as
        JSON once, here (the stamps from a template made once per batch: every field of a new row
        carries the same stamp), the exact text the JSON columns would store."""
        if not rows:
            return
        table = _mutable(table_name)
        fields = [c for c in rows[0] if c != "id"]
        changed = sorted(fields)
        wire = wire_row if has_instants(table_name) else itself  # a row without instants is its own wire form
        stamps_text = stamps_template(tuple(fields))
        before, after = payload_template(tuple(changed))
        clocks, changes = [], []
        stamps, change_ids = self._clock.tick_encoded(len(rows)), new_ids(len(rows))
        for row, stamp, change_id in zip(rows, stamps, change_ids):
            row_id = row["id"]
            clocks.append({"table_name": table_name, "row_id": row_id, "stamps": stamps_text(stamp)})
            payload = before + encode_json(wire(row)) + after
            changes.append(outbox_change(table_name, row_id, payload, stamp, change_id))
        conn = self._conn()
        fast_insert_many(conn, table, rows)
        fast_insert_many(conn, CLOCKS, clocks, encoded=STAMPS_TEXT)
        fast_insert_many(conn, OUTBOX, changes, encoded=PAYLOAD_TEXT)

    def update(self, table_name: str, row_id: str, values: dict) -> bool:
        """Change some fields of a mutable row. Returns False if nothing changed."""
        changed = self.update_if_present(table_name, row_id, values)
        if changed is None:
            raise KeyError(f"{table_name} {row_id} does not exist")
        return changed

    def update_if_present(self, table_name: str, row_id: str, values: dict) -> bool | None:
        """As update; None (and nothing written) if there is no such row yet."""
        table = _mutable(table_name)
        self.hold_write_lock()
        current = self._load(table, row_id)
        if current is None:
            return None
        changed = {k: v for k, v in values.items() if current.get(k) != v}
        if not changed:
            return False
        stamps = self._stamps(table_name, row_id)
        if stamps:  # never stamp behind the write being overwritten (e.g. a clock reset by a restart)
            self._clock.observe(max(Stamp.decode(s) for s in stamps.values()))
        stamp = self._clock.tick()
        for field in changed:
            self._remember(table_name, row_id, field, current.get(field), stamps.get(field))
            stamps[field] = stamp.encode()
        self._set_fields(table, row_id, changed)
        self._save_stamps(table_name, row_id, stamps)
        snapshot = {**current, **changed}
        self._queue(table_name, row_id, {"row": wire_row(snapshot), "set": sorted(changed)}, stamp.encode())
        return True

    def append(self, table_name: str, row: dict, *, new_entry: bool = False) -> str:
        """Insert an append-only row; `new_entry` says a revision starts a new entry."""
        if table_name not in APPEND_TABLES:
            raise ValueError(f"{table_name} is not append-only")
        table = metadata.tables[table_name]
        stamp = self._clock.tick().encode()
        if table_name in _STAMPED:
            row = {**row, "stamp": stamp}
        conn = self._conn()
        if new_entry and table_name == "entry_revisions" and conn.dialect.name == "sqlite":
            self.hold_write_lock()  # its inserts then skip the busy watch: nothing after can wait for a lock
            write_new_entry(conn, row, stamp, new_id())
            return stamp
        bound = self._insert(table, row)
        self._after_append(table_name, row, new_entry, bound)
        self._queue(table_name, row["id"], {"row": wire_row(row)}, stamp)
        return stamp

    def _queue(self, table_name: str, row_id: str, payload: dict, stamp: str) -> None:
        self._insert(OUTBOX, outbox_change(table_name, row_id, payload, stamp))

    # -- remote changes -----------------------------------------------------
    def apply(self, change: Change) -> None:
        change = current_form(change)
        if change.table_name not in REPLICATED:
            log.warning("ignoring change %s for unknown table %s", change.change_id, change.table_name)
            return
        self._clock.observe(Stamp.decode(change.stamp))
        table = metadata.tables[change.table_name]
        row = row_from_wire(table, change.payload["row"])
        if change.table_name in APPEND_TABLES:
            if self._load(table, change.row_id) is None:
                self._insert(table, row)
                self._after_append(change.table_name, row)
            return
        self._apply_mutable(table, change, row)

    def _apply_mutable(self, table: Table, change: Change, row: dict) -> None:
        name, row_id = table.name, change.row_id
        self.hold_write_lock()
        current = self._load(table, row_id)
        if current is None:
            self._insert(table, row)
            self._save_stamps(name, row_id, {f: change.stamp for f in change.payload["set"]}, new=True)
            return
        remote = Stamp.decode(change.stamp)
        stamps = self._stamps(name, row_id)
        winners: dict[str, Any] = {}
        for field in change.payload["set"]:
            if field not in table.c:
                continue
            mine = stamps.get(field)
            if mine is None or remote > Stamp.decode(mine):
                if current.get(field) != row.get(field):
                    self._remember(name, row_id, field, current.get(field), mine)
                winners[field] = row.get(field)
                stamps[field] = change.stamp
            elif remote < Stamp.decode(mine) and current.get(field) != row.get(field):
                self._remember(name, row_id, field, row.get(field), change.stamp)
        if winners:
            self._set_fields(table, row_id, winners)
            self._save_stamps(name, row_id, stamps)

    # -- helpers --------------------------------------------------------------
    def _after_append(self, table_name: str, row: dict, new_entry: bool = False, bound: dict | None = None) -> None:
        if table_name == "entry_revisions":
            timeline_heads.record_revision(self._conn(), row, new_entry=new_entry, bound=bound)

    def hold_write_lock(self) -> None:
        """On SQLite, begin as a writer (BEGIN IMMEDIATE) before reading what a write depends on.

        pysqlite begins a transaction only at the first write: without this, a batch
        the sync thread applies between reading a row's stamps and writing them back
        would be overwritten with stale stamps, and the replicas would stop agreeing.
        A read outside the write would also take and drop a read lock of its own (two
        more file-lock calls: a timeline append's read of its incident's start).
        """
        conn = self._conn()
        raw = conn.connection.dbapi_connection
        if conn.dialect.name == "sqlite" and raw is not None and not raw.in_transaction:
            raw.execute("BEGIN IMMEDIATE")  # watched (store/busy.py): where a write waits for another's lock

    # Statements are built once per table (and column set) with bind parameters, so each
    # call is a compile-cache hit with no statement construction.
    def _load(self, table: Table, row_id: str) -> dict | None:
        found = self._exec(select_row(table.name), {"row_id": row_id}).mappings().first()
        return dict(found) if found is not None else None

    def _stamps(self, table_name: str, row_id: str) -> dict:
        found = self._exec(SELECT_STAMPS, {"t": table_name, "r": row_id}).scalar_one_or_none()
        return dict(found) if found is not None else {}

    def _set_fields(self, table: Table, row_id: str, values: dict) -> None:
        stmt = update_row(table.name, tuple(sorted(values)))
        self._exec(stmt, {"row_id_": row_id, **{"v_" + k: v for k, v in values.items()}})

    def _save_stamps(self, table_name: str, row_id: str, stamps: dict, new: bool = False) -> None:
        row = {"table_name": table_name, "row_id": row_id, "stamps": stamps}
        if new:
            self._insert(CLOCKS, row)
        else:
            self._exec(upsert_stamps(self._conn().dialect.name), row)

    def _remember(self, table_name: str, row_id: str, field: str, value: Any, stamp: str | None) -> None:
        """Keep a value that is being replaced (once per stamp); a value never stamped is a snapshot."""
        if stamp is None:
            return
        self._exec(
            keep_history(self._conn().dialect.name),
            {"table_name": table_name, "row_id": row_id, "field": field, "stamp": stamp, "value": to_wire(value)},
        )


_STAMPED = frozenset(name for name in APPEND_TABLES if "stamp" in metadata.tables[name].c)


def _mutable(table_name: str) -> Table:
    if table_name not in MUTABLE_TABLES:
        raise ValueError(f"{table_name} is not a mutable replicated table")
    return metadata.tables[table_name]
