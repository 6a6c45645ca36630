"""What the commander types in the timeline entry box, parsed into an entry.

Grammar (prefixes in any order, each at most once, then the text):

- a time: ``14:15``, ``9:05`` or ``14:15:30`` back-dates the entry to that time
  today in the commander's zone, or yesterday if today's would be in the future;
  ``2026-11-21 14:15`` (or ``2026-11-21T14:15``) names the day as well. A time
  must be followed by a space, so "14:15-15:00 window" or "3:1 vote" stay text.
- a kind sigil: see KIND_SIGILS; without one the entry is an observation.
- a milestone: ``#detected`` or ``#[rollback started]``; ``#`` must be followed
  by a letter or ``[``, so "#1 priority" stays text.
- a backslash ends the prefixes and is dropped: ``\\14:15 is the deadline``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from warroom.domain.clock import as_utc
from warroom.domain.errors import ValidationError
from warroom.domain.not_future import is_future
from warroom.domain.timeline import EntryKind, clean_milestone, clean_text
from warroom.domain.wall_time import describe_local, resolve_zone, wall_instants

KIND_SIGILS: dict[str, EntryKind] = {
    "!": EntryKind.ACTION,
    ">": EntryKind.DECISION,
    "@": EntryKind.COMMUNICATION,
    "~": EntryKind.CONTACT,
    "^": EntryKind.ESCALATION,
    "?": EntryKind.OBSERVATION,
}
MILESTONE_SIGIL = "#"
ESCAPE = "\\"

PLACEHOLDER_HELP = (
    "What happened? Enter records it · 14:15 back-dates · ! action  > decision  "
    "@ message  ~ contact  ^ escalation  ? observation · #mitigated or #[name] milestone"
)

_TIME = re.compile(r"(?:(?P<date>\d{4}-\d{2}-\d{2})[T ])?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?=\s|$)")
_MILESTONE_WORD = re.compile(r"#(?P<word>[^\W\d_][\w-]*)(?=\s|$)")
_MILESTONE_BRACKET = re.compile(r"#\[(?P<name>[^\]\n]*)\]")


@dataclass(frozen=True)
class ParsedEntry:
    text: str
    kind: EntryKind
    occurred_at: datetime  # UTC
    backdated: bool
    milestone: str | None


@dataclass
class _Prefixes:
    kind: EntryKind | None = None
    milestone: str | None = None
    when: re.Match[str] | None = None


def parse_entry(text: str, now: datetime, zone: ZoneInfo | str) -> ParsedEntry:
    """Parse one line from the entry box; raises ValidationError for bad input."""
    now_utc = as_utc(now)
    tz = resolve_zone(zone)
    found, rest = _split_prefixes(text or "")
    body = clean_text(rest)
    occurred_at = now_utc if found.when is None else _resolve_time(found.when, now_utc, tz)
    return ParsedEntry(
        text=body,
        kind=found.kind or EntryKind.OBSERVATION,
        occurred_at=occurred_at,
        backdated=found.when is not None,
        milestone=found.milestone,
    )


def check_against_start(
    occurred_at: datetime, incident_started_at: datetime, zone: ZoneInfo | str = "UTC"
) -> str | None:
    """A warning sentence when an entry lies before the incident's start, else None."""
    if as_utc(occurred_at) >= as_utc(incident_started_at):
        return None
    tz = resolve_zone(zone)
    return (
        f"This entry ({describe_local(occurred_at, tz)}) is before the incident's start "
        f"({describe_local(incident_started_at, tz)}); it was kept, check its time."
    )


def _split_prefixes(text: str) -> tuple[_Prefixes, str]:
    found = _Prefixes()
    rest = text.lstrip()
    while rest:
        if rest.startswith(ESCAPE):
            return found, rest[len(ESCAPE) :]
        consumed = _take_prefix(found, rest)
        if consumed == 0:
            break
        rest = rest[consumed:].lstrip()
    return found, rest


def _take_prefix(found: _Prefixes, rest: str) -> int:
    """Record one prefix at the start of `rest`; return how many characters it used."""
    if found.kind is None and rest[0] in KIND_SIGILS:
        found.kind = KIND_SIGILS[rest[0]]
        return 1
    if found.milestone is None and rest.startswith(MILESTONE_SIGIL):
        return _take_milestone(found, rest)
    if found.when is None and (match := _TIME.match(rest)):
        found.when = match
        return match.end()
    return 0


def _take_milestone(found: _Prefixes, rest: str) -> int:
    if rest.startswith(MILESTONE_SIGIL + "["):
        match = _MILESTONE_BRACKET.match(rest)
        if match is None:
            raise ValidationError("Milestone: close the name with ']', e.g. '#[rollback started] text'.")
        name = clean_milestone(match.group("name"))
        if name is None:
            raise ValidationError("Milestone: put a name between the brackets, e.g. '#[rollback started]'.")
        found.milestone = name
        return match.end()
    match = _MILESTONE_WORD.match(rest)
    if match is None:
        return 0
    found.milestone = clean_milestone(match.group("word"))
    return match.end()


def _resolve_time(match: re.Match[str], now: datetime, zone: ZoneInfo) -> datetime:
    clock = _time_of_day(match)
    if match.group("date"):
        return _on_day(_day(match.group("date")), clock, now, zone)
    today = now.astimezone(zone).date()
    for day in (today, today - timedelta(days=1)):
        instant = _latest_not_future(day, clock, now, zone)
        if instant is not None:
            return instant
    raise AssertionError("yesterday's time of day is always in the past")  # pragma: no cover


def _on_day(day: date, clock: time, now: datetime, zone: ZoneInfo) -> datetime:
    instant = _latest_not_future(day, clock, now, zone)
    if instant is None:
        written = f"{day.isoformat()} {clock.isoformat()}"
        raise ValidationError(
            f"Time: {written} is in the future (it is now {describe_local(now, zone)}); "
            "an entry records what has already happened."
        )
    return instant


def _latest_not_future(day: date, clock: time, now: datetime, zone: ZoneInfo) -> datetime | None:
    naive = datetime.combine(day, clock)
    instants = wall_instants(naive, zone)
    if not instants:
        raise ValidationError(
            f"Time: {day.isoformat()} {clock.strftime('%H:%M')} does not exist in {zone.key} "
            "(the clocks jumped forward); type the time as the clocks showed it."
        )
    past = [instant for instant in instants if not is_future(instant, now)]
    return max(past) if past else None


def _time_of_day(match: re.Match[str]) -> time:
    hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValidationError(
            f"Time: {match.group(0).split()[-1]!r} is not a time of day; use HH:MM or HH:MM:SS between 00:00 and 23:59."
        )
    return time(hour, minute, second)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"Date: {text!r} is not a calendar date; use YYYY-MM-DD.") from None
