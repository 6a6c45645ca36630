"""Maintain timeline_heads: each entry's one row, its latest revision (derived, local only)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from warroom.store.fast_insert import fast_insert, insert_driver_values
from warroom.store.models import TimelineHeadRow, metadata

HEADS = metadata.tables[TimelineHeadRow.__tablename__]
CONTENT = (
    "stamp",
    "occurred_at",
    "recorded_at",
    "author",
    "kind",
    "text",
    "milestone",
    "vendor_id",
    "contact_id",
    "vendor_name",
    "contact_name",
    "retracted",
)
HEAD_KEYS = ("entry_id", "incident_id", *CONTENT)


def record_revision(conn: Connection, revision: dict, *, new_entry: bool = False, bound: dict | None = None) -> None:
    """Fold one newly inserted revision into its entry's head; `bound` are the revision's
    driver values as inserted, which a new entry's head reuses as they are."""
    if new_entry and bound is not None:
        insert_driver_values(conn, HEADS, _new_head(bound))
        return
    head = (
        None
        if new_entry
        else conn.execute(
            select(HEADS.c.stamp, HEADS.c.revision_count).where(HEADS.c.entry_id == revision["entry_id"])
        ).first()
    )
    if head is None:
        fast_insert(conn, HEADS, _new_head(revision))
        return
    values: dict = {"revision_count": head.revision_count + 1}
    if revision["stamp"] > head.stamp:
        values.update({k: revision[k] for k in CONTENT})
    conn.execute(update(HEADS).where(HEADS.c.entry_id == revision["entry_id"]).values(**values))


def _new_head(revision: dict) -> dict:
    """An entry's first head: its first revision's content; it was created when that was recorded."""
    head = {k: revision[k] for k in HEAD_KEYS}
    head["created_at"] = revision["recorded_at"]
    head["revision_count"] = 1
    return head
