"""Status updates to stakeholders: audiences, channels, updates and their deliveries.

Choices a reader should know:
- An update is written once and sent once per channel; each (update, channel) pair is a
  delivery. Only the device that wrote the update sends its deliveries, so two laptops
  synced through a hub never post the same update twice.
- A delivery whose request may have reached a channel that cannot de-duplicate (Slack,
  Teams) is "unknown", never resent silently: a person confirms it or resends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from warroom.domain.choices import parse_choice
from warroom.domain.errors import ValidationError


class CommsAudience(str, Enum):
    INTERNAL = "internal"
    EXECUTIVES = "executives"
    CUSTOMERS = "customers"
    VENDORS = "vendors"

    @classmethod
    def parse(cls, text: str) -> CommsAudience:
        return parse_choice(cls, text, "audience")

    @property
    def label(self) -> str:
        return self.value.capitalize()


class ChannelKind(str, Enum):
    SLACK = "slack"
    TEAMS = "teams"
    STATUSPAGE = "statuspage"
    WEBHOOK = "webhook"
    EMAIL = "email"

    @classmethod
    def parse(cls, text: str) -> ChannelKind:
        return parse_choice(cls, text, "channel kind")

    @property
    def idempotent(self) -> bool:
        """Whether a resend after an unanswered request is safe (the far end de-duplicates)."""
        return self in (ChannelKind.STATUSPAGE, ChannelKind.WEBHOOK)


# The secret fields each kind keeps in the keyring, in the order they are read from stdin.
SECRET_FIELDS: dict[ChannelKind, tuple[str, ...]] = {
    ChannelKind.SLACK: ("url",),
    ChannelKind.TEAMS: ("url",),
    ChannelKind.STATUSPAGE: ("api_key",),
    ChannelKind.WEBHOOK: ("url", "signing_secret"),
    ChannelKind.EMAIL: ("password",),
}


class DeliveryStatus(str, Enum):
    HELD = "held"  # waiting for approval
    QUEUED = "queued"
    SENDING = "sending"  # a request is (or was, before a crash) on its way
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"  # may have been posted: a person decides
    CANCELLED = "cancelled"

    @property
    def pending(self) -> bool:
        return self in (DeliveryStatus.HELD, DeliveryStatus.QUEUED, DeliveryStatus.SENDING)


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    kind: ChannelKind
    audience: CommsAudience
    config: dict[str, object] = field(default_factory=dict)  # non-secret fields only


@dataclass(frozen=True)
class Delivery:
    id: str
    update_id: str
    incident_id: str
    channel_id: str
    channel_name: str
    device_id: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime | None
    sent_at: datetime | None
    error: str
    remote_id: str


@dataclass(frozen=True)
class CommsUpdate:
    id: str
    incident_id: str
    audience: CommsAudience
    text: str
    author: str
    device_id: str
    created_at: datetime
    needs_approval: bool
    approver: str
    approved_by: str
    deliveries: tuple[Delivery, ...] = ()

    @property
    def held(self) -> bool:
        return self.needs_approval and not self.approved_by


@dataclass(frozen=True)
class AudiencePolicy:
    audience: CommsAudience
    template: str  # "" = the built-in template
    needs_approval: bool
    approver: str
    cadence: dict[str, dict[str, int | None]] = field(default_factory=dict)  # severity -> every/early minutes


@dataclass(frozen=True)
class Snooze:
    id: str
    incident_id: str
    audience: CommsAudience
    until: datetime
    reason: str
    author: str
    created_at: datetime


def clean_channel_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ValidationError("A channel needs a name, e.g. 'ops-slack'.")
    if len(cleaned) > 80 or "," in cleaned:
        raise ValidationError("A channel name is at most 80 characters and has no comma.")
    return cleaned


def clean_update_text(text: str) -> str:
    if not text or not text.strip():
        raise ValidationError("A status update needs some text: say what is known and what is being done.")
    return text.strip()
