"""Reading the timeline: heads for views, revisions for history and export."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warroom.domain.timeline import Entry, EntryFilter, EntryKind, Revision
from warroom.store.models import DurationDefRow, EntryRevisionRow, TimelineEntryRow, TimelineHeadRow

# Views and exports read thousands of rows: Core rows, not ORM objects, which cost
# several times as much to build.
_HEADS = TimelineHeadRow.__table__
_ENTRIES = TimelineEntryRow.__table__
_REVISIONS = EntryRevisionRow.__table__


def _entry(row) -> Entry:
    return Entry(
        id=row.entry_id,
        incident_id=row.incident_id,
        occurred_at=row.occurred_at,
        recorded_at=row.recorded_at,
        created_at=row.created_at,
        author=row.author,
        kind=EntryKind(row.kind),
        text=row.text,
        milestone=row.milestone,
        vendor_id=row.vendor_id,
        contact_id=row.contact_id,
        vendor_name=row.vendor_name,
        contact_name=row.contact_name,
        revision=row.revision_count,
        retracted=row.retracted,
        starred=row.starred,
    )


def revision_from_row(row) -> Revision:
    return Revision(
        id=row.id,
        entry_id=row.entry_id,
        occurred_at=row.occurred_at,
        recorded_at=row.recorded_at,
        author=row.author,
        kind=EntryKind(row.kind),
        text=row.text,
        milestone=row.milestone,
        vendor_id=row.vendor_id,
        contact_id=row.contact_id,
        vendor_name=row.vendor_name,
        contact_name=row.contact_name,
        retracted=row.retracted,
    )


class TimelineRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _rows(self, query):
        return self.session.connection().execute(query)

    def _query(self, incident_id: str, flt: EntryFilter):
        h, e = _HEADS.c, _ENTRIES.c
        q = (
            select(_HEADS, e.created_at, e.starred)
            .join(_ENTRIES, e.id == h.entry_id)
            .where(h.incident_id == incident_id)
        )
        if not flt.include_retracted:
            q = q.where(h.retracted.is_(False))
        if flt.kinds:
            q = q.where(h.kind.in_(flt.kinds))
        if flt.author:
            q = q.where(func.lower(h.author).contains(flt.author.lower(), autoescape=True))
        if flt.vendor:
            q = q.where(func.lower(h.vendor_name).contains(flt.vendor.lower(), autoescape=True))
        if flt.text:
            q = q.where(func.lower(h.text).contains(flt.text.lower(), autoescape=True))
        if flt.starred_only:
            q = q.where(e.starred.is_(True))
        return q

    def count(self, incident_id: str, flt: EntryFilter = EntryFilter()) -> int:
        sub = self._query(incident_id, flt).subquery()
        return self.session.execute(select(func.count()).select_from(sub)).scalar_one()

    def page(self, incident_id: str, offset: int, limit: int, flt: EntryFilter = EntryFilter()) -> list[Entry]:
        h = _HEADS.c
        q = self._query(incident_id, flt).order_by(h.occurred_at, h.entry_id).offset(offset).limit(limit)
        return [_entry(row) for row in self._rows(q)]

    def all(self, incident_id: str, flt: EntryFilter = EntryFilter()) -> list[Entry]:
        h = _HEADS.c
        q = self._query(incident_id, flt).order_by(h.occurred_at, h.entry_id)
        return [_entry(row) for row in self._rows(q)]

    def milestone_entries(self, incident_id: str) -> list[Entry]:
        """Only the entries that mark a milestone: what durations need, without loading the rest."""
        h = _HEADS.c
        q = self._query(incident_id, EntryFilter()).where(h.milestone.is_not(None)).order_by(h.occurred_at, h.entry_id)
        return [_entry(row) for row in self._rows(q)]

    def get(self, entry_id: str) -> Entry | None:
        e = _ENTRIES.c
        found = self._rows(
            select(_HEADS, e.created_at, e.starred)
            .join(_ENTRIES, e.id == _HEADS.c.entry_id)
            .where(_HEADS.c.entry_id == entry_id)
        ).first()
        return _entry(found) if found else None

    def revisions(self, entry_id: str) -> list[Revision]:
        r = _REVISIONS.c
        rows = self._rows(select(_REVISIONS).where(r.entry_id == entry_id).order_by(r.stamp))
        return [revision_from_row(row) for row in rows]

    def all_revisions(self, incident_id: str) -> list[Revision]:
        r = _REVISIONS.c
        rows = self._rows(select(_REVISIONS).where(r.incident_id == incident_id).order_by(r.entry_id, r.stamp))
        return [revision_from_row(row) for row in rows]

    def duration_defs(self, incident_id: str):  # few rows: the ORM is fine here
        from warroom.domain.metrics import DurationDef

        rows = self.session.scalars(
            select(DurationDefRow)
            .where(DurationDefRow.incident_id == incident_id, DurationDefRow.deleted.is_(False))
            .order_by(DurationDefRow.id)
        )
        return [DurationDef(r.id, r.name, r.start_milestone, r.end_milestone) for r in rows]
