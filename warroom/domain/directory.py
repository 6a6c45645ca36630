"""The vendor directory: who operates which layer, their contacts and escalation path."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from warroom.domain.choices import parse_choice
from warroom.domain.errors import ValidationError


@dataclass(frozen=True)
class Vendor:
    id: str
    name: str
    layers: tuple[str, ...]
    country: str  # ISO 3166-1 alpha-2, e.g. "SE"
    subdivision: str | None
    holiday_categories: tuple[str, ...]  # holidays package categories: public, de_facto, ...
    timezone: str  # IANA zone
    hours: str  # "Mon-Fri 08:00-17:00", "24/7", "Mon-Fri 22:00-06:00"
    sla_response_min: int | None = None
    contract_ref: str = ""
    notes: str = ""
    sla_clock: str = "business"  # SLA_CLOCKS: does the response SLA run outside the vendor's hours?
    active: bool = True  # False: removed after attempts were recorded; kept for the record


SLA_BUSINESS_HOURS = "business"  # the clock stops outside the vendor's hours and on its holidays
SLA_ROUND_THE_CLOCK = "24/7"  # the clock never stops
SLA_CLOCKS = (SLA_BUSINESS_HOURS, SLA_ROUND_THE_CLOCK)


def parse_sla_clock(text: str | None) -> str:
    """'business' (the default) or '24/7'; a few spellings people use are accepted."""
    value = (text or "").strip().lower().replace(" ", "")
    if value in ("", "business", "businesshours", "hours"):
        return SLA_BUSINESS_HOURS
    if value in ("24/7", "24x7", "always", "roundtheclock"):
        return SLA_ROUND_THE_CLOCK
    raise ValidationError(f"{text!r} is not an SLA clock: use 'business' (the vendor's hours) or '24/7'.")


@dataclass(frozen=True)
class Contact:
    id: str
    vendor_id: str
    name: str
    role: str
    phones: tuple[str, ...]  # E.164
    email: str | None
    timezone: str | None  # None: the vendor's
    hours: str | None  # None: the vendor's
    always_on_call: bool = False
    notes: str = ""
    # Where this person works, when not where the vendor is (None/empty: the vendor's).
    country: str | None = None
    subdivision: str | None = None
    holiday_categories: tuple[str, ...] = ()
    active: bool = True  # False: removed after attempts were recorded; kept for the record

    @property
    def works_elsewhere(self) -> bool:
        return bool(self.country or self.subdivision or self.holiday_categories)


@dataclass(frozen=True)
class EscalationLevel:
    id: str
    vendor_id: str
    level: int
    contact_ids: tuple[str, ...]
    wait_min: int | None  # minutes to wait for an answer before the next level


@dataclass(frozen=True)
class Absence:
    """A vendor closure (contact_id None) or one contact's leave, [starts_at, ends_at)."""

    id: str
    vendor_id: str
    contact_id: str | None
    starts_at: datetime
    ends_at: datetime
    reason: str
    source_uid: str | None = None
    source: str | None = None  # the calendar file (or URL) it was imported from


class Channel(str, Enum):
    PHONE = "phone"
    SMS = "sms"
    EMAIL = "email"
    CHAT = "chat"
    PORTAL = "portal"
    IN_PERSON = "in person"

    @classmethod
    def parse(cls, text: Channel | str) -> Channel:
        return parse_choice(cls, text, "channel")


class Outcome(str, Enum):
    NO_ANSWER = "no answer"
    VOICEMAIL = "voicemail"
    # A ticket filed on a portal or by e-mail is not a response: nobody at the vendor has
    # answered yet, so the response clock keeps running (the lead's decision in issue #15).
    TICKET_FILED = "ticket filed"
    REACHED = "reached"
    ACKNOWLEDGED = "acknowledged"

    @property
    def answered(self) -> bool:
        return self in (Outcome.REACHED, Outcome.ACKNOWLEDGED)

    @classmethod
    def parse(cls, text: Outcome | str) -> Outcome:
        return parse_choice(cls, text, "outcome", fold=lambda t: t.lower().replace("_", " "))


@dataclass(frozen=True)
class ContactAttempt:
    id: str
    incident_id: str
    vendor_id: str | None
    contact_id: str | None
    at: datetime
    channel: Channel
    outcome: Outcome
    ticket: str
    note: str
    author: str
    entry_id: str | None


def standing_attempts(
    attempts: Iterable[ContactAttempt], retracted_entry_ids: Collection[str]
) -> tuple[ContactAttempt, ...]:
    """The attempts that still count. An attempt whose timeline entry was retracted (undone) stays
    in the history, append-only, but no longer drives escalation or the postmortem's vendor section."""
    return tuple(a for a in attempts if a.entry_id is None or a.entry_id not in retracted_entry_ids)
