"""One connection kept per thread for a SQLite store's units of work.

Taking a connection from the pool and giving it back (a Connection object, the pool's
checkout, its reset on return) costs a unit of work about 40 µs: as much as the three
inserts of a timeline append, the hot path. A thread's units of work reuse one kept
connection instead. Between units of work it holds no transaction, so other threads'
connections see every commit (WAL) and see it at once.

A unit of work opened inside another on the same thread takes its own from the pool.
At most MAX_KEPT threads keep one; a thread that has ended gives its connection back
when the next thread comes to keep one, and every kept connection goes back to the
pool when the store closes (one in use then goes back when its unit of work ends).
PostgreSQL stores take from their pool each time: a server connection kept idle per
thread would cost the server, not just us.
"""

from __future__ import annotations

import threading
import weakref

from sqlalchemy.engine import Connection, Engine

MAX_KEPT = 4  # the app's writer, a reader or two, the sync runner: SQLite's pool holds 15


class _Kept:
    __slots__ = ("busy", "conn", "dropped", "thread")

    def __init__(self, conn: Connection, thread: threading.Thread) -> None:
        self.conn = conn
        self.thread = weakref.ref(thread)
        self.busy = False
        self.dropped = False  # the store closed while this was in use: close it when it comes back


class KeptConnections:
    """`take()` a connection for a unit of work; `give_back(conn)` when the unit ends."""

    def __init__(self, engine: Engine, *, keep: bool) -> None:
        self._engine = engine
        self._keep = keep
        self._local = threading.local()
        self._lock = threading.Lock()
        self._kept: list[_Kept] = []

    def take(self) -> Connection:
        kept: _Kept | None = getattr(self._local, "kept", None)
        if kept is None and self._keep:
            kept = self._keep_one()
        if kept is not None:
            with self._lock:  # close() on another thread must not close it between the check and the use
                usable = not (kept.busy or kept.dropped or kept.conn.invalidated)
                kept.busy = kept.busy or usable
            if usable:
                return kept.conn
        return self._engine.connect()  # nested, not kept, or the store closed: one from the pool

    def give_back(self, conn: Connection) -> None:
        kept: _Kept | None = getattr(self._local, "kept", None)
        if kept is None or kept.conn is not conn:
            conn.close()  # rolls back what was not committed; the connection goes back to the pool
            return
        try:
            if conn.in_transaction():
                conn.rollback()
            raw = None if conn.invalidated else conn.connection.dbapi_connection
            if raw is not None and raw.in_transaction:  # begun by pysqlite, unseen by SQLAlchemy
                raw.rollback()
        finally:
            with self._lock:
                kept.busy = False
                drop = kept.dropped or conn.invalidated
                if drop:
                    self._forget(kept)
            if drop:  # the store's pool is gone: close the file's connection itself, not into that pool
                conn.invalidate()
                conn.close()

    def close(self) -> None:
        """Every idle kept connection back to the pool; one in use goes back when its unit ends."""
        with self._lock:
            self._keep = False
            idle = [k for k in self._kept if not k.busy]
            for kept in self._kept:
                kept.dropped = True
            self._kept = [k for k in self._kept if k.busy]
        for kept in idle:
            kept.conn.close()

    def _keep_one(self) -> _Kept | None:
        """This thread's kept connection, made now; None if MAX_KEPT threads keep one already."""
        ended: list[_Kept] = []
        with self._lock:
            if not self._keep:
                return None
            for kept in list(self._kept):
                thread = kept.thread()
                if not kept.busy and (thread is None or not thread.is_alive()):
                    ended.append(kept)
                    self._kept.remove(kept)
            full = len(self._kept) >= MAX_KEPT
        for kept in ended:
            kept.conn.close()
        if full:
            return None
        kept = _Kept(self._engine.connect(), threading.current_thread())
        with self._lock:
            if not self._keep or len(self._kept) >= MAX_KEPT:
                full = True
            else:
                self._kept.append(kept)
                self._local.kept = kept
        if full:
            kept.conn.close()
            return None
        return kept

    def _forget(self, kept: _Kept) -> None:
        if kept in self._kept:
            self._kept.remove(kept)
        if getattr(self._local, "kept", None) is kept:
            del self._local.kept
