"""A new timeline entry's three rows on SQLite, with the fewest Python steps: the hot path.

An entry typed into the timeline writes its first revision, its head (timeline_heads, the
same values as the revision, made when it was recorded) and one outbox change. The
general path builds a dict per row and looks up each column's bind processor per value;
here each row's SQL, the positions of its values and its columns' processors are worked
out once from the table metadata (so they cannot drift from the schema), the revision's
values are bound once and the head takes them by position.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from sqlalchemy import Dialect, Table, insert
from sqlalchemy.engine import Connection

from warroom.store.models import OutboxRow, metadata
from warroom.store.repositories.timeline_heads import HEAD_KEYS, HEADS

REVISIONS = metadata.tables["entry_revisions"]
OUTBOX = metadata.tables[OutboxRow.__tablename__]
_OUTBOX_KEYS = ("change_id", "table_name", "row_id", "payload", "stamp")  # payload: JSON text already


class NewEntryRows:
    """The three INSERTs for revisions with these columns (a revision row's keys, in order)."""

    def __init__(self, dialect: Dialect, columns: tuple[str, ...]) -> None:
        self.revision_sql, positions = _compiled(dialect, REVISIONS, columns)
        self.take = itemgetter(*positions)
        self.processors = [
            (i, proc) for i, name in enumerate(positions) if (proc := _bind_processor(dialect, REVISIONS, name))
        ]
        head_columns = (*HEAD_KEYS, "created_at", "revision_count")
        self.head_sql, head_positions = _compiled(dialect, HEADS, head_columns)
        at = {name: i for i, name in enumerate(positions)}
        at["created_at"] = at["recorded_at"]  # an entry's head was created when its first revision was recorded
        at["revision_count"] = len(positions)  # the constant 1, appended after the revision's values
        self.head_of = itemgetter(*(at[name] for name in head_positions))
        self.outbox_sql, outbox_positions = _compiled(dialect, OUTBOX, _OUTBOX_KEYS)
        self.outbox_order = [_OUTBOX_KEYS.index(name) for name in outbox_positions]

    def revision_values(self, row: dict[str, Any]) -> list[Any]:
        values = list(self.take(row))
        for i, proc in self.processors:
            values[i] = proc(values[i])
        return values

    def head_values(self, revision_values: list[Any]) -> tuple[Any, ...]:
        return self.head_of([*revision_values, 1])

    def outbox_values(self, change_id: str, row_id: str, payload: str, stamp: str) -> list[Any]:
        given = (change_id, "entry_revisions", row_id, payload, stamp)
        return [given[i] for i in self.outbox_order]


_prepared: dict[tuple[str, tuple[str, ...]], NewEntryRows] = {}


def write_new_entry(conn: Connection, row: dict[str, Any], stamp: str, change_id: str, payload: str) -> None:
    """A new entry's first revision (`row`, stamped), its head and its outbox change (`payload`:
    its JSON text), as the general path writes them, on the DBAPI connection: same transaction."""
    rows = new_entry_rows(conn.dialect, tuple(row))
    raw = conn.connection.dbapi_connection
    assert raw is not None  # a connection in use always has one
    values = rows.revision_values(row)
    raw.execute(rows.revision_sql, values)
    raw.execute(rows.head_sql, rows.head_values(values))
    raw.execute(rows.outbox_sql, rows.outbox_values(change_id, row["id"], payload, stamp))


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


def _bind_processor(dialect: Dialect, table: Table, name: str) -> Callable[[Any], Any] | None:
    return table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
