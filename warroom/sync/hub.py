"""The hub: a shared Warroom database whose `hub_changes` table is the change log.

Push is idempotent (a change id is inserted once, whatever the retries).
Pull reads the log from a cursor. On PostgreSQL the log is ordered by
(txid, seq) and the cursor keeps track of transactions that commit out of
order, so a late-committing transaction is never skipped and the ones
around it never wait for it (see hub_cursor). On a SQLite file writers are
serialised, so the sequence alone is commit order.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
from sqlalchemy import func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import SQLAlchemyError

from warroom.domain.errors import StoreError
from warroom.domain.ids import new_id
from warroom.store import migrate
from warroom.store.db import describe, explain_connect_error, parse_url
from warroom.store.models import HubChangeRow, LocalMetaRow
from warroom.store.replication import Change
from warroom.sync.hub_connect import HubError as HubError
from warroom.sync.hub_connect import conninfo, failure, hub_engine
from warroom.sync.hub_cursor import HubCursor, advance
from warroom.sync.hub_pg import CHANNEL, PgLink, WireRow
from warroom.sync.hub_points import LAST_POINT, parse_point
from warroom.sync.hub_wire import decode_row as decode_row
from warroom.sync.hub_wire import read_change, to_wire_row

log = logging.getLogger("warroom.sync")

__all__ = ["CHANNEL", "Hub", "HubCursor", "HubError", "PullBatch", "WireRow"]

HUB_ID_KEY = "hub_id"
PUSH_BATCH = 500
SQLITE_HUB_WARNING = (
    "A SQLite hub on a shared drive relies on the file system's locks: Warroom opens it with the "
    "rollback journal (journal_mode=DELETE) because WAL needs shared memory on one machine and "
    "breaks on network file systems. Keep it to a few laptops on a drive with working locks "
    "(SMB, not NFS); use PostgreSQL for anything bigger."
)

_log_table = HubChangeRow.__table__
_PARAM = re.compile(r":(\w+)")
# One's own changes and changes an admin retired (hub_refused) come without their payload: skipped.
_SQLITE_READ = text(
    "SELECT 0, seq, change_id, table_name, row_id, stamp, device, CASE WHEN device <> :me AND "
    "NOT EXISTS (SELECT 1 FROM hub_refused r WHERE r.change_id = hub_changes.change_id) THEN payload END "
    "FROM hub_changes WHERE seq > :seq ORDER BY seq LIMIT :limit"
)
_COMPACTED = text(LAST_POINT)
# The snapshot after a position, in log order, payloads left out as in _SQLITE_READ. The position as
# a row value, which the (txid, seq) index seeks to: written out as txid > t OR (txid = t AND seq > s),
# PostgreSQL scanned the index from its start and filtered every row before the position out (a read
# 180,000 rows in took 61 ms instead of 8; a whole join, quadratic in the size of the snapshot).
_SNAPSHOT = (
    "SELECT txid, seq, change_id, table_name, row_id, stamp, device, CASE WHEN device <> :me AND "
    "NOT EXISTS (SELECT 1 FROM hub_refused r WHERE r.change_id = s.change_id) THEN payload END "
    "FROM hub_snapshot s WHERE (txid, seq) > (:t, :s) ORDER BY txid, seq LIMIT :limit"
)


@dataclass(frozen=True)
class PullBatch:
    changes: list[Change]
    cursor: HubCursor
    more: bool  # the batch was full: read again right away
    held_back: bool  # committed changes wait until an older transaction ends (see hub_cursor)
    behind: tuple[int, int] | None = None  # the log was compacted past the cursor: read the snapshot first


class Hub:
    """Push to and pull from one hub. Thread-safe (PostgreSQL calls share one serialised connection)."""

    def __init__(self, url: URL | str) -> None:
        self.url = parse_url(url) if isinstance(url, str) else url
        self.engine = hub_engine(self.url, autocommit=False)
        self._link: PgLink | None = None
        try:
            self.identity = self._check_schema_and_identity()
            if self.is_postgres:
                self._link = PgLink(conninfo(self.url))
                self.engine.dispose()  # pushes and pulls go through the link: hold no idle connection
        except StoreError:
            self.engine.dispose()
            raise
        except psycopg.Error as exc:
            self.engine.dispose()
            raise failure(self.url, "Cannot reach the hub", exc) from None
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
                    offline=False,
                )
            found = conn.execute(select(LocalMetaRow.value).where(LocalMetaRow.key == HUB_ID_KEY)).scalar()
            if found:
                return found
        return ensure_hub_identity(self.engine)

    # -- push ---------------------------------------------------------------------
    def push(self, changes: Sequence[Change]) -> int:
        """Add changes to the log; ones already there are skipped. Returns how many were new."""
        return self.push_wire([to_wire_row(c) for c in changes])

    def push_wire(self, rows: Sequence[WireRow]) -> int:
        """`push` for changes whose payload is already JSON text (as the outbox keeps it).

        On PostgreSQL each batch is one autocommitted statement that inserts,
        stamps its transaction id and NOTIFYs: one round trip, and the wake-up
        is delivered only once the rows are committed.
        """
        added = 0
        try:
            for start in range(0, len(rows), PUSH_BATCH):
                batch = rows[start : start + PUSH_BATCH]
                added += self._link.push(batch, batch[0][5]) if self._link else self._sqlite_push(batch)
        except (SQLAlchemyError, psycopg.Error) as exc:
            raise failure(self.url, "Push to the hub failed", exc) from None
        return added

    def _sqlite_push(self, rows: Sequence[WireRow]) -> int:
        now = datetime.now(UTC)
        values = [
            {
                "change_id": r[0],
                "table_name": r[1],
                "row_id": r[2],
                "payload": json.loads(r[3]),
                "stamp": r[4],
                "device": r[5],
                "pushed_at": now,
            }
            for r in rows
        ]
        stmt = (
            sqlite.insert(_log_table)
            .values(values)
            .on_conflict_do_nothing(index_elements=["change_id"])
            .returning(_log_table.c.seq)
        )
        with self.engine.begin() as conn:
            return len(conn.execute(stmt).all())

    # -- pull ---------------------------------------------------------------------
    def pull(
        self, cursor: HubCursor, limit: int = 1000, *, skip_device: str | None = None
    ) -> tuple[list[Change], HubCursor]:
        """The next committed changes after `cursor`, and the cursor after them.

        Changes written by `skip_device` (the caller's own) are left out but
        still passed over, so the cursor moves on. The cursor is unchanged
        only when there is nothing new to read.
        """
        batch = self.read(cursor, limit, skip_device=skip_device)
        return batch.changes, batch.cursor

    def read(self, cursor: HubCursor, limit: int = 1000, *, skip_device: str | None = None) -> PullBatch:
        """Like `pull`, and also says whether the batch was full and whether changes are held back."""
        me = skip_device or ""
        try:
            if self._link is not None:
                xmin, compacted, rows = self._link.read(cursor, limit, me)
            else:
                with self.engine.begin() as conn:  # one read transaction: the point and the rows agree
                    compacted = conn.execute(_COMPACTED).scalar()
                    xmin, rows = None, conn.execute(_SQLITE_READ, {"me": me, "seq": cursor.seq, "limit": limit}).all()
        except (SQLAlchemyError, psycopg.Error) as exc:
            raise failure(self.url, "Pull from the hub failed", exc) from None
        point = parse_point(compacted)
        if point is not None and cursor.position < point:  # the log before `point` is in the snapshot now
            return PullBatch([], cursor, False, False, behind=point)
        step = advance(cursor, [(r[0], r[1]) for r in rows], xmin, limit)
        if not step.taken:  # nothing read: keep the cursor as it is (even if it could be tidied)
            return PullBatch([], cursor, False, step.held_back)
        changes = [read_change(r) for r in rows[: step.taken] if r[7] is not None]
        return PullBatch(changes, step.cursor, step.more, step.held_back)

    def fetch_one(self, statement: str, params: dict) -> tuple | None:
        """One statement with :name parameters, committed on its own: its first row (hub bookkeeping)."""
        try:
            if self._link is not None:
                return self._link.fetch_one(_PARAM.sub(r"%(\1)s", statement), params)
            with self.engine.begin() as conn:
                row = conn.execute(text(statement), params).first()
                return tuple(row) if row is not None else None
        except (SQLAlchemyError, psycopg.Error) as exc:
            raise failure(self.url, "The hub refused a request", exc) from None

    def read_snapshot(
        self, after: tuple[int, int], limit: int, *, skip_device: str | None = None
    ) -> list[tuple[int, int, Change | None]]:
        """The compaction snapshot after `after` (txid, seq), in log order: (txid, seq, change or None if skipped)."""
        rows = self.read_snapshot_rows(after, limit, skip_device=skip_device)
        return [(int(r[0]), int(r[1]), read_change(r) if r[7] is not None else None) for r in rows]

    def read_snapshot_rows(self, after: tuple[int, int], limit: int, *, skip_device: str | None = None) -> list[tuple]:
        """`read_snapshot` as the hub returns it: (txid, seq, change_id, table_name, row_id, stamp,
        device, payload text or None if skipped), nothing decoded (see snapshot_join)."""
        params = {"me": skip_device or "", "t": after[0], "s": after[1], "limit": limit}
        try:
            if self._link is not None:
                return self._link.fetch_all(_PARAM.sub(r"%(\1)s", _SNAPSHOT), params)
            with self.engine.connect() as conn:
                return [tuple(r) for r in conn.execute(text(_SNAPSHOT), params)]
        except (SQLAlchemyError, psycopg.Error) as exc:
            raise failure(self.url, "Reading the hub's snapshot failed", exc) from None

    def held_back(self, cursor: HubCursor) -> bool:
        """True if committed changes after `cursor` wait until an older transaction ends."""
        return self.read(cursor, 1000).held_back

    # -- wake-ups (PostgreSQL) ---------------------------------------------------------
    def listen(self, on_note: Callable[[str], None]) -> None:
        """LISTEN for pushes; `on_note(pushing device)` runs on the thread that calls `poll` or pulls."""
        assert self._link is not None, "only a PostgreSQL hub notifies"
        try:
            self._link.listen(on_note)
        except psycopg.Error as exc:
            raise failure(self.url, "Cannot listen to the hub", exc) from None

    def fileno(self) -> int:
        """The socket to wait on for notifications (PostgreSQL)."""
        assert self._link is not None, "only a PostgreSQL hub notifies"
        return self._link.fileno()

    def poll(self) -> None:
        """Read notifications that arrived (call when `fileno` is readable); HubError if the link died."""
        assert self._link is not None, "only a PostgreSQL hub notifies"
        try:
            self._link.poll()
        except psycopg.Error as exc:
            raise failure(self.url, "Lost the hub's notifications", exc) from None

    def last_seq(self) -> int:
        """The newest sequence number in the log (for polling a SQLite hub)."""
        try:
            if self._link is not None:
                return self._link.last_seq()
            with self.engine.connect() as conn:
                return int(conn.execute(select(func.coalesce(func.max(_log_table.c.seq), 0))).scalar_one())
        except (SQLAlchemyError, psycopg.Error) as exc:
            raise failure(self.url, "Reading the hub failed", exc) from None

    def ping(self) -> None:
        try:
            if self._link is not None:
                return self._link.ping()
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except (SQLAlchemyError, psycopg.Error) as exc:
            raise failure(self.url, "The hub does not answer", exc) from None

    def close(self) -> None:
        if self._link is not None:
            self._link.close()
        self.engine.dispose()


def ensure_hub_identity(engine: Engine) -> str:
    """The hub's own id, made once: replicas key their cursor by it, so a new hub means a full pull."""
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    table = LocalMetaRow.__table__
    with engine.begin() as conn:
        conn.execute(
            dialect.insert(table).values(key=HUB_ID_KEY, value=new_id()).on_conflict_do_nothing(index_elements=["key"])
        )
        return conn.execute(select(table.c.value).where(table.c.key == HUB_ID_KEY)).scalar_one()
