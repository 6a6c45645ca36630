"""One vendor's rows of a directory CSV collected into a VendorRecord, each cell checked with
its file, line and column (directory_rows reads the file and hands rows here)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

from warroom.domain import availability
from warroom.domain.errors import ValidationError
from warroom.domain.hours import parse_hours
from warroom.integrations.directory_records import (
    ContactRecord,
    LevelRecord,
    VendorRecord,
    check_email,
    normal_text,
    parse_flag,
    parse_minutes,
    parse_phones,
    split_list,
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


class Row:
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


class VendorBuilder:
    """Collects one vendor's rows; the first row sets the vendor's fields."""

    def __init__(self, row: Row) -> None:
        self.line = row.line
        self.name = normal_text(row.raw("vendor"))
        self.values = self._vendor_values(row, required=True)
        self.cells = _shared(_vendor_cells(row))
        self.contacts: list[ContactRecord] = []
        self.seen: dict[str, int] = {}  # contact key -> line
        self.levels: dict[int, list[Any]] = {}  # level -> [wait, names, line]
        self.taken = False  # stream_rows has handed out a run of this vendor

    def _vendor_values(self, row: Row, *, required: bool) -> dict[str, Any]:
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

    def add(self, row: Row) -> None:
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

    def _check_same_vendor(self, row: Row) -> None:
        if row.line == self.line or _vendor_cells(row) == self.cells:  # the same text: the same values
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

    def _contact(self, row: Row, name: str) -> ContactRecord:
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

    def _own_place(self, row: Row) -> dict[str, Any]:
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

    def _remember(self, row: Row, contact: ContactRecord) -> None:
        keys = [("contact", "name:" + contact.name.casefold())]
        if contact.email:
            keys.append(("email", "email:" + contact.email.casefold()))
        for column, key in keys:
            if key in self.seen:
                row.fail(column, f"{row.raw(column)!r} is already on line {self.seen[key]} for {self.name}.")
            self.seen[key] = row.line

    def _place_on_path(self, row: Row, name: str) -> None:
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
        return self._record(tuple(self.contacts), self._path())

    def has_news(self) -> bool:
        return bool(self.contacts) or not self.taken

    def take(self) -> VendorRecord:
        """The contacts read since the last take, without the path (which may still grow)."""
        taken, self.contacts, self.taken = tuple(self.contacts), [], True
        return self._record(taken, ())

    def path(self) -> VendorRecord:
        return self._record((), self._path())

    def _path(self) -> tuple[LevelRecord, ...]:
        return tuple(LevelRecord(level, wait, tuple(names)) for level, (wait, names, _) in sorted(self.levels.items()))

    def _record(self, contacts: tuple[ContactRecord, ...], levels: tuple[LevelRecord, ...]) -> VendorRecord:
        return VendorRecord(name=self.name, contacts=contacts, levels=levels, line=self.line, **self.values)


_VENDOR_COLUMNS = ("country", "layers", "subdivision", "holiday_categories", "sla_response_min")


def _vendor_cells(row: Row) -> tuple[str, ...]:
    return tuple(row.cells[column] for column in _VENDOR_COLUMNS)


@lru_cache(maxsize=1024)
def _shared(cells: tuple[str, ...]) -> tuple[str, ...]:
    """One tuple for equal cells: each of 30,000 vendors keeps its first row's (see _check_same_vendor)."""
    return cells


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
