"""Who can I reach right now, and if nobody, when? Pure functions over the directory.

A contact is reachable at instant T when they are always on call, or when T,
read in the contact's zone, is in their hours, its local date is not a day off
in the vendor's country/subdivision for the vendor's holiday categories (or the
contact's own, for a person who works elsewhere), and T is not inside a vendor
closure or the contact's own absence.

Choices a reader should know:
- A personal absence beats "always on call": someone on leave does not carry
  the phone. Vendor closures, holidays and hours do not apply to them.
- The holiday test is on the local date of T itself, so an overnight shift that
  starts the evening before a holiday stops at midnight.
- An absence that ends at local midnight is shown by its last day
  ("Annual leave through 2014-01-02"); one ending at another time shows the
  instant it ends ("Travelling, no phone until 2013-12-30 09:00").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from warroom.domain.clock import as_utc
from warroom.domain.directory import Absence, Contact, Vendor
from warroom.domain.errors import ValidationError
from warroom.domain.hours import WeeklyHours, parse_hours

HORIZON = timedelta(days=400)
_ENGLISH = ("en_US", "en_GB", "en")


class Cause:
    """Why a contact is (not) reachable, for icons and summaries."""

    IN_HOURS = ""
    ALWAYS_ON_CALL = "always on call"
    ABSENCE = "absence"
    CLOSURE = "closure"
    HOLIDAY = "holiday"
    HOURS = "hours"


@dataclass(frozen=True)
class Availability:
    contact_id: str
    vendor_id: str
    reachable: bool
    reason: str  # "" when reachable in hours, "always on call", or why not
    next_reachable_at: datetime | None  # UTC; None when reachable now or not within HORIZON
    local_time: datetime  # the instant in the contact's zone
    cause: str = Cause.IN_HOURS  # one of the Cause values
    short_reason: str = ""  # the reason without its end date, e.g. "Annual leave", "outside hours"


# --- validation used by importers and services -------------------------------------------


def validate_zone(name: str) -> str:
    """Return the IANA zone name, or raise naming it."""
    text = (name or "").strip()
    try:
        if text:
            zone_of(text)
            return text
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    raise ValidationError(f"{name!r} is not a known time zone (use an IANA name such as Europe/Stockholm).")


def validate_country(code: str, subdivision: str | None) -> tuple[str, str | None]:
    """Return (country, subdivision) as the holidays package spells them."""
    country = (code or "").strip().upper()
    supported = _supported_countries()
    if country not in supported:
        raise ValidationError(f"{code!r} is not a country with a holiday calendar (use an ISO 3166 code such as SE).")
    sub = (subdivision or "").strip()
    if not sub:
        return country, None
    by_folded = {s.casefold(): s for s in supported[country]}
    if sub.casefold() not in by_folded:
        known = ", ".join(supported[country]) or "none"
        raise ValidationError(f"{sub!r} is not a subdivision of {country} (known: {known}).")
    return country, by_folded[sub.casefold()]


def validate_categories(country: str, categories: Iterable[str]) -> tuple[str, ...]:
    """Return the categories (lower case, in order, no repeats) if the country knows them all."""
    wanted = tuple(dict.fromkeys(c.strip().lower() for c in categories if c.strip()))
    if not wanted:
        return ("public",)
    known = _supported_categories(country.strip().upper())
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise ValidationError(f"{unknown[0]!r} is not a holiday category of {country} (known: {', '.join(known)}).")
    return wanted


@lru_cache(maxsize=1)
def _supported_countries() -> dict[str, list[str]]:
    import holidays  # on first use, here and below: most commands never ask about holidays

    return holidays.list_supported_countries(include_aliases=False)


@cache
def _supported_categories(country: str) -> tuple[str, ...]:
    import holidays

    try:
        return tuple(holidays.country_holidays(country).supported_categories)
    except NotImplementedError:
        raise ValidationError(f"{country!r} is not a country with a holiday calendar.") from None


@cache
def zone_of(name: str) -> ZoneInfo:
    return ZoneInfo(name)


# --- the calendar of one (hours, zone, country, subdivision, categories) ------------------


@cache
def _holidays_of(country: str, subdiv: str | None, categories: tuple[str, ...], year: int) -> dict[date, str]:
    known = _supported_categories(country)
    usable = tuple(c for c in categories if c in known) or ("public",)
    import holidays

    probe = holidays.country_holidays(country)
    language = next((lang for lang in _ENGLISH if lang in probe.supported_languages), None)
    table = holidays.country_holidays(country, subdiv=subdiv, categories=usable, years=year, language=language)
    return dict(table.items())


class WorkCalendar:
    """When one set of hours, in one zone, minus one holiday calendar, is open.

    Shared by every contact with the same key; memoises its answers.
    """

    def __init__(
        self,
        hours: WeeklyHours,
        zone: ZoneInfo,
        zone_name: str,
        country: str,
        subdiv: str | None,
        categories: tuple[str, ...],
    ) -> None:
        self.hours, self.zone, self.zone_name = hours, zone, zone_name
        self.country, self.subdiv, self.categories = country, subdiv, categories
        self.label = f"{country}-{subdiv}" if subdiv else country
        self.outside_reason = f"outside {hours.describe()} {zone_name}"
        self._next_open: dict[datetime, datetime | None] = {}
        self._holiday: dict[date, str | None] = {}

    def holiday(self, day: date) -> str | None:
        try:
            return self._holiday[day]
        except KeyError:
            name = _holidays_of(self.country, self.subdiv, self.categories, day.year).get(day)
            found = self._holiday[day] = f"{name} ({self.label})" if name else None
            return found

    def open_intervals(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """UTC intervals of local date `day` when the hours are open and it is no holiday."""
        if self.holiday(day):
            return ()
        return self.hours.intervals_on(day, self.zone)

    def is_open(self, instant: datetime, day: date) -> bool:
        return any(s <= instant < e for s, e in self.open_intervals(day))

    def next_open(self, instant: datetime) -> datetime | None:
        """The earliest instant >= `instant` (UTC) that is open, or None within HORIZON."""
        if instant in self._next_open:
            return self._next_open[instant]
        found = self._search(instant)
        if len(self._next_open) > 4096:
            self._next_open.clear()
        self._next_open[instant] = found
        return found

    def _search(self, instant: datetime) -> datetime | None:
        day = instant.astimezone(self.zone).date()
        for offset in range(HORIZON.days + 1):
            for start, end in self.open_intervals(day + timedelta(days=offset)):
                if end > instant:
                    return max(start, instant)
        return None


@lru_cache(maxsize=4096)
def work_calendar(hours: str, zone: str, country: str, subdiv: str | None, categories: tuple[str, ...]) -> WorkCalendar:
    return WorkCalendar(parse_hours(hours), zone_of(zone), zone, country, subdiv, categories)


def calendar_for(contact: Contact, vendor: Vendor) -> WorkCalendar:
    country, subdivision, categories = contact_place(contact, vendor)
    return work_calendar(contact.hours or vendor.hours, contact_zone(contact, vendor), country, subdivision, categories)


def contact_place(contact: Contact, vendor: Vendor) -> tuple[str, str | None, tuple[str, ...]]:
    """(country, subdivision, holiday categories) whose days off the contact takes.

    A contact's own country brings no subdivision of the vendor's with it; a
    contact's own subdivision alone is one of the vendor's country; categories
    not given are the vendor's (those the place does not know fall back to public).
    """
    if not contact.works_elsewhere:
        return vendor.country, vendor.subdivision or None, tuple(vendor.holiday_categories)
    country = contact.country or vendor.country
    subdivision = contact.subdivision or (None if contact.country else vendor.subdivision or None)
    return country, subdivision, tuple(contact.holiday_categories or vendor.holiday_categories)


def contact_zone(contact: Contact, vendor: Vendor) -> str:
    return contact.timezone or vendor.timezone


# --- availability ------------------------------------------------------------------------


def availability(contact: Contact, vendor: Vendor, at: datetime, absences: Sequence[Absence]) -> Availability:
    """Whether `contact` of `vendor` is reachable at `at`, why not, and from when."""
    instant = as_utc(at)
    calendar = calendar_for(contact, vendor)
    local = instant.astimezone(calendar.zone)
    mine = absences_of(contact, vendor, absences) if absences else ()
    cause, reason, short = _why_not(contact, calendar, instant, local, mine)
    reachable = cause in (Cause.IN_HOURS, Cause.ALWAYS_ON_CALL)
    next_at = None if reachable else next_reachable(contact, calendar, instant, mine)
    return Availability(contact.id, vendor.id, reachable, reason, next_at, local, cause, short)


def vendor_availability(
    vendor: Vendor, contacts: Iterable[Contact], at: datetime, absences: Sequence[Absence]
) -> tuple[Availability, ...]:
    """Availability of each of the vendor's contacts; absences of other vendors are ignored."""
    own = tuple(a for a in absences if a.vendor_id == vendor.id)
    return tuple(availability(c, vendor, at, own) for c in contacts if c.vendor_id == vendor.id)


def directory_availability(
    vendors: Iterable[Vendor], contacts: Iterable[Contact], at: datetime, absences: Iterable[Absence]
) -> tuple[Availability, ...]:
    """Every contact of every vendor, grouped once so the cost grows linearly."""
    people: dict[str, list[Contact]] = {}
    for contact in contacts:
        people.setdefault(contact.vendor_id, []).append(contact)
    away: dict[str, list[Absence]] = {}
    for absence in absences:
        away.setdefault(absence.vendor_id, []).append(absence)
    return tuple(
        availability(contact, vendor, at, away.get(vendor.id, ()))
        for vendor in vendors
        for contact in people.get(vendor.id, ())
    )


def absences_of(contact: Contact, vendor: Vendor, absences: Sequence[Absence]) -> tuple[Absence, ...]:
    """The vendor's closures and the contact's own absences."""
    return tuple(
        a for a in absences if a.vendor_id == vendor.id and (a.contact_id is None or a.contact_id == contact.id)
    )


def reason_at(contact: Contact, vendor: Vendor, at: datetime, absences: Sequence[Absence]) -> tuple[str, str, str]:
    """(cause, reason, short reason) at `at`, without the search for the next reachable instant."""
    calendar = calendar_for(contact, vendor)
    instant = as_utc(at)
    local = instant.astimezone(calendar.zone)
    return _why_not(contact, calendar, instant, local, absences_of(contact, vendor, absences))


def _why_not(
    contact: Contact, calendar: WorkCalendar, instant: datetime, local: datetime, absences: tuple[Absence, ...]
) -> tuple[str, str, str]:
    """(cause, reason, short reason); the most informative reason wins."""
    personal = absences and _covering(instant, (a for a in absences if a.contact_id is not None))
    if personal:
        return Cause.ABSENCE, _absence_reason(personal, calendar.zone), _label(personal, "Absent")
    if contact.always_on_call:
        return Cause.ALWAYS_ON_CALL, "always on call", ""
    closure = absences and _covering(instant, (a for a in absences if a.contact_id is None))
    if closure:
        return Cause.CLOSURE, _absence_reason(closure, calendar.zone), _label(closure, "Closed")
    holiday = calendar.holiday(local.date())
    if holiday:
        return Cause.HOLIDAY, holiday, holiday
    if not calendar.hours.always and not calendar.is_open(instant, local.date()):
        return Cause.HOURS, calendar.outside_reason, "outside hours"
    return Cause.IN_HOURS, "", ""


def next_reachable(
    contact: Contact, calendar: WorkCalendar, instant: datetime, absences: Sequence[Absence]
) -> datetime | None:
    """The earliest instant >= `instant` when the contact is reachable, or None within HORIZON."""
    limit = instant + HORIZON
    candidate: datetime | None = instant
    while candidate is not None and candidate <= limit:
        if not contact.always_on_call:
            candidate = calendar.next_open(candidate)
            if candidate is None:
                return None
        blocking = [a for a in absences if absence_applies(a, contact) and a.starts_at <= candidate < a.ends_at]
        if not blocking:
            return candidate if candidate <= limit else None
        candidate = as_utc(max(a.ends_at for a in blocking))
    return None


def absence_applies(absence: Absence, contact: Contact) -> bool:
    """Closures do not stop an always-on-call contact; personal absences do."""
    return absence.contact_id is not None or not contact.always_on_call


def _covering(instant: datetime, absences: Iterable[Absence]) -> Absence | None:
    """The absence containing `instant` that lasts longest, if any."""
    covering = [a for a in absences if a.starts_at <= instant < a.ends_at]
    return max(covering, key=lambda a: a.ends_at) if covering else None


def _label(absence: Absence, fallback: str) -> str:
    return absence.reason.strip() or fallback


def _absence_reason(absence: Absence, zone: ZoneInfo) -> str:
    label = _label(absence, "Absent" if absence.contact_id else "Closed")
    return f"{label} {describe_end(absence.ends_at, zone)}"


def describe_end(ends_at: datetime, zone: ZoneInfo) -> str:
    """'through 2014-01-02' for an end at local midnight, else 'until 2013-12-30 09:00'."""
    local = ends_at.astimezone(zone)
    if local.time() == time(0):
        return f"through {(local.date() - timedelta(days=1)).isoformat()}"
    return f"until {local:%Y-%m-%d %H:%M}"
