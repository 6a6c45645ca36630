"""Writing channels, status updates, their deliveries, audience policies and snoozes.

Each method is one intent and goes through the replicator, so every change reaches the outbox.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from warroom.domain.comms import AudiencePolicy, Channel, CommsUpdate, Delivery, DeliveryStatus, Snooze
from warroom.store.models import CommsAudienceRow
from warroom.store.repositories.base import Repository, row_of


class CommsWrites(Repository):
    # -- channels and audiences -------------------------------------------------
    def add_channel(self, channel: Channel) -> None:
        self.writer.create("comms_channels", row_of(channel, deleted=False))

    def edit_channel(self, channel_id: str, fields: dict[str, Any]) -> None:
        """Some of name, audience and config (the kind stays: its secrets are shaped by it)."""
        self.writer.update("comms_channels", channel_id, fields)

    def remove_channel(self, channel_id: str) -> None:
        self._tombstone("comms_channels", channel_id)

    def save_policy(self, current: AudiencePolicy, fields: dict[str, Any]) -> None:
        """Change some fields of an audience's policy; the first save writes the whole policy."""
        audience = current.audience.value
        if self.session.get(CommsAudienceRow, audience) is not None:
            self.writer.update("comms_audiences", audience, fields)
            return
        row = row_of(replace(current, **fields))
        row.pop("audience")
        self.writer.create("comms_audiences", {"id": audience, **row})

    # -- updates ----------------------------------------------------------------
    def add_update(self, update: CommsUpdate) -> None:
        """The update alone (its deliveries are queued one by one); its entry is linked later."""
        row = row_of(update)
        row.pop("deliveries")
        self.writer.create("comms_updates", {**row, "entry_id": None})

    def link_entry(self, update_id: str, entry_id: str) -> None:
        self.writer.update("comms_updates", update_id, {"entry_id": entry_id})

    def approve_update(self, update_id: str, approved_by: str) -> None:
        self.writer.update("comms_updates", update_id, {"approved_by": approved_by})

    def add_snooze(self, snooze: Snooze) -> None:
        self.writer.append("comms_snoozes", row_of(snooze))

    # -- deliveries ---------------------------------------------------------------
    def queue_delivery(self, delivery: Delivery) -> None:
        self.writer.create("comms_deliveries", row_of(delivery))

    def release_delivery(self, delivery_id: str) -> None:
        """Back in the queue as it was (a held update approved, or an idempotent send interrupted)."""
        self._set_delivery(delivery_id, {"status": DeliveryStatus.QUEUED.value})

    def resend_delivery(self, delivery_id: str) -> None:
        """Queued again now, its last error forgotten (a person asked to send it again)."""
        self._set_delivery(delivery_id, {"status": DeliveryStatus.QUEUED.value, "error": "", "next_attempt_at": None})

    def claim_delivery(self, delivery_id: str, attempts: int) -> None:
        self._set_delivery(delivery_id, {"status": DeliveryStatus.SENDING.value, "attempts": attempts})

    def mark_delivered(self, delivery_id: str, sent_at: datetime | None, remote_id: str = "") -> None:
        """Sent (`sent_at` None: a person confirmed it was posted, the instant is not known)."""
        if sent_at is None:
            self._set_delivery(delivery_id, {"status": DeliveryStatus.SENT.value, "error": "confirmed as posted"})
            return
        values: dict[str, Any] = {"status": DeliveryStatus.SENT.value, "sent_at": sent_at, "error": ""}
        if remote_id:
            values["remote_id"] = remote_id
        self._set_delivery(delivery_id, values)

    def retry_delivery(self, delivery_id: str, at: datetime, error: str) -> None:
        values = {"status": DeliveryStatus.QUEUED.value, "next_attempt_at": at, "error": error}
        self._set_delivery(delivery_id, values)

    def mark_delivery(self, delivery_id: str, status: DeliveryStatus, error: str) -> None:
        """Settled without a post to show for it: failed, unknown or cancelled, and why."""
        self._set_delivery(delivery_id, {"status": status.value, "error": error})

    def _set_delivery(self, delivery_id: str, values: dict[str, Any]) -> None:
        self.writer.update("comms_deliveries", delivery_id, values)
