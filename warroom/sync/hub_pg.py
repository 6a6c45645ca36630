"""The hot path to a PostgreSQL hub: one psycopg connection, prepared statements, one round trip each.

The same connection LISTENs, so a live replica's sync thread waits on its
socket together with its own wake-ups: a notification is read by the thread
that pulls, and the pull goes to the server process that just delivered it.

Push inserts a batch, stamps it with its transaction id and NOTIFYs in one
autocommitted statement, so the wake-up goes out only once the rows are
committed. Pull reads the log after a cursor together with its own
snapshot's xmin in one statement (see hub_cursor for why that xmin matters).
Both are prepared on first use: a live round is a bind and an execute. The
session plans them once, for any cursor, and always along the (txid, seq)
index: a generic plan would otherwise guess that a third of the log matches
and scan all of it, and a plan per call costs more than the pull itself.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence

import psycopg
from psycopg.conninfo import conninfo_to_dict

from warroom.sync.hub_cursor import HubCursor
from warroom.sync.hub_points import LAST_POINT
from warroom.sync.validate import how_far

CHANNEL = "warroom_changes"

# Batches of up to SMALL rows (every live push) as a VALUES list, prepared once per
# size; bigger ones as arrays, one statement for any size. Both keep the outbox order in
# the sequence and NOTIFY in the same statement.
SMALL = 4
PUSH = (
    "WITH inserted AS ("
    " INSERT INTO hub_changes (change_id, table_name, row_id, payload, stamp, device, txid, pushed_at)"
    " SELECT u.c, u.t, u.r, u.p, u.s, u.d, pg_current_xact_id(), now()"
    " FROM unnest(%(ids)s::text[], %(tables)s::text[], %(rows)s::text[], %(payloads)s::text[],"
    "             %(stamps)s::text[], %(devices)s::text[]) WITH ORDINALITY AS u(c, t, r, p, s, d, n)"
    " ORDER BY u.n"
    " ON CONFLICT (change_id) DO NOTHING RETURNING 1) "
    f"SELECT (SELECT count(*) FROM inserted), pg_notify('{CHANNEL}', %(device)s)"
)

# Every committed row after the cursor that is not already read, in log order, and the
# snapshot's xmin and compaction point; the LEFT JOIN returns them even when there is nothing new.
# One's own changes come without their payload: they are in the local store already; so do
# changes an admin retired (hub_refused): they are passed over.
PULL = (
    "WITH snap AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin,"
    f"  ({LAST_POINT}) AS compacted),"
    " done AS MATERIALIZED ("
    "  SELECT * FROM unnest(%(done_t)s::text[]::xid8[], %(done_s)s::bigint[]) AS d(t, s))"
    " SELECT snap.xmin::text::bigint, snap.compacted, h.txid, h.seq, h.change_id, h.table_name, h.row_id, h.stamp,"
    "        h.device, h.payload"
    " FROM snap LEFT JOIN LATERAL ("
    "  SELECT c.txid::text::bigint AS txid, c.seq, c.change_id, c.table_name, c.row_id, c.stamp, c.device,"
    "         CASE WHEN c.device <> %(me)s"
    "              AND NOT EXISTS (SELECT 1 FROM hub_refused r WHERE r.change_id = c.change_id)"
    "         THEN c.payload END AS payload"
    "  FROM hub_changes c"
    "  WHERE (c.txid, c.seq) > (%(txid)s::text::xid8, %(seq)s::bigint)"
    "    AND NOT EXISTS (SELECT 1 FROM done WHERE done.t = c.txid AND c.seq <= done.s)"
    "  ORDER BY c.txid, c.seq LIMIT %(limit)s::bigint) h ON true"
)

LAST_SEQ = "SELECT coalesce(max(seq), 0) FROM hub_changes"
SESSION = "-c plan_cache_mode=force_generic_plan -c enable_seqscan=off -c jit=off"
_COLUMNS = "change_id, table_name, row_id, payload, stamp, device, txid, pushed_at"


def push_values(n: int) -> str:
    rows = ", ".join(f"(%s::text, %s::text, %s::text, %s::text, %s::text, %s::text, {i})" for i in range(n))
    return (
        f"WITH inserted AS (INSERT INTO hub_changes ({_COLUMNS})"
        " SELECT v.c, v.t, v.r, v.p, v.s, v.d, pg_current_xact_id(), now()"
        f" FROM (VALUES {rows}) AS v(c, t, r, p, s, d, n) ORDER BY v.n"
        " ON CONFLICT (change_id) DO NOTHING RETURNING 1) "
        f"SELECT (SELECT count(*) FROM inserted), pg_notify('{CHANNEL}', %s)"
    )


PUSH_SMALL = {n: push_values(n) for n in range(1, SMALL + 1)}

# What the hub's guard trigger (hub_guard.py) says when it refuses a row; the pusher turns it into a sentence.
CLOCK_AHEAD = re.compile(r"warroom: stamp ahead of the hub's clock by (\d+) ms")
FOREIGN_DEVICE = re.compile(r"warroom: device (\S+) is registered to another role")
BAD_STAMP = "warroom: malformed stamp"


def push_refusal(message: str) -> str | None:
    """The sentence for a push the hub's guard refused, or None if it was not the guard."""
    if found := CLOCK_AHEAD.search(message):
        return (
            f"this laptop's clock is ahead of the hub's by {how_far(int(found.group(1)))}: set the clock right; "
            "the changes wait in the outbox meanwhile."
        )
    if found := FOREIGN_DEVICE.search(message):
        return (
            f"device {found.group(1)} is registered on the hub to another login role; each person pushes "
            "only their own laptops' changes (ask the hub's admin for your own login: warroom hub add-user)."
        )
    if BAD_STAMP in message:
        return "a change carries a malformed stamp."
    return None


# A wire row: (change_id, table_name, row_id, payload as JSON text, stamp, device).
WireRow = tuple[str, str, str, str, str, str]


class PgLink:
    """One connection for pushes and pulls; calls are serialised, so any thread may use it."""

    def __init__(self, conninfo: str) -> None:
        given = conninfo_to_dict(conninfo).get("options")  # keep the user's own, e.g. a search_path
        self._conn = psycopg.connect(
            conninfo,
            autocommit=True,
            prepare_threshold=0,
            connect_timeout=3,
            options=f"{given} {SESSION}" if given else SESSION,
            application_name="warroom-sync",
            keepalives=1,
            keepalives_idle=5,
            keepalives_interval=2,
            keepalives_count=3,
            tcp_user_timeout=10_000,
        )
        self._lock = threading.Lock()
        self._cursor = self._conn.cursor()  # reused: a live round is a handful of statements

    def push(self, rows: Sequence[WireRow], device: str) -> int:
        if len(rows) <= SMALL:
            flat = [value for row in rows for value in row] + [device]
            with self._lock:
                return int(self._cursor.execute(PUSH_SMALL[len(rows)], flat, prepare=True).fetchone()[0])
        params = {
            "device": device,
            "ids": [r[0] for r in rows],
            "tables": [r[1] for r in rows],
            "rows": [r[2] for r in rows],
            "payloads": [r[3] for r in rows],
            "stamps": [r[4] for r in rows],
            "devices": [r[5] for r in rows],
        }
        with self._lock:
            return int(self._cursor.execute(PUSH, params, prepare=True).fetchone()[0])

    def read(self, cursor: HubCursor, limit: int, me: str) -> tuple[int, str | None, list[tuple]]:
        """(xmin, compaction point, rows) with rows as (txid, seq, change_id, table, row_id, stamp, device, payload).

        The compaction point (see compaction.py) is read in the same snapshot as the rows."""
        params = {
            "done_t": [str(t) for t, _ in cursor.done],
            "done_s": [s for _, s in cursor.done],
            "me": me,
            "txid": str(cursor.txid),
            "seq": cursor.seq,
            "limit": limit,
        }
        with self._lock:
            found = self._cursor.execute(PULL, params, prepare=True).fetchall()
        xmin = int(found[0][0])
        return xmin, found[0][1], [r[2:] for r in found if r[2] is not None]

    def listen(self, on_note: Callable[[str], None]) -> None:
        """LISTEN; `on_note(payload)` is called, on the thread using the link, for every notification."""
        self._conn.add_notify_handler(lambda n: on_note(n.payload) if n.channel == CHANNEL else None)
        with self._lock:
            self._conn.execute(f"LISTEN {CHANNEL}")

    def fileno(self) -> int:
        return self._conn.pgconn.socket

    def poll(self) -> None:
        """Take in what the server sent unasked (notifications); raises if the connection is gone."""
        with self._lock, self._conn.lock:
            pgconn = self._conn.pgconn
            pgconn.consume_input()
            while note := pgconn.notifies():
                if pgconn.notify_handler:
                    pgconn.notify_handler(note)

    def fetch_one(self, statement: str, params: dict) -> tuple | None:
        """One autocommitted statement with %(name)s parameters: its first row, if any."""
        with self._lock:
            return self._cursor.execute(statement, params, prepare=True).fetchone()

    def fetch_all(self, statement: str, params: dict) -> list[tuple]:
        with self._lock:
            return self._cursor.execute(statement, params, prepare=True).fetchall()

    def last_seq(self) -> int:
        with self._lock:
            return int(self._conn.execute(LAST_SEQ, prepare=True).fetchone()[0])

    def ping(self) -> None:
        with self._lock:
            self._conn.execute("SELECT 1")

    def close(self) -> None:
        try:
            self._conn.close()
        except psycopg.Error:  # closing a dead connection may fail; it is gone either way
            pass
