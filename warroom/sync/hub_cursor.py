"""How far a replica has read a hub's change log, and how a read moves it on.

On PostgreSQL the log is ordered by (txid, seq): the pushing transaction's id,
then the row's sequence number. A transaction that is still open when a
replica reads may commit later with a lower txid than rows already read, so a
plain "everything after the last row" cursor would skip it. Every snapshot
names `xmin`, the oldest transaction still running: every transaction below it
has ended, so nothing new can ever appear below it. The cursor is therefore

- `position` (txid, seq): everything at or before it has been read, and it never
  passes the `xmin` of the snapshot it was read in;
- `done`: for transactions at or above that `xmin` that were already read (they
  had committed), the last seq read of each. Their rows are skipped next time,
  while rows of transactions that were still open in between are picked up
  once they commit, however long that takes.

So a committed change is delivered at once even while another transaction on
the server stays open (PostgreSQL's xmin is cluster-wide: any busy database on
the same server holds it back), and delivered exactly once. `done` holds only
the transactions read since `xmin` last moved; past MAX_DONE (an xmin held back
for a long time), reading falls back to waiting for `xmin`: later changes are
"held back" and arrive as soon as the old transaction ends.

On a SQLite hub writers are serialised, so txid stays 0 and seq alone orders
the log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

MAX_DONE = 1000


@dataclass(frozen=True)
class HubCursor:
    txid: int = 0
    seq: int = 0
    done: tuple[tuple[int, int], ...] = field(default=())  # sorted (txid, last seq read)

    @property
    def position(self) -> tuple[int, int]:
        return (self.txid, self.seq)

    def encode(self) -> str:
        head = f"{self.txid}:{self.seq}"
        if not self.done:
            return head
        return head + "|" + ",".join(f"{t}:{s}" for t, s in self.done)

    @classmethod
    def decode(cls, raw: str | None) -> HubCursor:
        if not raw:
            return cls()
        head, _, tail = raw.partition("|")
        txid, seq = head.split(":")
        done = tuple(sorted((int(t), int(s)) for t, s in (p.split(":") for p in tail.split(",") if p)))
        return cls(int(txid), int(seq), done)


@dataclass(frozen=True)
class Advance:
    """What one read of the log yields: how many rows to use, the cursor after them, and why it stopped."""

    taken: int
    cursor: HubCursor
    more: bool  # the read was cut by its limit: read again right away
    held_back: bool  # committed rows wait until an older transaction ends (MAX_DONE reached)


def advance(
    cursor: HubCursor, rows: Sequence[tuple[int, int]], xmin: int | None, limit: int, max_done: int = MAX_DONE
) -> Advance:
    """Move `cursor` over `rows`, the (txid, seq) of a read in log order, in a snapshot with `xmin`.

    `rows` must be every row after the cursor, not in `done` and visible in that
    snapshot, in (txid, seq) order, up to `limit`. `xmin` None means a SQLite hub.
    """
    if xmin is None:
        if not rows:
            return Advance(0, cursor, False, False)
        return Advance(len(rows), HubCursor(0, rows[-1][1]), len(rows) == limit, False)
    done = dict(cursor.done)
    taken = 0
    for txid, seq in rows:
        if txid >= xmin and txid not in done and len(done) >= max_done:
            break  # too many transactions remembered: wait for xmin to move past this one
        if txid >= xmin:
            done[txid] = seq
        taken += 1
    held_back = taken < len(rows)
    if len(rows) == limit and not held_back:
        last = rows[-1]
        floor = min(last, (xmin, 0))  # rows after `last` may still be below xmin
    else:
        floor = (xmin, 0)  # everything below xmin has been read
    position = max(cursor.position, floor)
    kept = tuple(sorted((t, s) for t, s in done.items() if (t, s) > position))
    return Advance(taken, HubCursor(position[0], position[1], kept), len(rows) == limit and not held_back, held_back)
