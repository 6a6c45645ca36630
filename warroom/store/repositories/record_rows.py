"""The fast read path for a whole record: every entry and revision of an incident in one select each.

Exports, the postmortem tab and the handover read all of an incident's
timeline at once (10,000 entries and more). Going through SQLAlchemy's result
rows costs several times the SELECT itself: a per-column type hook for every
instant and a keyed row per entry. Here the same Core selects are compiled
once per dialect and run on the session's own DBAPI cursor (so they see the
unit of work's transaction), and each row is turned into its domain value by
position, with the stored text of an instant parsed directly. Only SQLite
stores are read this way (the local store always is); others go through the
repositories.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from warroom.domain.timeline import Entry, EntryFilter, EntryKind, Revision
from warroom.store.models import EntryMarkRow, EntryRevisionRow, TimelineHeadRow
from warroom.store.repositories.timeline import TimelineRepository

_HEADS = TimelineHeadRow.__table__
_MARKS = EntryMarkRow.__table__
_REVISIONS = EntryRevisionRow.__table__
_KINDS = {k.value: k for k in EntryKind}
_CONTENT = ("occurred_at", "recorded_at", "author", "kind", "text", "milestone")
_PARTIES = ("vendor_id", "contact_id", "vendor_name", "contact_name")


def _entries_select() -> Select:
    h, m = _HEADS.c, _MARKS.c
    columns = [h.entry_id, h.incident_id, *(h[c] for c in _CONTENT[:2]), h.created_at]
    columns += [*(h[c] for c in _CONTENT[2:]), *(h[c] for c in _PARTIES), h.revision_count, h.retracted, m.starred]
    return (
        select(*columns)
        .outerjoin(_MARKS, m.id == h.entry_id)
        .where(h.incident_id == bindparam("incident"))
        .order_by(h.occurred_at, h.entry_id)
    )


def _revisions_select() -> Select:
    r = _REVISIONS.c
    columns = [r.id, r.entry_id, *(r[c] for c in _CONTENT), *(r[c] for c in _PARTIES), r.retracted]
    return select(*columns).where(r.incident_id == bindparam("incident")).order_by(r.entry_id, r.stamp)


@cache
def _sqlite_sql(which: str) -> str:
    """The select as SQLite text with one positional parameter, the incident id."""
    query = _entries_select() if which == "entries" else _revisions_select()
    compiled = query.compile(dialect=sqlite.dialect(), compile_kwargs={"render_postcompile": True})
    return str(compiled)


def _instant(text: str) -> datetime:
    """Stored as fixed-width ISO 8601 text in UTC (see store.types.UTCDateTime)."""
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is UTC else value.astimezone(UTC)


def _entry(row: tuple) -> Entry:
    (id_, incident, occurred, recorded, created, author, kind, text, milestone) = row[:9]
    (vendor_id, contact_id, vendor_name, contact_name, revision, retracted, starred) = row[9:]
    return Entry(
        id_,
        incident,
        _instant(occurred),
        _instant(recorded),
        _instant(created),
        author,
        _KINDS[kind],
        text,
        milestone,
        vendor_id,
        contact_id,
        vendor_name,
        contact_name,
        revision,
        bool(retracted),
        bool(starred),
    )


def _revision(row: tuple) -> Revision:
    (id_, entry_id, occurred, recorded, author, kind, text, milestone) = row[:8]
    (vendor_id, contact_id, vendor_name, contact_name, retracted) = row[8:]
    return Revision(
        id_,
        entry_id,
        _instant(occurred),
        _instant(recorded),
        author,
        _KINDS[kind],
        text,
        milestone,
        vendor_id,
        contact_id,
        vendor_name,
        contact_name,
        bool(retracted),
    )


def _read(session: Session, which: str, incident_id: str, build: Callable[[tuple], Any]) -> list:
    dbapi = session.connection().connection.dbapi_connection
    assert dbapi is not None, "an open connection"
    cursor = dbapi.cursor()
    was_on = gc.isenabled()
    gc.disable()  # tens of thousands of acyclic objects: the cyclic collector would walk them again and again
    try:
        rows = cursor.execute(_sqlite_sql(which), (incident_id,)).fetchall()
        return [build(row) for row in rows]
    finally:
        cursor.close()
        if was_on:
            gc.enable()


def record_entries(timeline: TimelineRepository, incident_id: str) -> list[Entry]:
    """Every entry of the incident, retracted ones too, in timeline order (occurred_at, id)."""
    session = timeline.session
    if session.get_bind().dialect.name != "sqlite":
        return timeline.all(incident_id, EntryFilter(include_retracted=True))
    return _read(session, "entries", incident_id, _entry)


def record_revisions(timeline: TimelineRepository, incident_id: str) -> list[Revision]:
    """Every revision of every entry of the incident, by entry and then in the order they were made."""
    session = timeline.session
    if session.get_bind().dialect.name != "sqlite":
        return timeline.all_revisions(incident_id)
    return _read(session, "revisions", incident_id, _revision)
