"""Is a change from the hub fit to apply here? The checks a local write passes, applied to a pulled one.

A hub is shared: anyone who may push may push anything (a junk payload, an
unknown table or column, a severity of SEV99, a stamp in the year 2286). A
change that fails here is refused with one sentence saying why and kept in
quarantine (see quarantine.py); it never reaches the store, never moves this
laptop's clock, and never stops the changes after it.

The domain rules are the domain's own functions (`Severity.parse`,
`validate_zone`, `clean_text`, ...), the very ones local writes go through;
this module only maps each replicated table to them, and adds what the
wire needs on top: known table and columns, types, sizes, instants in range,
and a stamp from the device that sent it, not far ahead of this clock.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, Float, Integer, String, Table, Text

from warroom.domain.action_items import ActionKind, ActionStatus, Audience
from warroom.domain.availability import validate_categories, validate_country, validate_zone
from warroom.domain.checklist import ItemState
from warroom.domain.directory import Channel, Outcome, parse_sla_clock
from warroom.domain.errors import ValidationError
from warroom.domain.hours import parse_hours
from warroom.domain.incident import Severity, Status, clean_title
from warroom.domain.roles_checks import ROLES_ROW_CHECKS
from warroom.domain.timeline import EntryKind, clean_milestone, clean_text
from warroom.store.models import metadata
from warroom.store.replication import APPEND_TABLES, REPLICATED, Change
from warroom.store.types import JSONText, UTCDateTime

MAX_AHEAD_MS = 5 * 60_000  # a remote stamp may be this far ahead of this laptop's wall clock
MAX_TEXT_CHARS = 1_000_000  # per field: far beyond anything typed, small enough to list and export
EARLIEST_YEAR, LATEST_YEAR = 1970, 2200
_STAMP = re.compile(r"^\d{13}\.\d{6}\.[^\s]{1,64}$")
_INT_RANGE = {Integer: 2**31, BigInteger: 2**63}

Row = dict[str, Any]
RowCheck = Callable[[Row], None]


def refusal(change: Change, now_ms: int) -> str | None:
    """Why `change` must not be applied here, in one sentence; None if it is fit."""
    try:
        check_change(change, now_ms)
    except ValidationError as exc:
        return str(exc)
    return None


def check_change(change: Change, now_ms: int) -> None:
    """ValidationError with the reason if `change` is unfit to apply on a laptop whose wall clock reads `now_ms`."""
    name = change.table_name
    if name not in REPLICATED:
        raise ValidationError(f"Unknown table {_show(name)}: this version of Warroom replicates no such table.")
    _check_stamp(change, now_ms)
    payload = change.payload
    if not isinstance(payload, dict) or not isinstance(payload.get("row"), dict):
        raise ValidationError(f"The change's payload is not a row of {name} (got {_kind(payload)}).")
    table = metadata.tables[name]
    row = payload["row"]
    columns = _columns(name)
    if not columns.keys() >= row.keys():
        unknown = sorted(str(k) for k in row if k not in columns)
        raise ValidationError(f"Unknown column {', '.join(unknown)} of {name}.")
    if row.get("id") != change.row_id:
        raise ValidationError(f"The row's id {_show(row.get('id'))} is not the change's row {_show(change.row_id)}.")
    if name not in APPEND_TABLES:
        _check_fields_set(table, payload.get("set"), row)
    elif "stamp" in row and row["stamp"] != change.stamp:
        raise ValidationError(f"The {name} row's stamp is not the change's stamp.")
    for column, (required, nullable, col_type, limit) in columns.items():
        if column not in row:
            if required:
                raise ValidationError(f"{name}.{column} is missing.")
            continue
        value = row[column]
        if value is None:
            if not nullable:
                raise ValidationError(f"{name}.{column} is empty, and it may not be.")
        elif not (limit and type(value) is str and len(value) <= limit and "\x00" not in value):
            problem = _type_problem(col_type, value)  # text that fits its column needs no more checks
            if problem:
                raise ValidationError(f"{name}.{column}: {problem}.")
    check = ROW_CHECKS.get(name)
    if check is not None:
        check(row)


def _check_stamp(change: Change, now_ms: int) -> None:
    stamp = change.stamp
    if not isinstance(stamp, str) or not _STAMP.match(stamp):
        raise ValidationError(f"The stamp {_show(stamp)} is not a hybrid-clock stamp.")
    wall, _counter, device = stamp.split(".", 2)  # as Stamp.decode reads it, without building one
    if device != change.device:
        raise ValidationError(f"The stamp names device {device}, not {_show(change.device)} that pushed it.")
    ahead = int(wall) - now_ms
    if ahead > MAX_AHEAD_MS:
        raise ValidationError(f"Stamped {how_far(ahead)} in the future (by device {device}).")


def how_far(ms: int) -> str:
    """'260 years', '3 days', '42 minutes': how far ahead a stamp or a clock is."""
    minutes = ms // 60_000
    for unit, size in (("year", 525_960), ("day", 1440), ("hour", 60)):
        if minutes >= size:
            count = minutes // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def _check_fields_set(table: Table, fields: Any, row: Row) -> None:
    if not isinstance(fields, list) or not all(isinstance(f, str) for f in fields):
        raise ValidationError(f"The change to {table.name} does not list the fields it sets.")
    unknown = sorted(f for f in fields if f not in table.c or f == "id")
    if unknown:
        raise ValidationError(f"The change sets unknown field {', '.join(unknown)} of {table.name}.")
    absent = sorted(f for f in fields if f not in row)
    if absent:
        raise ValidationError(f"The change sets {', '.join(absent)} of {table.name} but carries no value for it.")


ColumnSpec = tuple[bool, bool, Any, int]  # required, nullable, type, most characters (0: not text)
_column_specs: dict[str, dict[str, ColumnSpec]] = {}


def column_specs(table_name: str) -> dict[str, ColumnSpec]:
    """What each column's value must be, as `check_change` checks it (see snapshot_join)."""
    return _columns(table_name)


def _columns(table_name: str) -> dict[str, ColumnSpec]:
    """column -> what a value of it must be, worked out once per table."""
    found = _column_specs.get(table_name)
    if found is None:
        found = {}
        for col in metadata.tables[table_name].c:
            # a column with a server default may be absent: changes from laptops that predate it
            required = col.primary_key or (not col.nullable and col.default is None and col.server_default is None)
            text = isinstance(col.type, String | Text)
            limit = (getattr(col.type, "length", None) or MAX_TEXT_CHARS) if text else 0
            found[col.name] = (required, bool(col.nullable), col.type, limit)
        _column_specs[table_name] = found
    return found


def _type_problem(col_type: Any, value: Any) -> str | None:
    if isinstance(col_type, UTCDateTime):
        return _instant_problem(value)
    if isinstance(col_type, Date):
        return _date_problem(value)
    if isinstance(col_type, JSONText):
        if not isinstance(value, list | dict):
            return f"expected a list, got {_kind(value)}"
        return _size_problem(json.dumps(value, ensure_ascii=False))
    if isinstance(col_type, Boolean):
        return None if isinstance(value, bool) else f"expected true or false, got {_kind(value)}"
    if isinstance(col_type, Integer | BigInteger):
        bound = _INT_RANGE[BigInteger if isinstance(col_type, BigInteger) else Integer]
        if not isinstance(value, int) or isinstance(value, bool):
            return f"expected a whole number, got {_kind(value)}"
        return None if -bound <= value < bound else f"{value} is out of range"
    if isinstance(col_type, Float):
        ok = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        return None if ok else f"expected a number, got {_kind(value)}"
    if isinstance(col_type, String | Text):
        if not isinstance(value, str):
            return f"expected text, got {_kind(value)}"
        if "\x00" in value:
            return "the text holds a NUL character"
        limit = getattr(col_type, "length", None)
        if limit and len(value) > limit:
            return f"{len(value):,} characters, at most {limit} allowed"
        return _size_problem(value)
    return None


def _size_problem(text: str) -> str | None:
    return None if len(text) <= MAX_TEXT_CHARS else f"{len(text):,} characters, at most {MAX_TEXT_CHARS:,} allowed"


def _instant_problem(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"expected an instant, got {_kind(value)}"
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        return f"{_show(value)} is not an ISO 8601 instant"
    if instant.tzinfo is None or instant.utcoffset() is None:
        return f"{_show(value)} has no time zone"
    if not EARLIEST_YEAR <= instant.year <= LATEST_YEAR:
        return f"{_show(value)} is out of range ({EARLIEST_YEAR}-{LATEST_YEAR})"
    return None


def _date_problem(value: Any) -> str | None:
    try:
        day = date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        day = None
    if day is None:
        return f"{_show(value)} is not a date (YYYY-MM-DD)"
    return None if EARLIEST_YEAR <= day.year <= LATEST_YEAR else f"{value} is out of range"


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def _show(value: Any) -> str:
    """A value as it may appear in a reason: quoted, and cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


# -- the domain's rules, per table --------------------------------------------------


def _canonical(parse: Callable[[str], Enum], value: str, what: str) -> None:
    """The domain's parser accepts it, and it is spelled as a local write stores it."""
    if (parse, value) in _CANONICAL:  # a few values, seen again and again: parsed once each
        return
    stored = parse(value).value
    if stored != value:
        raise ValidationError(f"The {what} {value!r} is not stored as {stored!r}.")
    if len(_CANONICAL) < 4096 and type(value) is str:  # bounded: a hostile hub may send any number of spellings
        _CANONICAL.add((parse, value))


_CANONICAL: set[tuple[Callable[[str], Enum], str]] = set()


def _member(cls: type[Enum], value: str, what: str) -> None:
    try:
        cls(value)
    except ValueError:
        names = ", ".join(str(m.value) for m in cls)
        raise ValidationError(f"Unknown {what} {value!r}: use one of {names}.") from None


def _texts(values: list[Any], what: str) -> None:
    if not all(isinstance(v, str) for v in values):
        raise ValidationError(f"The {what} must all be text.")


def _incident(row: Row) -> None:
    clean_title(row["title"])
    _canonical(Severity.parse, row["severity"], "severity")
    _canonical(Status.parse, row["status"], "status")
    if "zone" in row:
        validate_zone(row["zone"])
    _texts(row.get("impacted_services", []), "impacted services")


def _revision(row: Row) -> None:
    _canonical(EntryKind.parse, row["kind"], "entry kind")
    clean_text(row["text"])
    clean_milestone(row.get("milestone"))


def _attempt(row: Row) -> None:
    _canonical(Channel.parse, row["channel"], "channel")
    _canonical(Outcome.parse, row["outcome"], "outcome")


def _vendor(row: Row) -> None:
    validate_zone(row["timezone"])
    if row["hours"].strip():
        parse_hours(row["hours"])
    for key in ("layers", "holiday_categories"):
        _texts(row.get(key, []), key.replace("_", " "))
    if "sla_clock" in row:
        parse_sla_clock(row["sla_clock"])


def _contact(row: Row) -> None:
    if (row.get("timezone") or "").strip():
        validate_zone(row["timezone"])
    if (row.get("hours") or "").strip():
        parse_hours(row["hours"])
    _texts(row.get("phones", []), "phones")
    _contact_place(row)


def _contact_place(row: Row) -> None:
    """A contact's own place: a known country (its subdivision and categories are checked with it)."""
    _texts([v for v in (row.get("country"), row.get("subdivision")) if v is not None], "contact's place")
    _texts(row.get("holiday_categories") or [], "holiday categories")
    country = (row.get("country") or "").strip()
    if country:
        validate_country(country, row.get("subdivision"))
        validate_categories(country, row.get("holiday_categories") or ())


def _absence(row: Row) -> None:
    if datetime.fromisoformat(row["ends_at"]) <= datetime.fromisoformat(row["starts_at"]):
        raise ValidationError("Ends: an absence must end after it starts.")


def _action(row: Row) -> None:
    _member(ActionKind, row["kind"], "action kind")
    _member(ActionStatus, row["status"], "action status")


def _level(row: Row) -> None:
    if row["level"] < 1:
        raise ValidationError(f"Escalation level {row['level']} is not a level number (1, 2, 3, ...).")
    _texts(row.get("contact_ids", []), "escalation contacts")


ROW_CHECKS: dict[str, RowCheck] = {
    "incidents": _incident,
    "entry_revisions": _revision,
    "contact_attempts": _attempt,
    "action_items": _action,
    "status_updates": lambda row: _member(Audience, row["audience"], "audience"),
    "checklist_items": lambda row: _member(ItemState, row.get("state", "open"), "item state"),
    "vendors": _vendor,
    "contacts": _contact,
    "absences": _absence,
    "escalation_levels": _level,
    **ROLES_ROW_CHECKS,
}
