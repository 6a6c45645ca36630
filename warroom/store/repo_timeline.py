"""Reading the timeline: heads for views, revisions for history and export."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warroom.domain.timeline import Entry, EntryFilter, EntryKind, Revision
from warroom.store.models import DurationDefRow, EntryRevisionRow, TimelineEntryRow, TimelineHeadRow


def _entry(head: TimelineHeadRow, entry: TimelineEntryRow) -> Entry:
    return Entry(
        id=head.entry_id, incident_id=head.incident_id, occurred_at=head.occurred_at,
        recorded_at=head.recorded_at, created_at=entry.created_at, author=head.author,
        kind=EntryKind(head.kind), text=head.text, milestone=head.milestone,
        vendor_id=head.vendor_id, contact_id=head.contact_id, vendor_name=head.vendor_name,
        contact_name=head.contact_name, revision=head.revision_count,
        retracted=head.retracted, starred=entry.starred,
    )


def revision_from_row(row: EntryRevisionRow) -> Revision:
    return Revision(
        id=row.id, entry_id=row.entry_id, occurred_at=row.occurred_at,
        recorded_at=row.recorded_at, author=row.author, kind=EntryKind(row.kind), text=row.text,
        milestone=row.milestone, vendor_id=row.vendor_id, contact_id=row.contact_id,
        vendor_name=row.vendor_name, contact_name=row.contact_name, retracted=row.retracted,
    )


class TimelineRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _query(self, incident_id: str, flt: EntryFilter):
        h, e = TimelineHeadRow, TimelineEntryRow
        q = select(h, e).join(e, e.id == h.entry_id).where(h.incident_id == incident_id)
        if not flt.include_retracted:
            q = q.where(h.retracted.is_(False))
        if flt.kinds:
            q = q.where(h.kind.in_(flt.kinds))
        if flt.author:
            q = q.where(func.lower(h.author).contains(flt.author.lower()))
        if flt.vendor:
            q = q.where(func.lower(h.vendor_name).contains(flt.vendor.lower()))
        if flt.text:
            q = q.where(func.lower(h.text).contains(flt.text.lower()))
        if flt.starred_only:
            q = q.where(e.starred.is_(True))
        return q

    def count(self, incident_id: str, flt: EntryFilter = EntryFilter()) -> int:
        sub = self._query(incident_id, flt).subquery()
        return self.session.execute(select(func.count()).select_from(sub)).scalar_one()

    def page(self, incident_id: str, offset: int, limit: int,
             flt: EntryFilter = EntryFilter()) -> list[Entry]:
        h = TimelineHeadRow
        q = self._query(incident_id, flt).order_by(h.occurred_at, h.entry_id).offset(offset).limit(limit)
        return [_entry(head, entry) for head, entry in self.session.execute(q)]

    def all(self, incident_id: str, flt: EntryFilter = EntryFilter()) -> list[Entry]:
        h = TimelineHeadRow
        q = self._query(incident_id, flt).order_by(h.occurred_at, h.entry_id)
        return [_entry(head, entry) for head, entry in self.session.execute(q)]

    def milestone_entries(self, incident_id: str) -> list[Entry]:
        """Only the entries that mark a milestone: what durations need, without loading the rest."""
        h = TimelineHeadRow
        q = (self._query(incident_id, EntryFilter()).where(h.milestone.is_not(None))
             .order_by(h.occurred_at, h.entry_id))
        return [_entry(head, entry) for head, entry in self.session.execute(q)]

    def get(self, entry_id: str) -> Entry | None:
        found = self.session.execute(
            select(TimelineHeadRow, TimelineEntryRow)
            .join(TimelineEntryRow, TimelineEntryRow.id == TimelineHeadRow.entry_id)
            .where(TimelineHeadRow.entry_id == entry_id)
        ).first()
        return _entry(*found) if found else None

    def revisions(self, entry_id: str) -> list[Revision]:
        rows = self.session.scalars(
            select(EntryRevisionRow).where(EntryRevisionRow.entry_id == entry_id)
            .order_by(EntryRevisionRow.stamp)
        )
        return [revision_from_row(r) for r in rows]

    def all_revisions(self, incident_id: str) -> list[Revision]:
        rows = self.session.scalars(
            select(EntryRevisionRow).where(EntryRevisionRow.incident_id == incident_id)
            .order_by(EntryRevisionRow.entry_id, EntryRevisionRow.stamp)
        )
        return [revision_from_row(r) for r in rows]

    def duration_defs(self, incident_id: str):
        from warroom.domain.metrics import DurationDef

        rows = self.session.scalars(
            select(DurationDefRow).where(DurationDefRow.incident_id == incident_id,
                                         DurationDefRow.deleted.is_(False))
            .order_by(DurationDefRow.id))
        return [DurationDef(r.id, r.name, r.start_milestone, r.end_milestone) for r in rows]
