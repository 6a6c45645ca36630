"""The sync engine's side of the local store: the outbox, the cursor and clock in local_meta, and
the transaction a pulled batch is applied in. Plain SQL on the DBAPI cursor of the store's own
connections: a pulled entry is a dozen small statements, and SQLAlchemy's per-statement cost
would be most of the time spent.

A batch is applied in BEGIN IMMEDIATE (SQLite): its reads and writes form one step against
local edits made at the same time, and the cursor check inside it makes two engines on one
store (the app and a `warroom sync --once`) never apply a batch twice. It commits without an
fsync (synchronous=NORMAL for that transaction only): a power cut may lose the last applied
batch, but its cursor goes with it in the same transaction, so the batch is simply pulled
again. Local edits, the only copy until pushed, keep synchronous=FULL; WAL makes every FULL
commit durable together with everything before it. Forgetting pushed changes is just as
safe to lose: they are pushed again, and the hub ignores a change it has.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy.engine import Connection

from warroom.store.store import Store

CHUNK = 500  # ids per IN (...) list; well under SQLite's variable limit


class Tx:
    """Statements on the DBAPI cursor of a SQLAlchemy connection, inside its transaction."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect
        self.cursor = conn.connection.dbapi_connection.cursor()
        self.lite = self._qmark = conn.dialect.name == "sqlite"

    def run(self, statement: str, params: Sequence[Any] = ()) -> Any:
        """Run SQL written with `?` placeholders; returns the cursor for fetching."""
        self.cursor.execute(statement if self._qmark else statement.replace("?", "%s"), params)
        return self.cursor

    def many(self, compiled_sql: str, params: list) -> None:
        """executemany of SQL already compiled for this dialect."""
        self.cursor.executemany(compiled_sql, params)

    def run_many(self, statement: str, params: list) -> None:
        """executemany of SQL written with `?` placeholders."""
        self.cursor.executemany(statement if self._qmark else statement.replace("?", "%s"), params)


class LocalLink:
    """The engine's way into its store: a connection kept for the engine's life, or one per call.

    A kept connection (the live runner's engine) is taken from the store's pool once and set to
    synchronous=NORMAL once; `close()` gives it back as it found it.
    """

    def __init__(self, store: Store, *, keep: bool = False) -> None:
        self._store = store
        self._keep = keep
        self._kept: Tx | None = None

    @contextmanager
    def _connection(self) -> Iterator[Tx]:
        if self._kept is not None:
            yield self._kept
            return
        if not self._keep:
            with self._store.engine.connect() as conn:
                tx = Tx(conn)
                _relaxed(tx, True)
                try:
                    yield tx
                finally:
                    _relaxed(tx, False)
                    tx.cursor.close()
            return
        if self._kept is None:
            self._kept = Tx(self._store.engine.connect())
            _relaxed(self._kept, True)
        yield self._kept

    @contextmanager
    def pinned(self) -> Iterator[Tx]:
        """One connection for every call made inside (a long catch-up takes one from the pool once)."""
        if self._kept is not None or self._keep:
            with self._connection() as tx:
                yield tx
            return
        with self._connection() as tx:
            self._kept = tx
            try:
                yield tx
            finally:
                self._kept = None

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """A write transaction (BEGIN IMMEDIATE on SQLite) that commits on success."""
        with self._connection() as tx:
            conn, dbapi = tx.conn, tx.conn.connection.dbapi_connection
            try:
                if tx.lite:
                    tx.run("BEGIN IMMEDIATE")
                yield tx
                conn.commit() if conn.in_transaction() else dbapi.commit()
            except BaseException:
                conn.rollback() if conn.in_transaction() else dbapi.rollback()
                raise

    def outbox_after(self, seq: int, limit: int) -> list[tuple]:
        """(seq, change_id, table_name, row_id, payload JSON text, stamp) of changes after `seq`."""
        with self._connection() as tx:
            return tx.run(
                "SELECT seq, change_id, table_name, row_id, payload, stamp FROM sync_outbox "
                "WHERE seq > ? ORDER BY seq LIMIT ?",
                (seq, limit),
            ).fetchall()

    def close(self) -> None:
        kept, self._kept = self._kept, None
        if kept is not None:
            try:
                _relaxed(kept, False)
                kept.cursor.close()
            finally:
                kept.conn.close()


def _relaxed(tx: Tx, on: bool) -> None:
    """Commits without an fsync (see above) on SQLite, or back to the store's own setting."""
    if tx.lite:
        tx.run("PRAGMA synchronous=NORMAL" if on else "PRAGMA synchronous=FULL")


def forget_pushed(tx: Tx, change_ids: Sequence[str]) -> None:
    """Drop pushed changes from the outbox by id (a seq may be reused once its row is gone)."""
    for start in range(0, len(change_ids), CHUNK):
        chunk = change_ids[start : start + CHUNK]
        tx.run(f"DELETE FROM sync_outbox WHERE change_id IN ({', '.join('?' * len(chunk))})", tuple(chunk))


def read_meta(tx: Tx, key: str) -> str | None:
    row = tx.run("SELECT value FROM local_meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def write_meta(tx: Tx, key: str, value: str) -> None:
    tx.run(
        "INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def replace_meta(tx: Tx, key: str, old: str, new: str) -> bool:
    """Set `key` to `new` if it holds `old`; True if it did."""
    return tx.run("UPDATE local_meta SET value = ? WHERE key = ? AND value = ?", (new, key, old)).rowcount == 1


def raise_meta(tx: Tx, key: str, value: str) -> None:
    """Set `key` to `value` unless it already holds a greater one (stamps compare as text)."""
    tx.run(
        "INSERT INTO local_meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
        "DO UPDATE SET value = excluded.value WHERE excluded.value > local_meta.value",
        (key, value),
    )


def existing_ids(tx: Tx, table: str, column: str, ids: set[str]) -> set[str]:
    """Which of `ids` are already in `table`."""
    found: set[str] = set()
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        marks = ", ".join("?" * len(chunk))
        found.update(
            r[0] for r in tx.run(f"SELECT {column} FROM {table} WHERE {column} IN ({marks})", tuple(chunk)).fetchall()
        )
    return found
