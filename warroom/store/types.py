"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BigInteger, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import DateTime, TypeDecorator, UserDefinedType


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware instant, stored in UTC.

    SQLite has no timezone-aware type and silently drops offsets, so there the
    value is stored as fixed-width ISO 8601 text in UTC, which also sorts
    correctly. PostgreSQL gets TIMESTAMPTZ.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(32))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is not UTC:
            if value.tzinfo is None or value.utcoffset() is None:
                raise ValueError(f"refusing to store a naive datetime: {value!r}")
            value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            # the fixed width "%Y-%m-%dT%H:%M:%S.%f+00:00" gives, at a third of strftime's cost
            return value.isoformat(timespec="microseconds")
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        return stored_instant(value)


def stored_instant(value: str | datetime | None) -> datetime | None:
    """An instant as UTCDateTime reads it back: text (SQLite) or a datetime, naive meaning UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is UTC:
        return value  # what the stored fixed-width text always gives
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


# One encoder, not one per value (json.dumps with options builds a new one each call).
encode_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


class JSONText(TypeDecorator[Any]):
    """JSON kept as UTF-8 text (not ASCII-escaped) so it reads the same everywhere."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return encode_json(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


class Xid8(UserDefinedType[int]):
    """PostgreSQL's 64-bit transaction id; the hub's change log orders by it.

    On SQLite (a shared-file hub) writers are serialised, so the column is a
    plain nullable integer there and the sequence alone orders changes.
    """

    cache_ok = True

    def get_col_spec(self, **kw: Any) -> str:
        return "xid8"


def xid8_or_bigint():
    return Xid8().with_variant(BigInteger(), "sqlite")


def teach_postgres_reflection() -> None:
    """Let schema comparison recognise xid8 when it reads a PostgreSQL hub back.

    Called when a PostgreSQL engine is made, not at import: the PostgreSQL dialect costs a
    SQLite-only start-up about 20 ms."""
    from sqlalchemy.dialects.postgresql.base import ischema_names

    ischema_names.setdefault("xid8", Xid8)
