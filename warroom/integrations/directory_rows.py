"""Reading directory CSV rows into VendorRecords, with file/line/column messages."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import TypeVar

from warroom.domain import availability
from warroom.domain.errors import ValidationError
from warroom.domain.hours import parse_hours
from warroom.domain.safe_text import control_character_at, describe_character
from warroom.integrations.csv_cells import read_cell
from warroom.integrations.directory_records import (
    ContactRecord,
    DirectoryImport,
    LevelRecord,
    VendorRecord,
    check_email,
    normal_text,
    parse_flag,
    parse_minutes,
    parse_phones,
    split_list,
    vendor_key,
)

T = TypeVar("T")

# A large directory repeats the same zones, hours, countries and categories on every row:
# each distinct value is checked once (a refused value raises every time; errors are not cached).
validate_zone = lru_cache(maxsize=1024)(availability.validate_zone)
validate_country = lru_cache(maxsize=1024)(availability.validate_country)
_categories = lru_cache(maxsize=1024)(availability.validate_categories)


def validate_categories(country: str, names: tuple[str, ...]) -> tuple[str, ...]:
    return _categories(country, tuple(names))


@lru_cache(maxsize=1024)
def _described_hours(text: str) -> str:
    return parse_hours(text).describe()


_CONTACT_COLUMNS = ("role", "phone", "email", "escalation_level", "escalate_after_min", "notes")


class _Row:
    def __init__(self, source: str, line: int, cells: dict[str, str]) -> None:
        self.source, self.line, self.cells = source, line, cells

    def raw(self, column: str) -> str:
        return self.cells[column].strip()

    def fail(self, column: str, message: str) -> None:
        message = message[:1].lower() + message[1:] if message[1:2].islower() else message
        raise ValidationError(f"{self.source} line {self.line}, column '{column}': {message}")

    def check(self, column: str, parse: Callable[[str], T]) -> T:
        try:
            return parse(self.cells[column])
        except ValidationError as error:
            self.fail(column, str(error))
            raise  # unreachable: fail raises

    def required(self, column: str, parse: Callable[[str], T]) -> T:
        if not self.raw(column):
            self.fail(column, "is empty, and a vendor needs it.")
        return self.check(column, parse)


def parse_rows(data: bytes | str, source: str, columns: Sequence[str], optional: Sequence[str] = ()) -> DirectoryImport:
    rows = _numbered_rows(_stream(data, source), source)
    first = next(rows, None)
    if first is None:
        raise ValidationError(f"{source} is empty: it needs a header line ({','.join(columns)}).")
    header = _header(first[1], source, columns, optional)
    absent = {column: "" for column in optional if column not in header}
    builders: dict[str, _VendorBuilder] = {}
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise ValidationError(f"{source} line {line} has {len(cells)} fields, but the header has {len(header)}.")
        row = _Row(source, line, {**absent, **_cells(header, cells, source, line)})
        key = vendor_key(row.raw("vendor"))
        if not key:
            row.fail("vendor", "the vendor name is empty.")
        builder = builders.get(key) or builders.setdefault(key, _VendorBuilder(row))
        builder.add(row)
    if not builders:
        raise ValidationError(f"{source} has a header but no vendors.")
    return DirectoryImport(source, tuple(b.record() for b in builders.values()))


def _stream(data: bytes | str, source: str) -> io.TextIOBase:
    """The text, decoded as it is read: a 50 MB file is never held twice (bytes and text)."""
    if isinstance(data, str):
        return io.StringIO(data.lstrip("\ufeff"), newline="")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        decode_utf8(data, source)  # raises the UTF-16 sentence
    return _CheckedText(data, source)


class _CheckedText(io.TextIOWrapper):
    """UTF-8 (BOM skipped) decoded chunk by chunk; a bad byte gives the importer's own sentence."""

    def __init__(self, data: bytes, source: str) -> None:
        super().__init__(io.BytesIO(data), encoding="utf-8-sig", newline="")
        self._data, self._source = data, source

    def __next__(self) -> str:
        try:
            return super().__next__()
        except UnicodeDecodeError:
            decode_utf8(self._data, self._source)
            raise


def _cells(header: list[str], cells: list[str], source: str, line: int) -> dict[str, str]:
    """The row's cells by column, spreadsheet text markers removed; control characters refused."""
    if control_character_at("\t".join(cells).replace("\r\n", "\n")) is None:  # the usual case: one search
        return {
            column: read_cell(cell) if cell[:1] == "'" or "<U+" in cell else cell for column, cell in zip(header, cells)
        }
    for column, cell in zip(header, cells):
        cell = cell.replace("\r\n", "\n")  # a Windows line end inside a quoted note is a newline
        at = control_character_at(cell)
        if at is not None:
            where = line + cell.count("\n", 0, at)
            raise ValidationError(
                f"{source} line {where}, column '{column}': holds the control character "
                f"{describe_character(cell[at])}, which a name or note may not contain."
            )
    return {column: read_cell(cell) for column, cell in zip(header, cells)}


def _numbered_rows(text: io.TextIOBase, source: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(text)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise ValidationError(f"{source} line {start} is not valid CSV: {error}.") from None


def _header(cells: list[str], source: str, columns: Sequence[str], optional: Sequence[str] = ()) -> list[str]:
    names = [normal_text(c).lower() for c in cells]
    for name in names:
        if name not in columns and name not in optional:
            known = ", ".join((*columns, *(f"{c} (optional)" for c in optional)))
            raise ValidationError(f"{source} line 1: unknown column {name!r} (the columns are {known}).")
        if names.count(name) > 1:
            raise ValidationError(f"{source} line 1: column {name!r} appears twice.")
    missing = [c for c in columns if c not in names]
    if missing:
        raise ValidationError(f"{source} line 1: the column {missing[0]!r} is missing.")
    return names


def decode_utf8(data: bytes, source: str) -> str:
    """UTF-8 text without a BOM; other encodings are refused with the line and column."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValidationError(f"{source} is UTF-16; save it as UTF-8 (CSV UTF-8) and import again.")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValidationError(_encoding_message(data, error.start, source)) from None


def _encoding_message(data: bytes, position: int, source: str) -> str:
    line = data.count(b"\n", 0, position) + 1
    line_start = data.rfind(b"\n", 0, position) + 1
    before = data[line_start:position].decode("utf-8", errors="replace")
    header = data.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    names = next(csv.reader([header]), [])
    index = len(next(csv.reader([before]), [""])) - 1 if before else 0
    column = f", column '{names[index].strip()}'" if line > 1 and index < len(names) else ""
    return (
        f"{source} line {line}{column}: byte 0x{data[position]:02X} is not UTF-8 (the file looks "
        f"like Latin-1 or Windows-1252); save it as UTF-8 and import again."
    )


class _VendorBuilder:
    """Collects one vendor's rows; the first row sets the vendor's fields."""

    def __init__(self, row: _Row) -> None:
        self.line = row.line
        self.name = normal_text(row.raw("vendor"))
        self.values = self._vendor_values(row, required=True)
        self.contacts: list[ContactRecord] = []
        self.seen: dict[str, int] = {}  # contact key -> line
        self.levels: dict[int, list] = {}  # level -> [wait, names, line]

    def _vendor_values(self, row: _Row, *, required: bool) -> dict:
        get = row.required if required else row.check
        country = get("country", lambda v: validate_country(v, None)[0]) if required else self.values["country"]
        return {
            "layers": row.check("layers", split_list),
            "country": country,
            "subdivision": row.check("subdivision", lambda v: validate_country(country, v)[1]),
            "holiday_categories": row.check(
                "holiday_categories", lambda v: validate_categories(country, split_list(v))
            ),
            "sla_response_min": row.check("sla_response_min", parse_minutes),
            "timezone": get("timezone", validate_zone) if required else None,
            "hours": get("hours", _described_hours) if required else None,
        }

    def add(self, row: _Row) -> None:
        self._check_same_vendor(row)
        name = normal_text(row.raw("contact"))
        if not name:
            filled = [c for c in _CONTACT_COLUMNS if row.raw(c)]
            if filled:
                row.fail("contact", f"is empty, but the row has a value in '{filled[0]}'.")
            return
        contact = self._contact(row, name)
        self._remember(row, contact)
        self.contacts.append(contact)
        self._place_on_path(row, name)

    def _check_same_vendor(self, row: _Row) -> None:
        if row.line == self.line:
            return
        if (
            row.raw("country")
            and row.check("country", lambda v: validate_country(v, None)[0]) != self.values["country"]
        ):
            row.fail("country", f"{row.raw('country')!r} differs from line {self.line} for {self.name}.")
        later = self._vendor_values(row, required=False)
        for column in ("layers", "subdivision", "holiday_categories", "sla_response_min"):
            if row.raw(column) and not _same(later[column], self.values[column]):
                row.fail(column, f"{row.raw(column)!r} differs from line {self.line} for {self.name}.")

    def _contact(self, row: _Row, name: str) -> ContactRecord:
        zone = row.check("timezone", validate_zone) if row.raw("timezone") else self.values["timezone"]
        hours = row.check("hours", _described_hours) if row.raw("hours") else self.values["hours"]
        return ContactRecord(
            name=name,
            role=normal_text(row.raw("role")),
            phones=row.check("phone", lambda v: parse_phones(v, self.values["country"])),
            email=row.check("email", check_email),
            timezone=None if zone == self.values["timezone"] else zone,
            hours=None if hours == self.values["hours"] else hours,
            always_on_call=row.check("always_on_call", parse_flag),
            notes=normal_text(row.cells["notes"]),
            line=row.line,
            **self._own_place(row),
        )

    def _own_place(self, row: _Row) -> dict:
        """The optional contact_country/_subdivision/_holiday_categories: where this person works."""
        if not any(row.raw(c) for c in ("contact_country", "contact_subdivision", "contact_holiday_categories")):
            return {}
        country = (
            row.check("contact_country", lambda v: validate_country(v, None)[0])
            if row.raw("contact_country")
            else self.values["country"]
        )
        categories = split_list(row.raw("contact_holiday_categories"))
        return {
            "country": country if row.raw("contact_country") else None,
            "subdivision": row.check("contact_subdivision", lambda v: validate_country(country, v)[1]),
            "holiday_categories": row.check(
                "contact_holiday_categories", lambda v: validate_categories(country, categories)
            )
            if categories
            else (),
        }

    def _remember(self, row: _Row, contact: ContactRecord) -> None:
        keys = [("contact", "name:" + contact.name.casefold())]
        if contact.email:
            keys.append(("email", "email:" + contact.email.casefold()))
        for column, key in keys:
            if key in self.seen:
                row.fail(column, f"{row.raw(column)!r} is already on line {self.seen[key]} for {self.name}.")
            self.seen[key] = row.line

    def _place_on_path(self, row: _Row, name: str) -> None:
        level = row.check("escalation_level", _parse_level)
        wait = row.check("escalate_after_min", parse_minutes)
        if level is None:
            if wait is not None:
                row.fail("escalate_after_min", f"'{wait}' minutes to wait, but no escalation_level.")
            return
        entry = self.levels.setdefault(level, [wait, [], row.line])
        if wait is not None and entry[0] is not None and wait != entry[0]:
            row.fail("escalate_after_min", f"'{wait}' differs from '{entry[0]}' on line {entry[2]} for level {level}.")
        entry[0] = wait if entry[0] is None else entry[0]
        entry[1].append(name)

    def record(self) -> VendorRecord:
        levels = tuple(
            LevelRecord(level, wait, tuple(names)) for level, (wait, names, _) in sorted(self.levels.items())
        )
        return VendorRecord(name=self.name, contacts=tuple(self.contacts), levels=levels, line=self.line, **self.values)


def _same(a: object, b: object) -> bool:
    """Equal, ignoring the order of ';'-separated lists."""
    return set(a) == set(b) if isinstance(a, tuple) and isinstance(b, tuple) else a == b


def _parse_level(text: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        raise ValidationError(f"{text!r} is not a level number (1, 2, 3, ...).")
    return int(value)
