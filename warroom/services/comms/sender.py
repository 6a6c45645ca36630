"""The delivery outbox's sender: sends this device's queued deliveries, one attempt at a time.

Choices a reader should know:
- Only deliveries written on this device are sent here, so synced laptops never post twice.
- Before a request goes out its delivery is committed as "sending"; after a crash, a
  "sending" delivery to a channel that cannot de-duplicate becomes "unknown" (a person
  decides), while Statuspage and signed webhooks are queued again.
- Retries back off exponentially up to a minute (Retry-After wins when longer) and never
  give up: a laptop offline for hours sends when the network is back. At most one request
  per second goes to one channel (`min_interval`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from warroom.domain.comms import Delivery, DeliveryStatus
from warroom.integrations import channels
from warroom.integrations.channels import Outcome, Outgoing, Result
from warroom.integrations.channels import secrets as channel_secrets
from warroom.services.comms import facts
from warroom.services.context import ServiceContext

if TYPE_CHECKING:
    from warroom.store.repositories.comms import CommsRepository

log = logging.getLogger("warroom.services")

MAX_BACKOFF = 60.0


def backoff_seconds(attempts: int) -> float:
    return min(MAX_BACKOFF, 2.0 ** max(0, attempts - 1))


class DeliverySender:
    def __init__(
        self,
        ctx: ServiceContext,
        *,
        send: Callable[[Outgoing], Outcome] = channels.send,
        min_interval: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ctx = ctx
        self._send = send
        self._min_interval = min_interval
        self._clock = clock
        self._not_before: dict[str, float] = {}  # channel id -> monotonic instant

    # -- start-up -------------------------------------------------------------------
    def recover(self) -> int:
        """Settle deliveries left "sending" by a crash; returns how many were found."""
        with self.ctx.store.unit_of_work() as uow:
            stuck = uow.repos.comms.by_status(self.ctx.store.device_id, DeliveryStatus.SENDING)
            for d in stuck:
                channel = uow.repos.comms.channel(d.channel_id)
                if channel is not None and channel.kind.idempotent:
                    uow.repos.comms.release_delivery(d.id)
                else:
                    uow.repos.comms.mark_delivery(
                        d.id, DeliveryStatus.UNKNOWN, "interrupted while sending: may have been posted"
                    )
            uow.commit()
        return len(stuck)

    # -- sending --------------------------------------------------------------------
    def drain_once(self, between: Callable[[], None] | None = None) -> int:
        """One pass over what is due now; returns how many requests were made.

        `between` runs after each request (the window's thread uses it to yield to the GUI)."""
        with self.ctx.store.unit_of_work() as uow:
            due = uow.repos.comms.sendable(self.ctx.store.device_id, self.ctx.now())
        made = 0
        for delivery in due:
            if self._clock() < self._not_before.get(delivery.channel_id, 0.0):
                continue
            if self.attempt(delivery.id) is not None:
                made += 1
                if between is not None:
                    between()
        return made

    def attempt(self, delivery_id: str) -> Delivery | None:
        out = self._claim(delivery_id)
        if out is None:
            return None
        channel_id, outgoing = out
        outcome = self._send(outgoing)
        # counted from the answer, so that two requests never arrive closer than min_interval
        self._not_before[channel_id] = self._clock() + max(self._min_interval, outcome.retry_after or 0.0)
        return self._settle(delivery_id, outcome)

    def _claim(self, delivery_id: str) -> tuple[str, Outgoing] | None:
        """Mark the delivery "sending" (committed) and gather what the request needs."""
        with self.ctx.store.unit_of_work() as uow:
            d = uow.repos.comms.delivery_locked(delivery_id)
            if d is None or d.status is not DeliveryStatus.QUEUED or d.device_id != self.ctx.store.device_id:
                return None
            channel = uow.repos.comms.channel(d.channel_id)
            update = uow.repos.comms.update_alone(d.update_id)
            incident = uow.repos.incidents.get(d.incident_id)
            if channel is None or update is None or incident is None:
                uow.repos.comms.mark_delivery(d.id, DeliveryStatus.CANCELLED, "channel removed")
                uow.commit()
                return None
            claimed = Delivery(**{**vars(d), "attempts": d.attempts + 1})
            uow.repos.comms.claim_delivery(d.id, claimed.attempts)
            outgoing = facts.outgoing(uow, incident, update, channel, claimed, channel_secrets.load(channel.id))
            uow.commit()
        return channel.id, outgoing

    def _settle(self, delivery_id: str, outcome: Outcome) -> Delivery:
        now = self.ctx.now()
        with self.ctx.store.unit_of_work() as uow:
            d = uow.repos.comms.delivery(delivery_id)
            assert d is not None
            self._write_result(uow.repos.comms, d, outcome, now)
            uow.commit()
            settled = uow.repos.comms.delivery(delivery_id)
        assert settled is not None
        log.info("delivery %s to %s: %s %s", delivery_id, d.channel_name, settled.status.value, settled.error)
        return settled

    @staticmethod
    def _write_result(comms: CommsRepository, d: Delivery, outcome: Outcome, now: datetime) -> None:
        if outcome.result is Result.SENT:
            comms.mark_delivered(d.id, sent_at=now, remote_id=outcome.remote_id or "")
        elif outcome.result is Result.RETRY:
            wait = max(backoff_seconds(d.attempts), outcome.retry_after or 0.0)
            comms.retry_delivery(d.id, now + timedelta(seconds=wait), f"{outcome.error}; retrying")
        else:
            status = DeliveryStatus.UNKNOWN if outcome.result is Result.UNKNOWN else DeliveryStatus.FAILED
            comms.mark_delivery(d.id, status, outcome.error)

    # -- waiting --------------------------------------------------------------------
    def pending(self) -> list[Delivery]:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.comms.by_status(self.ctx.store.device_id, DeliveryStatus.QUEUED, DeliveryStatus.SENDING)

    def seconds_to_next(self) -> float | None:
        """How long until something queued here may be attempted (None: nothing queued)."""
        pending = [d for d in self.pending() if d.status is DeliveryStatus.QUEUED]
        if not pending:
            return None
        now, mono = self.ctx.now(), self._clock()
        waits = []
        for d in pending:
            due = (d.next_attempt_at - now).total_seconds() if d.next_attempt_at else 0.0
            waits.append(max(due, self._not_before.get(d.channel_id, 0.0) - mono, 0.0))
        return min(waits)

    def flush(self, timeout: float, *, sleep: Callable[[float], None] = time.sleep) -> list[Delivery]:
        """Send until nothing is queued or `timeout` passes; returns the deliveries this flush saw."""
        self.recover()
        seen = {d.id for d in self.pending()}
        deadline = self._clock() + timeout
        while True:
            self.drain_once()
            seen |= {d.id for d in self.pending()}
            wait = self.seconds_to_next()
            left = deadline - self._clock()
            if wait is None or left <= 0:
                break
            sleep(min(wait, left, 1.0))
        with self.ctx.store.unit_of_work() as uow:
            return [d for d in (uow.repos.comms.delivery(i) for i in sorted(seen)) if d is not None]


__all__ = ["DeliverySender", "backoff_seconds"]
