"""Apply a batch of changes from the hub with a handful of statements instead of several per change.

Most changes a replica pulls create rows it has never seen. Those are
collected and inserted with one executemany per table, in foreign-key order,
with their field clocks and timeline heads. Anything touching a row that
already exists (a merge) goes through `Replicator.apply`, the one place that
knows last-writer-wins, after the pending inserts are flushed so the order of
writes is kept. The result is the same as applying the changes one by one.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from warroom.domain.clock import HybridClock, Stamp
from warroom.store import timeline_heads
from warroom.store.models import RowClockRow, TimelineHeadRow, metadata
from warroom.store.replication import APPEND_TABLES, REPLICATED, Change, Replicator, row_from_wire

log = logging.getLogger("warroom.sync")

CHUNK = 500  # ids per IN (...) list; well under SQLite's variable limit


class BatchApplier:
    def __init__(self, session: Session, clock: HybridClock) -> None:
        self._session = session
        self._clock = clock
        self._replicator = Replicator(session, clock)
        self._rows: dict[str, list[dict]] = defaultdict(list)
        self._clocks: list[dict] = []
        self._revisions: list[dict] = []

    def apply_all(self, changes: list[Change]) -> None:
        wanted = [c for c in changes if c.table_name in REPLICATED]
        for c in changes:
            if c.table_name not in REPLICATED:
                log.warning("ignoring change %s for unknown table %s", c.change_id, c.table_name)
        if not wanted:
            return
        self._clock.observe(max(Stamp.decode(c.stamp) for c in wanted))
        known = self._existing_ids(wanted)
        for change in wanted:
            seen = known[change.table_name]
            if change.row_id not in seen:
                seen.add(change.row_id)
                self._queue_new(change)
            elif change.table_name not in APPEND_TABLES:
                self._flush()
                self._replicator.apply(change)
        self._flush()

    def _existing_ids(self, changes: list[Change]) -> dict[str, set[str]]:
        by_table: dict[str, set[str]] = defaultdict(set)
        for c in changes:
            by_table[c.table_name].add(c.row_id)
        known: dict[str, set[str]] = defaultdict(set)
        for name, ids in by_table.items():
            table = metadata.tables[name]
            ordered = sorted(ids)
            for start in range(0, len(ordered), CHUNK):
                chunk = ordered[start:start + CHUNK]
                known[name].update(self._session.scalars(select(table.c.id).where(table.c.id.in_(chunk))))
        return known

    def _queue_new(self, change: Change) -> None:
        table = metadata.tables[change.table_name]
        row = row_from_wire(table, change.payload["row"])
        self._rows[change.table_name].append(row)
        if change.table_name in APPEND_TABLES:
            if change.table_name == "entry_revisions":
                self._revisions.append(row)
        else:
            stamps = {f: change.stamp for f in change.payload["set"]}
            self._clocks.append({"table_name": change.table_name, "row_id": change.row_id, "stamps": stamps})

    def _flush(self) -> None:
        if not self._rows:
            return
        for table in metadata.sorted_tables:  # parents before children
            rows = self._rows.pop(table.name, None)
            for same_columns in _by_columns(rows or []):
                self._session.execute(insert(table), same_columns)
        if self._clocks:
            self._session.execute(insert(RowClockRow.__table__), self._clocks)
        self._write_heads(self._revisions)
        self._rows.clear()
        self._clocks, self._revisions = [], []

    def _write_heads(self, revisions: list[dict]) -> None:
        """Heads for new entries in one insert; entries that already have one fold in one by one."""
        if not revisions:
            return
        entry_ids = sorted({r["entry_id"] for r in revisions})
        have: set[str] = set()
        for start in range(0, len(entry_ids), CHUNK):
            chunk = entry_ids[start:start + CHUNK]
            have.update(self._session.scalars(
                select(TimelineHeadRow.entry_id).where(TimelineHeadRow.entry_id.in_(chunk))))
        fresh: dict[str, list[dict]] = defaultdict(list)
        for rev in revisions:
            if rev["entry_id"] in have:
                timeline_heads.record_revision(self._session, rev)
            else:
                fresh[rev["entry_id"]].append(rev)
        heads = [_head(revs) for revs in fresh.values()]
        if heads:
            for same_columns in _by_columns(heads):
                self._session.execute(insert(TimelineHeadRow.__table__), same_columns)


def _head(revisions: list[dict]) -> dict:
    """What record_revision would leave after folding these revisions in one by one."""
    latest = revisions[0]
    for rev in revisions[1:]:
        if rev["stamp"] > latest["stamp"]:
            latest = rev
    content = {k: latest[k] for k in timeline_heads.CONTENT}
    return {"entry_id": latest["entry_id"], "incident_id": latest["incident_id"],
            "revision_count": len(revisions), **content}


def _by_columns(rows: list[dict]) -> list[list[dict]]:
    """executemany needs the same keys in every row; rows from older apps may lack a column."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[tuple(sorted(row))].append(row)
    return list(groups.values())
