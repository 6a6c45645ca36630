"""From a change's wire row to the values the driver stores, for bulk inserts.

A wire row is JSON: instants and dates as ISO text, JSON columns as values. The
driver wants what each column's bind processor makes of the Python value. Most
columns need nothing at all, and an instant is usually already the very text
SQLite keeps (UTC, with microseconds), so only the columns that need it are
converted, and only when they must be parsed. An `InsertPlan` is made once per
(dialect, table, wire columns): the compiled INSERT with positional parameters,
and how to turn a wire row into its parameter list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Date, Table, insert
from sqlalchemy.engine import Dialect

from warroom.store.models import metadata
from warroom.store.types import UTCDateTime

Convert = Callable[[Any], Any]

_plans: dict[tuple, InsertPlan] = {}
_positional: dict[str, Dialect] = {}


@dataclass(frozen=True)
class InsertPlan:
    sql: str
    columns: tuple[str, ...]  # in parameter order
    _take: Callable[[dict], Any]  # wire row -> the values of `columns` (a tuple, or one value)
    _convert: tuple[tuple[int, Convert], ...]  # (position, converter) for the columns that need one

    def values(self, wire: dict) -> list:
        """A wire row's parameters."""
        values = self.as_is(wire)
        for i, convert in self._convert:
            values[i] = convert(values[i])
        return values

    def as_is(self, row: dict) -> list:
        """The parameters of a row that already holds driver values."""
        taken = self._take(row)
        return list(taken) if len(self.columns) > 1 else [taken]


def plan_for(dialect: Dialect, table_name: str, keys: tuple[str, ...]) -> InsertPlan:
    """The plan for wire rows of `table_name` with exactly these keys (in this order)."""
    cache_key = (dialect.name, table_name, keys)
    plan = _plans.get(cache_key)
    if plan is None:
        plan = _plans[cache_key] = _make_plan(dialect, metadata.tables[table_name], keys)
    return plan


def _make_plan(dialect: Dialect, table: Table, keys: tuple[str, ...]) -> InsertPlan:
    known = [k for k in keys if k in table.c]  # a newer app may send columns this one lacks
    stmt = insert(table).compile(dialect=_positional_dialect(dialect), column_keys=known)
    columns = tuple(stmt.positiontup)
    defaults = {c: _default(dialect, table, c) for c in columns if c not in keys}  # an older app sent fewer
    if defaults:
        take = lambda wire: tuple(wire[c] if c in wire else defaults[c] for c in columns)  # noqa: E731
    else:
        take = itemgetter(*columns)
    convert = tuple(
        (i, f)
        for i, c in enumerate(columns)
        if c not in defaults and (f := _converter(dialect, table.c[c].type)) is not None
    )
    return InsertPlan(stmt.string, columns, take, convert)


def _positional_dialect(dialect: Dialect) -> Dialect:
    """The dialect with positional parameters, so rows go to executemany as plain lists."""
    if dialect.positional:
        return dialect
    found = _positional.get(dialect.name)
    if found is None:
        found = _positional[dialect.name] = type(dialect)(paramstyle="format")
    return found


def _default(dialect: Dialect, table: Table, column: str) -> Any:
    col = table.c[column]
    if col.default is None:
        return None
    value = col.default.arg if col.default.is_scalar else col.default.arg(None)
    bind = col.type.dialect_impl(dialect).bind_processor(dialect)
    return bind(value) if bind else value


def _converter(dialect: Dialect, col_type) -> Convert | None:
    bind = col_type.dialect_impl(dialect).bind_processor(dialect)
    lite = dialect.name == "sqlite"
    if isinstance(col_type, UTCDateTime):
        parse = datetime.fromisoformat
        if lite:
            return lambda v: v if v is None or _stored_form(v) else bind(parse(v))
        return lambda v: None if v is None else bind(parse(v))
    if isinstance(col_type, Date):
        if lite:
            return lambda v: v if v is None or len(v) == 10 else bind(date.fromisoformat(v))
        return lambda v: None if v is None else date.fromisoformat(v)
    if bind is None:
        return None
    return lambda v: None if v is None else bind(v)


def _stored_form(value: str) -> bool:
    """True if an ISO instant is already as UTCDateTime keeps it on SQLite (UTC, microseconds)."""
    return len(value) == 32 and value[19] == "." and value.endswith("+00:00")
