"""Sync as the window and the CLI see it: start, stop, sync now, one round, hub init."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from warroom.domain.errors import WarroomError
from warroom.services.context import ServiceContext

log = logging.getLogger("warroom.services")


@dataclass(frozen=True)
class SyncView:
    """What the status bar shows; `tone` picks the colour: ok, busy, warn, error."""

    text: str
    tone: str
    waiting: int = 0


_TONES = {"live": "ok", "syncing": "busy", "offline": "warn", "failed": "error"}


def view_of(state) -> SyncView:
    return SyncView(str(state), _TONES.get(state.phase.value, "warn"), state.waiting)


class SyncService:
    """Keeps the local store live on a hub in the background; never raises into the window."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._runner = None

    @property
    def running(self) -> bool:
        return self._runner is not None

    def start(self, hub_url: str, on_state: Callable[[SyncView], None]) -> None:
        from warroom.integrations.secrets import redact, url_with_password  # keyring: only when syncing
        from warroom.sync.runner import SyncRunner

        self.stop()
        full_url = url_with_password(hub_url)
        log.info("syncing with hub %s", redact(hub_url))
        self._runner = SyncRunner(self.ctx.store, full_url, on_state=lambda s: on_state(view_of(s)))
        self._runner.start()

    def sync_now(self) -> None:
        if self._runner is not None:
            self._runner.sync_now()

    def stop(self) -> None:
        if self._runner is not None:
            self._runner.stop()
            self._runner = None

    def sync_once(self, hub_url: str, settle: float = 2.0):
        from warroom.integrations.secrets import url_with_password
        from warroom.sync.engine import SyncEngine
        from warroom.sync.hub import Hub, HubError

        try:
            hub = Hub(url_with_password(hub_url))
        except HubError as exc:
            raise WarroomError(str(exc)) from None
        try:
            return SyncEngine(self.ctx.store, hub).sync_once(settle=settle)
        finally:
            hub.close()

    def local_waiting(self) -> int:
        return self.ctx.store.outbox_size()


def init_hub(hub_url: str, app_role: str = "warroom_app"):
    from warroom.integrations.secrets import url_with_password
    from warroom.sync.hub import HubError
    from warroom.sync.hub_admin import init_hub as _init

    try:
        return _init(url_with_password(hub_url), app_role)
    except HubError as exc:
        raise WarroomError(str(exc)) from None


SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "allow", "disable")


def postgres_hub_url(host: str, port: int, database: str, user: str, sslmode: str = "prefer") -> str:
    """A hub URL without a password: the password lives in the keyring."""
    from urllib.parse import quote

    from warroom.domain.errors import ValidationError

    if not host.strip() or not database.strip() or not user.strip():
        raise ValidationError("A PostgreSQL hub needs a host, a database and a user.")
    if not 0 < int(port) < 65536:
        raise ValidationError(f"Port {port} is not a TCP port (1-65535).")
    if sslmode not in SSL_MODES:
        raise ValidationError(f"TLS mode {sslmode!r} is not one of {', '.join(SSL_MODES)}.")
    return (
        f"postgresql://{quote(user.strip(), safe='')}@{host.strip()}:{int(port)}/"
        f"{quote(database.strip(), safe='')}?sslmode={sslmode}"
    )


def sqlite_hub_url(path: str) -> str:
    from pathlib import Path

    from warroom.domain.errors import ValidationError

    if not path.strip():
        raise ValidationError("Choose the shared SQLite file.")
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def remember_hub_password(hub_url: str, password: str) -> None:
    """Keep the password in the OS keyring, keyed by the URL without it."""
    from urllib.parse import unquote, urlsplit

    from warroom.integrations.secrets import store_password

    user = unquote(urlsplit(hub_url).username or "")
    if password and user:
        store_password(hub_url, user, password)
