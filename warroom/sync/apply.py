"""Apply a batch of changes from the hub with a handful of statements instead of several per change.

Most changes a replica pulls create rows it has never seen. Those are
collected and inserted with one executemany per table, in foreign-key order,
with their field clocks and timeline heads, straight through the driver (see
wire.InsertPlan). Anything touching a row that already exists (a merge) goes
through `Replicator.apply`, the one place that knows last-writer-wins, after
the pending inserts are flushed so the order of writes is kept. The result is
the same as applying the changes one by one.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from warroom.domain.clock import HybridClock, Stamp
from warroom.store import timeline_heads
from warroom.store.models import metadata
from warroom.store.replication import APPEND_TABLES, REPLICATED, Change, Replicator, row_from_wire
from warroom.sync.local import Tx, existing_ids
from warroom.sync.wire import InsertPlan, plan_for

log = logging.getLogger("warroom.sync")

HEAD_COLUMNS = ("entry_id", "incident_id", "revision_count") + timeline_heads.CONTENT
_CLOCK_INSERT = "INSERT INTO sync_row_clocks (table_name, row_id, stamps) VALUES (?, ?, ?)"
_ORDER: list[str] = []  # table names, parents first (metadata sorts them anew on every call)
_stamp_templates: dict[tuple[str, ...], str] = {}


class BatchApplier:
    """Applies changes inside the caller's transaction (a Session, a Connection or a Tx); never commits."""

    def __init__(self, target: Session | Connection | Tx, clock: HybridClock) -> None:
        self._session = target if isinstance(target, Session) else None
        if isinstance(target, Tx):
            self._tx = target
        else:
            self._tx = Tx(target.connection() if isinstance(target, Session) else target)
        self._clock = clock
        self._replicator: Replicator | None = None
        self._rows: dict[str, dict[InsertPlan, list[list]]] = defaultdict(lambda: defaultdict(list))
        self._clocks: list[tuple[str, str, str]] = []
        self._revisions: list[tuple[InsertPlan, list, dict]] = []  # (plan, values, wire row)
        self._new_entries: set[str] = set()  # entries created by this batch, so without a head yet

    def apply_all(self, changes: list[Change]) -> None:
        wanted = [c for c in changes if c.table_name in REPLICATED]
        for c in changes:
            if c.table_name not in REPLICATED:
                log.warning("ignoring change %s for unknown table %s", c.change_id, c.table_name)
        if not wanted:
            return
        # Stamps are fixed-width text, so the greatest text is the greatest stamp.
        self._clock.observe(Stamp.decode(max(c.stamp for c in wanted)))
        known = self._existing_ids(wanted)
        for change in wanted:
            seen = known[change.table_name]
            if change.row_id not in seen:
                seen.add(change.row_id)
                self._queue_new(change)
            elif change.table_name not in APPEND_TABLES:
                self._flush()
                self._merge(change)
        self._flush()

    def _existing_ids(self, changes: list[Change]) -> dict[str, set[str]]:
        by_table: dict[str, set[str]] = defaultdict(set)
        for c in changes:
            by_table[c.table_name].add(c.row_id)
        revisions = by_table.pop("entry_revisions", set())
        known = defaultdict(set, {name: existing_ids(self._tx, name, "id", ids) for name, ids in by_table.items()})
        if revisions:  # a revision of an entry this replica never had cannot be here yet: no need to look
            new_entries = by_table.get("timeline_entries", set()) - known["timeline_entries"]
            maybe = {c.row_id for c in changes if c.table_name == "entry_revisions"
                     and c.payload["row"].get("entry_id") not in new_entries}
            known["entry_revisions"] = existing_ids(self._tx, "entry_revisions", "id", maybe) if maybe else set()
        return known

    def _merge(self, change: Change) -> None:
        if self._replicator is None:
            if self._session is None:
                self._session = Session(bind=self._tx.conn)
            self._replicator = Replicator(self._session, self._clock)
        self._replicator.apply(change)

    def _queue_new(self, change: Change) -> None:
        name, wire = change.table_name, change.payload["row"]
        plan = plan_for(self._tx.dialect, name, tuple(wire))
        values = plan.values(wire)
        self._rows[name][plan].append(values)
        if name == "entry_revisions":
            self._revisions.append((plan, values, wire))
        elif name not in APPEND_TABLES:
            if name == "timeline_entries":
                self._new_entries.add(change.row_id)
            self._clocks.append((name, change.row_id, _stamps_json(change.payload["set"], change.stamp)))

    def _flush(self) -> None:
        if not self._rows:
            return
        for name in _tables_in_order():
            for plan, rows in self._rows.pop(name, {}).items():
                self._tx.many(plan.sql, rows)
        if self._clocks:
            self._tx.run_many(_CLOCK_INSERT, self._clocks)
        self._write_heads(self._revisions)
        self._rows.clear()
        self._clocks, self._revisions = [], []

    def _write_heads(self, revisions: list[tuple[InsertPlan, list, dict]]) -> None:
        """Heads for new entries in one insert; entries that already have one fold in one by one."""
        if not revisions:
            return
        maybe_headed = {wire["entry_id"] for _, _, wire in revisions} - self._new_entries
        have = existing_ids(self._tx, "timeline_heads", "entry_id", maybe_headed) if maybe_headed else set()
        fresh: dict[str, list[tuple[InsertPlan, list, dict]]] = defaultdict(list)
        table = metadata.tables["entry_revisions"]
        for rev in revisions:
            if rev[2]["entry_id"] in have:
                timeline_heads.record_revision(self._tx.conn, row_from_wire(table, rev[2]))
            else:
                fresh[rev[2]["entry_id"]].append(rev)
        self._new_entries -= fresh.keys()  # they have a head now
        if fresh:
            heads = [_head(revs) for revs in fresh.values()]
            plan = plan_for(self._tx.dialect, "timeline_heads", tuple(heads[0]))
            self._tx.many(plan.sql, [plan.as_is(h) for h in heads])


def _tables_in_order() -> list[str]:
    if not _ORDER:
        _ORDER.extend(t.name for t in metadata.sorted_tables)
    return _ORDER


def _head(revisions: list[tuple[InsertPlan, list, dict]]) -> dict:
    """The head's driver values: what record_revision would leave after folding these in one by one."""
    plan, values, wire = revisions[0]
    for rev in revisions[1:]:
        if rev[2]["stamp"] > wire["stamp"]:
            plan, values, wire = rev
    row = dict(zip(plan.columns, values))
    row["revision_count"] = len(revisions)
    return {c: row.get(c) for c in HEAD_COLUMNS}


def _stamps_json(fields: list[str], stamp: str) -> str:
    """{field: stamp} as JSONText writes it, from a template per field list (stamps need no escaping)."""
    key = tuple(fields)
    template = _stamp_templates.get(key)
    if template is None:
        template = _stamp_templates[key] = json.dumps(dict.fromkeys(fields, "\x00"), ensure_ascii=False,
                                                      sort_keys=True)
    if '"' in stamp or "\\" in stamp or not stamp.isprintable():
        return json.dumps(dict.fromkeys(fields, stamp), ensure_ascii=False, sort_keys=True)
    return template.replace("\\u0000", stamp)
