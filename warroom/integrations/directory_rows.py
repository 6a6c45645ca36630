"""Reading directory CSV rows into VendorRecords, with file/line/column messages."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence

from warroom.domain.errors import ValidationError
from warroom.domain.safe_text import control_character_at, describe_character
from warroom.integrations.csv_cells import read_cell
from warroom.integrations.directory_builder import Row, VendorBuilder
from warroom.integrations.directory_records import (
    DirectoryImport,
    VendorRecord,
    normal_text,
    vendor_key,
)


def parse_rows(data: bytes | str, source: str, columns: Sequence[str], optional: Sequence[str] = ()) -> DirectoryImport:
    builders: dict[str, VendorBuilder] = {}
    for row in _checked_rows(data, source, columns, optional):
        _builder_for(builders, row).add(row)
    if not builders:
        raise ValidationError(f"{source} has a header but no vendors.")
    return DirectoryImport(source, tuple(b.record() for b in builders.values()))


def stream_rows(
    data: bytes | str, source: str, columns: Sequence[str], optional: Sequence[str] = ()
) -> Iterator[VendorRecord]:
    """The vendors as the file is read, checked as parse_rows checks them.

    Each run of consecutive rows of one vendor comes as a record with those contacts and no
    path; a vendor's first run comes even without contacts. After the last row, each vendor
    with a path comes once more, without contacts, with its whole path. Only one run of rows
    is held (and the keys that catch a contact named twice), not the whole directory."""
    builders: dict[str, VendorBuilder] = {}
    current: VendorBuilder | None = None
    for row in _checked_rows(data, source, columns, optional):
        builder = _builder_for(builders, row)
        if current is not None and builder is not current and current.has_news():
            yield current.take()
        current = builder
        builder.add(row)
    if current is None:
        raise ValidationError(f"{source} has a header but no vendors.")
    if current.has_news():
        yield current.take()
    yield from (b.path() for b in builders.values() if b.levels)


def _checked_rows(data: bytes | str, source: str, columns: Sequence[str], optional: Sequence[str]) -> Iterator[Row]:
    rows = _numbered_rows(_stream(data, source), source)
    first = next(rows, None)
    if first is None:
        raise ValidationError(f"{source} is empty: it needs a header line ({','.join(columns)}).")
    header = _header(first[1], source, columns, optional)
    absent = {column: "" for column in optional if column not in header}
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise ValidationError(f"{source} line {line} has {len(cells)} fields, but the header has {len(header)}.")
        yield Row(source, line, {**absent, **_cells(header, cells, source, line)})


def _builder_for(builders: dict[str, VendorBuilder], row: Row) -> VendorBuilder:
    key = vendor_key(row.raw("vendor"))
    if not key:
        row.fail("vendor", "the vendor name is empty.")
    return builders.get(key) or builders.setdefault(key, VendorBuilder(row))


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
