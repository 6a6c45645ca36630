"""CommsRepository's intent-named writes reach the store and, through the replicator, the outbox."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from warroom.domain.comms import Channel, ChannelKind, CommsAudience, CommsUpdate, Delivery, DeliveryStatus, Snooze
from warroom.domain.ids import new_id
from warroom.services.incidents import IncidentService
from warroom.store.models.sync import OutboxRow


def _outbox(uow) -> list[tuple[str, list[str] | None]]:
    rows = uow.session.scalars(select(OutboxRow).order_by(OutboxRow.seq))
    return [(r.table_name, r.payload.get("set")) for r in rows]


def test_an_update_its_delivery_and_their_settling_are_replicated_in_order(store, ctx):
    incident = IncidentService(ctx).open("Kassan nere — Åre 🚒", "SEV1")
    now = ctx.now()
    channel = Channel(new_id(), "ops-slack ✓", ChannelKind.WEBHOOK, CommsAudience.INTERNAL, {})
    update = CommsUpdate(
        new_id(), incident.id, CommsAudience.INTERNAL, "Vi undersöker — 調査中", "Åsa", store.device_id, now,
        needs_approval=True, approver="Örjan", approved_by="",
    )  # fmt: skip
    delivery = Delivery(
        new_id(), update.id, incident.id, channel.id, channel.name, store.device_id, DeliveryStatus.HELD,
        0, None, None, "", "",
    )  # fmt: skip
    with store.unit_of_work() as uow:
        before = len(_outbox(uow))
        comms = uow.repos.comms
        comms.add_channel(channel)
        comms.add_update(update)
        comms.queue_delivery(delivery)
        comms.approve_update(update.id, "Örjan")
        comms.release_delivery(delivery.id)
        comms.claim_delivery(delivery.id, 1)
        comms.mark_delivered(delivery.id, sent_at=now, remote_id="ts-1")
        comms.add_snooze(
            Snooze(new_id(), incident.id, CommsAudience.INTERNAL, now + timedelta(minutes=30), "väntar", "Åsa", now)
        )
        uow.commit()
        changes = _outbox(uow)[before:]
        saved = comms.update(update.id)
        snoozes = comms.snoozes(incident.id)
    assert changes == [
        ("comms_channels", ["audience", "config", "deleted", "kind", "name"]),
        ("comms_updates", sorted(["incident_id", "audience", "text", "author", "device_id", "created_at",
                                  "needs_approval", "approver", "approved_by", "entry_id"])),
        ("comms_deliveries", sorted(["update_id", "incident_id", "channel_id", "channel_name", "device_id", "status",
                                     "attempts", "next_attempt_at", "sent_at", "error", "remote_id"])),
        ("comms_updates", ["approved_by"]),
        ("comms_deliveries", ["status"]),
        ("comms_deliveries", ["attempts", "status"]),
        ("comms_deliveries", ["remote_id", "sent_at", "status"]),
        ("comms_snoozes", None),
    ]  # fmt: skip
    assert saved is not None and saved.approved_by == "Örjan" and saved.text == update.text
    (sent,) = saved.deliveries
    assert (sent.status, sent.attempts, sent.remote_id, sent.sent_at) == (DeliveryStatus.SENT, 1, "ts-1", now)
    assert [s.reason for s in snoozes] == ["väntar"]


def test_a_policy_is_written_whole_once_then_field_by_field(store):
    with store.unit_of_work() as uow:
        comms = uow.repos.comms
        before = len(_outbox(uow))
        comms.save_policy(comms.policy(CommsAudience.EXECUTIVES), {"approver": "Zoë"})
        comms.save_policy(comms.policy(CommsAudience.EXECUTIVES), {"needs_approval": True})
        uow.commit()
        changes = _outbox(uow)[before:]
        policy = comms.policy(CommsAudience.EXECUTIVES)
    assert changes == [
        ("comms_audiences", ["approver", "cadence", "needs_approval", "template"]),
        ("comms_audiences", ["needs_approval"]),
    ]
    assert (policy.approver, policy.needs_approval, policy.template) == ("Zoë", True, "")
