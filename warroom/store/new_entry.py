"""A new timeline entry's three rows on SQLite, with the fewest Python steps: the hot path.

An entry typed into the timeline writes its first revision, its head (timeline_heads, the
same values as the revision, made when it was recorded) and one outbox change whose payload
is the revision's wire form. The general path builds a dict per row, looks up each column's
bind processor per value and makes the wire form in another pass; here each row's SQL and
the positions of its values are worked out once from the table metadata (so they cannot
drift from the schema), and one pass over the revision's values makes both what SQLite
binds (an instant as fixed-width UTC text, a flag as 0/1: what the columns' types bind)
and what the wire carries (an instant's isoformat, a flag as true/false: what wire_row
sends). tests/unit/store pins both to the general path's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC
from json.encoder import encode_basestring  # what encode_json (ensure_ascii=False) encodes a str with
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Boolean, Dialect, Table, insert
from sqlalchemy.engine import Connection

from warroom.store.busy import execute_holding_write_lock
from warroom.store.models import OutboxRow, metadata
from warroom.store.repositories.timeline_heads import HEAD_KEYS, HEADS
from warroom.store.types import UTCDateTime, encode_json

REVISIONS = metadata.tables["entry_revisions"]
OUTBOX = metadata.tables[OutboxRow.__tablename__]
_OUTBOX_KEYS = ("change_id", "table_name", "row_id", "payload", "stamp")  # payload: JSON text already


class NewEntryRows:
    """The three INSERTs for revisions with these columns (a revision row's keys, in order)."""

    def __init__(self, dialect: Dialect, columns: tuple[str, ...]) -> None:
        self.revision_sql, positions = _compiled(dialect, REVISIONS, columns)
        self.names = tuple(positions)
        self.take = itemgetter(*positions)
        self.instants, self.flags = _instants_and_flags(dialect, REVISIONS, positions)
        to_bound = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
        assert to_bound is not None  # UTCDateTime binds text on SQLite
        self.to_bound = to_bound  # for an instant not in UTC
        head_columns = (*HEAD_KEYS, "created_at", "revision_count")
        self.head_sql, head_positions = _compiled(dialect, HEADS, head_columns)
        at = {name: i for i, name in enumerate(positions)}
        at["created_at"] = at["recorded_at"]  # an entry's head was created when its first revision was recorded
        at["revision_count"] = len(positions)  # the constant 1, appended after the revision's values
        self.head_of = itemgetter(*(at[name] for name in head_positions))
        self.outbox_sql, outbox_positions = _compiled(dialect, OUTBOX, _OUTBOX_KEYS)
        self.outbox_order = itemgetter(*(_OUTBOX_KEYS.index(name) for name in outbox_positions))
        self.payload = _payload_writer(self.names)

    def bound_and_wire(self, row: dict[str, Any]) -> tuple[list[Any], list[Any]]:
        """The revision's values as SQLite binds them, and as the wire carries them."""
        taken = self.take(row)
        bound, wire = list(taken), list(taken)
        for i in self.instants:
            instant = taken[i]
            if instant is None:
                continue
            wire[i] = text = instant.isoformat()
            if instant.tzinfo is not UTC:
                bound[i] = self.to_bound(instant)  # converts to UTC, or refuses a naive instant
            elif instant.microsecond == 0:
                bound[i] = instant.isoformat(timespec="microseconds")  # the stored form is fixed-width
            else:
                bound[i] = text
        for i in self.flags:
            if taken[i] is not None:
                bound[i] = int(taken[i])
        return bound, wire

    def write(self, raw: sqlite3.Connection, row: dict[str, Any], stamp: str, change_id: str) -> None:
        """`row` (stamped) as the revision, its head and its outbox change, in the transaction
        `raw` holds the write lock in."""
        bound, wire = self.bound_and_wire(row)
        execute_holding_write_lock(raw, self.revision_sql, bound)
        execute_holding_write_lock(raw, self.head_sql, self.head_of([*bound, 1]))
        payload = self.payload(wire)
        change = self.outbox_order((change_id, "entry_revisions", row["id"], payload, stamp))
        execute_holding_write_lock(raw, self.outbox_sql, change)


_prepared: dict[tuple[str, tuple[str, ...]], NewEntryRows] = {}


def write_new_entry(conn: Connection, row: dict[str, Any], stamp: str, change_id: str) -> None:
    """A new entry's first revision (`row`, stamped), its head and its outbox change, as the
    general path writes them, on the unit of work's DBAPI connection, in the transaction that
    holds the write lock (Replicator.hold_write_lock)."""
    raw = cast(sqlite3.Connection, conn.connection.dbapi_connection)  # the fast path runs on SQLite only
    new_entry_rows(conn.dialect, tuple(row)).write(raw, row, stamp, change_id)


def new_entry_rows(dialect: Dialect, columns: tuple[str, ...]) -> NewEntryRows:
    key = (dialect.name, columns)
    rows = _prepared.get(key)
    if rows is None:
        rows = _prepared[key] = NewEntryRows(dialect, columns)
    return rows


def _compiled(dialect: Dialect, table: Table, columns: tuple[str, ...]) -> tuple[str, list[str]]:
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    assert compiled.positiontup is not None, "positional parameters (SQLite's qmark)"
    return compiled.string, list(compiled.positiontup)


def _instants_and_flags(dialect: Dialect, table: Table, names: list[str]) -> tuple[list[int], list[int]]:
    """Where the instants and the flags are; every other column must bind its value as it is."""
    instants, flags = [], []
    for i, name in enumerate(names):
        col_type = table.c[name].type
        if isinstance(col_type, UTCDateTime):
            instants.append(i)
        elif isinstance(col_type, Boolean):
            flags.append(i)
        else:
            assert col_type.dialect_impl(dialect).bind_processor(dialect) is None, f"{name} needs its processor"
    return instants, flags


_MARK = "\x00value\x00"  # never in a column name
_LITERALS = {None: "null", True: "true", False: "false"}


def _payload_writer(names: tuple[str, ...]) -> Callable[[list[Any]], str]:
    """For a revision's columns, a function from its wire values (in `names` order) to the text
    encode_json({"row": wire row}) gives: the encoding of the row split where each value goes
    (keys sorted, as encode_json sorts them), each value encoded by the encoder's own rules."""
    order = sorted(range(len(names)), key=names.__getitem__)
    pieces = encode_json({"row": {names[i]: _MARK for i in order}}).split(encode_json(_MARK))
    first, after = pieces[0], pieces[1:]

    def payload(wire: list[Any]) -> str:
        out = [first]
        for i, piece in zip(order, after, strict=True):
            value = wire[i]
            if value.__class__ is str:
                out.append(encode_basestring(value))
            elif value is None or value is True or value is False:
                out.append(_LITERALS[value])
            else:
                out.append(encode_json(value))  # anything else, as the encoder spells it
            out.append(piece)
        return "".join(out)

    return payload
