"""Sync as the window and the CLI see it: start, stop, sync now, one round, hub init."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from warroom.domain.errors import WarroomError
from warroom.services.context import ServiceContext
from warroom.store.db import redact

if TYPE_CHECKING:
    from warroom.sync.runner import SyncRunner

log = logging.getLogger("warroom.services")


@dataclass(frozen=True)
class SyncView:
    """What the status bar shows; `tone` picks the colour: ok, busy, warn, error."""

    text: str
    tone: str
    waiting: int = 0
    refused: int = 0  # changes from the hub this laptop refused (Sync problems)


_TONES = {"live": "ok", "syncing": "busy", "offline": "warn", "failed": "error"}


def view_of(state) -> SyncView:
    return SyncView(str(state), _TONES.get(state.phase.value, "warn"), state.waiting, state.refused)


def _full(hub_url: str) -> str:
    """The hub URL for the driver: a keyword DSN as a URL, with the keyring's password (never show this)."""
    from warroom.integrations.secrets import url_with_password  # keyring: only when syncing
    from warroom.store.db import as_url_text

    return url_with_password(as_url_text(hub_url))


class SyncService:
    """Keeps the local store live on a hub in the background; never raises into the window."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self._runner: SyncRunner | None = None

    @property
    def running(self) -> bool:
        return self._runner is not None

    def start(self, hub_url: str, on_state: Callable[[SyncView], None]) -> None:
        from warroom.sync.runner import SyncRunner

        self.stop()
        full_url = _full(hub_url)
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
        from warroom.sync.engine import SyncEngine
        from warroom.sync.hub import Hub, HubError

        try:
            hub = Hub(_full(hub_url))
        except HubError as exc:
            raise WarroomError(str(exc)) from None
        try:
            return SyncEngine(self.ctx.store, hub).sync_once(settle=settle)
        finally:
            hub.close()

    def local_waiting(self) -> int:
        return self.ctx.store.outbox_size()

    def problems(self) -> list:
        """Changes from the hub this laptop refused, newest first (sync.quarantine.Problem values)."""
        from warroom.sync.quarantine import problems

        return problems(self.ctx.store)

    def problem_count(self) -> int:
        from warroom.sync.quarantine import count

        return count(self.ctx.store)


def init_hub(hub_url: str, app_role: str = "warroom_app"):
    from warroom.sync.hub import HubError
    from warroom.sync.hub_admin import init_hub as _init

    try:
        return _init(_full(hub_url), app_role)
    except HubError as exc:
        raise WarroomError(str(exc)) from None


def add_hub_user(hub_url: str, name: str, password: str, app_role: str = "warroom_app") -> str:
    """As the hub's admin: a login role for one person, in the app role."""
    from warroom.sync.hub import HubError
    from warroom.sync.hub_admin import add_user

    try:
        return add_user(_full(hub_url), name, password, app_role)
    except HubError as exc:
        raise WarroomError(str(exc)) from None


def retire_hub_change(hub_url: str, change_id: str, reason: str) -> str:
    """As the hub's admin: mark a change refused for every laptop (recorded, not deleted)."""
    import getpass

    from warroom.sync.hub import HubError
    from warroom.sync.hub_admin import retire_change

    try:
        return retire_change(_full(hub_url), change_id, reason, getpass.getuser())
    except HubError as exc:
        raise WarroomError(str(exc)) from None


def compact_hub(hub_url: str, keep_days: float = 30.0) -> str:
    """As the hub's admin: fold changes older than `keep_days` into the hub's snapshot (see sync.compaction)."""
    from warroom.sync.compaction import compact
    from warroom.sync.hub import HubError

    try:
        return str(compact(_full(hub_url), keep_days))
    except HubError as exc:
        raise WarroomError(str(exc)) from None


def compact_hub_if_due(hub_url: str) -> str:
    """As the hub's admin (from cron): apply the hub's compaction policy if it is due."""
    import getpass

    from warroom.sync.compaction_policy import apply_if_due
    from warroom.sync.hub import HubError

    try:
        done = apply_if_due(_full(hub_url), f"warroom hub compact --if-due ({getpass.getuser()})")
    except HubError as exc:
        raise WarroomError(str(exc)) from None
    return str(done) if done else "The compaction policy is not due (or is off, or this login may not compact)."


def hub_policy(hub_url: str, compact_after_days: float | None = None, every_hours: float | None = None, off=False):
    """The hub's compaction policy; with `compact_after_days` or `off`, set it first (as the hub's admin)."""
    from warroom.sync import compaction_policy as policy
    from warroom.sync.hub import HubError

    try:
        if off or compact_after_days is not None:
            return policy.set_policy(
                _full(hub_url), None if off else compact_after_days, every_hours or policy.EVERY_HOURS
            )
        return policy.read_policy(_full(hub_url))
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
