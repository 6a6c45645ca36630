"""Insert rows with the least per-statement overhead, for the timeline's hot path and bulk imports.

SQLAlchemy's compile-cache lookup costs more than SQLite's own insert; a timeline
entry writes several rows, so this caches the compiled SQL per (table, columns)
and applies each column type's bind processor itself. `fast_insert_many` sends
rows of the same columns as one executemany (a 150,000-contact import).
"""

from __future__ import annotations

from operator import itemgetter

from sqlalchemy import Table, insert
from sqlalchemy.engine import Connection

_cache: dict[tuple, tuple] = {}


def _prepare(conn: Connection, table: Table, columns: tuple[str, ...]) -> tuple:
    dialect = conn.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    processors = {}
    for name in columns:
        proc = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if proc is not None:
            processors[name] = proc
    return compiled.string, compiled.positiontup, processors


def fast_insert(conn: Connection, table: Table, row: dict) -> dict:
    """Insert `row`; returns its driver values (as bound), for a derived row to reuse."""
    prepared = _prepared(conn, table, tuple(row))
    processors = prepared[2]
    values = {k: (processors[k](v) if k in processors else v) for k, v in row.items()}
    _execute(conn, prepared, values)
    return values


def insert_driver_values(conn: Connection, table: Table, values: dict) -> None:
    """Insert a row whose values are already as the driver takes them (from fast_insert)."""
    _execute(conn, _prepared(conn, table, tuple(values)), values)


def _prepared(conn: Connection, table: Table, columns: tuple[str, ...]) -> tuple:
    key = (conn.dialect.name, table.name, columns)
    prepared = _cache.get(key)
    if prepared is None:
        prepared = _cache[key] = _prepare(conn, table, columns)
    return prepared


def _execute(conn: Connection, prepared: tuple, values: dict) -> None:
    sql, positions = prepared[0], prepared[1]
    params = tuple(values[k] for k in positions) if positions else values
    if conn.dialect.name == "sqlite":
        # Same DBAPI connection, same transaction (pysqlite begins it implicitly on the
        # first write; the unit of work's commit ends it), minus SQLAlchemy's dispatch.
        raw = conn.connection.dbapi_connection
        assert raw is not None  # a checked-out connection always has one
        raw.execute(sql, params)
    else:
        conn.exec_driver_sql(sql, params)


def _params(row: dict, positions: list | None, processors: dict) -> tuple | dict:
    values = {k: (processors[k](v) if k in processors else v) for k, v in row.items()}
    return tuple(values[k] for k in positions) if positions else values


def fast_insert_many(conn: Connection, table: Table, rows: list[dict], encoded: frozenset[str] = frozenset()) -> None:
    """Insert `rows` (all with the same columns, in the same order) in one executemany.

    Columns named in `encoded` already hold their driver values (JSON text made once per row
    by the caller): their bind processors are skipped."""
    if not rows:
        return
    sql, positions, processors = _prepared(conn, table, tuple(rows[0]))
    if encoded:
        processors = {k: proc for k, proc in processors.items() if k not in encoded}
    if positions:  # positional (SQLite): a tuple per row, processors applied where a column has one
        take = itemgetter(*positions) if len(positions) > 1 else (lambda row: (row[positions[0]],))
        process = [(i, processors[k]) for i, k in enumerate(positions) if k in processors]
        params: list = [_processed(take(row), process) for row in rows] if process else [take(row) for row in rows]
    else:
        params = [_params(row, positions, processors) for row in rows]
    if conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.executemany(sql, params)
    else:
        conn.exec_driver_sql(sql, params)


def _processed(values: tuple, process: list) -> list:
    out = list(values)
    for i, proc in process:
        out[i] = proc(out[i])
    return out
