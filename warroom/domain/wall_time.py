"""Wall-clock times in a named zone: which instants a local time denotes.

A local time can denote no instant (skipped when clocks jump forward), one,
or two (repeated when clocks go back); callers decide what to do with each.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from warroom.domain.errors import ValidationError


def resolve_zone(zone: ZoneInfo | str) -> ZoneInfo:
    """A ZoneInfo for an IANA name; an unknown name is a ValidationError."""
    if isinstance(zone, ZoneInfo):
        return zone
    name = (zone or "").strip()
    try:
        if not name or name.startswith(("/", ".")) or ".." in name:
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            f"Unknown time zone {zone!r}: use an IANA name such as Europe/Stockholm or UTC."
        ) from None


def wall_instants(naive: datetime, zone: ZoneInfo) -> tuple[datetime, ...]:
    """The UTC instants (earliest first) at which clocks in `zone` showed `naive`."""
    found: set[datetime] = set()
    for fold in (0, 1):
        instant = naive.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if instant.astimezone(zone).replace(tzinfo=None) == naive:
            found.add(instant)
    return tuple(sorted(found))


def describe_local(instant: datetime, zone: ZoneInfo) -> str:
    """'2013-12-19 07:40 CET' (seconds only when present), for messages."""
    local = instant.astimezone(zone)
    pattern = "%Y-%m-%d %H:%M:%S %Z" if local.second else "%Y-%m-%d %H:%M %Z"
    return local.strftime(pattern)
