"""The whole incident as JSON, for archiving and for re-import into another store.

The document is the IncidentRecord field by field: the incident with its
narrative, every entry (latest revision) and every revision, attempts,
unreachable notes, checklists with their items, action items, status updates,
duration definitions, and the vendors, contacts, escalation levels and
absences (those in force at a contact attempt) the incident refers to. Ids are kept;
instants are ISO 8601 UTC ("...Z"); dates are ISO dates; enums are their values. `from_json(to_json(r))` equals `r`:
the archive is the backup, so it is exact. `redact=True` (`warroom export --redact`) passes every
string but the ids through `scrub_secrets`, for an archive that is shared rather than kept.
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from warroom.atomic_file import write_atomic
from warroom.domain.clock import iso_utc, parse_iso
from warroom.domain.errors import ValidationError
from warroom.domain.postmortem import IncidentRecord
from warroom.domain.safe_text import control_character_at, describe_character
from warroom.domain.scrub import scrub_secrets

EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)
MAX_BYTES = 500 * 1000 * 1000  # a 10,000-entry incident is some 10 MB
FORMAT = "warroom-incident"
VERSION = 1


def to_json(record: IncidentRecord, *, redact: bool = False) -> dict[str, Any]:
    """The incident as a JSON-ready dict, headed by {"format": "warroom-incident", "version": 1}."""
    try:
        return {"format": FORMAT, "version": VERSION, **_dump(record, redact)}
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
    for required in ("incident", "entries"):
        if required not in data:
            raise ValidationError(f"The incident export has no '{required}': it is not a whole Warroom incident.")
    body = {key: value for key, value in data.items() if key not in ("format", "version")}
    record: IncidentRecord = _load(IncidentRecord, body, "")
    return record


def dumps(record: IncidentRecord, *, redact: bool = False) -> str:
    """UTF-8-friendly text (no \\u escapes), stable key order, one record a line, for files.

    One entry, revision or attempt a line reads well and diffs well, and lets the C encoder do
    the work (json.dumps with `indent` falls back to pure Python: a third of a 10,000-entry export)."""
    parts = []
    for key, value in to_json(record, redact=redact).items():
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
    except RecursionError:
        raise ValidationError(f"{source}: the JSON is nested too deeply to be a Warroom export.") from None
    try:
        return from_json(data)
    except ValidationError as error:
        raise ValidationError(f"{source}: {error}") from None


def write_json(record: IncidentRecord, path: Path, *, redact: bool = False) -> Path:
    return write_atomic(Path(path), dumps(record, redact=redact))


def read_json(path: Path, max_bytes: int = MAX_BYTES) -> IncidentRecord:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ValidationError(
                f"{path.name} is {size / 1e6:.0f} MB, larger than any Warroom incident export "
                f"(the limit is {max_bytes / 1e6:.0f} MB); nothing was imported."
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(f"{path.name} is not UTF-8 text (byte {error.start}): not a Warroom export.") from None
    except IsADirectoryError:
        raise ValidationError(f"{path} is a folder: name the exported .json file.") from None
    except OSError as error:
        raise ValidationError(f"Cannot read {path}: {error.strerror or error}.") from None
    return loads(text, path.name)


def _dump(value: Any, redact: bool) -> Any:
    kind = type(value)
    if kind is str:
        return _scrubbed(value) if redact else value
    if value is None or kind in (bool, int, float):
        return value
    dumpers = _field_dumpers(kind, redact)  # type: ignore[arg-type]  # classes of values are hashable
    if dumpers is not None:
        return {name: dump(getattr(value, name)) for name, dump in dumpers}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [_dump(item, redact) for item in value]
    if isinstance(value, dict):
        return {str(key): _dump(item, redact) for key, item in value.items()}
    if isinstance(value, str):
        return _scrubbed(value) if redact else value
    return value


@cache
def _field_names(cls: type) -> tuple[tuple[str, bool], ...] | None:
    """(field name, passes through as is) for a dataclass, None for anything else.

    Ids are UUIDs written by Warroom, so they skip the secret scrub (a 10,000-entry archive holds
    some 60,000 of them); everything else is dumped (and scrubbed with --redact)."""
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
def _field_dumpers(cls: type, redact: bool) -> tuple[tuple[str, Callable[[Any], Any]], ...] | None:
    """(field name, how to dump its value) for a dataclass, chosen once from its type hints: a
    10,000-entry archive dumps some 200,000 fields, and asking each value its type costs more than
    the dump itself. Anything not plainly typed goes through `_dump`."""
    names = _field_names(cls)
    if names is None:
        return None
    hints = _hints(cls)
    return tuple((name, _same if raw else _dumper_for(hints[name], redact)) for name, raw in names)


def _dumper_for(hint: Any, redact: bool) -> Callable[[Any], Any]:
    if hint is str:
        return _scrubbed if redact else _same
    if hint == str | None:
        return _scrubbed_or_none if redact else _same
    if hint in (bool, int, float, bool | None, int | None, float | None):
        return _same
    if hint is datetime or hint == datetime | None:
        return _iso
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_value
    return _dump_redacted if redact else _dump_exact


def _dump_exact(value: Any) -> Any:
    return _dump(value, False)


def _dump_redacted(value: Any) -> Any:
    return _dump(value, True)


@lru_cache(maxsize=65536)
def _iso(value: datetime | None) -> str | None:
    """iso_utc, remembered: an entry's latest revision carries the same instants as the entry."""
    return None if value is None else iso_utc(value)


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
        return {str(key): _load(item_hint, item, _child(path, str(key))) for key, item in value.items()}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _load_dataclass(hint, value, path)
    return _load_scalar(hint, value, path)


def _load_dataclass(cls: type, value: Any, path: str) -> Any:
    _expect(isinstance(value, dict), path, "an object")
    hints, arguments = _hints(cls), {}
    for field in dataclasses.fields(cls):
        if field.name in value:
            where = _child(path, field.name)
            loaded = _load(hints[field.name], value[field.name], where)
            if _is_id(field.name) and isinstance(loaded, str):
                _check_id(loaded, where)
            arguments[field.name] = loaded
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise ValidationError(f"{path or 'the top level'}: field '{field.name}' is missing.")
    return cls(**arguments)


def _child(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _is_id(name: str) -> bool:
    return name == "id" or name.endswith("_id")


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _check_id(value: str, path: str) -> None:
    if not value and path.startswith("role_assignments["):
        return  # the commander named when the incident was opened: history with no row of its own
    if not _UUID.fullmatch(value):
        raise ValidationError(f"{path}: {value[:40]!r} is not an id (a UUID such as 0195a0c2-...).")


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
            instant = parse_iso(value)
        except ValueError:
            raise ValidationError(f"{path}: {value!r} is not an ISO 8601 instant with an offset.") from None
        if not EARLIEST <= instant < LATEST:
            raise ValidationError(f"{path}: {value!r} is outside the years 1900-2199.")
        return instant
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
        at = control_character_at(value)
        if at is not None:
            raise ValidationError(f"{path}: holds the control character {describe_character(value[at])}.")
    return value


def _expect(condition: bool, path: str, what: str) -> None:
    if not condition:
        raise ValidationError(f"{path}: expected {what}.")
