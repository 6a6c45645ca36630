"""The whole incident as JSON, for archiving and for re-import into another store.

The document is the IncidentRecord field by field: the incident with its
narrative, every entry (latest revision) and every revision, attempts,
unreachable notes, checklists with their items, action items, status updates,
duration definitions, and the vendors, contacts, escalation levels and
absences (those in force at a contact attempt) the incident refers to. Ids are kept;
instants are ISO 8601 UTC ("...Z"); dates are ISO dates; enums are their values. `from_json(to_json(r))` equals `r`
(for a record with no secret in it: strings pass through `scrub_secrets`).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from enum import Enum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from warroom.domain.clock import iso_utc, parse_iso
from warroom.domain.errors import ValidationError
from warroom.domain.postmortem import IncidentRecord
from warroom.domain.scrub import scrub_secrets

FORMAT = "warroom-incident"
VERSION = 1


def to_json(record: IncidentRecord) -> dict[str, Any]:
    """The incident as a JSON-ready dict, headed by {"format": "warroom-incident", "version": 1}."""
    try:
        return {"format": FORMAT, "version": VERSION, **_dump(record)}
    finally:  # the caches serve one document (texts and instants repeat within it), not the app's lifetime
        _scrubbed.cache_clear()
        _iso.cache_clear()


def from_json(data: Any) -> IncidentRecord:
    """Restore an IncidentRecord; anything that is not a version-1 Warroom incident is a ValidationError."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError(
            "This file is not a Warroom incident export: its 'format' is missing or not 'warroom-incident'."
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError(f"The incident export has no valid 'version' (found {version!r}); expected 1.")
    if version > VERSION:
        raise ValidationError(
            f"This incident was exported by a newer Warroom (format version {version}); this one reads "
            f"version {VERSION}: update Warroom to import it."
        )
    body = {key: value for key, value in data.items() if key not in ("format", "version")}
    return _load(IncidentRecord, body, "incident export")


def dumps(record: IncidentRecord) -> str:
    """UTF-8-friendly text (no \\u escapes), stable key order, one record a line, for files.

    One entry, revision or attempt a line reads well and diffs well, and lets the C encoder do
    the work (json.dumps with `indent` falls back to pure Python: a third of a 10,000-entry export)."""
    parts = []
    for key, value in to_json(record).items():
        name = json.dumps(key)
        if isinstance(value, list) and value:
            rows = ",\n".join("    " + json.dumps(item, ensure_ascii=False) for item in value)
            parts.append(f"  {name}: [\n{rows}\n  ]")
        else:
            parts.append(f"  {name}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def loads(text: str, source: str = "the JSON file") -> IncidentRecord:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            f"{source} line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})."
        ) from None
    return from_json(data)


def write_json(record: IncidentRecord, path: Path) -> Path:
    path = Path(path)
    path.write_text(dumps(record), encoding="utf-8", newline="\n")
    return path


def read_json(path: Path) -> IncidentRecord:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(f"{path.name} is not UTF-8 text (byte {error.start}): not a Warroom export.") from None
    return loads(text, path.name)


def _dump(value: Any) -> Any:
    kind = type(value)
    if kind is str:
        return _scrubbed(value)
    if value is None or kind in (bool, int, float):
        return value
    dumpers = _field_dumpers(kind)
    if dumpers is not None:
        return {name: dump(getattr(value, name)) for name, dump in dumpers}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_dump(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _dump(item) for key, item in value.items()}
    if isinstance(value, str):
        return _scrubbed(value)
    return value


@cache
def _field_names(cls: type) -> tuple[tuple[str, bool], ...] | None:
    """(field name, passes through as is) for a dataclass, None for anything else.

    Ids are UUIDs written by Warroom, so they skip the secret scrub (a 10,000-entry archive holds
    some 60,000 of them); everything else is dumped and scrubbed."""
    if not dataclasses.is_dataclass(cls):
        return None
    hints = _hints(cls)
    return tuple(
        (f.name, (f.name == "id" or f.name.endswith("_id")) and hints[f.name] in (str, str | None))
        for f in dataclasses.fields(cls)
    )


def _same(value: Any) -> Any:
    return value


def _scrubbed_or_none(value: str | None) -> str | None:
    return None if value is None else _scrubbed(value)


def _enum_value(value: Enum) -> Any:
    return value.value


@cache
def _field_dumpers(cls: type) -> tuple[tuple[str, typing.Callable[[Any], Any]], ...] | None:
    """(field name, how to dump its value) for a dataclass, chosen once from its type hints: a
    10,000-entry archive dumps some 200,000 fields, and asking each value its type costs more than
    the dump itself. Anything not plainly typed goes through `_dump`."""
    names = _field_names(cls)
    if names is None:
        return None
    hints = _hints(cls)
    return tuple((name, _same if raw else _dumper_for(hints[name])) for name, raw in names)


def _dumper_for(hint: Any) -> typing.Callable[[Any], Any]:
    if hint is str:
        return _scrubbed
    if hint == str | None:
        return _scrubbed_or_none
    if hint in (bool, int, float, bool | None, int | None, float | None):
        return _same
    if hint is datetime or hint == datetime | None:
        return _iso
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_value
    return _dump


@lru_cache(maxsize=65536)
def _iso(value: datetime | None) -> str | None:
    """iso_utc, remembered: an entry's latest revision carries the same instants as the entry."""
    return iso_utc(value)


@lru_cache(maxsize=65536)  # an entry's text comes again in its revision, 10,000 entries later
def _scrubbed(text: str) -> str:
    """scrub_secrets, remembered: authors, names and kinds repeat on every entry."""
    return scrub_secrets(text)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _load(hint: Any, value: Any, path: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return None if value is None else _load(options[0], value, path)
    if value is None:
        raise ValidationError(f"{path}: a value is required, found null.")
    if origin is tuple:
        item_hint = typing.get_args(hint)[0]
        _expect(isinstance(value, list), path, "a list")
        return tuple(_load(item_hint, item, f"{path}[{index}]") for index, item in enumerate(value))
    if origin is dict:
        _key_hint, item_hint = typing.get_args(hint)
        _expect(isinstance(value, dict), path, "an object")
        return {str(key): _load(item_hint, item, f"{path}.{key}") for key, item in value.items()}
    if dataclasses.is_dataclass(hint):
        return _load_dataclass(hint, value, path)
    return _load_scalar(hint, value, path)


def _load_dataclass(cls: type, value: Any, path: str) -> Any:
    _expect(isinstance(value, dict), path, "an object")
    hints, arguments = _hints(cls), {}
    for field in dataclasses.fields(cls):
        if field.name in value:
            arguments[field.name] = _load(hints[field.name], value[field.name], f"{path}.{field.name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise ValidationError(f"{path}: field '{field.name}' is missing.")
    return cls(**arguments)


def _load_scalar(hint: Any, value: Any, path: str) -> Any:
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError:
            names = ", ".join(str(member.value) for member in hint)
            raise ValidationError(f"{path}: {value!r} is not one of {names}.") from None
    if hint is datetime:
        _expect(isinstance(value, str), path, "an ISO 8601 instant")
        try:
            return parse_iso(value)
        except ValueError:
            raise ValidationError(f"{path}: {value!r} is not an ISO 8601 instant with an offset.") from None
    if hint is date:
        _expect(isinstance(value, str), path, "an ISO date")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValidationError(f"{path}: {value!r} is not a date (YYYY-MM-DD).") from None
    if hint is bool:
        _expect(isinstance(value, bool), path, "true or false")
    elif hint is int:
        _expect(isinstance(value, int) and not isinstance(value, bool), path, "a whole number")
    elif hint is float:
        _expect(isinstance(value, (int, float)) and not isinstance(value, bool), path, "a number")
        return float(value)
    elif hint is str:
        _expect(isinstance(value, str), path, "text")
    return value


def _expect(condition: bool, path: str, what: str) -> None:
    if not condition:
        raise ValidationError(f"{path}: expected {what}.")
