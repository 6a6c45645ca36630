"""The timeline: heads for views, revisions for history and export; appending entries and revisions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select

from warroom.domain.clock import as_utc
from warroom.domain.ids import new_id
from warroom.domain.metrics import DurationDef
from warroom.domain.timeline import Entry, EntryFilter, EntryKind, Revision
from warroom.store.models import DurationDefRow, EntryMarkRow, EntryRevisionRow, TimelineHeadRow
from warroom.store.repositories.base import Repository

# Views and exports read thousands of rows: Core rows, not ORM objects, which cost
# several times as much to build.
_HEADS = TimelineHeadRow.__table__
_MARKS = EntryMarkRow.__table__
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
        starred=bool(row.starred),
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


def revision_row(incident_id: str, r: Revision | Entry, revision_id: str) -> dict[str, Any]:
    """The row of one revision; an Entry gives its own content (its first revision)."""
    return {
        "id": revision_id,
        "entry_id": r.entry_id if isinstance(r, Revision) else r.id,
        "incident_id": incident_id,
        "occurred_at": as_utc(r.occurred_at),
        "recorded_at": r.recorded_at,
        "author": r.author,
        "kind": r.kind.value,
        "text": r.text,
        "milestone": r.milestone,
        "vendor_id": r.vendor_id,
        "contact_id": r.contact_id,
        "vendor_name": r.vendor_name,
        "contact_name": r.contact_name,
        "retracted": r.retracted,
    }


def _with_marks():
    """Heads with their star: an entry never marked has no entry_marks row."""
    return select(_HEADS, _MARKS.c.starred).outerjoin(_MARKS, _MARKS.c.id == _HEADS.c.entry_id)


class TimelineRepository(Repository):
    # -- writing ----------------------------------------------------------------
    def add_entry(self, entry: Entry, history: Sequence[Revision] = ()) -> None:
        """A new entry with its first revision (the entry's own content), or with `history`,
        oldest first, when an archive brings the revisions along. The timeline's hot path:
        an entry is its revisions (its row in timeline_heads is derived from them)."""
        if not history:
            self.writer.append("entry_revisions", revision_row(entry.incident_id, entry, new_id()), new_entry=True)
        for index, revision in enumerate(history):
            row = revision_row(entry.incident_id, revision, revision.id)
            self.writer.append("entry_revisions", row, new_entry=index == 0)
        if entry.starred:
            self.star(entry.id, True, entry.incident_id)

    def add_revision(self, incident_id: str, revision: Revision) -> None:
        """An edit is a new revision: the old ones stay in the history."""
        self.writer.append("entry_revisions", revision_row(incident_id, revision, revision.id))

    def star(self, entry_id: str, starred: bool, incident_id: str | None = None) -> None:
        """A star is an entry_marks row, made the first time the entry is marked."""
        marked = self.writer.update_if_present("entry_marks", entry_id, {"starred": bool(starred)})
        if marked is None:
            if incident_id is None:
                incident_id = self._rows(select(_HEADS.c.incident_id).where(_HEADS.c.entry_id == entry_id)).scalar_one()
            self.writer.create("entry_marks", {"id": entry_id, "incident_id": incident_id, "starred": bool(starred)})

    def add_duration(self, incident_id: str, duration: DurationDef) -> None:
        row = {
            "id": duration.id,
            "incident_id": incident_id,
            "name": duration.name,
            "start_milestone": duration.start,
            "end_milestone": duration.end,
            "deleted": False,
        }
        self.writer.create("duration_defs", row)

    def remove_duration(self, duration_id: str) -> None:
        self._tombstone("duration_defs", duration_id)

    # -- reading ----------------------------------------------------------------
    def _rows(self, query):
        return self.session.connection().execute(query)

    def _query(self, incident_id: str, flt: EntryFilter):
        h = _HEADS.c
        q = _with_marks().where(h.incident_id == incident_id)
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
            q = q.where(_MARKS.c.starred.is_(True))
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
        found = self._rows(_with_marks().where(_HEADS.c.entry_id == entry_id)).first()
        return _entry(found) if found else None

    def revisions(self, entry_id: str) -> list[Revision]:
        r = _REVISIONS.c
        rows = self._rows(select(_REVISIONS).where(r.entry_id == entry_id).order_by(r.stamp))
        return [revision_from_row(row) for row in rows]

    def all_revisions(self, incident_id: str) -> list[Revision]:
        r = _REVISIONS.c
        rows = self._rows(select(_REVISIONS).where(r.incident_id == incident_id).order_by(r.entry_id, r.stamp))
        return [revision_from_row(row) for row in rows]

    def duration_defs(self, incident_id: str) -> list[DurationDef]:  # few rows: the ORM is fine here
        rows = self.session.scalars(
            select(DurationDefRow)
            .where(DurationDefRow.incident_id == incident_id, DurationDefRow.deleted.is_(False))
            .order_by(DurationDefRow.id)
        )
        return [DurationDef(r.id, r.name, r.start_milestone, r.end_milestone) for r in rows]
