"""The statements and wire forms the replicator writes: made once per table (and dialect), cached.

Kept apart from store/replication.py, which decides what to write; this says how it is spelled.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import Date, bindparam, select, update

from warroom.domain.ids import new_id
from warroom.store.models import MergeHistoryRow, OutboxRow, RowClockRow, metadata
from warroom.store.types import UTCDateTime, encode_json

CLOCKS = metadata.tables[RowClockRow.__tablename__]
OUTBOX = metadata.tables[OutboxRow.__tablename__]
HISTORY = metadata.tables[MergeHistoryRow.__tablename__]
SELECT_STAMPS = select(CLOCKS.c.stamps).where(CLOCKS.c.table_name == bindparam("t"), CLOCKS.c.row_id == bindparam("r"))


@cache
def select_row(table_name: str):
    table = metadata.tables[table_name]
    return select(table).where(table.c.id == bindparam("row_id"))


@cache
def update_row(table_name: str, columns: tuple[str, ...]):
    table = metadata.tables[table_name]
    return (
        update(table)
        .where(table.c.id == bindparam("row_id_"))
        .values({c: bindparam("v_" + c, type_=table.c[c].type) for c in columns})
    )


def dialect_insert(dialect: str):
    """The dialect's INSERT with ON CONFLICT; imported here so a SQLite start-up skips PostgreSQL's."""
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert
    from sqlalchemy.dialects.postgresql import insert as postgresql_insert

    return postgresql_insert


@cache
def upsert_stamps(dialect: str):
    insert = dialect_insert(dialect)(CLOCKS)
    return insert.on_conflict_do_update(
        index_elements=["table_name", "row_id"], set_={"stamps": insert.excluded.stamps}
    )


@cache
def keep_history(dialect: str):
    return dialect_insert(dialect)(HISTORY).on_conflict_do_nothing()


@cache
def has_instants(table_name: str) -> bool:
    return any(isinstance(c.type, (UTCDateTime, Date)) for c in metadata.tables[table_name].c)


def outbox_change(table_name: str, row_id: str, payload: dict | str, stamp: str, change_id: str | None = None) -> dict:
    """One outbox row: a local write queued for the hub (`payload` as a dict, or already its JSON text)."""
    return {
        "change_id": change_id or new_id(),
        "table_name": table_name,
        "row_id": row_id,
        "payload": payload,
        "stamp": stamp,
    }


def itself(row: dict) -> dict:
    return row


STAMPS_TEXT = frozenset({"stamps"})
PAYLOAD_TEXT = frozenset({"payload"})
_MARK = "\x00stamp\x00"  # never in a stamp: a stamp is digits, dots and the device id


@cache
def stamps_template(fields: tuple[str, ...]):
    """For a new row's fields, a function from its stamp to the JSON text of {field: stamp}: the
    encoding of one row's stamps split where the stamp goes, joined per row with the stamp."""
    pieces = encode_json(dict.fromkeys(fields, _MARK)).split(encode_json(_MARK))
    return lambda stamp: encode_json(stamp).join(pieces)


@cache
def payload_template(changed: tuple[str, ...]) -> tuple[str, str]:
    """The JSON text of {"row": ROW, "set": changed} split around ROW (keys sorted: "row" first)."""
    pieces = encode_json({"row": _MARK, "set": list(changed)}).split(encode_json(_MARK))
    return pieces[0], pieces[1]


def wire_row(row: dict) -> dict:
    """to_wire of each value (a datetime is a date: both are sent in their ISO form)."""
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in row.items()}
