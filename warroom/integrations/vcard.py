"""Contacts from vCard files (2.1, 3.0, 4.0), several cards per file.

Reads FN (or N), ORG (its first part names the vendor), TITLE (or ROLE),
TEL (preferred first; stored E.164), EMAIL (preferred first), NOTE and an
IANA TZ. Folded lines, 2.1/3.0 QUOTED-PRINTABLE with CHARSET (also 8-bit
values in the named CHARSET) and backslash escapes are handled. Values are
UTF-8 unless the property names another CHARSET.
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from warroom.domain.availability import validate_zone
from warroom.domain.errors import ValidationError
from warroom.integrations.directory_records import (
    ContactRecord,
    check_email,
    normal_text,
    parse_phone,
)

_VERSIONS = {"2.1", "3.0", "4.0"}
_SPLIT = re.compile(r"""((?:[^;"]|"[^"]*")+)""")


@dataclass(frozen=True)
class VCardContact:
    organization: str | None  # the vendor this contact belongs to, from ORG
    contact: ContactRecord
    line: int  # the card's BEGIN:VCARD line


@dataclass
class _Property:
    line: int
    name: str
    params: dict[str, list[str]]
    raw: bytes
    source: str
    text: str = field(init=False, default="")

    def fail(self, message: str) -> None:
        raise ValidationError(f"{self.source} line {self.line}, property '{self.name}': {message}")

    def decode(self) -> str:
        raw = self.raw
        if "QUOTED-PRINTABLE" in (e.upper() for e in self.params.get("ENCODING", [])):
            raw = quopri.decodestring(raw)
        charset = (self.params.get("CHARSET") or ["utf-8"])[0]
        try:
            return raw.decode(codecs.lookup(charset).name)
        except LookupError:
            self.fail(f"{charset!r} is not a character set this app knows.")
        except UnicodeDecodeError:
            self.fail(f"the value is not valid {charset} text (name the right CHARSET or save as UTF-8).")
        raise AssertionError  # unreachable

    @property
    def preferred(self) -> bool:
        types = [t.lower() for t in self.params.get("TYPE", [])]
        return "pref" in types or "PREF" in self.params


def parse_vcards(
    data: bytes | str, source: str = "contacts.vcf", default_region: str | None = None
) -> tuple[VCardContact, ...]:
    """Every card as a VCardContact, or ValidationError for the first bad line.

    `default_region` (e.g. "SE") reads phone numbers written without +country.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    first = next((line.strip() for line in raw.splitlines() if line.strip()), b"")
    if first.upper() != b"BEGIN:VCARD":
        shown = first[:40].decode("utf-8", errors="replace") or "nothing"
        raise ValidationError(f"{source} is not a vCard file: line 1 should be BEGIN:VCARD, not {shown!r}.")
    cards = list(_cards(_properties(raw, source), source))
    return tuple(_contact(begin, props, source, default_region) for begin, props in cards)


def _logical_lines(raw: bytes) -> Iterator[tuple[int, bytes]]:
    """Unfolded lines with the number of the physical line each starts on."""
    current: bytearray | None = None
    start = 0
    for number, line in enumerate(raw.splitlines(), start=1):
        if current is not None and _soft_break(current):
            current[-1:] = line
        elif current is not None and line[:1] in (b" ", b"\t"):
            current += line[1:]
        else:
            if current is not None:
                yield start, bytes(current)
            current, start = bytearray(line), number
    if current is not None:
        yield start, bytes(current)


def _soft_break(line: bytearray) -> bool:
    """A quoted-printable value ending in '=' continues on the next line."""
    head = bytes(line).split(b":", 1)[0].upper()
    return b"QUOTED-PRINTABLE" in head and line.endswith(b"=")


def _properties(raw: bytes, source: str) -> Iterator[_Property]:
    for number, line in _logical_lines(raw):
        if not line.strip():
            continue
        head, sep, value = line.partition(b":")
        if not sep:
            shown = line[:40].decode("utf-8", errors="replace")
            raise ValidationError(f"{source} line {number}: {shown!r} is not a vCard property (NAME:value).")
        head_text = head.decode("latin-1")
        parts = _SPLIT.findall(head_text)
        name = parts[0].rsplit(".", 1)[-1].strip().upper() if parts else ""
        yield _Property(number, name, _params(parts[1:]), value, source)


def _params(parts: list[str]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for part in parts:
        key, sep, value = part.partition("=")
        if not sep:  # vCard 2.1 bare parameter such as WORK or QUOTED-PRINTABLE
            key, value = ("ENCODING", key) if key.upper() in {"QUOTED-PRINTABLE", "BASE64", "8BIT"} else ("TYPE", key)
        values = [v.strip().strip('"') for v in value.split(",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return params


def _cards(props: Iterator[_Property], source: str) -> Iterator[tuple[int, list[_Property]]]:
    begin, current = 0, None
    for prop in props:
        value = prop.raw.strip().upper()
        if prop.name == "BEGIN" and value == b"VCARD":
            if current is not None:
                prop.fail(f"a new card starts before the card of line {begin} ends (END:VCARD).")
            begin, current = prop.line, []
        elif prop.name == "END" and value == b"VCARD":
            if current is None:
                prop.fail("END:VCARD without BEGIN:VCARD.")
            yield begin, current
            current = None
        elif current is None:
            prop.fail("is outside a BEGIN:VCARD ... END:VCARD card.")
        else:
            current.append(prop)
    if current is not None:
        raise ValidationError(f"{source} line {begin}: the card has no END:VCARD.")


def _contact(begin: int, props: list[_Property], source: str, region: str | None) -> VCardContact:
    by_name: dict[str, list[_Property]] = {}
    for prop in props:
        by_name.setdefault(prop.name, []).append(prop)
    version = by_name.get("VERSION")
    if version and version[0].decode().strip() not in _VERSIONS:
        version[0].fail(f"{version[0].decode().strip()!r} is not a vCard version this app reads (2.1, 3.0, 4.0).")
    name = _name(by_name)
    if not name:
        raise ValidationError(f"{source} line {begin}: the card has no name (FN or N).")
    org = _first_text(by_name, "ORG", structured=True)
    phones = tuple(dict.fromkeys(_phone(p, region) for p in _preferred_first(by_name.get("TEL", []))))
    emails = [_email(p) for p in _preferred_first(by_name.get("EMAIL", []))]
    contact = ContactRecord(
        name=name,
        role=_first_text(by_name, "TITLE") or _first_text(by_name, "ROLE") or "",
        phones=phones,
        email=next((e for e in emails if e), None),
        timezone=_zone(by_name),
        notes="\n".join(_unescape(p.decode()).strip() for p in by_name.get("NOTE", [])).strip(),
        line=begin,
    )
    return VCardContact(org or None, contact, begin)


def _name(by_name: dict[str, list[_Property]]) -> str:
    full = _first_text(by_name, "FN")
    if full:
        return full
    if "N" not in by_name:
        return ""
    parts = _structured(by_name["N"][0].decode()) + [""] * 5
    family, given, additional, prefix, suffix = parts[:5]
    return normal_text(" ".join(p for p in (prefix, given, additional, family, suffix) if p))


def _first_text(by_name: dict[str, list[_Property]], name: str, structured: bool = False) -> str:
    for prop in by_name.get(name, []):
        text = prop.decode()
        value = _structured(text)[0] if structured else _unescape(text)
        if normal_text(value):
            return normal_text(value)
    return ""


def _phone(prop: _Property, region: str | None) -> str:
    text = prop.decode().strip()
    if text.lower().startswith("tel:"):
        text = text[4:].split(";", 1)[0]
    try:
        return parse_phone(text, region)
    except ValidationError as error:
        prop.fail(str(error))
        raise


def _email(prop: _Property) -> str | None:
    try:
        return check_email(_unescape(prop.decode()))
    except ValidationError as error:
        prop.fail(str(error))
        raise


def _zone(by_name: dict[str, list[_Property]]) -> str | None:
    for prop in by_name.get("TZ", []):
        try:
            return validate_zone(_unescape(prop.decode()).strip())
        except ValidationError:
            continue  # an offset such as -05:00 names no zone; keep the vendor's
    return None


def _preferred_first(props: list[_Property]) -> list[_Property]:
    return sorted(props, key=lambda p: not p.preferred)


def _structured(text: str) -> list[str]:
    """Split on unescaped ';' and unescape each part."""
    return [_unescape(part) for part in re.split(r"(?<!\\);", text)]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], text)
