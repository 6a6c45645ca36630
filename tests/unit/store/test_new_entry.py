"""A new entry's three rows (store/new_entry.py on SQLite, the general path on PostgreSQL) are the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from warroom.domain.ids import is_id
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService
from warroom.store.models import EntryRevisionRow, OutboxRow, TimelineHeadRow
from warroom.store.new_entry import new_entry_rows
from warroom.store.replication_sql import wire_row
from warroom.store.store import Store
from warroom.store.types import encode_json

REVISIONS, HEADS, OUTBOX = EntryRevisionRow.__table__, TimelineHeadRow.__table__, OutboxRow.__table__


@pytest.fixture
def any_store(db_url):
    s = Store(db_url)
    yield s
    s.close()


def rows_of(store: Store, entry_id: str):
    with store.engine.connect() as conn:
        revision = conn.execute(select(REVISIONS).where(REVISIONS.c.entry_id == entry_id)).mappings().one()
        head = conn.execute(select(HEADS).where(HEADS.c.entry_id == entry_id)).mappings().one()
        change = conn.execute(select(OUTBOX).where(OUTBOX.c.row_id == revision["id"])).mappings().one()
    return dict(revision), dict(head), dict(change)


@pytest.mark.parametrize(
    "at", [datetime(2026, 11, 30, 7, 0, tzinfo=UTC), datetime(2026, 11, 30, 7, 1, 2, 345678, tzinfo=UTC)]
)
def test_a_new_entry_writes_its_revision_its_head_and_one_change_alike(any_store, at):
    ctx = ServiceContext(store=any_store, user_name="Åsa Bergström", zone="Europe/Stockholm")
    incident = IncidentService(ctx).open("Rader 東京", "SEV2", started_at=datetime(2026, 11, 30, 6, 0, tzinfo=UTC))
    added = TimelineService(ctx).add(
        incident.id, "called the vendor, مرحبا", at=at, kind="contact", vendor_name="Ørsted Ltd", contact_name="Zoë"
    )
    revision, head, change = rows_of(any_store, added.entry.id)
    assert is_id(revision["id"]) and revision["id"] != added.entry.id
    content = {k: v for k, v in revision.items() if k != "id"}
    assert {k: head[k] for k in content} == content
    assert (head["created_at"], head["revision_count"]) == (revision["recorded_at"], 1)
    assert revision["occurred_at"] == at and revision["text"] == "called the vendor, مرحبا"
    assert is_id(change["change_id"])
    assert (change["table_name"], change["stamp"]) == ("entry_revisions", revision["stamp"])
    wire = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in revision.items()}
    assert change["payload"] == {"row": wire}


def test_on_sqlite_the_instants_are_stored_as_fixed_width_utc_text(store):
    ctx = ServiceContext(store=store, user_name="Åsa", zone="UTC")
    incident = IncidentService(ctx).open("Fixed width", "SEV3")
    at = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
    entry = TimelineService(ctx).add(incident.id, "on the hour", at=at).entry
    with store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        stored = raw.execute(
            "SELECT r.occurred_at, h.occurred_at, h.created_at, r.recorded_at FROM entry_revisions r "
            "JOIN timeline_heads h ON h.entry_id = r.entry_id WHERE r.entry_id = ?",
            (entry.id,),
        ).fetchone()
    assert stored[:2] == ("2026-11-30T07:00:00.000000+00:00",) * 2
    assert stored[2] == stored[3] and len(stored[3]) == len("2026-11-30T07:00:00.000000+00:00")


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30) | st.sampled_from(
    ['"quoted"', "\\", "\n\t", ""]
)
_ZONES = st.sampled_from([UTC, timezone(timedelta(hours=5, minutes=30)), ZoneInfo("America/New_York")])
_INSTANTS = st.builds(
    lambda at, micro, zone: at.replace(microsecond=micro, tzinfo=UTC).astimezone(zone),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1)),
    st.sampled_from([0, 1, 345678, 999999]),
    _ZONES,
)


def revision(occurred: datetime, recorded: datetime, **content):
    """A revision row, stamped, in the column order the timeline's repository gives."""
    row = {"id": "r-1", "entry_id": "e-1", "incident_id": "i-1", "occurred_at": occurred, "recorded_at": recorded}
    row |= {"author": "Åsa", "kind": "observation", "text": "t", "milestone": None, "vendor_id": None}
    row |= {"contact_id": None, "vendor_name": None, "contact_name": None, "retracted": False}
    return row | content | {"stamp": "1796047763783.000000.a66e675c0e7a5b6c"}


@settings(max_examples=300, deadline=None)
@given(
    text=_TEXT,
    optional=st.lists(st.none() | _TEXT, min_size=5, max_size=5),
    occurred=_INSTANTS,
    recorded=_INSTANTS,
    retracted=st.booleans(),
)
def test_the_one_pass_values_and_payload_are_what_the_general_path_makes(text, optional, occurred, recorded, retracted):
    optional_columns = ("milestone", "vendor_id", "contact_id", "vendor_name", "contact_name")
    row = revision(
        occurred, recorded, text=text, retracted=retracted, **dict(zip(optional_columns, optional, strict=True))
    )
    dialect = sqlite.dialect()
    rows = new_entry_rows(dialect, tuple(row))
    bound, wire = rows.bound_and_wire(row)
    processors = [REVISIONS.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in rows.names]
    assert bound == [p(row[n]) if p else row[n] for p, n in zip(processors, rows.names, strict=True)]
    assert rows.payload(wire) == encode_json({"row": wire_row(row)})


def test_a_naive_instant_is_refused_as_the_column_type_refuses_it():
    row = revision(datetime(2026, 11, 30, 7, 0), datetime(2026, 11, 30, 7, 0, tzinfo=UTC))
    with pytest.raises(ValueError, match="naive"):
        new_entry_rows(sqlite.dialect(), tuple(row)).bound_and_wire(row)
