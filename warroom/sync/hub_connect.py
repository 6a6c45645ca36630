"""Reaching a hub: its engine (short timeouts, keepalives), libpq's connection string, and
errors that say what failed without the password."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo
from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from warroom.domain.errors import StoreError
from warroom.store.db import check_sqlite_file, describe
from warroom.sync.hub_pg import push_refusal


class HubError(StoreError):
    """The hub could not be reached or refused a request; the message has no password.

    `offline` is True when the hub is merely unreachable (retrying will do),
    False when it answered but refused (wrong schema, no privilege, bad login).
    """

    def __init__(self, message: str, *, offline: bool = True) -> None:
        super().__init__(message)
        self.offline = offline


def failure(url: URL, what: str, exc: Exception) -> HubError:
    refused = push_refusal(str(getattr(exc, "orig", None) or exc))
    if refused:
        return HubError(f"{what}: {refused}", offline=False)
    unreachable = isinstance(exc, (OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError))
    return HubError(f"{what} ({safe_reason(url, exc)}).", offline=unreachable)


def _sqlite_hub_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=DELETE")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def hub_engine(url: URL, *, autocommit: bool = True) -> Engine:
    """An engine for a hub: short timeouts and keepalives so a dead link fails fast.

    No pre-ping: a connection that died fails its statement, and the sync
    runner then reconnects with a fresh Hub anyway.
    """
    if url.get_backend_name() == "sqlite":
        check_sqlite_file(url, create_folder=True)  # as before: `hub init` makes the shared folder
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_hub_pragmas)
        return engine
    return create_engine(
        url,
        pool_size=2,
        max_overflow=2,
        isolation_level="AUTOCOMMIT" if autocommit else "READ COMMITTED",
        connect_args={
            "connect_timeout": 3,
            "application_name": "warroom-sync",
            "keepalives": 1,
            "keepalives_idle": 5,
            "keepalives_interval": 2,
            "keepalives_count": 3,
            "tcp_user_timeout": 10_000,
        },
    )


def conninfo(url: URL) -> str:
    """The URL as libpq takes it (password included: never print or log this)."""
    parts: dict[str, Any] = {
        "host": url.host,
        "port": url.port,
        "dbname": url.database,
        "user": url.username,
        "password": url.password,
    }
    for key, value in url.query.items():  # sslmode, options...: as given, not re-encoded
        parts[key] = value if isinstance(value, str) else value[-1]
    return make_conninfo(**{k: v for k, v in parts.items() if v is not None})


def safe_reason(url: URL, exc: BaseException) -> str:
    """The first line of a driver error, with the hub named and any password removed."""
    raw = str(getattr(exc, "orig", None) or exc).strip()
    line = raw.splitlines()[0] if raw else type(exc).__name__
    if url.password:
        line = line.replace(str(url.password), "***")
    return f"{describe(url)}: {line}"
