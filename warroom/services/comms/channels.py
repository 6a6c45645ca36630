"""Channels: definitions that sync, secrets that stay in this laptop's keyring."""

from __future__ import annotations

from typing import Any

from warroom.domain.comms import SECRET_FIELDS, Channel, ChannelKind, CommsAudience, clean_channel_name
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.ids import new_id
from warroom.integrations.channels import secrets
from warroom.integrations.channels.statuspage import COMPONENT_STATES
from warroom.services.context import ServiceContext

CONFIG_FIELDS: dict[ChannelKind, frozenset[str]] = {
    ChannelKind.SLACK: frozenset(),
    ChannelKind.TEAMS: frozenset(),
    ChannelKind.STATUSPAGE: frozenset({"page_id", "base_url", "components"}),
    ChannelKind.WEBHOOK: frozenset(),
    ChannelKind.EMAIL: frozenset({"smtp_host", "smtp_port", "security", "username", "from_addr", "to"}),
}
NOT_SET_UP = "not set up on this laptop"


def _check_config(kind: ChannelKind, config: dict[str, Any]) -> dict[str, Any]:
    unknown = set(config) - CONFIG_FIELDS[kind]
    if unknown:
        raise ValidationError(f"A {kind.value} channel has no setting {', '.join(sorted(unknown))}.")
    if kind is ChannelKind.STATUSPAGE:
        if not config.get("page_id"):
            raise ValidationError("A Statuspage channel needs its page id (--page-id).")
        for cid, state in dict(config.get("components") or {}).items():
            if state not in COMPONENT_STATES:
                raise ValidationError(f"Component {cid}: {state!r} is not one of {', '.join(COMPONENT_STATES)}.")
    if kind is ChannelKind.EMAIL:
        if not config.get("smtp_host"):
            raise ValidationError("An e-mail channel needs an SMTP host (--smtp-host).")
        port = config.get("smtp_port")
        if port is not None and not (isinstance(port, int) and 0 < port < 65536):
            raise ValidationError(f"SMTP port {port!r} is not a port number (1 to 65535).")
        if config.get("security", "starttls") not in ("starttls", "tls", "none"):
            raise ValidationError("SMTP security is one of starttls, tls or none.")
    return config


class ChannelService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def add(
        self,
        name: str,
        kind: ChannelKind | str,
        audience: CommsAudience | str,
        config: dict[str, Any] | None = None,
        secret_values: dict[str, str] | None = None,
    ) -> Channel:
        kind = ChannelKind.parse(kind) if not isinstance(kind, ChannelKind) else kind
        aud = CommsAudience.parse(audience) if not isinstance(audience, CommsAudience) else audience
        channel = Channel(new_id(), clean_channel_name(name), kind, aud, _check_config(kind, dict(config or {})))
        channel_id = channel.id
        with self.ctx.store.unit_of_work() as uow:
            if uow.repos.comms.channel_by_name(channel.name) is not None:
                raise ValidationError(f"A channel named {channel.name!r} exists already: pick another name.")
            uow.repos.comms.add_channel(channel)
            if secret_values:
                self._save_secrets(kind, channel_id, secret_values)
            uow.commit()
            saved = uow.repos.comms.channel(channel_id)
        assert saved is not None  # written just now, in this unit of work
        return saved

    def edit(
        self,
        name: str,
        *,
        new_name: str | None = None,
        audience: CommsAudience | str | None = None,
        config: dict[str, Any] | None = None,
        secret_values: dict[str, str] | None = None,
    ) -> Channel:
        """Change a channel in place (same id: its queued deliveries still go to it); a secret left
        out or blank is kept. The kind cannot change: remove the channel and add another."""
        channel = self.get(name)
        fields: dict[str, Any] = {}
        if new_name is not None and clean_channel_name(new_name) != channel.name:
            fields["name"] = clean_channel_name(new_name)
        if audience is not None:
            fields["audience"] = CommsAudience.parse(audience).value
        if config is not None:
            fields["config"] = _check_config(channel.kind, dict(config))
        with self.ctx.store.unit_of_work() as uow:
            other = uow.repos.comms.channel_by_name(fields["name"]) if "name" in fields else None
            if other is not None and other.id != channel.id:
                raise ValidationError(f"A channel named {fields['name']!r} exists already: pick another name.")
            if fields:
                uow.repos.comms.edit_channel(channel.id, fields)
            given = {k: v for k, v in (secret_values or {}).items() if v and v.strip()}
            if given:  # one secret changed, the others as they are in the keyring
                self._save_secrets(channel.kind, channel.id, secrets.load(channel.id) | given)
            uow.commit()
            saved = uow.repos.comms.channel(channel.id)
        assert saved is not None  # read at the start of this unit of work
        return saved

    def set_secrets(self, name: str, values: dict[str, str]) -> Channel:
        channel = self.get(name)
        self._save_secrets(channel.kind, channel.id, values)
        return channel

    @staticmethod
    def _save_secrets(kind: ChannelKind, channel_id: str, values: dict[str, str]) -> None:
        wanted = SECRET_FIELDS[kind]
        clean = {k: v.strip() for k, v in values.items() if k in wanted and v and v.strip()}
        if kind in (ChannelKind.SLACK, ChannelKind.TEAMS, ChannelKind.WEBHOOK):
            url = clean.get("url", "")
            if not url.startswith(("https://", "http://")):
                raise ValidationError("The webhook URL must start with https:// (or http:// for a local test).")
        secrets.save(channel_id, clean)

    def list(self) -> list[Channel]:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.comms.channels()

    def get(self, name: str) -> Channel:
        with self.ctx.store.unit_of_work() as uow:
            channel = uow.repos.comms.channel_by_name(name)
        if channel is None:
            raise NotFoundError(f"No channel is named {name!r}: 'warroom channel list' shows them.")
        return channel

    def remove(self, name: str) -> None:
        channel = self.get(name)
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.comms.remove_channel(channel.id)
            uow.commit()
        secrets.forget(channel.id)

    def setup_state(self, channel: Channel) -> str:
        """ "ready" or why this laptop cannot send to the channel."""
        have = secrets.load(channel.id)
        needed = SECRET_FIELDS[channel.kind]
        if channel.kind is ChannelKind.EMAIL:
            needed = ("password",) if channel.config.get("username") else ()
        missing = [f for f in needed if not have.get(f)]
        return "ready" if not missing else NOT_SET_UP

    def test(self, name: str) -> str:
        """Send a harmless test message now (Statuspage: check the key by listing open incidents)."""
        from datetime import UTC, datetime

        from warroom.integrations.channels import Outgoing, Result, send
        from warroom.integrations.channels.statuspage import check_access

        channel = self.get(name)
        if self.setup_state(channel) != "ready":
            raise ValidationError(f"Channel {channel.name!r} is {NOT_SET_UP}: give it its secret first.")
        out = Outgoing(
            delivery_id=new_id(),
            kind=channel.kind.value,
            config=dict(channel.config),
            secrets=secrets.load(channel.id),
            audience=channel.audience.value,
            text=f"## Warroom test\n\nThis is a test of the channel {channel.name}; no incident is open.",
            incident_id="test",
            reference="TEST",
            title="Warroom channel test",
            severity="SEV4",
            status="investigating",
            created_at=datetime.now(UTC),
        )
        outcome = check_access(out) if channel.kind is ChannelKind.STATUSPAGE else send(out)
        if outcome.result is not Result.SENT:
            raise ValidationError(f"The test to {channel.name!r} did not go through: {outcome.error}.")
        return f"Test sent to {channel.name} ({channel.kind.value})."
