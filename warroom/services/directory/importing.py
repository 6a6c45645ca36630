"""Importing the directory: CSV, vCard or ICS, told apart by content; all or nothing.

Re-importing the same file updates rather than duplicates: vendors match by
vendor_key(name), contacts within a vendor by match_contact (email, else name),
escalation levels by (vendor, level), absences by (vendor, source_uid).
A CSV that gives a vendor a path replaces that vendor's path; contacts and
absences that a file no longer mentions are left alone (another file or a
person may have added them).
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, TypeVar

from warroom.domain.clock import as_utc
from warroom.domain.directory import Contact, Vendor
from warroom.domain.directory_match import find_named
from warroom.domain.errors import ValidationError
from warroom.domain.ids import new_id
from warroom.integrations.directory_records import (
    ContactRecord,
    contact_from_record,
    match_contact,
    vendor_key,
)
from warroom.services.directory.calendar_sync import sync_calendar
from warroom.services.directory.import_csv import CsvImport, Progress, expected_contacts
from warroom.services.postmortem.files import gc_paused

if TYPE_CHECKING:
    from warroom.integrations.vcard import VCardContact

progress = logging.getLogger("warroom.progress.import")

WINDOW_BACK = timedelta(days=366)
WINDOW_AHEAD = timedelta(days=731)


@dataclass(frozen=True)
class ImportSummary:
    """What one import changed."""

    source: str
    kind: str  # "csv", "vcard" or "ics"
    vendor_names: tuple[str, ...]  # the vendors the file touched, in file order
    vendors_created: int = 0
    vendors_updated: int = 0
    contacts_created: int = 0
    contacts_updated: int = 0
    levels_changed: int = 0
    absences_created: int = 0
    absences_updated: int = 0
    absences_removed: int = 0  # events deleted from a re-imported calendar
    unchanged: int = 0  # records that already matched the directory

    def describe(self) -> str:
        parts = []
        for what, created, updated in (
            ("vendor", self.vendors_created, self.vendors_updated),
            ("contact", self.contacts_created, self.contacts_updated),
            ("absence", self.absences_created, self.absences_updated),
        ):
            if created or updated:
                parts.append(f"{_count(created, 'new ' + what)}, {updated} updated")
        if self.absences_removed:
            parts.append(_count(self.absences_removed, "absence") + " removed (gone from the calendar)")
        if self.levels_changed:
            parts.append(_count(self.levels_changed, "escalation level") + " written")
        if self.unchanged:
            parts.append(f"{self.unchanged} already up to date")
        return f"{self.source}: " + ("; ".join(parts) if parts else "nothing to import") + "."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@dataclass
class _Tally:
    source: str
    kind: str
    names: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str) -> None:
        self.counts[key] = self.counts.get(key, 0) + 1

    def summary(self) -> ImportSummary:
        known = {f.name for f in fields(ImportSummary)}
        return ImportSummary(
            self.source,
            self.kind,
            tuple(dict.fromkeys(self.names)),
            **{k: v for k, v in self.counts.items() if k in known},
        )


# --- writing ----------------------------------------------------------------------------

T = TypeVar("T")


def save(add: Callable[[T], None], change: Callable[[T], bool], value: T, *, new: bool) -> str:
    """Create or update one replicated row: 'created', 'updated' or 'unchanged'."""
    if new:
        add(value)
        return "created"
    return "updated" if change(value) else "unchanged"


def _tally(tally: _Tally, what: str, outcome: str) -> None:
    tally.add("unchanged" if outcome == "unchanged" else f"{what}_{outcome}")


# --- what kind of file ---------------------------------------------------------------------


def detect_kind(data: bytes, source_name: str) -> str:
    """'ics', 'vcard' or 'csv': by the first line, else by the file name's ending."""
    raw = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    first = next((line.strip().upper() for line in raw.splitlines() if line.strip()), b"")
    if first.startswith(b"BEGIN:VCALENDAR"):
        return "ics"
    if first.startswith(b"BEGIN:VCARD"):
        return "vcard"
    suffix = source_name.lower().rsplit(".", 1)[-1] if "." in source_name else ""
    return {"ics": "ics", "ical": "ics", "ifb": "ics", "vcf": "vcard", "vcard": "vcard"}.get(suffix, "csv")


def find_vendor(vendors: Sequence[Vendor], name_or_id: str) -> Vendor:
    """A vendor by id, name, unique prefix or layer word (case and diacritics ignored)."""
    return find_named(vendors, name_or_id, name_of=lambda v: v.name, id_of=lambda v: v.id, extra_of=lambda v: v.layers)


# --- the import --------------------------------------------------------------------------


def import_into(
    uow, data: bytes, source_name: str, vendor_name: str | None, now: datetime, on_progress: Progress | None = None
) -> ImportSummary:
    """Write one file's records inside an open unit of work (the caller commits); a CSV reports
    `on_progress(contacts written, contacts expected)` as it goes (default: the progress log)."""
    kind = detect_kind(data, source_name)
    tally = _Tally(source_name, kind)
    repo = uow.repos.directory
    if kind == "ics":
        if not vendor_name or not vendor_name.strip():
            raise ValidationError(
                f"{source_name} is a calendar, so name the vendor it belongs to "
                f'(for example --vendor "Kronan Datacenter AB").'
            )
        vendor = find_vendor(repo.vendors(), vendor_name)
        _import_calendar(uow, data, source_name, vendor, now, tally)
    elif kind == "vcard":
        target = find_vendor(repo.vendors(), vendor_name) if vendor_name else None
        from warroom.integrations.vcard import parse_vcards  # phonenumbers: only when importing cards

        cards = parse_vcards(data, source_name, default_region=target.country if target else None)
        _import_cards(uow, cards, source_name, target, tally)
    else:
        if vendor_name:
            raise ValidationError(
                f"{source_name} is a directory CSV, which names its own vendors: import it without a vendor name."
            )
        # 150,000 contacts are some million live objects: automatic collections walking them all
        # made the import grow faster than its rows
        uow.widen_cache(IMPORT_CACHE_KIB)
        with gc_paused():
            CsvImport(uow, tally, on_progress or logged_progress(source_name), expected_contacts(data)).run(
                data, source_name
            )
    return tally.summary()


IMPORT_CACHE_KIB = 24_000  # SQLite pages a large CSV import keeps in memory (some 2 s of 150,000 contacts' 19)
PROGRESS_EVERY = 10_000  # contacts; a smaller file imports in a few seconds and says nothing


def logged_progress(source: str) -> Progress:
    """The CLI's progress: "N of M contacts" on `warroom.progress` (shown on a terminal) now and then."""
    last = 0

    def report(done: int, total: int) -> None:
        nonlocal last
        last = _report_progress(source, last, done - last, total) if done != last else last

    return report


def _report_progress(source: str, done: int, added: int, total: int) -> int:
    """Log "N of M contacts" each time a multiple of PROGRESS_EVERY is passed; the new count."""
    now = done + added
    if total >= PROGRESS_EVERY and now // PROGRESS_EVERY != done // PROGRESS_EVERY:
        progress.info("%s: %s of %s contacts written", source, f"{now:,}", f"{total:,}")
    return now


def _import_cards(uow, cards: Sequence[VCardContact], source: str, target: Vendor | None, tally: _Tally) -> None:
    repo = uow.repos.directory
    vendors = repo.vendors()
    known: dict[str, list[Contact]] = {}
    for card in cards:
        vendor = target or _card_vendor(card, vendors, source)
        contacts = known.setdefault(vendor.id, repo.contacts(vendor.id))
        match = match_contact(card.contact, contacts)
        contact = _merged(match, card.contact) if match else contact_from_record(card.contact, vendor.id, new_id())
        _tally(
            tally, "contacts", save(repo.add_imported_contact, repo.save_imported_contact, contact, new=match is None)
        )
        tally.names.append(vendor.name)
        known[vendor.id] = [c for c in contacts if c.id != contact.id] + [contact]


def _card_vendor(card: VCardContact, vendors: Sequence[Vendor], source: str) -> Vendor:
    if not card.organization:
        raise ValidationError(
            f"{source} line {card.line}: the card of {card.contact.name} names no "
            f"organisation (ORG), so name the vendor to import it into."
        )
    key = vendor_key(card.organization)
    found = next((v for v in vendors if vendor_key(v.name) == key), None)
    if found is None:
        raise ValidationError(
            f"{source} line {card.line}: no vendor is named {card.organization!r} in the "
            f"directory; import the vendor first or name the vendor to import into."
        )
    return found


def _merged(current: Contact, card: ContactRecord) -> Contact:
    """A card updates what it says; hours and on-call duty it cannot say are kept."""
    return Contact(
        id=current.id,
        vendor_id=current.vendor_id,
        name=card.name,
        role=card.role or current.role,
        phones=card.phones or current.phones,
        email=card.email or current.email,
        timezone=card.timezone or current.timezone,
        hours=current.hours,
        always_on_call=current.always_on_call,
        notes=card.notes or current.notes,
    )


def _import_calendar(uow, data: bytes, source: str, vendor: Vendor, now: datetime, tally: _Tally) -> None:
    """A vendor's calendar file: its absences from this source made equal to the file's."""
    done = sync_calendar(uow, data, source, vendor, None, now)
    tally.names.append(vendor.name)
    for key in ("absences_created", "absences_updated", "absences_removed", "unchanged"):
        tally.counts[key] = tally.counts.get(key, 0) + getattr(done, key)


def calendar_window(data: bytes, now: datetime) -> tuple[datetime, datetime]:
    """One year back to two years ahead of now, widened to the calendar's own first and last
    event starts, so an old calendar (the demo's Christmas 2013) still imports."""
    start, end = as_utc(now) - WINDOW_BACK, as_utc(now) + WINDOW_AHEAD
    span = _event_span(data)
    if span is not None:
        start, end = min(start, span[0]), max(end, span[1] + timedelta(days=1))
    return start, end


def _event_span(data: bytes) -> tuple[datetime, datetime] | None:
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
        starts = [_utc(event.get("DTSTART").dt) for event in calendar.walk("VEVENT") if event.get("DTSTART")]
    except Exception:
        return None
    return (min(starts), max(starts)) if starts else None


def _utc(value: date | datetime) -> datetime:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(), tzinfo=UTC)
    return as_utc(value) if value.tzinfo else value.replace(tzinfo=UTC)
