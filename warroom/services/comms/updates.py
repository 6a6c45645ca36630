"""Status updates: draft from the record, queue to channels, approve, snooze, cadence."""

from __future__ import annotations

from datetime import datetime, timedelta

from warroom.domain.action_items import Audience, StatusUpdate
from warroom.domain.comms import (
    AudiencePolicy,
    Channel,
    CommsAudience,
    CommsUpdate,
    Delivery,
    DeliveryStatus,
    Snooze,
    clean_update_text,
)
from warroom.domain.comms_cadence import Due, due_for, parse_interval
from warroom.domain.comms_templates import continue_previous, fill_template
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.ids import new_id
from warroom.domain.incident import Incident, Severity
from warroom.domain.timeline import EntryKind
from warroom.services.comms import facts
from warroom.services.comms.templates import builtin_template, check_template
from warroom.services.context import ServiceContext
from warroom.services.timeline import write_entry

MAX_SNOOZE = timedelta(hours=4)


def _audience(value: CommsAudience | str) -> CommsAudience:
    return value if isinstance(value, CommsAudience) else CommsAudience.parse(value)


def _checked_cadence(cadence: dict) -> dict:
    """{"SEV1": "20/60", "SEV2": 60} (or already parsed) -> {"SEV1": {"every": 60, "early": 20}, ...}."""
    out = {}
    for severity, spec in dict(cadence).items():
        sev = Severity.parse(str(severity)).value
        out[sev] = spec if isinstance(spec, dict) else parse_interval(str(spec))
    return out


class CommsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- drafting -------------------------------------------------------------------
    def draft(self, incident_id: str, audience: CommsAudience | str) -> str:
        """The next update for an audience: the previous one brought forward, or the filled template."""
        aud = _audience(audience)
        with self.ctx.store.unit_of_work() as uow:
            incident = self._incident(uow, incident_id)
            filled = facts.draft_facts(uow, incident, aud, self.ctx.now())
            previous = uow.repos.comms.latest_update(incident_id, aud)
            if previous is not None:
                return continue_previous(previous.text, filled)
            template = uow.repos.comms.policy(aud).template or builtin_template(aud)
        return fill_template(template, filled)

    def channels_for(self, audience: CommsAudience | str) -> list[Channel]:
        aud = _audience(audience)
        with self.ctx.store.unit_of_work() as uow:
            return [c for c in uow.repos.comms.channels() if c.audience is aud]

    # -- sending --------------------------------------------------------------------
    def send(
        self,
        incident_id: str,
        audience: CommsAudience | str,
        text: str,
        channel_names: list[str] | None = None,
    ) -> CommsUpdate:
        """Write the update, its timeline entry and one queued delivery per channel, in one transaction."""
        aud = _audience(audience)
        body = clean_update_text(text)
        now = self.ctx.now()
        with self.ctx.store.unit_of_work() as uow:
            incident = self._incident(uow, incident_id)
            channels = self._pick_channels(uow, aud, channel_names)
            policy = uow.repos.comms.policy(aud)
            update = CommsUpdate(
                id=new_id(),
                incident_id=incident_id,
                audience=aud,
                text=body,
                author=self.ctx.user_name,
                device_id=self.ctx.store.device_id,
                created_at=now,
                needs_approval=policy.needs_approval,
                approver=policy.approver,
                approved_by="",
            )
            update_id = update.id
            uow.repos.comms.add_update(update)
            status = DeliveryStatus.HELD if policy.needs_approval else DeliveryStatus.QUEUED
            for channel in channels:
                uow.repos.comms.queue_delivery(self._delivery(update_id, incident_id, channel, status))
            if not policy.needs_approval:
                self._record(uow, incident, update_id, aud, body, channels, now)
            uow.commit()
            saved = uow.repos.comms.update(update_id)
        assert saved is not None  # written just now, in this unit of work
        return saved

    def _delivery(self, update_id: str, incident_id: str, channel: Channel, status: DeliveryStatus) -> Delivery:
        return Delivery(
            id=new_id(),
            update_id=update_id,
            incident_id=incident_id,
            channel_id=channel.id,
            channel_name=channel.name,
            device_id=self.ctx.store.device_id,
            status=status,
            attempts=0,
            next_attempt_at=None,
            sent_at=None,
            error="",
            remote_id="",
        )

    def _record(self, uow, incident: Incident, update_id: str, aud, body: str, channels, at: datetime) -> None:
        """The update on the record: the status_updates row the postmortem reads, and a timeline entry."""
        names = ", ".join(c.name for c in channels)
        uow.repos.actions.add_status_update(
            StatusUpdate(
                id=update_id,
                incident_id=incident.id,
                audience=Audience(aud.value),
                text=body,
                channel=names,
                posted_at=at,
                author=self.ctx.user_name,
            )
        )
        where = f" via {names}" if names else ""
        entry_id = write_entry(
            uow,
            incident.id,
            self.ctx.now(),
            occurred_at=at,
            author=self.ctx.user_name,
            kind=EntryKind.COMMUNICATION,
            text=f"{aud.label} update{where}: {body}",
        ).id
        uow.repos.comms.link_entry(update_id, entry_id)

    @staticmethod
    def _pick_channels(uow, aud: CommsAudience, names: list[str] | None) -> list[Channel]:
        if names is None:
            return [c for c in uow.repos.comms.channels() if c.audience is aud]
        picked = []
        for name in names:
            channel = uow.repos.comms.channel_by_name(name)
            if channel is None:
                raise NotFoundError(f"No channel is named {name!r}: 'warroom channel list' shows them.")
            picked.append(channel)
        return picked

    def approve(self, update_id: str) -> CommsUpdate:
        """The commander (or the named approver) lets a held update go out."""
        with self.ctx.store.unit_of_work() as uow:
            update = uow.repos.comms.update(update_id)
            if update is None:
                raise NotFoundError("That status update no longer exists.")
            if not update.held:
                raise ValidationError("That update is not waiting for approval.")
            incident = self._incident(uow, update.incident_id)
            allowed = {a.casefold() for a in (update.approver, incident.commander) if a}
            if allowed and self.ctx.user_name.casefold() not in allowed:
                who = " or ".join(sorted({update.approver, incident.commander} - {""}))
                raise ValidationError(f"Only {who} may approve this update.")
            uow.repos.comms.approve_update(update_id, self.ctx.user_name)
            for d in update.deliveries:
                if d.status is DeliveryStatus.HELD:
                    uow.repos.comms.release_delivery(d.id)
            channels = [c for d in update.deliveries if (c := uow.repos.comms.channel(d.channel_id))]
            self._record(uow, incident, update_id, update.audience, update.text, channels, self.ctx.now())
            uow.commit()
            saved = uow.repos.comms.update(update_id)
        assert saved is not None  # written just now, in this unit of work
        return saved

    def resolve_unknown(self, delivery_id: str, *, was_posted: bool) -> Delivery:
        """A person's answer for an "unknown" delivery (it was posted, or send it again), or a resend of a
        failed one (e.g. once the channel's secret is set up on this laptop)."""
        with self.ctx.store.unit_of_work() as uow:
            d = uow.repos.comms.delivery(delivery_id)
            resendable = was_posted is False and d is not None and d.status is DeliveryStatus.FAILED
            if d is None or (d.status is not DeliveryStatus.UNKNOWN and not resendable):
                raise ValidationError("That delivery is not waiting for a decision.")
            if d.device_id != self.ctx.store.device_id:
                raise ValidationError("Only the laptop that wrote this update sends it: decide there.")
            if was_posted:
                uow.repos.comms.mark_delivered(delivery_id, sent_at=None)
            else:
                uow.repos.comms.resend_delivery(delivery_id)
            uow.commit()
            resolved = uow.repos.comms.delivery(delivery_id)
        assert resolved is not None  # read at the start of this unit of work
        return resolved

    def delivery_states(self, incident_id: str) -> dict[str, tuple[Delivery, ...]]:
        """The deliveries of each update on the timeline, by the id of its timeline entry."""
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.comms.deliveries_by_entry(incident_id)

    def updates(self, incident_id: str) -> list[CommsUpdate]:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.comms.updates(incident_id)

    # -- audiences ------------------------------------------------------------------
    def policy(self, audience: CommsAudience | str) -> AudiencePolicy:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.comms.policy(_audience(audience))

    def set_policy(self, audience: CommsAudience | str, **fields) -> AudiencePolicy:
        aud = _audience(audience)
        if set(fields) - {"template", "needs_approval", "approver", "cadence"}:
            raise ValidationError("An audience has a template, a needs-approval flag, an approver and a cadence only.")
        if "cadence" in fields:
            fields["cadence"] = _checked_cadence(fields["cadence"])
        if fields.get("template"):
            fields["template"] = check_template(fields["template"])
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.comms.save_policy(uow.repos.comms.policy(aud), fields)
            uow.commit()
            return uow.repos.comms.policy(aud)

    def template(self, audience: CommsAudience | str) -> str:
        aud = _audience(audience)
        return self.policy(aud).template or builtin_template(aud)

    # -- cadence --------------------------------------------------------------------
    def snooze(self, incident_id: str, audience: CommsAudience | str, minutes: int, reason: str) -> Due | None:
        aud = _audience(audience)
        if not reason or not reason.strip():
            raise ValidationError("Say why the update can wait: the reason goes on the record.")
        span = timedelta(minutes=minutes)
        if span <= timedelta(0) or span > MAX_SNOOZE:
            raise ValidationError("Snooze for 1 minute to 4 hours.")
        now = self.ctx.now()
        with self.ctx.store.unit_of_work() as uow:
            self._incident(uow, incident_id)
            snooze = Snooze(new_id(), incident_id, aud, now + span, reason.strip(), self.ctx.user_name, now)
            uow.repos.comms.add_snooze(snooze)
            write_entry(
                uow,
                incident_id,
                now,
                occurred_at=now,
                author=self.ctx.user_name,
                kind=EntryKind.COMMUNICATION,
                text=f"{aud.label} update postponed {minutes} min: {snooze.reason}",
            )
            uow.commit()
        return next((d for d in self.cadence(incident_id) if d.audience is aud), None)

    def cadence(self, incident_id: str) -> list[Due]:
        """When each audience's next update is due (audiences with no cadence are left out)."""
        with self.ctx.store.unit_of_work() as uow:
            incident = self._incident(uow, incident_id)
            updates = uow.repos.comms.updates(incident_id)
            snoozes = uow.repos.comms.snoozes(incident_id)
            cadence = uow.repos.comms.cadence()
        dues = []
        for aud in CommsAudience:
            last = max((u.created_at for u in updates if u.audience is aud and not u.held), default=None)
            snoozed = max((s.until for s in snoozes if s.audience is aud), default=None)
            due = due_for(
                aud,
                severity=incident.severity.value,
                status=incident.status.value,
                started_at=incident.started_at,
                last_update_at=last,
                snoozed_until=snoozed,
                cadence=cadence,
            )
            if due is not None:
                dues.append(due)
        return sorted(dues, key=lambda d: d.due_at)

    @staticmethod
    def _incident(uow, incident_id: str) -> Incident:
        incident = uow.repos.incidents.get(incident_id)
        if incident is None:
            raise NotFoundError(f"No incident has the id {incident_id}.")
        return incident
