"""Is a pulled timeline revision of the usual shape, and fit by validate.py's rules? (see snapshot_join)

The usual shape: a payload `{"row": {...}}` with exactly the table's columns, each value of its
column's JSON type (text, true/false, or null where the column may be empty), text within its
column's length, and no \\u escape anywhere (one could hide a NUL or a lone surrogate).

The payload is decoded by msgspec into a Struct made from the table's columns: the key set, the
types and the lengths are checked in C while decoding, five times quicker than json.loads and a
check of each value after it. msgspec reads JSON as json.loads does wherever both accept a
payload (a duplicate key: the last one counts; whitespace: the same four characters); where it
refuses what json.loads accepts (an unknown or missing key, a number for a flag, a lone
surrogate in the text), the usual path decides, so only what both read alike is taken here.
`fit` then applies the rest of validate.py's rules, written for this shape. A property test in
tests/unit/sync holds `values` to json.loads and `fit` to validate.refusal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

import msgspec
from sqlalchemy import Boolean, String, Text

from warroom.domain.timeline import EntryKind
from warroom.store.types import UTCDateTime
from warroom.sync.validate import EARLIEST_YEAR, LATEST_YEAR, MAX_AHEAD_MS, MAX_TEXT_CHARS, ColumnSpec, column_specs

TABLE = "entry_revisions"

Values = tuple[Any, ...]  # a revision's column values, in NAMES order (the table's own)
Change = tuple[Any, ...]  # (change_id, table, row_id, stamp, device) as the hub sends them

_STAMP = re.compile(r"[0-9]{13}\.[0-9]{6}\.([0-9a-zA-Z_-]{1,58})")  # stricter than validate's: a plain device id
_KINDS = frozenset(k.value for k in EntryKind if EntryKind.parse(k.value).value == k.value)


def _json_type(spec: ColumnSpec) -> Any:
    """The column's value as msgspec checks it, or None for a type `fit` has no check for."""
    _, nullable, col_type, limit = spec
    if isinstance(col_type, UTCDateTime):
        found: Any = str  # its form and range: `fit`
    elif isinstance(col_type, Boolean):
        found = bool
    elif isinstance(col_type, String | Text):
        found = Annotated[str, msgspec.Meta(max_length=limit)] if limit < MAX_TEXT_CHARS else str
    else:
        return None
    return found | None if nullable else found


_SPECS = column_specs(TABLE)
_TYPES = {name: _json_type(spec) for name, spec in _SPECS.items()}
ENABLED = all(t is not None for t in _TYPES.values())  # else every revision goes the usual way
NAMES = tuple(_SPECS)
AT = {name: i for i, name in enumerate(NAMES)}
_INSTANTS = tuple(AT[n] for n, spec in _SPECS.items() if isinstance(spec[2], UTCDateTime))
_ID, _STAMP_AT, _KIND, _TEXT = AT["id"], AT["stamp"], AT["kind"], AT["text"]

_Row = msgspec.defstruct("RevisionRow", [(n, t) for n, t in _TYPES.items() if t], forbid_unknown_fields=True)
_Payload = msgspec.defstruct("RevisionPayload", [("row", _Row)], forbid_unknown_fields=True)
_decode: Callable[[str], Any] = msgspec.json.Decoder(_Payload).decode
_as_tuple = msgspec.structs.astuple


def values(payload: object) -> Values | None:
    """A revision payload's column values if it has the usual shape (see above), else None."""
    if type(payload) is not str or "\\u" in payload or len(payload) > MAX_TEXT_CHARS:
        return None
    try:
        return _as_tuple(_decode(payload).row)
    except (msgspec.DecodeError, ValueError):  # ValueError: a lone surrogate msgspec cannot read
        return None


def fit(change: Change, found: Values, now_ms: int) -> bool:
    """True if validate.refusal would let this revision through: `change` as (change_id, table,
    row_id, stamp, device) and its values as `values` took them. False means only: let the usual
    path decide."""
    stamp = change[3]
    match = _STAMP.fullmatch(stamp)
    if match is None or match.group(1) != change[4] or int(stamp[:13]) - now_ms > MAX_AHEAD_MS:
        return False
    if found[_ID] != change[2] or found[_STAMP_AT] != stamp or found[_KIND] not in _KINDS:
        return False
    if not found[_TEXT].strip():
        return False
    for i in _INSTANTS:  # noqa: SIM110 (all() of a generator: a sixth of fit's time) None: where msgspec let it be
        if found[i] is not None and not _stored_instant(found[i]):
            return False
    return True


def _stored_instant(value: str) -> bool:
    """An instant as SQLite keeps it (UTC, microseconds) and validate accepts it."""
    if len(value) != 32 or value[19] != "." or not value.endswith("+00:00"):
        return False
    try:
        return EARLIEST_YEAR <= datetime.fromisoformat(value).year <= LATEST_YEAR
    except ValueError:
        return False
