"""Reading channels, status updates and their deliveries as domain values (writing: comms_writes)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import or_, select

from warroom.domain.comms import (
    AudiencePolicy,
    Channel,
    ChannelKind,
    CommsAudience,
    CommsUpdate,
    Delivery,
    DeliveryStatus,
    Snooze,
)
from warroom.domain.comms_cadence import Cadence, overrides_by_name
from warroom.store.models import (
    CommsAudienceRow,
    CommsChannelRow,
    CommsDeliveryRow,
    CommsSnoozeRow,
    CommsUpdateRow,
    TimelineHeadRow,
)
from warroom.store.repositories.comms_writes import CommsWrites

_UPDATES = CommsUpdateRow.__table__
_DELIVERIES = CommsDeliveryRow.__table__


def channel_from_row(r: CommsChannelRow) -> Channel:
    return Channel(r.id, r.name, ChannelKind(r.kind), CommsAudience(r.audience), dict(r.config or {}))


def delivery_from_row(r) -> Delivery:  # an ORM row or a Core row: the same names
    return Delivery(
        id=r.id,
        update_id=r.update_id,
        incident_id=r.incident_id,
        channel_id=r.channel_id,
        channel_name=r.channel_name,
        device_id=r.device_id,
        status=DeliveryStatus(r.status),
        attempts=r.attempts,
        next_attempt_at=r.next_attempt_at,
        sent_at=r.sent_at,
        error=r.error or "",
        remote_id=r.remote_id or "",
    )


def update_from_row(r, deliveries: tuple[Delivery, ...] = ()) -> CommsUpdate:  # ORM or Core row
    return CommsUpdate(
        id=r.id,
        incident_id=r.incident_id,
        audience=CommsAudience(r.audience),
        text=r.text,
        author=r.author,
        device_id=r.device_id,
        created_at=r.created_at,
        needs_approval=r.needs_approval,
        approver=r.approver or "",
        approved_by=r.approved_by or "",
        deliveries=deliveries,
    )


class CommsRepository(CommsWrites):
    # -- channels and audiences -------------------------------------------------
    def channels(self) -> list[Channel]:
        rows = self.session.scalars(
            select(CommsChannelRow).where(CommsChannelRow.deleted.is_(False)).order_by(CommsChannelRow.name)
        )
        return [channel_from_row(r) for r in rows]

    def channel(self, channel_id: str) -> Channel | None:
        r = self.session.get(CommsChannelRow, channel_id)
        return channel_from_row(r) if r is not None and not r.deleted else None

    def channel_by_name(self, name: str) -> Channel | None:
        wanted = name.strip().casefold()
        return next((c for c in self.channels() if c.name.casefold() == wanted), None)

    def policy(self, audience: CommsAudience) -> AudiencePolicy:
        r = self.session.get(CommsAudienceRow, audience.value)
        if r is None:
            return AudiencePolicy(audience, "", False, "")
        return AudiencePolicy(audience, r.template or "", r.needs_approval, r.approver or "", dict(r.cadence or {}))

    def cadence(self) -> Cadence:
        """The cadence in force: the built-in one with each audience's own intervals over it."""
        return overrides_by_name(self.cadence_overrides())

    def cadence_overrides(self) -> dict[str, dict[str, dict[str, int | None]]]:
        """Each audience's own intervals: {"customers": {"SEV1": {"every": 60, "early": 20}}}."""
        rows = self.session.scalars(select(CommsAudienceRow).order_by(CommsAudienceRow.id))
        return {r.id: {sev: dict(spec) for sev, spec in (r.cadence or {}).items()} for r in rows if r.cadence}

    def policy_exists(self, audience: CommsAudience) -> bool:
        return self.session.get(CommsAudienceRow, audience.value) is not None

    # -- updates and deliveries ---------------------------------------------------
    def updates(self, incident_id: str) -> list[CommsUpdate]:
        """Every update of an incident with its deliveries: Core rows, not ORM objects, because the
        window re-reads this while a drain runs and every millisecond here competes with the GUI."""
        conn = self.session.connection()
        u, d = _UPDATES.c, _DELIVERIES.c
        by_update: dict[str, list[Delivery]] = defaultdict(list)
        for row in conn.execute(select(_DELIVERIES).where(d.incident_id == incident_id).order_by(d.channel_name)):
            by_update[row.update_id].append(delivery_from_row(row))
        rows = conn.execute(select(_UPDATES).where(u.incident_id == incident_id).order_by(u.created_at, u.id))
        return [update_from_row(r, tuple(by_update[r.id])) for r in rows]

    def deliveries_by_entry(self, incident_id: str) -> dict[str, tuple[Delivery, ...]]:
        """Each timeline entry of an update (by entry id) with the update's deliveries: what the
        timeline rows show. One indexed read of the incident's updates joined to their deliveries."""
        u, d = _UPDATES.c, _DELIVERIES.c
        query = (
            select(u.entry_id.label("entry_id"), *[c for c in _DELIVERIES.c if c.name != "entry_id"])
            .join_from(_UPDATES, _DELIVERIES, d.update_id == u.id)
            .where(u.incident_id == incident_id, u.entry_id.is_not(None))
            .order_by(d.channel_name)
        )
        by_entry: dict[str, list[Delivery]] = defaultdict(list)
        for row in self.session.connection().execute(query):
            by_entry[row.entry_id].append(delivery_from_row(row))
        return {entry_id: tuple(found) for entry_id, found in by_entry.items()}

    def update(self, update_id: str) -> CommsUpdate | None:
        r = self.session.get(CommsUpdateRow, update_id)
        if r is None:
            return None
        deliveries = self.session.scalars(
            select(CommsDeliveryRow).where(CommsDeliveryRow.update_id == update_id).order_by(CommsDeliveryRow.id)
        )
        return update_from_row(r, tuple(delivery_from_row(d) for d in deliveries))

    def update_alone(self, update_id: str) -> CommsUpdate | None:
        """The update without its deliveries (the sender needs only its text and audience)."""
        r = self.session.get(CommsUpdateRow, update_id)
        return update_from_row(r) if r is not None else None

    def latest_update(self, incident_id: str, audience: CommsAudience) -> CommsUpdate | None:
        r = self.session.scalars(
            select(CommsUpdateRow)
            .where(CommsUpdateRow.incident_id == incident_id, CommsUpdateRow.audience == audience.value)
            .order_by(CommsUpdateRow.created_at.desc(), CommsUpdateRow.id.desc())
            .limit(1)
        ).first()
        return update_from_row(r) if r is not None else None

    def delivery_locked(self, delivery_id: str) -> Delivery | None:
        """The delivery, read under a write lock held to the end of the unit of work, so that two
        senders on one store (the window and a CLI flush) never both claim it."""
        conn = self.session.connection()
        if conn.dialect.name == "sqlite":
            raw = conn.connection.dbapi_connection
            if raw is not None and not raw.in_transaction:
                conn.exec_driver_sql("UPDATE comms_deliveries SET status = status WHERE 0")
            row = conn.execute(select(_DELIVERIES).where(_DELIVERIES.c.id == delivery_id)).first()
        else:
            row = conn.execute(select(_DELIVERIES).where(_DELIVERIES.c.id == delivery_id).with_for_update()).first()
        return delivery_from_row(row) if row is not None else None

    def delivery(self, delivery_id: str) -> Delivery | None:
        r = self.session.get(CommsDeliveryRow, delivery_id)
        return delivery_from_row(r) if r is not None else None

    def sendable(self, device_id: str, now: datetime, limit: int = 500) -> list[Delivery]:
        """This device's queued deliveries whose next attempt is due, oldest first."""
        rows = self.session.scalars(
            select(CommsDeliveryRow)
            .where(
                CommsDeliveryRow.device_id == device_id,
                CommsDeliveryRow.status == DeliveryStatus.QUEUED.value,
                or_(CommsDeliveryRow.next_attempt_at.is_(None), CommsDeliveryRow.next_attempt_at <= now),
            )
            .order_by(CommsDeliveryRow.id)
            .limit(limit)
        )
        return [delivery_from_row(r) for r in rows]

    def by_status(self, device_id: str, *statuses: DeliveryStatus) -> list[Delivery]:
        rows = self.session.scalars(
            select(CommsDeliveryRow)
            .where(CommsDeliveryRow.device_id == device_id, CommsDeliveryRow.status.in_([s.value for s in statuses]))
            .order_by(CommsDeliveryRow.id)
        )
        return [delivery_from_row(r) for r in rows]

    def earlier_deliveries(self, incident_id: str, channel_id: str, before_id: str) -> list[Delivery]:
        """Deliveries of the same incident to the same channel made before this one (threading)."""
        rows = self.session.scalars(
            select(CommsDeliveryRow)
            .where(
                CommsDeliveryRow.incident_id == incident_id,
                CommsDeliveryRow.channel_id == channel_id,
                CommsDeliveryRow.id < before_id,
            )
            .order_by(CommsDeliveryRow.id)
        )
        return [delivery_from_row(r) for r in rows]

    # -- the record, for drafts ----------------------------------------------------------
    def recent_texts(self, incident_id: str, kinds: tuple[str, ...], limit: int) -> list[str]:
        """The latest entries' texts of some kinds, oldest first: one backward index scan."""
        h = TimelineHeadRow
        rows = self.session.execute(
            select(h.text)
            .where(h.incident_id == incident_id, h.kind.in_(kinds), h.retracted.is_(False))
            .order_by(h.occurred_at.desc(), h.entry_id.desc())
            .limit(limit)
        ).scalars()
        return list(reversed(list(rows)))

    # -- snoozes ------------------------------------------------------------------
    def snoozes(self, incident_id: str) -> list[Snooze]:
        rows = self.session.scalars(
            select(CommsSnoozeRow).where(CommsSnoozeRow.incident_id == incident_id).order_by(CommsSnoozeRow.created_at)
        )
        return [
            Snooze(r.id, r.incident_id, CommsAudience(r.audience), r.until, r.reason, r.author, r.created_at)
            for r in rows
        ]
