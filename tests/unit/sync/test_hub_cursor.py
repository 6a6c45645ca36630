"""The hub cursor against a model of PostgreSQL's log: transactions that commit, abort and
interleave in any order, reads of any size at any moment. Every committed row is read exactly
once, and once nothing is open any more every committed row has been read."""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from warroom.sync.hub_cursor import HubCursor, advance


@dataclass
class Log:
    next_txid: int = 100
    next_seq: int = 1
    open: dict[int, list[int]] = field(default_factory=dict)  # txid -> its seqs, not committed yet
    committed: set[tuple[int, int]] = field(default_factory=set)

    def begin(self) -> None:
        self.open[self.next_txid] = []
        self.next_txid += 1

    def insert(self, pick: int, rows: int) -> None:
        if self.open:
            txid = sorted(self.open)[pick % len(self.open)]
            self.open[txid] += range(self.next_seq, self.next_seq + rows)
            self.next_seq += rows

    def end(self, pick: int, commit: bool) -> None:
        if self.open:
            txid = sorted(self.open)[pick % len(self.open)]
            seqs = self.open.pop(txid)
            if commit:
                self.committed |= {(txid, s) for s in seqs}

    def read(self, cursor: HubCursor, limit: int) -> tuple[int, list[tuple[int, int]]]:
        """What the PULL statement returns: visible rows after the cursor, not done, in order."""
        xmin = min(self.open, default=self.next_txid)
        done = dict(cursor.done)
        rows = sorted(r for r in self.committed if r > cursor.position and not (r[0] in done and r[1] <= done[r[0]]))
        return xmin, rows[:limit]


steps = st.lists(
    st.one_of(
        st.tuples(st.just("begin"), st.integers(0, 9), st.integers(1, 4)),
        st.tuples(st.just("insert"), st.integers(0, 9), st.integers(1, 4)),
        st.tuples(st.just("commit"), st.integers(0, 9), st.integers(1, 4)),
        st.tuples(st.just("abort"), st.integers(0, 9), st.integers(1, 4)),
        st.tuples(st.just("read"), st.integers(0, 9), st.integers(1, 6)),
    ),
    max_size=80,
)


def read(log: Log, cursor: HubCursor, limit: int, max_done: int, seen: list) -> tuple[HubCursor, bool]:
    xmin, rows = log.read(cursor, limit)
    step = advance(cursor, rows, xmin, limit, max_done)
    seen += rows[: step.taken]
    assert step.taken == len(rows) or step.held_back
    assert step.cursor.position <= (xmin, 0) and len(step.cursor.done) <= max(max_done, len(cursor.done))
    assert HubCursor.decode(step.cursor.encode()) == step.cursor
    return step.cursor, step.more


@settings(max_examples=400, deadline=None)
@given(steps, st.integers(1, 4))
def test_every_committed_row_is_read_exactly_once(plan, max_done):
    log, cursor, seen = Log(), HubCursor(), []
    for action, pick, n in plan:
        if action == "begin":
            log.begin()
        elif action == "insert":
            log.insert(pick, n)
        elif action in ("commit", "abort"):
            log.end(pick, action == "commit")
        else:
            cursor, _ = read(log, cursor, n, max_done, seen)
    for txid in sorted(log.open):
        log.end(0, True)
    more = True
    for _ in range(1000):
        cursor, more = read(log, cursor, 3, max_done, seen)
        if not more and not log.read(cursor, 3)[1]:
            break
    assert sorted(seen) == sorted(log.committed)
    assert len(seen) == len(set(seen)), "a row was read twice"
    assert cursor.done == ()


def test_a_read_cut_inside_a_transaction_goes_on_from_the_cut():
    cursor = HubCursor()
    first = advance(cursor, [(5, 1), (5, 2)], xmin=5, limit=2)  # txid 5 is above xmin: it committed early
    assert first.more and first.cursor.done == ((5, 2),)
    second = advance(first.cursor, [(5, 3)], xmin=9, limit=2)
    assert not second.more and second.cursor == HubCursor(9, 0)


def test_a_sqlite_cursor_is_the_last_sequence_number():
    step = advance(HubCursor(), [(0, 4), (0, 7)], xmin=None, limit=2)
    assert step.cursor == HubCursor(0, 7) and step.more
    assert advance(step.cursor, [], None, 2).cursor == step.cursor
