"""Maintain timeline_heads: the latest revision of each entry (derived, local only)."""

from __future__ import annotations

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from warroom.store.models import TimelineHeadRow

CONTENT = ("stamp", "occurred_at", "recorded_at", "author", "kind", "text", "milestone",
           "vendor_id", "contact_id", "vendor_name", "contact_name", "retracted")


def record_revision(session: Session, revision: dict) -> None:
    """Fold one newly inserted revision into its entry's head."""
    head = session.get(TimelineHeadRow, revision["entry_id"])
    content = {k: revision[k] for k in CONTENT}
    if head is None:
        session.execute(insert(TimelineHeadRow).values(
            entry_id=revision["entry_id"], incident_id=revision["incident_id"],
            revision_count=1, **content))
        return
    values: dict = {"revision_count": head.revision_count + 1}
    if revision["stamp"] > head.stamp:
        values.update(content)
    session.execute(update(TimelineHeadRow)
                    .where(TimelineHeadRow.entry_id == revision["entry_id"]).values(**values))
    session.expire(head)
