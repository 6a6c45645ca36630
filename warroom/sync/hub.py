"""The hub: a shared Warroom database whose `hub_changes` table is the change log.

Push is idempotent (a change id is inserted once, whatever the retries).
Pull reads the log from a cursor. On PostgreSQL the log is ordered by
(txid, seq) and only rows whose transaction id is below the current
snapshot's xmin are read: a transaction that started earlier but commits
later always has a txid at or above that xmin, so it can never land behind a
cursor that has already moved on. On a SQLite file writers are serialised,
so the sequence alone is commit order.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Sequence

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError

from warroom.domain.errors import StoreError
from warroom.domain.ids import new_id
from warroom.store import migrate
from warroom.store.db import check_sqlite_file, describe, explain_connect_error, parse_url
from warroom.store.models import HubChangeRow, LocalMetaRow
from warroom.store.replication import Change

log = logging.getLogger("warroom.sync")

CHANNEL = "warroom_changes"
HUB_ID_KEY = "hub_id"
PUSH_BATCH = 500
SQLITE_HUB_WARNING = (
    "A SQLite hub on a shared drive relies on the file system's locks: Warroom opens it with the "
    "rollback journal (journal_mode=DELETE) because WAL needs shared memory on one machine and "
    "breaks on network file systems. Keep it to a few laptops on a drive with working locks "
    "(SMB, not NFS); use PostgreSQL for anything bigger."
)

_log_table = HubChangeRow.__table__

# One fixed statement for any batch size (arrays, not a VALUES list), so it is
# prepared once; WITH ORDINALITY keeps the outbox order in the sequence.
_PG_PUSH = text(
    "WITH inserted AS ("
    " INSERT INTO hub_changes (change_id, table_name, row_id, payload, stamp, device, txid, pushed_at)"
    " SELECT u.c, u.t, u.r, u.p, u.s, u.d, pg_current_xact_id(), now()"
    " FROM unnest(CAST(:ids AS text[]), CAST(:tables AS text[]), CAST(:rows AS text[]),"
    "             CAST(:payloads AS text[]), CAST(:stamps AS text[]), CAST(:devices AS text[]))"
    "      WITH ORDINALITY AS u(c, t, r, p, s, d, n)"
    " ORDER BY u.n"
    " ON CONFLICT (change_id) DO NOTHING RETURNING 1) "
    f"SELECT (SELECT count(*) FROM inserted), pg_notify('{CHANNEL}', :device)")


@dataclass(frozen=True)
class PullBatch:
    changes: list[Change]
    cursor: HubCursor
    more: bool  # the batch was full: read again right away
    held_back: bool  # committed changes wait behind an older open transaction (PostgreSQL)


@dataclass(frozen=True, order=True)
class HubCursor:
    """How far a replica has read the hub's log: (txid, seq); txid stays 0 on SQLite."""

    txid: int = 0
    seq: int = 0

    def encode(self) -> str:
        return f"{self.txid}:{self.seq}"

    @classmethod
    def decode(cls, raw: str | None) -> "HubCursor":
        if not raw:
            return cls()
        txid, seq = raw.split(":")
        return cls(int(txid), int(seq))


class HubError(StoreError):
    """The hub could not be reached or refused a request; the message has no password.

    `offline` is True when the hub is merely unreachable (retrying will do),
    False when it answered but refused (wrong schema, no privilege, bad login).
    """

    def __init__(self, message: str, *, offline: bool = True) -> None:
        super().__init__(message)
        self.offline = offline


def _failure(url: URL, what: str, exc: SQLAlchemyError) -> HubError:
    unreachable = isinstance(exc, (OperationalError, InterfaceError))
    return HubError(f"{what} ({safe_reason(url, exc)}).", offline=unreachable)


def _sqlite_hub_pragmas(dbapi_conn, _record) -> None:
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
        check_sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_hub_pragmas)
        return engine
    return create_engine(url, pool_size=2, max_overflow=2,
                         isolation_level="AUTOCOMMIT" if autocommit else "READ COMMITTED", connect_args={
        "connect_timeout": 3, "application_name": "warroom-sync", "keepalives": 1,
        "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 3,
        "tcp_user_timeout": 10_000,
    })


def safe_reason(url: URL, exc: BaseException) -> str:
    """The first line of a driver error, with the hub named and any password removed."""
    raw = str(getattr(exc, "orig", None) or exc).strip()
    line = raw.splitlines()[0] if raw else type(exc).__name__
    if url.password:
        line = line.replace(str(url.password), "***")
    return f"{describe(url)}: {line}"


class Hub:
    """Push to and pull from one hub. Thread-safe: every call takes its own connection."""

    def __init__(self, url: URL | str) -> None:
        self.url = parse_url(url) if isinstance(url, str) else url
        self.engine = hub_engine(self.url)
        try:
            self.identity = self._check_schema_and_identity()
        except StoreError:
            self.engine.dispose()
            raise
        except SQLAlchemyError as exc:
            self.engine.dispose()
            message = str(explain_connect_error(self.url, exc))
            raise HubError(message, offline=message.startswith("Cannot reach")) from None

    @property
    def is_postgres(self) -> bool:
        return self.url.get_backend_name() == "postgresql"

    @property
    def location(self) -> str:
        return describe(self.url)

    @property
    def warning(self) -> str | None:
        return None if self.is_postgres else SQLITE_HUB_WARNING

    def _check_schema_and_identity(self) -> str:
        with self.engine.connect() as conn:
            current = migrate.current_revision(conn)
            if current != migrate.head_revision():
                raise HubError(
                    f"The hub at {self.location} is not ready for this version of Warroom "
                    f"(schema {current or 'missing'}): run 'warroom hub init' on it with an admin role.",
                    offline=False)
            found = conn.execute(select(LocalMetaRow.value).where(LocalMetaRow.key == HUB_ID_KEY)).scalar()
            if found:
                return found
        return ensure_hub_identity(self.engine)

    # -- push ---------------------------------------------------------------------
    def push(self, changes: Sequence[Change]) -> int:
        """Add changes to the log; ones already there are skipped. Returns how many were new.

        On PostgreSQL each batch is one autocommitted statement that inserts,
        stamps its transaction id and NOTIFYs: one round trip, and the wake-up
        is delivered only once the rows are committed.
        """
        added = 0
        try:
            with self.engine.connect() as conn:
                for start in range(0, len(changes), PUSH_BATCH):
                    added += self._insert(conn, changes[start:start + PUSH_BATCH])
                conn.commit()
        except SQLAlchemyError as exc:
            raise _failure(self.url, "Push to the hub failed", exc) from None
        return added

    def _insert(self, conn, changes: Sequence[Change]) -> int:
        now = datetime.now(timezone.utc)
        if not self.is_postgres:
            rows = [{"change_id": c.change_id, "table_name": c.table_name, "row_id": c.row_id,
                     "payload": c.payload, "stamp": c.stamp, "device": c.device, "pushed_at": now}
                    for c in changes]
            stmt = (sqlite.insert(_log_table).values(rows)
                    .on_conflict_do_nothing(index_elements=["change_id"]).returning(_log_table.c.seq))
            return len(conn.execute(stmt).all())
        return int(conn.execute(_PG_PUSH, {
            "device": changes[0].device if changes else "",
            "ids": [c.change_id for c in changes], "tables": [c.table_name for c in changes],
            "rows": [c.row_id for c in changes], "stamps": [c.stamp for c in changes],
            "devices": [c.device for c in changes],
            "payloads": [json.dumps(c.payload, ensure_ascii=False, sort_keys=True) for c in changes],
        }).scalar_one())

    # -- pull ---------------------------------------------------------------------
    def pull(self, cursor: HubCursor, limit: int = 1000, *,
             skip_device: str | None = None) -> tuple[list[Change], HubCursor]:
        """The next committed changes after `cursor`, and the cursor after them.

        Changes written by `skip_device` (the caller's own) are left out but
        still passed over, so the cursor moves on. The cursor is unchanged
        only when there is nothing new to read.
        """
        batch = self.read(cursor, limit, skip_device=skip_device)
        return batch.changes, batch.cursor

    def read(self, cursor: HubCursor, limit: int = 1000, *, skip_device: str | None = None) -> "PullBatch":
        """Like `pull`, and also says whether the batch was full and whether changes are held back.

        On PostgreSQL the rows after the cursor come back flagged visible when
        their txid is below the snapshot's xmin; ordered by (txid, seq), the
        visible ones are a prefix, and only that prefix is used. A committed
        row beyond it waits for an older transaction to end: "held back".
        """
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(self._pull_query(), {
                    "txid": str(cursor.txid), "seq": cursor.seq, "limit": limit,
                    "me": skip_device or ""}).all()
        except SQLAlchemyError as exc:
            raise _failure(self.url, "Pull from the hub failed", exc) from None
        visible = [r for r in rows if r.visible]
        held_back = len(visible) < len(rows)
        if not visible:
            return PullBatch([], cursor, False, held_back)
        last = visible[-1]
        changes = [_change(r) for r in visible if r.payload is not None]
        return PullBatch(changes, HubCursor(int(last.txid or 0), int(last.seq)),
                         len(rows) == limit and not held_back, held_back)

    def _pull_query(self):
        # The payload of one's own changes is not sent back: it is already in the local store.
        if self.is_postgres:
            return text(
                "WITH snap AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) "
                "SELECT h.seq, h.change_id, h.table_name, h.row_id, h.stamp, h.device, "
                "h.txid::text AS txid, h.txid < snap.xmin AS visible, "
                "CASE WHEN h.txid < snap.xmin AND h.device <> :me THEN h.payload END AS payload "
                "FROM hub_changes h, snap "
                "WHERE (h.txid, h.seq) > (CAST(:txid AS xid8), :seq) "
                "ORDER BY h.txid, h.seq LIMIT :limit")
        return text("SELECT seq, change_id, table_name, row_id, stamp, device, 0 AS txid, 1 AS visible, "
                    "CASE WHEN device <> :me THEN payload END AS payload "
                    "FROM hub_changes WHERE seq > :seq ORDER BY seq LIMIT :limit")

    def held_back(self, cursor: HubCursor) -> bool:
        """True if committed changes wait behind an older, still-open transaction (PostgreSQL)."""
        if not self.is_postgres:
            return False
        try:
            with self.engine.connect() as conn:
                return bool(conn.execute(text(
                    "SELECT EXISTS (SELECT 1 FROM hub_changes WHERE (txid, seq) > (CAST(:txid AS xid8), :seq) "
                    "AND txid >= pg_snapshot_xmin(pg_current_snapshot()))"),
                    {"txid": str(cursor.txid), "seq": cursor.seq}).scalar())
        except SQLAlchemyError as exc:
            raise _failure(self.url, "Reading the hub failed", exc) from None

    def last_seq(self) -> int:
        """The newest sequence number in the log (for polling a SQLite hub)."""
        try:
            with self.engine.connect() as conn:
                return int(conn.execute(select(func.coalesce(func.max(_log_table.c.seq), 0))).scalar_one())
        except SQLAlchemyError as exc:
            raise _failure(self.url, "Reading the hub failed", exc) from None

    def ping(self) -> None:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise _failure(self.url, "The hub does not answer", exc) from None

    def close(self) -> None:
        self.engine.dispose()


def ensure_hub_identity(engine: Engine) -> str:
    """The hub's own id, made once: replicas key their cursor by it, so a new hub means a full pull."""
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    table = LocalMetaRow.__table__
    with engine.begin() as conn:
        conn.execute(dialect.insert(table).values(key=HUB_ID_KEY, value=new_id())
                     .on_conflict_do_nothing(index_elements=["key"]))
        return conn.execute(select(table.c.value).where(table.c.key == HUB_ID_KEY)).scalar_one()


def _change(row) -> Change:
    payload = row.payload if isinstance(row.payload, dict) else json.loads(row.payload)
    return Change(row.change_id, row.table_name, row.row_id, payload, row.stamp, row.device)


def changes_from_outbox(rows: Iterable, device: str) -> list[Change]:
    return [Change(r.change_id, r.table_name, r.row_id, r.payload, r.stamp, device) for r in rows]
