"""What drafts and senders need from the record, read inside one unit of work."""

from __future__ import annotations

from datetime import datetime

from warroom.domain.comms import Channel, ChannelKind, CommsAudience, CommsUpdate, Delivery
from warroom.domain.comms_cadence import due_for
from warroom.domain.comms_templates import DraftFacts
from warroom.domain.incident import Incident
from warroom.integrations.channels import Outgoing
from warroom.services.directory.attempts import standing_attempts_in

RECENT = 3
KNOW_KINDS = ("observation", "decision", "status")
DOING_KINDS = ("action", "escalation", "contact")


def _recent_texts(uow, incident_id: str, kinds: tuple[str, ...]) -> str:
    return "\n".join(f"- {text}" for text in uow.repos.comms.recent_texts(incident_id, kinds, RECENT))


def engaged_vendors(uow, incident_id: str) -> list[tuple[str, str, str]]:
    """(vendor id, name, state) for each vendor contacted in the incident, by latest attempt."""
    latest: dict[str, tuple[datetime, str]] = {}
    for attempt in standing_attempts_in(uow, incident_id):
        if attempt.vendor_id is None:
            continue
        state = attempt.outcome.value + (f", ticket {attempt.ticket}" if attempt.ticket else "")
        if attempt.vendor_id not in latest or attempt.at >= latest[attempt.vendor_id][0]:
            latest[attempt.vendor_id] = (attempt.at, state)
    found = []
    for vendor_id, (_, state) in latest.items():
        vendor = uow.repos.directory.vendor(vendor_id)
        if vendor is not None:
            found.append((vendor_id, vendor.name, state))
    return sorted(found, key=lambda v: v[1].casefold())


def vendor_addresses(uow, incident_id: str) -> tuple[str, ...]:
    addresses = {
        c.email
        for vendor_id, _, _ in engaged_vendors(uow, incident_id)
        for c in uow.repos.directory.contacts(vendor_id)
        if c.email
    }
    return tuple(sorted(addresses))


def next_update_at(uow, incident: Incident, audience: CommsAudience, at: datetime) -> datetime | None:
    due = due_for(
        audience,
        severity=incident.severity.value,
        status=incident.status.value,
        started_at=incident.started_at,
        last_update_at=at,
        cadence=uow.repos.comms.cadence(),
    )
    return due.due_at if due else None


def draft_facts(uow, incident: Incident, audience: CommsAudience, now: datetime) -> DraftFacts:
    return DraftFacts(
        title=incident.title,
        reference=incident.reference,
        severity=incident.severity.value,
        status=incident.status.value,
        impact=incident.narrative.get("impact", "") or ", ".join(incident.impacted_services),
        started_at=incident.started_at,
        what_we_know=_recent_texts(uow, incident.id, KNOW_KINDS),
        what_we_are_doing=_recent_texts(uow, incident.id, DOING_KINDS),
        vendors=tuple((name, state) for _, name, state in engaged_vendors(uow, incident.id)),
        next_update_at=next_update_at(uow, incident, audience, now),
    )


def outgoing(
    uow,
    incident: Incident,
    update: CommsUpdate,
    channel: Channel,
    delivery: Delivery,
    secret_values: dict[str, str],
) -> Outgoing:
    threaded = channel.kind in (ChannelKind.EMAIL, ChannelKind.STATUSPAGE)  # the others need no history
    earlier = uow.repos.comms.earlier_deliveries(incident.id, channel.id, delivery.id) if threaded else []
    remote = next((d.remote_id for d in reversed(earlier) if d.remote_id), "")
    recipients = vendor_addresses(uow, incident.id) if update.audience is CommsAudience.VENDORS else ()
    return Outgoing(
        delivery_id=delivery.id,
        kind=channel.kind.value,
        config=dict(channel.config),
        secrets=secret_values,
        audience=update.audience.value,
        text=update.text,
        incident_id=incident.id,
        reference=incident.reference,
        title=incident.title,
        severity=incident.severity.value,
        status=incident.status.value,
        created_at=update.created_at,
        next_update_at=next_update_at(uow, incident, update.audience, update.created_at),
        attempt=delivery.attempts,
        remote_id=delivery.remote_id or remote,
        thread=tuple(d.id for d in earlier),
        recipients=recipients,
    )
