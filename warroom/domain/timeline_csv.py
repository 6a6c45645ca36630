"""Parse a timeline CSV for reconstructing an incident after the fact.

Format (see ../shared/scenarios/christmas-release/timeline.csv):
- UTF-8, with or without a byte-order mark; comma-separated, or semicolon-
  separated when the header has semicolons and no commas (spreadsheets in
  Swedish and other locales write those).
- Header with exactly the columns occurred_at, kind, milestone, author, vendor,
  contact, text in any order (names ignore case). A missing, repeated or
  unknown column is an error, so a misspelt name is never silently ignored.
- occurred_at: ISO 8601 with an offset ("2013-12-19T07:40:00+01:00", "...Z"),
  or without one and then read in the caller's zone; a local time skipped or
  repeated by a clock change is refused (add the offset).
- kind: an entry kind or alias ("contact attempt", "status change"); blank
  means observation. milestone, author, vendor, contact may be blank.
- text: required; kept whole however long.
All or nothing: the first bad row raises ValidationError naming line and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from warroom.domain.clock import as_utc
from warroom.domain.errors import ValidationError
from warroom.domain.not_future import is_future
from warroom.domain.timeline import EntryKind, clean_milestone, clean_text
from warroom.domain.wall_time import describe_local, resolve_zone, wall_instants

T = TypeVar("T")

COLUMNS: tuple[str, ...] = ("occurred_at", "kind", "milestone", "author", "vendor", "contact", "text")
# csv's default cell limit is 128 KiB; entries may carry whole log excerpts.
_CELL_LIMIT = 64 * 1024 * 1024


@dataclass(frozen=True)
class ImportedEntry:
    line: int
    occurred_at: datetime  # UTC
    kind: EntryKind
    milestone: str | None
    author: str | None
    vendor_name: str | None
    contact_name: str | None
    text: str


def parse_timeline_csv(
    data: bytes, *, zone: str | None, source_name: str = "timeline.csv", now: datetime | None = None
) -> tuple[ImportedEntry, ...]:
    """Every row as an ImportedEntry, or ValidationError for the first bad one.

    `now`, when given, refuses rows later than now (plus a minute of clock skew).
    """
    tz = resolve_zone(zone) if zone else None
    text = _decode(data, source_name)
    if csv.field_size_limit() < _CELL_LIMIT:
        csv.field_size_limit(_CELL_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    header = _read_row(reader, source_name)
    if header is None:
        raise ValidationError(f"{source_name} is empty: it needs a header line ({','.join(COLUMNS)}).")
    positions = _column_positions(header[1], source_name)
    context = _Context(source_name, tz, now)
    entries = []
    while (row := _read_row(reader, source_name)) is not None:
        line, cells = row
        if any(cell.strip() for cell in cells):
            entries.append(_entry(line, cells, positions, context))
    if not entries:
        raise ValidationError(f"{source_name} has a header but no entries.")
    return tuple(entries)


@dataclass(frozen=True)
class _Context:
    source: str
    zone: ZoneInfo | None
    now: datetime | None


def _decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:200]:
        raise ValidationError(f"{source} is UTF-16 encoded, not UTF-8: save it as 'CSV UTF-8' and import it again.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise ValidationError(
            f"{source} line {line} is not UTF-8 (byte 0x{byte:02X}; the file looks like "
            f"{_guess_encoding(data)}): save it as 'CSV UTF-8' and import it again."
        ) from None


def _guess_encoding(data: bytes) -> str:
    try:
        data.decode("cp1252")
        return "Latin-1/Windows-1252"
    except UnicodeDecodeError:
        return "a legacy 8-bit encoding"


def _delimiter(text: str) -> str:
    first_line = text.split("\n", 1)[0]
    return ";" if ";" in first_line and "," not in first_line else ","


def _read_row(reader: Any, source: str) -> tuple[int, list[str]] | None:
    """The next record and the line it starts on (csv.reader counts physical lines)."""
    start = reader.line_num + 1
    try:
        cells = next(reader)
    except StopIteration:
        return None
    except csv.Error as error:
        raise ValidationError(f"{source} line {start} is not valid CSV: {error}.") from None
    return start, cells


def _column_positions(header: list[str], source: str) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    expected = ", ".join(COLUMNS)
    missing = [name for name in COLUMNS if name not in names]
    if missing:
        raise ValidationError(f"{source} line 1: missing column {_quoted(missing)}; the header needs {expected}.")
    unknown = [cell for cell, name in zip(header, names) if name not in COLUMNS]
    if unknown:
        raise ValidationError(f"{source} line 1: unknown column {_quoted(unknown)}; use only {expected}.")
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValidationError(f"{source} line 1: column {_quoted(repeated)} appears more than once.")
    return {name: names.index(name) for name in COLUMNS}


def _quoted(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def _entry(line: int, cells: list[str], positions: dict[str, int], ctx: _Context) -> ImportedEntry:
    if len(cells) != len(positions):
        raise ValidationError(
            f"{ctx.source} line {line} has {len(cells)} cells but the header has {len(positions)}; "
            "quote cells that contain commas."
        )
    value = {name: cells[index] for name, index in positions.items()}

    def checked(column: str, parse: Callable[[str], T]) -> T:
        try:
            return parse(value[column])
        except ValidationError as error:
            reason = str(error)
            reason = reason[:1].lower() + reason[1:]
            raise ValidationError(f"{ctx.source} line {line}, column '{column}': {reason}") from None

    return ImportedEntry(
        line=line,
        occurred_at=checked("occurred_at", lambda text: _instant(text, ctx)),
        kind=checked("kind", _kind),
        milestone=checked("milestone", clean_milestone),
        author=_optional(value["author"]),
        vendor_name=_optional(value["vendor"]),
        contact_name=_optional(value["contact"]),
        text=checked("text", _text),
    )


def _kind(text: str) -> EntryKind:
    if not text.strip():
        return EntryKind.OBSERVATION
    try:
        return EntryKind.parse(text)
    except ValidationError:
        raise ValidationError(f"{text.strip()!r} is not an entry kind; use one of {_KIND_NAMES}.") from None


_KIND_NAMES = (
    "observation, action, decision, communication, contact (or 'contact attempt'), "
    "escalation, status (or 'status change'), checklist"
)


def _text(text: str) -> str:
    if not text.strip():
        raise ValidationError("the text is empty; every entry needs one.")
    return clean_text(text)


def _optional(text: str) -> str | None:
    return " ".join(text.split()) or None


def _instant(text: str, ctx: _Context) -> datetime:
    written = text.strip()
    if not written:
        raise ValidationError("the time is empty; write it as 2013-12-19T07:40:00+01:00.")
    try:
        parsed = datetime.fromisoformat(written.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValidationError(f"{written!r} is not an ISO 8601 time; write it as 2013-12-19T07:40:00+01:00.") from None
    try:
        instant = as_utc(parsed) if parsed.tzinfo is not None else _local_instant(written, parsed, ctx.zone)
    except OverflowError:
        instant = parsed.replace(tzinfo=None) if parsed.year < 1900 else parsed  # reported just below
    if not 1900 <= instant.year < 2200:
        raise ValidationError(f"{written!r} is outside the years 1900-2199; check the year.")
    if ctx.now is not None and is_future(instant, as_utc(ctx.now)):
        raise ValidationError(f"{written!r} is in the future; the timeline records what has happened.")
    return instant


def _local_instant(written: str, naive: datetime, zone: ZoneInfo | None) -> datetime:
    if zone is None:
        raise ValidationError(
            f"{written!r} has no UTC offset; add one (e.g. +01:00) or name the zone the times were written in."
        )
    instants = wall_instants(naive, zone)
    if len(instants) == 1:
        return instants[0]
    if not instants:
        raise ValidationError(f"{written!r} does not exist in {zone.key} (the clocks jumped forward).")
    options = " or ".join(describe_local(instant, zone) for instant in instants)
    raise ValidationError(
        f"{written!r} happened twice in {zone.key} (the clocks went back): {options}; add the UTC offset."
    )
