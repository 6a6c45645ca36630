"""Wake-ups from the hub: "something new, pull now". A wake-up never carries data.

(Its payload is the pushing device's id, only so that a replica can ignore
the wake-ups caused by its own pushes.)

On PostgreSQL a dedicated autocommit connection LISTENs on the channel that
every push NOTIFYs in its own transaction. A SQLite file has no such thing,
so its newest sequence number is polled a few times a second.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable, Protocol

import psycopg

from warroom.sync.hub import CHANNEL, Hub, HubError, conninfo, safe_reason

log = logging.getLogger("warroom.sync")

Wake = Callable[[], None]
Lost = Callable[[str], None]

POLL_SECONDS = 0.25


class Listener(Protocol):
    def start(self) -> None: ...
    def stop(self) -> None: ...


def conninfo_for(hub: Hub) -> str:
    return conninfo(hub.url)


class PostgresListener:
    """LISTEN on a connection of its own; calls `on_wake` per notification, `on_lost` once if it dies."""

    def __init__(self, hub: Hub, on_wake: Wake, on_lost: Lost, *, tick: float = 0.25,
                 own_device: str = "") -> None:
        self._hub = hub
        self._own = own_device
        self._on_wake = on_wake
        self._on_lost = on_lost
        self._tick = tick
        self._stopping = threading.Event()
        self._conn: psycopg.Connection | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Connect and LISTEN before returning, so no push after this call goes unnoticed."""
        try:
            self._conn = psycopg.connect(
                conninfo_for(self._hub), autocommit=True, connect_timeout=3,
                application_name="warroom-listen", keepalives=1, keepalives_idle=5,
                keepalives_interval=2, keepalives_count=3, tcp_user_timeout=10_000)
            self._conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            self._close()
            raise HubError(f"Cannot listen to the hub ({safe_reason(self._hub.url, exc)}).", ) from None
        self._thread = threading.Thread(target=self._run, name="warroom-listen", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        assert self._conn is not None
        try:
            while not self._stopping.is_set():
                for note in self._conn.notifies(timeout=self._tick):
                    if not self._own or note.payload != self._own:
                        self._on_wake()
        except psycopg.Error as exc:
            if not self._stopping.is_set():
                self._on_lost(f"Lost the hub's notifications ({safe_reason(self._hub.url, exc)}).")
        finally:
            self._close()

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # closing a dead connection may fail; it is gone either way
                pass

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=self._tick * 4 + 1)


class PollingListener:
    """For a SQLite hub: wake when the log's newest sequence number grows."""

    def __init__(self, hub: Hub, on_wake: Wake, on_lost: Lost, *, every: float = POLL_SECONDS) -> None:
        self._hub = hub
        self._on_wake = on_wake
        self._on_lost = on_lost
        self._every = every
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._seen = 0

    def start(self) -> None:
        self._seen = self._hub.last_seq()
        self._thread = threading.Thread(target=self._run, name="warroom-poll", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stopping.wait(self._every):
            try:
                newest = self._hub.last_seq()
            except HubError as exc:
                self._on_lost(str(exc))
                return
            if newest != self._seen:
                self._seen = newest
                self._on_wake()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=self._every * 4 + 1)


def listener_for(hub: Hub, on_wake: Wake, on_lost: Lost, own_device: str = "") -> Listener:
    if hub.is_postgres:
        return PostgresListener(hub, on_wake, on_lost, own_device=own_device)
    return PollingListener(hub, on_wake, on_lost)
