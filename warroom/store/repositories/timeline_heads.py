"""Maintain timeline_heads: each entry's one row, its latest revision (derived, local only)."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from warroom.store.fast_insert import fast_insert
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


def record_revision(conn: Connection, revision: dict, *, new_entry: bool = False) -> None:
    """Fold one newly inserted revision into its entry's head."""
    head = (
        None
        if new_entry
        else conn.execute(
            select(HEADS.c.stamp, HEADS.c.revision_count).where(HEADS.c.entry_id == revision["entry_id"])
        ).first()
    )
    content = {k: revision[k] for k in CONTENT}
    if head is None:
        fast_insert(
            conn,
            HEADS,
            {
                "entry_id": revision["entry_id"],
                "incident_id": revision["incident_id"],
                "created_at": revision["recorded_at"],
                "revision_count": 1,
                **content,
            },
        )
        return
    values: dict = {"revision_count": head.revision_count + 1}
    if revision["stamp"] > head.stamp:
        values.update(content)
    conn.execute(update(HEADS).where(HEADS.c.entry_id == revision["entry_id"]).values(**values))
