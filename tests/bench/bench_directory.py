"""Directory benchmark: availability at one instant and a 14-day coverage forecast.

A synthetic directory (100 / 1,000 / 5,000 vendors x 5 contacts, 30 countries with their own
zones, subdivisions and holiday categories, realistic hours, some overnight shifts, some
always-on-call duty phones, some personal leave and vendor closures) is built in memory as
domain values. Bounds from issue #4: availability of 1,000 vendors under 100 ms, their 14-day
coverage under 2 s; growth must be linear (the 5,000-vendor time over five times the
1,000-vendor time stays near 1). Then vendor import at scale (bench_directory_import: 150,000
contacts from a 50 MB CSV, issue #16).

Floors, measured in the same run:
- availability: converting the instant to each contact's zone (zoneinfo astimezone per contact),
  the least any answer that shows each contact's local time must do;
- coverage: turning each contact's 15 local midnights of the range into UTC instants, the least a
  day-by-day forecast in each contact's zone must do.

Holiday tables are loaded (warm-up at another instant) before anything is timed; each timed
repeat asks at a different minute, so per-instant memos do not flatter the figure.
"""

from __future__ import annotations

import random
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tests.bench.harness import Report
from warroom.domain.availability import directory_availability, validate_categories
from warroom.domain.coverage import coverage
from warroom.domain.directory import Absence, Contact, Vendor

SIZES = (100, 1_000, 5_000)
CONTACTS_PER_VENDOR = 5
INSTANT = datetime(2025, 12, 23, 14, 30, tzinfo=UTC)
RANGE_START = date(2025, 12, 20)
RANGE_DAYS = 14
# (country, subdivision, zone, categories): 30 countries on every continent with vendors
COUNTRIES = (
    ("SE", None, "Europe/Stockholm", ("public", "de_facto")),
    ("PL", None, "Europe/Warsaw", ("public",)),
    ("DE", "BY", "Europe/Berlin", ("public",)),
    ("US", "NY", "America/New_York", ("public",)),
    ("GB", "SCT", "Europe/London", ("public",)),
    ("FR", None, "Europe/Paris", ("public",)),
    ("NL", None, "Europe/Amsterdam", ("public",)),
    ("NO", None, "Europe/Oslo", ("public",)),
    ("DK", None, "Europe/Copenhagen", ("public",)),
    ("FI", None, "Europe/Helsinki", ("public",)),
    ("EE", None, "Europe/Tallinn", ("public",)),
    ("LT", None, "Europe/Vilnius", ("public",)),
    ("LV", None, "Europe/Riga", ("public",)),
    ("ES", "MD", "Europe/Madrid", ("public",)),
    ("IT", None, "Europe/Rome", ("public",)),
    ("PT", None, "Europe/Lisbon", ("public",)),
    ("IE", None, "Europe/Dublin", ("public",)),
    ("CH", "ZH", "Europe/Zurich", ("public",)),
    ("AT", None, "Europe/Vienna", ("public",)),
    ("CZ", None, "Europe/Prague", ("public",)),
    ("JP", None, "Asia/Tokyo", ("public",)),
    ("IN", None, "Asia/Kolkata", ("public",)),
    ("AU", "NSW", "Australia/Sydney", ("public",)),
    ("BR", "SP", "America/Sao_Paulo", ("public",)),
    ("CA", "ON", "America/Toronto", ("public",)),
    ("MX", None, "America/Mexico_City", ("public",)),
    ("ZA", None, "Africa/Johannesburg", ("public",)),
    ("NG", None, "Africa/Lagos", ("public",)),
    ("SG", None, "Asia/Singapore", ("public",)),
    ("IL", None, "Asia/Jerusalem", ("public",)),
)
VENDOR_HOURS = (
    "Mon-Fri 08:00-17:00",
    "Mon-Fri 07:00-18:00",
    "Mon-Fri 09:00-17:30",
    "Mon-Fri 08:00-12:00; Mon-Fri 13:00-17:00",
    "Mon-Sat 08:00-20:00",
    "24/7",
)
OWN_HOURS = ("Mon-Fri 22:00-06:00", "Sat-Sun 08:00-20:00", "Mon-Thu 06:00-14:00")


def build(n_vendors: int, seed: int = 4) -> tuple[list[Vendor], list[Contact], list[Absence]]:
    rnd = random.Random(seed)
    vendors, contacts, absences = [], [], []
    for v in range(n_vendors):
        country, subdiv, zone, categories = COUNTRIES[v % len(COUNTRIES)]
        vendor = Vendor(
            f"v{v}",
            f"Vendor {v} {country}",
            ("network",),
            country,
            subdiv,
            validate_categories(country, categories),
            zone,
            rnd.choice(VENDOR_HOURS),
        )
        vendors.append(vendor)
        for c in range(CONTACTS_PER_VENDOR):
            own_zone = rnd.choice(COUNTRIES)[2] if rnd.random() < 0.1 else None
            own_hours = rnd.choice(OWN_HOURS) if rnd.random() < 0.2 else None
            on_call = c == CONTACTS_PER_VENDOR - 1 and rnd.random() < 0.3
            contact = Contact(
                f"v{v}c{c}",
                vendor.id,
                f"Contact {v}.{c}",
                "engineer",
                ("+46705551234",),
                None,
                own_zone,
                own_hours,
                on_call,
            )
            contacts.append(contact)
            if rnd.random() < 0.1:  # personal leave around the holidays
                start = INSTANT - timedelta(days=rnd.randint(0, 5))
                absences.append(
                    Absence(
                        f"a{v}.{c}",
                        vendor.id,
                        contact.id,
                        start,
                        start + timedelta(days=rnd.randint(2, 14)),
                        "Annual leave",
                    )
                )
        if rnd.random() < 0.05:  # the office closes between the holidays
            absences.append(
                Absence(
                    f"x{v}", vendor.id, None, INSTANT - timedelta(days=1), INSTANT + timedelta(days=4), "Office closed"
                )
            )
    return vendors, contacts, absences


def _grouped(contacts, absences) -> tuple[dict, dict]:
    people: dict[str, list] = {}
    for c in contacts:
        people.setdefault(c.vendor_id, []).append(c)
    away: dict[str, list] = {}
    for a in absences:
        away.setdefault(a.vendor_id, []).append(a)
    return people, away


def time_availability(vendors, contacts, absences, repeat: int = 5) -> float:
    best = float("inf")
    for i in range(repeat):
        at = INSTANT + timedelta(minutes=i + 1)
        t0 = clock.perf_counter()
        directory_availability(vendors, contacts, at, absences)
        best = min(best, clock.perf_counter() - t0)
    return best


def time_coverage(vendors, contacts, absences, repeat: int = 2) -> float:
    people, away = _grouped(contacts, absences)
    best = float("inf")
    for i in range(repeat):
        start = datetime.combine(RANGE_START, time(), tzinfo=UTC) + timedelta(minutes=i)
        end = start + timedelta(days=RANGE_DAYS)
        t0 = clock.perf_counter()
        for vendor in vendors:
            coverage(vendor, people.get(vendor.id, ()), away.get(vendor.id, ()), start, end)
        best = min(best, clock.perf_counter() - t0)
    return best


def floor_local_times(vendors, contacts, repeat: int = 3) -> float:
    """Each contact's zone, then the instant in it: the bare zoneinfo work."""
    zone_by_vendor = {v.id: v.timezone for v in vendors}
    zones = [ZoneInfo(c.timezone or zone_by_vendor[c.vendor_id]) for c in contacts]
    best = float("inf")
    for i in range(repeat):
        at = INSTANT + timedelta(minutes=i + 1)
        t0 = clock.perf_counter()
        for zone in zones:
            at.astimezone(zone)
        best = min(best, clock.perf_counter() - t0)
    return best


def floor_midnights(vendors, contacts, repeat: int = 2) -> float:
    """Each contact's 15 local midnights of the range, as UTC instants."""
    zone_by_vendor = {v.id: v.timezone for v in vendors}
    zones = [ZoneInfo(c.timezone or zone_by_vendor[c.vendor_id]) for c in contacts]
    days = [RANGE_START + timedelta(days=d) for d in range(RANGE_DAYS + 1)]
    best = float("inf")
    for _ in range(repeat):
        t0 = clock.perf_counter()
        for zone in zones:
            for day in days:
                datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)
        best = min(best, clock.perf_counter() - t0)
    return best


def warm_up(vendors, contacts, absences) -> None:
    """Load the holiday tables and parse every hours spec, at another instant and range."""
    directory_availability(vendors, contacts, INSTANT - timedelta(days=1), absences)
    people, away = _grouped(contacts, absences)
    start = datetime.combine(RANGE_START, time(), tzinfo=UTC) - timedelta(days=1)
    for vendor in vendors:
        coverage(
            vendor, people.get(vendor.id, ()), away.get(vendor.id, ()), start, start + timedelta(days=RANGE_DAYS + 2)
        )


def run(report: Report) -> None:
    directories = {n: build(n) for n in SIZES}
    warm_up(*directories[max(SIZES)])
    avail: dict[int, float] = {}
    cover: dict[int, float] = {}
    floors: dict[tuple[str, int], float] = {}
    for n in SIZES:
        vendors, contacts, absences = directories[n]
        avail[n] = time_availability(vendors, contacts, absences)
        floor = floors["avail", n] = floor_local_times(vendors, contacts)
        bound = 100 if n == 1_000 else None
        report.add(
            f"availability, {n:,} vendors x 5 at one instant",
            avail[n] * 1e3,
            floor * 1e3,
            "ms",
            max_value=bound,
            note=f"({avail[n] / n * 1e6:.1f} µs/vendor; floor: astimezone per contact)",
        )
    for n in SIZES:
        vendors, contacts, absences = directories[n]
        cover[n] = time_coverage(vendors, contacts, absences)
        floor = floors["cover", n] = floor_midnights(vendors, contacts)
        bound = 2_000 if n == 1_000 else None
        report.add(
            f"coverage 14 days, {n:,} vendors x 5",
            cover[n] * 1e3,
            floor * 1e3,
            "ms",
            max_value=bound,
            note=f"({cover[n] / n * 1e3:.2f} ms/vendor; floor: 15 local midnights per contact)",
        )
    # The floor of a growth figure is the same ratio for the floor loop: what memory and caches
    # alone cost a five times larger directory on this machine.
    for kind, label, times in (("avail", "availability", avail), ("cover", "coverage", cover)):
        report.add(
            f"{label} growth: (t 5,000 / t 1,000) / 5",
            times[5_000] / times[1_000] / 5,
            floors[kind, 5_000] / floors[kind, 1_000] / 5,
            "x",
            max_value=1.5,
            note="(1.0 = linear)",
        )
    from tests.bench.bench_directory_import import run as run_import

    run_import(report)
