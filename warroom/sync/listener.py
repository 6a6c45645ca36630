"""Wake-ups for the sync thread: "something new, pull now" or "a local commit, push now".

A wake-up never carries data. On PostgreSQL the hub's own connection LISTENs
on the channel that every push NOTIFYs (the payload is the pushing device's
id, only so that a replica can ignore its own pushes), and the sync thread
waits on that socket and on its own wake-ups at once (`Waker`): no thread in
between. A SQLite file has no such thing, so its newest sequence number is
polled a few times a second from a thread of its own.
"""

from __future__ import annotations

import logging
import selectors
import socket
import threading
from collections.abc import Callable

from warroom.sync.hub import Hub, HubError

log = logging.getLogger("warroom.sync")

Wake = Callable[[], None]
Lost = Callable[[str], None]

POLL_SECONDS = 0.25


class Waker:
    """Like threading.Event, but waited on with a selector, together with the hub's socket.

    `set()` may be called from any thread; `wait()` and `clear()` from the sync thread only.
    """

    def __init__(self) -> None:
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._read, selectors.EVENT_READ, None)
        self._watched: int | None = None

    def set(self) -> None:
        try:
            self._write.send(b"\0")
        except (BlockingIOError, OSError):  # full: it is set already; closed: nobody waits any more
            pass

    def watch(self, fileno: int | None, on_ready: Callable[[], None] | None = None) -> None:
        """Also wake when `fileno` is readable, calling `on_ready` first; None stops watching."""
        if self._watched is not None:
            self._selector.unregister(self._watched)
            self._watched = None
        if fileno is not None:
            self._selector.register(fileno, selectors.EVENT_READ, on_ready)
            self._watched = fileno

    def wait(self, timeout: float | None = None) -> bool:
        """True if woken (set, or the watched socket had something) before the timeout."""
        events = self._selector.select(timeout)
        for key, _ in events:
            if key.data is not None:
                key.data()
        return bool(events)

    def clear(self) -> None:
        try:
            while self._read.recv(4096):
                pass
        except (BlockingIOError, OSError):
            pass

    def close(self) -> None:
        self._selector.close()
        self._read.close()
        self._write.close()


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
