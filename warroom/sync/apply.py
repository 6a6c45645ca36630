"""Apply a batch of changes from the hub with a handful of statements instead of several per change.

Most changes a replica pulls create rows it has never seen. Those are
collected and inserted with one executemany per table, in foreign-key order,
with their field clocks and timeline heads, straight through the driver (see
wire.InsertPlan); revisions of entries that already have a head fold into it
with one UPDATE per entry. Anything touching a row that already exists (a
merge) goes through `Replicator.apply`, the one place that knows
last-writer-wins, after all the inserts, in the batch's order. A merge only
reads and writes its own row (and never a head), and a row created in the
batch is inserted before any merge of it, so the result is the same as
applying the changes one by one.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections import defaultdict

import psycopg
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from warroom.domain.clock import HybridClock, Stamp
from warroom.store.legacy_changes import current_form
from warroom.store.models import metadata
from warroom.store.replication import APPEND_TABLES, REPLICATED, Change, Replicator
from warroom.store.repositories import timeline_heads
from warroom.sync import quarantine
from warroom.sync.local import CHUNK, Tx, existing_ids
from warroom.sync.validate import refusal
from warroom.sync.wire import InsertPlan, plan_for

log = logging.getLogger("warroom.sync")

HEAD_COLUMNS = ("entry_id", "incident_id", "created_at", "revision_count") + timeline_heads.CONTENT
_CLOCK_INSERT = "INSERT INTO sync_row_clocks (table_name, row_id, stamps) VALUES (?, ?, ?)"
_ORDER: list[str] = []  # table names, parents first (metadata sorts them anew on every call)
_HEAD_UPDATE = (
    "UPDATE timeline_heads SET "
    + ", ".join(f"{c} = ?" for c in timeline_heads.CONTENT)
    + ", revision_count = ? WHERE entry_id = ?"
)
_stamp_templates: dict[tuple[str, ...], str] = {}
Rev = tuple[InsertPlan, list, dict]  # a new revision: its insert plan, column values, wire row


TRANSIENT = (sqlite3.OperationalError, psycopg.OperationalError, OperationalError)  # busy, locked, cut


def apply_guarded(
    tx: Tx, clock: HybridClock, changes: list[Change], reasons: list[str | None] | None = None
) -> list[Change]:
    """Apply the fit changes, quarantine the rest; returns the ones applied.

    Each change is checked first (validate.py; `reasons`, from `refusals`, when the caller checked
    them already). The fit ones go in as one batch; if the store refuses that batch for a lasting reason (a row that
    passed the checks but breaks a constraint, such as a parent that never
    arrived), they go in one by one, each in a savepoint, and only the ones
    that fail are quarantined. A transient failure (the store busy) is raised:
    the whole batch is pulled again later.
    """
    changes = [current_form(c) for c in changes]  # a change written before lean rows, as it is now
    if reasons is None:
        reasons = refusals(changes, clock.wall_ms())
    fit: list[Change] = []
    refused: list[tuple[Change, str]] = []
    for change, reason in zip(changes, reasons, strict=True):
        if reason is None:
            fit.append(change)
        else:
            refused.append((change, reason))
    if fit and not _in_savepoint(tx, lambda: BatchApplier(tx, clock).apply_all(fit)):
        applied = []
        for change in fit:
            if _in_savepoint(tx, lambda c=change: BatchApplier(tx, clock).apply_all([c]), refused, change):
                applied.append(change)
        fit = applied
    for change, reason in refused:
        log.warning("refused change %s from the hub: %s", _short(change.change_id), reason)
    quarantine.record(tx, refused)
    return fit


def refusals(changes: list[Change], now_ms: int) -> list[str | None]:
    """validate.refusal of each change: what apply_guarded checks, for a caller that checks ahead
    (a snapshot batch is checked on the reading thread while the one before it is applied)."""
    return [refusal(current_form(change), now_ms) for change in changes]


def _in_savepoint(tx: Tx, work, refused: list | None = None, change: Change | None = None) -> bool:
    """Run `work` in a savepoint: True if it held; on a lasting failure roll it back (and note why)."""
    tx.run("SAVEPOINT warroom_apply")
    try:
        work()
    except TRANSIENT:
        raise
    except Exception as exc:
        tx.run("ROLLBACK TO SAVEPOINT warroom_apply")
        tx.run("RELEASE SAVEPOINT warroom_apply")
        if refused is not None and change is not None:
            first = (str(exc).strip().splitlines() or [""])[0][:200]
            refused.append((change, f"This store could not keep it ({type(exc).__name__}: {first})."))
        else:
            log.info("a batch from the hub needs applying change by change (%s)", type(exc).__name__)
        return False
    tx.run("RELEASE SAVEPOINT warroom_apply")
    return True


def _short(value: object) -> str:
    return repr(value)[:60]


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

    def apply_all(self, changes: list[Change]) -> None:
        changes = [current_form(c) for c in changes]
        wanted = [c for c in changes if c.table_name in REPLICATED]
        for c in changes:
            if c.table_name not in REPLICATED:
                log.warning("ignoring change %s for unknown table %s", c.change_id, c.table_name)
        if not wanted:
            return
        # Stamps are fixed-width text, so the greatest text is the greatest stamp.
        self._clock.observe(Stamp.decode(max(c.stamp for c in wanted)))
        known = self._existing_ids(wanted)
        merges = []
        for change in wanted:
            seen = known[change.table_name]
            if change.row_id not in seen:
                seen.add(change.row_id)
                self._queue_new(change)
            elif change.table_name not in APPEND_TABLES:
                merges.append(change)
        self._flush()
        for change in merges:
            self._merge(change)

    def _existing_ids(self, changes: list[Change]) -> dict[str, set[str]]:
        by_table: dict[str, set[str]] = defaultdict(set)
        for c in changes:
            by_table[c.table_name].add(c.row_id)
        return defaultdict(set, {name: existing_ids(self._tx, name, "id", ids) for name, ids in by_table.items()})

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
            self._clocks.append((name, change.row_id, _stamps_json(change.payload["set"], change.stamp)))

    def _flush(self) -> None:
        for name in _tables_in_order():
            for plan, rows in self._rows.pop(name, {}).items():
                self._tx.many(plan.sql, rows)
        if self._clocks:
            self._tx.run_many(_CLOCK_INSERT, self._clocks)
        if self._revisions:
            self._write_heads(self._revisions)

    def _write_heads(self, revisions: list[Rev]) -> None:
        """Heads of new entries in one insert; the others fold their new revisions in, one UPDATE each."""
        by_entry: dict[str, list[Rev]] = defaultdict(list)
        for rev in revisions:
            by_entry[rev[2]["entry_id"]].append(rev)
        heads = _current_heads(self._tx, by_entry.keys())
        fresh = [_head(revs) for entry_id, revs in by_entry.items() if entry_id not in heads]
        if fresh:
            plan = plan_for(self._tx.dialect, "timeline_heads", tuple(fresh[0]))
            self._tx.many(plan.sql, [plan.as_is(h) for h in fresh])
        counts, contents = [], []
        for entry_id, (stamp, count) in heads.items():
            revs = by_entry[entry_id]
            head = _head(revs)
            if head["stamp"] > stamp:  # as record_revision: a newer revision replaces the content
                contents.append([head[c] for c in timeline_heads.CONTENT] + [count + len(revs), entry_id])
            else:
                counts.append((count + len(revs), entry_id))
        if counts:
            self._tx.run_many("UPDATE timeline_heads SET revision_count = ? WHERE entry_id = ?", counts)
        if contents:
            self._tx.run_many(_HEAD_UPDATE, contents)


def _current_heads(tx: Tx, entry_ids) -> dict[str, tuple[str, int]]:
    """entry id -> (stamp, revision_count) of the heads these entries already have."""
    found = {}
    ordered = sorted(entry_ids)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        found.update(
            (r[0], (r[1], r[2]))
            for r in tx.run(
                f"SELECT entry_id, stamp, revision_count FROM timeline_heads WHERE entry_id IN "
                f"({', '.join('?' * len(chunk))})",
                tuple(chunk),
            ).fetchall()
        )
    return found


def _tables_in_order() -> list[str]:
    if not _ORDER:
        _ORDER.extend(t.name for t in metadata.sorted_tables)
    return _ORDER


def _head(revisions: list[tuple[InsertPlan, list, dict]]) -> dict:
    """The head's driver values: what record_revision would leave after folding these in one by one."""
    plan, values, wire = revisions[0]
    created = dict(zip(plan.columns, values))["recorded_at"]  # the entry's first revision
    for rev in revisions[1:]:
        if rev[2]["stamp"] > wire["stamp"]:
            plan, values, wire = rev
    row = dict(zip(plan.columns, values))
    row["revision_count"] = len(revisions)
    row["created_at"] = created
    return {c: row.get(c) for c in HEAD_COLUMNS}


def _stamps_json(fields: list[str], stamp: str) -> str:
    """{field: stamp} as JSONText writes it, from a template per field list (stamps need no escaping)."""
    key = tuple(fields)
    template = _stamp_templates.get(key)
    if template is None:
        template = _stamp_templates[key] = json.dumps(dict.fromkeys(fields, "\x00"), ensure_ascii=False, sort_keys=True)
    if '"' in stamp or "\\" in stamp or not stamp.isprintable():
        return json.dumps(dict.fromkeys(fields, stamp), ensure_ascii=False, sort_keys=True)
    return template.replace("\\u0000", stamp)
