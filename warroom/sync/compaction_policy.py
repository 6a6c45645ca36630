"""The hub's automatic compaction policy: the admin sets it, whoever may compact applies it when due.

`warroom hub policy URL --compact-after-days N [--every-hours H]` (as the admin)
stores the policy in the hub's `hub_policy` row: fold changes older than N days,
at most once every H hours (24 by default). It is due when the hub's newest
compaction (by hand or by the policy) is H hours old or there is none, and the
policy has not been tried within the hour (a try may find nothing old enough, or
an old transaction on the server holding the point back).

After a sync round, an engine checks (at most once every few minutes) whether the
policy is due and applies it. On a SQLite hub every laptop compacts itself (anyone
who can write the file is trusted; compaction.fold); on a PostgreSQL hub so does a
login that may delete from the log and write `hub_compactions`, i.e. the admin.
Everyday app roles never can (least privilege): they call `warroom_compact_due`, a
function the admin owns (compaction_definer.py), which folds but leaves dropping
superseded changes to the admin's own runs (by hand, or `warroom hub compact URL
--if-due` from cron). Either way the run is recorded in the policy row (when, by
whom, what it did) and, if it compacted, with the point in `hub_compactions`.

Concurrent laptops are safe: the run takes the hub's compaction lock without
waiting (someone else running it means it is not due here), reads the policy
again under the lock, and records its run in the same transaction as the
compaction, so two laptops never compact for the same due time and a crash
leaves neither half a compaction nor a run recorded without it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, text, update
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import SQLAlchemyError

from warroom.domain.errors import ValidationError
from warroom.store.db import describe, explain_connect_error, parse_url
from warroom.store.models import HubCompactionRow, HubPolicyRow
from warroom.sync.compaction import Compacted, check_keep_days, fold, hub_user, take_lock
from warroom.sync.compaction_definer import apply_through_definer
from warroom.sync.hub import HubError
from warroom.sync.hub_connect import hub_engine

log = logging.getLogger("warroom.sync")

EVERY_HOURS = 24.0
RETRY_HOURS = 1.0  # a run that found nothing old enough (or an old transaction in the way) tries again after this

_LAST_COMPACTED = select(HubCompactionRow.compacted_at).order_by(HubCompactionRow.compacted_at.desc()).limit(1)
_MAY_COMPACT = (
    "SELECT has_table_privilege('hub_changes', 'DELETE') AND has_table_privilege('hub_snapshot', 'INSERT') "
    "AND has_table_privilege('hub_compactions', 'INSERT') AND has_table_privilege('hub_policy', 'UPDATE')"
)


@dataclass(frozen=True)
class Policy:
    compact_after_days: float | None  # None: no automatic compaction
    every_hours: float
    set_by: str
    set_at: datetime
    last_run_at: datetime | None
    last_run_by: str | None
    last_result: str | None
    last_compacted_at: datetime | None  # the newest row of hub_compactions

    def due(self, now: datetime) -> bool:
        """On, not tried within the hour, and the newest compaction (by hand or not) `every_hours` old."""
        if self.compact_after_days is None:
            return False
        retry = timedelta(hours=min(self.every_hours, RETRY_HOURS))
        if self.last_run_at is not None and now - self.last_run_at < retry:
            return False
        return self.last_compacted_at is None or now - self.last_compacted_at >= timedelta(hours=self.every_hours)

    def as_json(self) -> dict[str, object]:
        return {
            "compact_after_days": self.compact_after_days,
            "every_hours": self.every_hours,
            "set_by": self.set_by,
            "set_at": self.set_at.isoformat(),
            "last_run_at": self.last_run_at.isoformat() if self.last_run_at else None,
            "last_run_by": self.last_run_by,
            "last_result": self.last_result,
            "last_compacted_at": self.last_compacted_at.isoformat() if self.last_compacted_at else None,
        }

    def __str__(self) -> str:
        if self.compact_after_days is None:
            rule = "no automatic compaction"
        else:
            rule = (
                f"fold changes older than {self.compact_after_days:g} days, "
                f"at most once every {self.every_hours:g} hours"
            )
        lines = [f"Policy: {rule} (set by {self.set_by}, {self.set_at:%Y-%m-%d %H:%M} UTC)."]
        if self.last_run_at is not None:
            lines.append(f"Last run {self.last_run_at:%Y-%m-%d %H:%M} UTC by {self.last_run_by}: {self.last_result}")
        return "\n".join(lines)


def set_policy(url: str, compact_after_days: float | None, every_hours: float = EVERY_HOURS) -> Policy:
    """As the hub's admin: store the policy (None turns it off). Its last run stays recorded."""
    if compact_after_days is not None:
        check_keep_days(compact_after_days)
    if not every_hours > 0:
        raise ValidationError("--every-hours must be more than 0: how often, at most, the policy runs.")
    with _transaction(url) as conn:
        values = {
            "compact_after_days": compact_after_days,
            "every_hours": every_hours,
            "set_by": hub_user(conn),
            "set_at": datetime.now(UTC),
        }
        if conn.execute(update(HubPolicyRow).where(HubPolicyRow.id == 1).values(**values)).rowcount == 0:
            conn.execute(insert(HubPolicyRow).values(id=1, **values))
        found = _read(conn)
    assert found is not None, "just written"
    return found


def read_policy(url: str) -> Policy | None:
    """The hub's policy, or None if its admin never set one."""
    with _transaction(url) as conn:
        return _read(conn)


def apply_if_due(url: URL | str, by: str, now: datetime | None = None) -> Compacted | None:
    """Compact as the policy says if it is due and this login may; None if nothing was run."""
    with _transaction(url) as conn:
        return _apply(conn, by, now or datetime.now(UTC))


def _apply(conn: Connection, by: str, now: datetime) -> Compacted | None:
    if not may_compact(conn):  # an everyday PostgreSQL login: the admin's function may do it
        return apply_through_definer(conn, describe(conn.engine.url), by) if conn.dialect.name == "postgresql" else None
    policy = _read(conn)
    if policy is None or not policy.due(now):  # cheap check first: most rounds end here
        return None
    if not take_lock(conn, wait=False):
        return None  # another process is running it right now
    policy = _read(conn)  # again, under the lock: someone may have run it since
    if policy is None or policy.due(now) is False or policy.compact_after_days is None:
        return None
    done = fold(conn, describe(conn.engine.url), policy.compact_after_days, f"{by}, by the policy", now)
    conn.execute(
        update(HubPolicyRow).where(HubPolicyRow.id == 1).values(last_run_at=now, last_run_by=by, last_result=str(done))
    )
    log.info("compaction policy ran: %s", done)
    return done


def may_compact(conn: Connection) -> bool:
    """Whether this login may compact: always on a SQLite hub; on PostgreSQL only with the admin's rights."""
    if conn.dialect.name != "postgresql":
        return True
    return bool(conn.execute(text(_MAY_COMPACT)).scalar())


def _read(conn: Connection) -> Policy | None:
    row = conn.execute(select(HubPolicyRow.__table__).where(HubPolicyRow.id == 1)).first()
    if row is None:
        return None
    return Policy(
        row.compact_after_days,
        row.every_hours,
        row.set_by,
        row.set_at,
        row.last_run_at,
        row.last_run_by,
        row.last_result,
        conn.execute(_LAST_COMPACTED).scalar(),
    )


@contextmanager
def _transaction(url: URL | str) -> Iterator[Connection]:
    """One transaction on a fresh hub engine; driver errors become HubError (no password in them)."""
    parsed = parse_url(url) if isinstance(url, str) else url
    engine = hub_engine(parsed, autocommit=False)
    try:
        with engine.begin() as conn:
            yield conn
    except SQLAlchemyError as exc:
        raise HubError(str(explain_connect_error(parsed, exc))) from None
    finally:
        engine.dispose()
