"""Run a one-row select with the least per-statement overhead, for the timeline's hot path.

Every timeline write reads its incident first; SQLAlchemy's execution (compile-cache
lookup, result set-up) costs more there than SQLite's own lookup by primary key. On
SQLite the select is compiled once, run on the unit of work's own DBAPI connection
(same transaction) and its columns turned into values by the columns' own types.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable
from typing import Any

from sqlalchemy import Dialect
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select
from sqlalchemy.types import TypeEngine

from warroom.store.types import UTCDateTime, stored_instant

_cache: dict[tuple[str, int], tuple] = {}


def _prepare(conn: Connection, query: Select) -> tuple:
    dialect = conn.dialect
    compiled = query.compile(dialect=dialect)
    columns = list(query.selected_columns)
    processors = [_result_processor(c.type, dialect) for c in columns]
    row_type = namedtuple("Row", [c.key for c in columns])  # type: ignore[misc]
    return compiled.string, compiled.positiontup or [], processors, row_type


def first_row(conn: Connection, query: Select, params: dict[str, Any]) -> Any:
    """The first row of `query` (built once, with bind parameters) as attributes, or None."""
    if conn.dialect.name != "sqlite":
        return conn.execute(query, params).first()
    key = (conn.dialect.name, id(query))
    prepared = _cache.get(key)
    if prepared is None:
        prepared = _cache[key] = (*_prepare(conn, query), query)  # the query kept alive: its id stays its own
    sql, positions, processors, row_type = prepared[:4]
    raw = conn.connection.dbapi_connection
    assert raw is not None  # a checked-out connection always has one
    found = raw.execute(sql, tuple(params[k] for k in positions)).fetchone()
    if found is None:
        return None
    return row_type(*(p(v) if p is not None else v for p, v in zip(processors, found, strict=True)))


def _result_processor(col_type: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The column type's own result processor; for an instant, the function it ends in, called
    directly (a TypeDecorator's processor goes through two more calls per value)."""
    if isinstance(col_type, UTCDateTime):
        return stored_instant
    return col_type.dialect_impl(dialect).result_processor(dialect, None)
