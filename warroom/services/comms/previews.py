"""Previews: what each chosen channel will receive for a draft, before anything is sent."""

from __future__ import annotations

from warroom.domain.comms import CommsAudience
from warroom.domain.errors import NotFoundError
from warroom.domain.ids import new_id
from warroom.integrations.channels import Outgoing, preview
from warroom.services.comms import facts
from warroom.services.comms.channels import ChannelService
from warroom.services.context import ServiceContext


class PreviewService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def previews(self, incident_id: str, audience: CommsAudience | str, text: str, channel_names: list[str]) -> dict:
        """Channel name -> the body it would receive (secrets never included)."""
        aud = audience if isinstance(audience, CommsAudience) else CommsAudience.parse(audience)
        now = self.ctx.now()
        with self.ctx.store.unit_of_work() as uow:
            incident = uow.repos.incidents.get(incident_id)
            if incident is None:
                raise NotFoundError(f"No incident has the id {incident_id}.")
            channels = [c for c in uow.repos.comms.channels() if c.name in set(channel_names)]
            recipients = facts.vendor_addresses(uow, incident_id) if aud is CommsAudience.VENDORS else ()
            next_at = facts.next_update_at(uow, incident, aud, now)
        out = {}
        for channel in channels:
            outgoing = Outgoing(
                delivery_id=new_id(),
                kind=channel.kind.value,
                config=dict(channel.config),
                secrets={},
                audience=aud.value,
                text=text,
                incident_id=incident.id,
                reference=incident.reference,
                title=incident.title,
                severity=incident.severity.value,
                status=incident.status.value,
                created_at=now,
                next_update_at=next_at,
                recipients=recipients,
            )
            out[channel.name] = preview(outgoing)
        return out

    def channel_states(self) -> list[tuple[str, str, str, str]]:
        """(name, kind, audience, setup state) of every channel, for the composer's list."""
        svc = ChannelService(self.ctx)
        return [(c.name, c.kind.value, c.audience.value, svc.setup_state(c)) for c in svc.list()]
