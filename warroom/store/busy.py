"""Saying "waiting for the store" when another program holds the SQLite file.

SQLite waits up to its busy timeout for a lock, silently. A watched connection
notes when each statement starts; a daemon thread looks every quarter second and,
once a statement has been waiting more than a second, logs one notice on the
`warroom.notice.busy` logger, which the CLI prints on stderr and the window
shows in its status bar. The notice says nothing was lost: the write is still
running and will land when the other program lets go.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

notice = logging.getLogger("warroom.notice.busy")

NOTICE_AFTER_S = 1.0
DEFAULT_TIMEOUT_S = 10.0
IDLE_LOOKS_BEFORE_STOP = 8  # two seconds with no statement in flight


def busy_timeout_s() -> float:
    """How long a statement waits for another program's lock (WARROOM_BUSY_TIMEOUT seconds)."""
    raw = os.environ.get("WARROOM_BUSY_TIMEOUT", "")
    try:
        value = float(raw)
    except ValueError:
        return DEFAULT_TIMEOUT_S
    return value if 0 <= value <= 3600 else DEFAULT_TIMEOUT_S


class _Watch:
    def __init__(self, where: str) -> None:
        self.where = where
        self.started: dict[int, float] = {}
        self.noticed: dict[int, float] = {}  # each late statement once: its connection and its start
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None

    # begin and end run around every statement: one dict write each, no lock (only the looking
    # thread touches `noticed`). The looking thread copies `started` (one atomic step under the
    # GIL); before it stops it clears `thread` and then looks at `started` once more, while
    # begin writes `started` before it reads `thread`: one of the two always sees the other,
    # so no statement goes unwatched.
    def begin(self, key: int) -> None:
        self.started[key] = time.monotonic()
        if self.thread is None:
            self._start()

    def end(self, key: int) -> None:
        self.started.pop(key, None)

    def _start(self) -> None:
        with self.lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self._look, name="warroom-busy-watch", daemon=True)
                self.thread.start()

    def _look(self) -> None:
        idle_looks = 0
        while True:
            time.sleep(0.25)
            now = time.monotonic()
            started = self.started.copy()
            idle_looks = 0 if started else idle_looks + 1
            if idle_looks >= IDLE_LOOKS_BEFORE_STOP and self._stop():  # a disposed store's watch must not poll
                return
            late = {k: t for k, t in started.items() if now - t > NOTICE_AFTER_S and self.noticed.get(k) != t}
            self.noticed = {k: t for k, t in self.noticed.items() if started.get(k) == t} | late
            if late:
                notice.warning(
                    "waiting for the store %s: another Warroom or program is writing (up to %.0f s)",
                    self.where,
                    busy_timeout_s(),
                )

    def _stop(self) -> bool:
        with self.lock:
            self.thread = None
            if not self.started:
                return True
            self.thread = threading.current_thread()  # a statement began meanwhile: keep looking
            return False


def watched_connection_class(where: str) -> type[sqlite3.Connection]:
    """A sqlite3 connection class (for `sqlite3.connect(factory=...)`) whose statements are timed.

    Timing at the DBAPI cursor and connection catches every statement, including the bulk
    inserts that bypass SQLAlchemy's execution events."""
    watch = _Watch(where)

    class WatchedCursor(sqlite3.Cursor):
        execute = _timed(watch, sqlite3.Cursor.execute)
        executemany = _timed(watch, sqlite3.Cursor.executemany)

    class WatchedConnection(sqlite3.Connection):
        def cursor(self, factory: Any = WatchedCursor) -> Any:
            return super().cursor(factory)

        execute = _timed(watch, sqlite3.Connection.execute)
        executemany = _timed(watch, sqlite3.Connection.executemany)
        commit = _timed(watch, sqlite3.Connection.commit)

    return WatchedConnection


def execute_holding_write_lock(raw: sqlite3.Connection, sql: str, params: Any) -> sqlite3.Cursor:
    """Run a statement that cannot wait for a lock, unwatched: once a transaction holds the
    write lock (BEGIN IMMEDIATE, watched), SQLite (WAL) takes no other lock for its reads
    and writes. A timeline append's inserts skip the watch's bookkeeping (its hot path)."""
    return sqlite3.Connection.execute(raw, sql, params)


def _timed(watch: _Watch, method: Callable[..., Any]) -> Callable[..., Any]:
    """`method`, with the time it runs reported to `watch` (a notice if it waits for the lock)."""

    def run(self: Any, *args: Any) -> Any:
        watch.begin(id(self))
        try:
            return method(self, *args)
        finally:
            watch.end(id(self))

    return run
