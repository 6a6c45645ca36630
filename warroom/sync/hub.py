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
from sqlalchemy.exc import SQLAlchemyError

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
    """The hub could not be reached or refused a request; the message has no password."""


def _sqlite_hub_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA journal_mode=DELETE")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def hub_engine(url: URL) -> Engine:
    """An engine for a hub: short timeouts and keepalives so a dead link fails fast."""
    if url.get_backend_name() == "sqlite":
        check_sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _sqlite_hub_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=2, connect_args={
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
            raise HubError(str(explain_connect_error(self.url, exc))) from None

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
                    f"(schema {current or 'missing'}): run 'warroom hub init' on it with an admin role.")
            found = conn.execute(select(LocalMetaRow.value).where(LocalMetaRow.key == HUB_ID_KEY)).scalar()
            if found:
                return found
        return ensure_hub_identity(self.engine)

    # -- push ---------------------------------------------------------------------
    def push(self, changes: Sequence[Change]) -> int:
        """Add changes to the log; ones already there are skipped. Returns how many were new."""
        added = 0
        try:
            with self.engine.begin() as conn:
                for start in range(0, len(changes), PUSH_BATCH):
                    added += self._insert(conn, changes[start:start + PUSH_BATCH])
                if self.is_postgres and changes:
                    conn.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})
        except SQLAlchemyError as exc:
            raise HubError(f"Push to the hub failed ({safe_reason(self.url, exc)}).") from None
        return added

    def _insert(self, conn, changes: Sequence[Change]) -> int:
        now = datetime.now(timezone.utc)
        dialect = postgresql if self.is_postgres else sqlite
        rows = []
        for c in changes:
            row = {"change_id": c.change_id, "table_name": c.table_name, "row_id": c.row_id,
                   "payload": c.payload, "stamp": c.stamp, "device": c.device, "pushed_at": now}
            if self.is_postgres:
                row["txid"] = func.pg_current_xact_id()
            rows.append(row)
        stmt = (dialect.insert(_log_table).values(rows)
                .on_conflict_do_nothing(index_elements=["change_id"])
                .returning(_log_table.c.seq))
        return len(conn.execute(stmt).all())

    # -- pull ---------------------------------------------------------------------
    def pull(self, cursor: HubCursor, limit: int = 1000, *,
             skip_device: str | None = None) -> tuple[list[Change], HubCursor]:
        """The next committed changes after `cursor`, and the cursor after them.

        Changes written by `skip_device` (the caller's own) are left out but
        still passed over, so the cursor moves on. The cursor is unchanged
        only when there is nothing new to read.
        """
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(self._pull_query(), {
                    "txid": str(cursor.txid), "seq": cursor.seq, "limit": limit,
                    "me": skip_device or ""}).all()
        except SQLAlchemyError as exc:
            raise HubError(f"Pull from the hub failed ({safe_reason(self.url, exc)}).") from None
        if not rows:
            return [], cursor
        last = rows[-1]
        changes = [_change(r) for r in rows if r.payload is not None]
        return changes, HubCursor(int(last.txid or 0), int(last.seq))

    def _pull_query(self):
        # The payload of one's own changes is not sent back: it is already in the local store.
        columns = ("seq, change_id, table_name, row_id, stamp, device, "
                   "CASE WHEN device = :me THEN NULL ELSE payload END AS payload")
        if self.is_postgres:
            return text(
                f"SELECT {columns}, txid::text AS txid FROM hub_changes "
                "WHERE (txid, seq) > (CAST(:txid AS xid8), :seq) "
                "AND txid < pg_snapshot_xmin(pg_current_snapshot()) "
                "ORDER BY txid, seq LIMIT :limit")
        return text(f"SELECT {columns}, 0 AS txid FROM hub_changes "
                    "WHERE seq > :seq ORDER BY seq LIMIT :limit")

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
            raise HubError(f"Reading the hub failed ({safe_reason(self.url, exc)}).") from None

    def last_seq(self) -> int:
        """The newest sequence number in the log (for polling a SQLite hub)."""
        try:
            with self.engine.connect() as conn:
                return int(conn.execute(select(func.coalesce(func.max(_log_table.c.seq), 0))).scalar_one())
        except SQLAlchemyError as exc:
            raise HubError(f"Reading the hub failed ({safe_reason(self.url, exc)}).") from None

    def ping(self) -> None:
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise HubError(f"The hub does not answer ({safe_reason(self.url, exc)}).") from None

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
