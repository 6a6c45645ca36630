"""Imported directory records (no ids yet) and the field checks every importer shares.

Records carry natural keys so a service can upsert: a vendor is matched by its
name (case, accents' composition and spacing ignored); a contact within a
vendor by email when both sides have one, else by name. Re-importing the same
file therefore updates rather than duplicates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from warroom.domain.directory import Contact, EscalationLevel, Vendor
from warroom.domain.errors import ValidationError

_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\].]{2,}$")
_TRUE = {"yes", "y", "true", "1", "ja"}
_FALSE = {"no", "n", "false", "0", "nej", ""}


@dataclass(frozen=True)
class ContactRecord:
    name: str
    role: str = ""
    phones: tuple[str, ...] = ()  # E.164
    email: str | None = None
    timezone: str | None = None  # None: the vendor's
    hours: str | None = None  # None: the vendor's; canonical spelling
    always_on_call: bool = False
    notes: str = ""
    line: int = field(default=0, compare=False)  # where it came from in its file
    country: str | None = None  # the person's own place; None: the vendor's
    subdivision: str | None = None
    holiday_categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class LevelRecord:
    level: int
    wait_min: int | None
    contacts: tuple[str, ...]  # ContactRecord.name of the vendor's contacts, in file order


@dataclass(frozen=True)
class VendorRecord:
    name: str
    layers: tuple[str, ...]
    country: str
    subdivision: str | None
    holiday_categories: tuple[str, ...]
    timezone: str
    hours: str
    sla_response_min: int | None = None
    contract_ref: str = ""
    notes: str = ""
    contacts: tuple[ContactRecord, ...] = ()
    levels: tuple[LevelRecord, ...] = ()
    line: int = field(default=0, compare=False)

    @property
    def key(self) -> str:
        return vendor_key(self.name)


@dataclass(frozen=True)
class DirectoryImport:
    source: str  # file name, for messages
    vendors: tuple[VendorRecord, ...]


@dataclass(frozen=True)
class AbsenceRecord:
    """An absence read from a calendar; upsert by (vendor_id, source_uid)."""

    vendor_id: str
    contact_id: str | None  # None: the whole vendor is closed
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC, exclusive
    reason: str
    source_uid: str  # UID, plus recurrence id and contact email where needed; stable


# --- natural keys ---------------------------------------------------------------------


def normal_text(text: str | None) -> str:
    """NFC, trimmed, inner whitespace collapsed: how names are stored."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def vendor_key(name: str) -> str:
    return normal_text(name).casefold()


def match_contact(record: ContactRecord, existing: Iterable[Contact]) -> Contact | None:
    """The existing contact (of one vendor) this record updates, if any."""
    existing = list(existing)
    if record.email:
        wanted = record.email.casefold()
        for contact in existing:
            if contact.email and contact.email.casefold() == wanted:
                return contact
    name = normal_text(record.name).casefold()
    for contact in existing:
        if normal_text(contact.name).casefold() == name:
            return contact
    return None


# --- field checks (standalone sentences; importers prefix file, line, column) ---------------


def parse_phones(text: str, region: str | None) -> tuple[str, ...]:
    """';'-separated numbers to E.164; `region` is the default country for local numbers."""
    phones = []
    for piece in (text or "").split(";"):
        if piece.strip():
            phones.append(parse_phone(piece.strip(), region))
    return tuple(dict.fromkeys(phones))


@lru_cache(maxsize=4096)  # a switchboard number on every row of a vendor is checked once
def parse_phone(text: str, region: str | None) -> str:
    import phonenumbers  # on first use: the window starts without it

    from warroom.integrations.phone_fast import plus_digits_e164

    fast = plus_digits_e164(text)
    if fast is not None:
        return fast
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        where = f" for {region}" if region and not text.startswith("+") else ""
        hint = "" if region or text.startswith("+") else " (start it with + and the country code)"
        raise ValidationError(f"{text!r} is not a valid phone number{where}{hint}.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_email(text: str | None) -> str | None:
    value = normal_text(text)
    if value.lower().startswith("mailto:"):
        value = value[7:]
    if not value:
        return None
    if not _EMAIL.match(value):
        raise ValidationError(f"{value!r} is not an email address (expected name@example.com).")
    return value


def parse_flag(text: str) -> bool:
    value = (text or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValidationError(f"{text!r} is not yes or no.")


def parse_minutes(text: str) -> int | None:
    value = (text or "").strip()
    if not value:
        return None
    if not value.isdigit() or not value.isascii():
        raise ValidationError(f"{text!r} is not a whole number of minutes.")
    return int(value)


@lru_cache(maxsize=1024)  # every vendor of a large file repeats its layers: one shared tuple each
def split_list(text: str) -> tuple[str, ...]:
    """';'-separated items, trimmed, no blanks, no repeats."""
    return tuple(dict.fromkeys(normal_text(p) for p in (text or "").split(";") if p.strip()))


# --- records to domain values (ids supplied by the caller) ---------------------------------


def vendor_from_record(record: VendorRecord, vendor_id: str) -> Vendor:
    return Vendor(
        id=vendor_id,
        name=record.name,
        layers=record.layers,
        country=record.country,
        subdivision=record.subdivision,
        holiday_categories=record.holiday_categories,
        timezone=record.timezone,
        hours=record.hours,
        sla_response_min=record.sla_response_min,
        contract_ref=record.contract_ref,
        notes=record.notes,
    )


def contact_from_record(record: ContactRecord, vendor_id: str, contact_id: str) -> Contact:
    return Contact(
        id=contact_id,
        vendor_id=vendor_id,
        name=record.name,
        role=record.role,
        phones=record.phones,
        email=record.email,
        timezone=record.timezone,
        hours=record.hours,
        always_on_call=record.always_on_call,
        notes=record.notes,
        country=record.country,
        subdivision=record.subdivision,
        holiday_categories=record.holiday_categories,
    )


def levels_from_record(
    record: VendorRecord, vendor_id: str, contact_ids: dict[str, str], level_ids: Sequence[str]
) -> tuple[EscalationLevel, ...]:
    """EscalationLevels of a record; `contact_ids` maps ContactRecord.name to its id."""
    return tuple(
        EscalationLevel(level_id, vendor_id, lv.level, tuple(contact_ids[name] for name in lv.contacts), lv.wait_min)
        for lv, level_id in zip(record.levels, level_ids)
    )
