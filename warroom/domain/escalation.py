"""Escalation advice: walk a vendor's path and say whom to call now, and when to move on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from warroom.domain.availability import Availability, vendor_availability
from warroom.domain.clock import as_utc
from warroom.domain.directory import Absence, Contact, EscalationLevel, Vendor


@dataclass(frozen=True)
class LevelAdvice:
    level: int
    wait_min: int | None
    contacts: tuple[Availability, ...]  # in the order the level names them
    reachable: bool  # someone at this level is reachable now


@dataclass(frozen=True)
class EscalationAdvice:
    vendor_id: str
    at: datetime  # UTC
    levels: tuple[LevelAdvice, ...]  # in path order
    call_now: tuple[Availability, ...]  # the reachable contacts at call_level
    call_level: int | None  # None when nobody on the path is reachable (or there is no path)
    escalate_at: datetime | None  # when to try the next level if nobody answers
    next_reachable_at: datetime | None  # when nobody is reachable: earliest anyone on the path is
    next_reachable_contact_id: str | None
    not_on_path: tuple[Availability, ...] = ()  # contacts named by no level

    @property
    def passed_over(self) -> tuple[LevelAdvice, ...]:
        """The levels before the one to call (all of them when nobody is reachable)."""
        if self.call_level is None:
            return self.levels
        return tuple(level for level in self.levels if level.level < self.call_level)


def advise(
    vendor: Vendor,
    contacts: Sequence[Contact],
    levels: Sequence[EscalationLevel],
    absences: Sequence[Absence],
    at: datetime,
    tried_up_to: int | None = None,
) -> EscalationAdvice:
    """Escalation advice for `vendor` at `at`.

    With no path defined at all, every reachable contact is whom to call now.
    A contact id a level names but `contacts` lacks is skipped. `tried_up_to`: levels up to
    this one were tried without an acknowledgement in time, so the advice starts above it
    (the escalation banner and the Escalation tab ask this same question).
    """
    instant = as_utc(at)
    own = [c for c in contacts if c.vendor_id == vendor.id]
    by_id = {a.contact_id: a for a in vendor_availability(vendor, own, instant, absences)}
    path = sorted((lv for lv in levels if lv.vendor_id == vendor.id), key=lambda lv: lv.level)
    level_advice = tuple(_level_advice(level, by_id) for level in path)
    on_path = {a.contact_id for level in level_advice for a in level.contacts}
    not_on_path = tuple(by_id[c.id] for c in own if c.id not in on_path)
    if not path:
        return _without_path(vendor, instant, not_on_path)
    for index, level in enumerate(level_advice):
        if level.reachable and (tried_up_to is None or level.level > tried_up_to):
            call_now = tuple(a for a in level.contacts if a.reachable)
            is_last = index == len(level_advice) - 1
            escalate_at = None if is_last or not level.wait_min else instant + timedelta(minutes=level.wait_min)
            return EscalationAdvice(
                vendor.id, instant, level_advice, call_now, level.level, escalate_at, None, None, not_on_path
            )
    next_at, who = _earliest([a for level in level_advice for a in level.contacts])
    return EscalationAdvice(vendor.id, instant, level_advice, (), None, None, next_at, who, not_on_path)


def _level_advice(level: EscalationLevel, by_id: dict[str, Availability]) -> LevelAdvice:
    found = tuple(dict.fromkeys(by_id[cid] for cid in level.contact_ids if cid in by_id))
    return LevelAdvice(level.level, level.wait_min, found, any(a.reachable for a in found))


def _without_path(vendor: Vendor, instant: datetime, everyone: tuple[Availability, ...]) -> EscalationAdvice:
    call_now = tuple(a for a in everyone if a.reachable)
    next_at, who = (None, None) if call_now else _earliest(list(everyone))
    return EscalationAdvice(vendor.id, instant, (), call_now, None, None, next_at, who, everyone)


def _earliest(candidates: list[Availability]) -> tuple[datetime | None, str | None]:
    """The first instant any candidate becomes reachable; ties go to the earlier on the path."""
    timed = [(a.next_reachable_at, n, a) for n, a in enumerate(candidates) if a.next_reachable_at is not None]
    if not timed:
        return None, None
    at, _, first = min(timed, key=lambda item: (item[0], item[1]))
    return at, first.contact_id
