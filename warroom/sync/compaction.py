"""Compaction: fold a hub's old changes into a snapshot, so the log stops growing forever.

`compact(url, keep_days)` (run as the hub's admin) picks a compaction point P,
the last change in log order (txid, seq) pushed more than `keep_days` ago
whose transaction is below the snapshot's xmin (so nothing can ever appear
before it). In one transaction it moves every change up to P into
`hub_snapshot`, drops from the snapshot the changes that can no longer decide
anything, deletes those before P from `hub_changes` (P itself stays, so the log's
numbering never starts again below it), and records P in the hub's
`hub_compactions` (which only the admin may write).

A change is dropped only when replaying without it ends in the same state:
it is not the first change of its row (which creates it, append-only rows are
all firsts), and every field it sets is also set, with a later stamp, by a
kept change that every laptop will apply (not retired by an admin, and fit by
the same checks a laptop makes: see validate.refusal). Last writer wins per
field, so the dropped one never won any field. What a laptop that replays the
snapshot does not see is the merge history of those overwritten values.

A laptop whose cursor is before P (a new laptop, or one away for longer than
`keep_days`) sees P in its pull, applies the snapshot, then reads the log from
P: the same end state as a full replay (tests/unit/sync/test_compaction.py).
A change id that was compacted away can be pushed again by a laptop that never
forgot it; applying a change twice changes nothing.

Every compaction holds the hub's compaction lock (take_lock) for its transaction,
so one run by hand and one by the automatic policy (compaction_policy.py) never
overlap; each point is recorded with who compacted and how.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, insert, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.sql.elements import BindParameter

from warroom.domain.errors import ValidationError
from warroom.store.db import describe, explain_connect_error, parse_url
from warroom.store.models import HubCompactionRow
from warroom.store.replication import APPEND_TABLES, Change
from warroom.sync.hub import HubError
from warroom.sync.hub_connect import hub_engine
from warroom.sync.hub_points import LAST_POINT, parse_point
from warroom.sync.validate import refusal

SNAPSHOT_BATCH = 5000


@dataclass(frozen=True)
class Compacted:
    location: str
    point: tuple[int, int] | None  # None: nothing old enough to compact
    folded: int  # changes moved out of the log
    kept: int  # changes in the snapshot now
    dropped: int  # changes that could no longer decide anything

    def __str__(self) -> str:
        if self.point is None:
            return f"Hub at {self.location}: nothing old enough to compact."
        return (
            f"Hub at {self.location}: compacted {self.folded} changes up to {self.point[0]}:{self.point[1]}; "
            f"the snapshot keeps {self.kept}, {self.dropped} superseded ones were dropped."
        )


# A snapshot/log row: (seq, txid, change_id, table_name, row_id, payload text, stamp, device).
Row = tuple[int, int, str, str, str, str, str, str]


def fit_on_every_laptop(retired: set[str], now_ms: int) -> Callable[[Change], bool]:
    """Not retired by an admin, and passing the checks every laptop makes before applying a change."""
    return lambda change: change.change_id not in retired and refusal(change, now_ms) is None


def superseded(rows: Sequence[Row], fit: Callable[[Change], bool]) -> set[str]:
    """Change ids in `rows` (log order) that no longer decide any field of the state a replay reaches.

    `fit(change)`: every laptop applies it; only such changes overwrite (see fit_on_every_laptop)."""
    firsts: set[tuple[str, str]] = set()
    by_row: dict[tuple[str, str], list[tuple[str, str, bool, frozenset[str]]]] = {}
    for _seq, _txid, change_id, table, row_id, payload, stamp, device in rows:
        key = (table, row_id)
        if key not in firsts:
            firsts.add(key)
            continue
        if table in APPEND_TABLES:
            continue
        try:
            body = json.loads(payload)
            fields = frozenset(body["set"])
        except (ValueError, TypeError, KeyError):
            continue  # unreadable: kept (laptops quarantine it), and it supersedes nothing
        applies = fit(Change(change_id, table, row_id, body, stamp, device))
        by_row.setdefault(key, []).append((stamp, change_id, applies, fields))
    dropped: set[str] = set()
    for changes in by_row.values():
        newest: dict[str, str] = {}  # field -> the newest stamp of a fit change that sets it
        for stamp, _id, applies, fields in changes:
            for field in fields if applies else ():
                newest[field] = max(stamp, newest.get(field, ""))
        dropped.update(
            change_id
            for stamp, change_id, _fit, fields in changes
            if fields and all(newest.get(f, "") > stamp for f in fields)
        )
    return dropped


def compact(url: str, keep_days: float = 30.0, by: str = "") -> Compacted:
    """Fold changes older than `keep_days` into the snapshot (as the hub's admin). See the module doc.

    `by` is recorded with the compaction point (who ran it); the hub's user by default."""
    check_keep_days(keep_days)
    parsed = parse_url(url)
    engine = hub_engine(parsed, autocommit=False)
    try:
        with engine.begin() as conn:
            take_lock(conn, wait=True)
            return fold(conn, describe(parsed), keep_days, by or f"{hub_user(conn)}, by hand")
    except SQLAlchemyError as exc:
        raise HubError(str(explain_connect_error(parsed, exc))) from None
    finally:
        engine.dispose()


def check_keep_days(keep_days: float) -> None:
    if not keep_days >= 0:
        raise ValidationError("--keep-days must be 0 or more: how many days of changes stay in the log as they are.")


def take_lock(conn: Connection, *, wait: bool) -> bool:
    """Hold the hub's compaction lock until the transaction ends; False if another holds it and not `wait`.

    PostgreSQL: an advisory lock. SQLite: the file's write lock, taken by a write that changes nothing
    (a deferred transaction would only take it at its first real write, after reading a stale log)."""
    if conn.dialect.name == "postgresql":
        how = "pg_advisory_xact_lock" if wait else "pg_try_advisory_xact_lock"
        got = conn.execute(text(f"SELECT {how}(hashtext('warroom hub compaction'))")).scalar()
        return got is not False
    try:
        conn.execute(text("UPDATE local_meta SET value = value WHERE key = 'hub_id'"))
    except OperationalError:  # still locked after the busy timeout
        if wait:
            raise
        return False
    return True


def hub_user(conn: Connection) -> str:
    """Who is compacting: the login role on PostgreSQL; a SQLite hub has no logins."""
    if conn.dialect.name == "postgresql":
        return str(conn.execute(text("SELECT current_user")).scalar_one())
    return "a SQLite hub's user"


def fold(conn: Connection, location: str, keep_days: float, by: str, now: datetime | None = None) -> Compacted:
    """Compact inside the caller's transaction, which holds the compaction lock (take_lock)."""
    pg = conn.dialect.name == "postgresql"
    txid = "txid::text::bigint" if pg else "0"
    now = now or datetime.now(UTC)
    cutoff = now - timedelta(days=keep_days)
    below_xmin = "txid < pg_snapshot_xmin(pg_current_snapshot())" if pg else "1 = 1"
    point = conn.execute(
        text(
            f"SELECT {txid}, seq FROM hub_changes WHERE pushed_at < :cutoff AND {below_xmin} "
            "ORDER BY txid DESC, seq DESC LIMIT 1"
        ),
        {"cutoff": cutoff if pg else cutoff.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")},
    ).first()
    previous = parse_point(conn.execute(text(LAST_POINT)).scalar())
    if point is None or (previous is not None and (int(point[0]), int(point[1])) <= previous):
        return Compacted(location, None, 0, _count(conn, "hub_snapshot"), 0)
    p = (int(point[0]), int(point[1]))
    upto = f"({txid} < :t OR ({txid} = :t AND seq <= :s))"
    moved = conn.execute(
        text(
            f"INSERT INTO hub_snapshot (seq, txid, change_id, table_name, row_id, payload, stamp, device) "
            f"SELECT seq, {txid}, change_id, table_name, row_id, payload, stamp, device FROM hub_changes "
            f"WHERE {upto} AND NOT EXISTS (SELECT 1 FROM hub_snapshot s WHERE s.change_id = hub_changes.change_id)"
        ),
        {"t": p[0], "s": p[1]},
    ).rowcount
    # The change at P itself stays in the log too: a SQLite hub numbers the log by rowid, which would
    # otherwise start again below P once the table is empty (and laptops would skip those changes).
    before = f"({txid} < :t OR ({txid} = :t AND seq < :s))"
    conn.execute(text(f"DELETE FROM hub_changes WHERE {before}"), {"t": p[0], "s": p[1]})
    snapshot = conn.execute(text(f"SELECT {_COLUMNS} FROM hub_snapshot ORDER BY txid, seq"))
    rows: list[Row] = [tuple(r) for r in snapshot]
    retired = set(conn.execute(text("SELECT change_id FROM hub_refused")).scalars())
    dropped = superseded(rows, fit_on_every_laptop(retired, int(time.time() * 1000)))
    for chunk in _chunks(sorted(dropped), 500):
        conn.execute(text("DELETE FROM hub_snapshot WHERE change_id IN :ids").bindparams(_expanding()), {"ids": chunk})
    _record_point(conn, p, by, now)
    return Compacted(location, p, moved, len(rows) - len(dropped), len(dropped))


_COLUMNS = "seq, txid, change_id, table_name, row_id, payload, stamp, device"


def _expanding() -> BindParameter[Any]:
    return bindparam("ids", expanding=True)


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _count(conn: Connection, table: str) -> int:
    return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _record_point(conn: Connection, point: tuple[int, int], by: str, now: datetime) -> None:
    conn.execute(insert(HubCompactionRow).values(txid=point[0], seq=point[1], compacted_at=now, compacted_by=by))
