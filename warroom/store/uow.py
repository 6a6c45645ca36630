"""One user action = one unit of work: a connection, the replicated writer, repositories.

The unit of work holds one connection in one transaction, which it commits itself: on SQLite
its thread's kept connection (store/kept.py), otherwise one from the pool. It begins no
SQLAlchemy transaction of its own: Core statements and a Session begin one when they run,
and the fast paths' writes on the DBAPI connection are in the one pysqlite begins (SQLite
begins nothing for a read outside a write). commit() commits whichever is open; the end of
the block rolls back whatever is left.
An ORM Session is made only when a repository asks for one, bound to that same connection
and transaction: a timeline append (the hot path) never pays for a Session's begin,
connection bookkeeping and commit, which cost about as much as its three inserts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from warroom.domain.clock import HybridClock
from warroom.store.kept import KeptConnections
from warroom.store.replication import Change, Replicator
from warroom.store.repositories import Repositories


class UnitOfWork:
    """`with store.unit_of_work() as uow: ...; uow.commit()` — repositories never commit."""

    connection: Connection | None
    writer: Replicator  # raw replicated writes: the sync engine and tests; services write through repos
    repos: Repositories

    def __init__(
        self, connections: KeptConnections, clock: HybridClock, on_commit: Callable[[Iterable[str]], None]
    ) -> None:
        self._connections = connections
        self._clock = clock
        self._on_commit = on_commit
        self._touched: set[str] = set()
        self._session: Session | None = None
        self._cache_before: int | None = None
        self.connection = None

    def __enter__(self) -> UnitOfWork:
        conn = self.connection = self._connections.take()
        self.writer = _TrackingReplicator(conn, self._clock, self._touched)
        self.repos = Repositories(lambda: self.session, self.writer)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.connection is not None
        self._close_session()
        self._restore_cache()  # a kept connection serves the next unit of work with its own cache again
        connection, self.connection = self.connection, None
        self._connections.give_back(connection)  # what was not committed is rolled back

    def widen_cache(self, kib: int) -> None:
        """A bulk write's page cache (SQLite; elsewhere nothing), until the unit of work ends.

        With SQLite's default 2 MB, a 150,000-contact import spills the pages it is still
        filling to the WAL and writes them again and again (a third of its SQLite time)."""
        assert self.connection is not None
        raw = self.connection.connection.dbapi_connection
        if self.connection.dialect.name != "sqlite" or raw is None or self._cache_before is not None:
            return
        self._cache_before = raw.execute("PRAGMA cache_size").fetchone()[0]
        raw.execute(f"PRAGMA cache_size={-int(kib)}")

    def _restore_cache(self) -> None:
        assert self.connection is not None
        if self._cache_before is None:
            return
        raw = self.connection.connection.dbapi_connection
        if raw is not None:
            raw.execute(f"PRAGMA cache_size={int(self._cache_before)}")  # the pooled connection's own again
        self._cache_before = None

    def begin_write(self) -> None:
        """Begin the transaction now, as a writer (Replicator.hold_write_lock: on SQLite BEGIN
        IMMEDIATE; elsewhere the first statement begins it). A write that reads first (a
        timeline append reads its incident's start) then reads and writes in one transaction
        under one lock, and the read cannot go stale before the write."""
        assert self.connection is not None, "a unit of work writes only inside its with-block"
        self.writer.hold_write_lock()

    @property
    def session(self) -> Session:
        """An ORM Session in this unit of work's transaction, made the first time it is asked for."""
        if self._session is None:
            conn = self.connection
            assert conn is not None, "a unit of work's session exists only inside its with-block"
            if not conn.in_transaction():
                conn.begin()  # the Session joins it, and leaves it to commit()
            self._session = Session(bind=conn, join_transaction_mode="rollback_only")
        return self._session

    def commit(self) -> None:
        assert self.connection is not None
        if self._session is not None:
            self._session.flush()
        conn = self.connection
        if conn.in_transaction():
            conn.commit()
        else:  # only the fast paths wrote, on the DBAPI connection: the transaction pysqlite began
            raw = conn.connection.dbapi_connection
            assert raw is not None  # a connection in use always has one
            if conn.dialect.name == "sqlite" and raw.in_transaction:
                raw.execute("COMMIT")  # kept prepared by pysqlite; its commit() prepares a COMMIT each time
            else:
                raw.commit()
        self._close_session()  # a later read in this block begins a fresh one
        touched, self._touched = set(self._touched), set()
        self._on_commit(touched)

    def touch(self, *tables: str) -> None:
        self._touched.update(tables)

    def _close_session(self) -> None:
        if self._session is not None:
            self._session.close()  # joined to our transaction, it neither commits nor rolls it back
            self._session = None


class _TrackingReplicator(Replicator):
    """Remembers which tables a unit of work wrote, to tell open views after commit."""

    def __init__(self, conn: Connection, clock: HybridClock, touched: set[str]) -> None:
        super().__init__(conn, clock)
        self._touched_tables = touched

    def create(self, table_name: str, row: dict[str, Any]) -> str:
        self._touched_tables.add(table_name)
        return super().create(table_name, row)

    def create_many(self, table_name: str, rows: list[dict[str, Any]]) -> None:
        self._touched_tables.add(table_name)
        super().create_many(table_name, rows)

    def update_if_present(self, table_name: str, row_id: str, values: dict[str, Any]) -> bool | None:
        self._touched_tables.add(table_name)
        return super().update_if_present(table_name, row_id, values)

    def append(self, table_name: str, row: dict[str, Any], *, new_entry: bool = False) -> str:
        self._touched_tables.add(table_name)
        return super().append(table_name, row, new_entry=new_entry)

    def apply(self, change: Change) -> None:
        self._touched_tables.add(change.table_name)
        super().apply(change)
