"""0008 lean rows: a store written before it (entries as mutable rows) upgrades with its record intact."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import command

from warroom.services.context import ServiceContext
from warroom.services.timeline import TimelineService
from warroom.store import migrate
from warroom.store.db import create_store_engine, parse_url
from warroom.store.models import metadata
from warroom.store.store import Store

BEFORE = "directory_contact_location"
T0 = datetime(2026, 11, 30, 7, 0, tzinfo=UTC)
INCIDENT = "0195a000-0000-7000-8000-000000000001"
_OLD = sa.MetaData()
OLD_ENTRIES = sa.Table(  # timeline_entries as 0001 made it
    "timeline_entries",
    _OLD,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("incident_id", sa.String(36)),
    sa.Column("created_at", metadata.tables["incidents"].c.created_at.type),
    sa.Column("starred", sa.Boolean),
)


def stamp(n: int, device: str = "laptop-a") -> str:
    return f"{1796025849940 + n:013d}.000000.{device}"


def entry_id(n: int) -> str:
    return f"0195a000-0000-7000-8000-0000000001{n:02d}"


# (entry, starred now, stamp of the star's last write or None, texts of its revisions oldest first)
ENTRIES = [
    (1, False, None, ["Pager fired: checkout 5xx"]),
    (2, False, None, ["Rolled back 4.12", "Rolled back to 4.11 — Åsa 東京 🚒"]),
    (3, True, stamp(50), ["Vendor ticket 4711 opened"]),
    (4, False, stamp(60), ["Löschung bestätigt"]),  # starred at stamp 55, unstarred at 60
]


def old_store(url: str) -> None:
    """The schema and rows a store had at 0007, written the way that version wrote them."""
    engine = create_store_engine(parse_url(url))
    with engine.connect() as conn:
        cfg = migrate.alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, BEFORE)
        conn.commit()
        _old_rows(conn)
        conn.commit()
    engine.dispose()


def _old_rows(conn) -> None:
    t = metadata.tables
    conn.execute(
        t["incidents"].insert(),
        {"id": INCIDENT, "number": 1, "title": "Checkout down", "severity": "SEV2", "status": "investigating"}
        | {"commander": "Åsa", "started_at": T0, "created_at": T0, "zone": "UTC", "impacted_services": []}
        | dict.fromkeys(("summary", "impact", "classification", "root_cause", "resolution"), "")
        | dict.fromkeys(("workaround", "went_wrong", "went_well", "lessons"), "")
        | {"deleted": False},
    )
    for n, starred, star_stamp, texts in ENTRIES:
        created = T0 + timedelta(minutes=n)
        first = stamp(n * 10)
        conn.execute(
            OLD_ENTRIES.insert(),
            {"id": entry_id(n), "incident_id": INCIDENT, "created_at": created} | {"starred": starred},
        )
        stamps = {"created_at": first, "incident_id": first, "starred": star_stamp or first}
        conn.execute(
            t["sync_row_clocks"].insert(),
            {"table_name": "timeline_entries", "row_id": entry_id(n)} | {"stamps": stamps},
        )
        for k, text in enumerate(texts):
            revision = _revision(n, k, text, created + timedelta(seconds=k), stamp(n * 10 + k))
            conn.execute(t["entry_revisions"].insert(), revision)
        head = {c: revision[c] for c in revision if c not in ("id",)} | {"revision_count": len(texts)}
        conn.execute(t["timeline_heads"].insert(), head)  # no created_at: 0007 had none
    conn.execute(
        t["sync_merge_history"].insert(),
        {"table_name": "timeline_entries", "row_id": entry_id(4), "field": "starred", "stamp": stamp(55)}
        | {"value": True},
    )


def _revision(n: int, k: int, text: str, at: datetime, rev_stamp: str) -> dict:
    return {
        "id": f"0195a000-0000-7000-8000-0000000002{n}{k}",
        "entry_id": entry_id(n),
        "incident_id": INCIDENT,
        "stamp": rev_stamp,
        "occurred_at": at,
        "recorded_at": at,
        "author": "Åsa",
        "kind": "observation",
        "text": text,
        "retracted": False,
    }


def test_an_old_store_upgrades_with_every_entry_star_and_revision(db_url):
    old_store(db_url)
    store = Store(db_url)  # migrates to the head, as the app does at start-up
    try:
        timeline = TimelineService(ServiceContext(store, "Paweł", "UTC"))
        entries = timeline.entries(INCIDENT)
        assert [(e.id, e.text, e.starred, e.revision) for e in entries] == [
            (entry_id(n), texts[-1], starred, len(texts)) for n, starred, _, texts in ENTRIES
        ]
        assert [e.created_at for e in entries] == [T0 + timedelta(minutes=n) for n, *_ in ENTRIES]
        assert [r.text for r in timeline.history(entry_id(2))] == ENTRIES[1][3]
        with store.session() as s:
            clocks = dict(s.execute(sa.text("SELECT row_id, stamps FROM sync_row_clocks")).all())
            history = s.execute(sa.text("SELECT table_name, row_id, field, stamp FROM sync_merge_history")).all()
            tables = sa.inspect(s.connection()).get_table_names()
        assert "timeline_entries" not in tables
        # Only entries ever starred keep a mark, with the star's own stamp and its lost value.
        assert {k: _json(v)["starred"] for k, v in clocks.items()} == {entry_id(3): stamp(50), entry_id(4): stamp(60)}
        assert history == [("entry_marks", entry_id(4), "starred", stamp(55))]
    finally:
        store.close()


def test_a_star_after_the_upgrade_merges_with_the_one_before(sqlite_url):
    old_store(sqlite_url)
    store = Store(sqlite_url)
    try:
        timeline = TimelineService(ServiceContext(store, "Paweł", "UTC"))
        assert timeline.star(entry_id(4)).starred is True  # an existing mark, stamped after 60
        assert timeline.star(entry_id(1)).starred is True  # a new mark
        assert [e.id for e in timeline.entries(INCIDENT) if e.starred] == [entry_id(1), entry_id(3), entry_id(4)]
        with store.session() as s:
            values = s.execute(sa.text("SELECT row_id, value FROM sync_merge_history ORDER BY stamp")).all()
        assert [(r, _json(v)) for r, v in values] == [(entry_id(4), True), (entry_id(4), False)]
    finally:
        store.close()


def test_downgrading_gives_the_old_rows_back(sqlite_url):
    old_store(sqlite_url)
    engine = create_store_engine(parse_url(sqlite_url))
    migrate.upgrade(engine)
    with engine.connect() as conn:
        cfg = migrate.alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, BEFORE)
        conn.commit()
        rows = conn.execute(sa.select(OLD_ENTRIES).order_by(OLD_ENTRIES.c.id)).all()
    engine.dispose()
    assert [(r.id, r.created_at, r.starred) for r in rows] == [
        (entry_id(n), T0 + timedelta(minutes=n), starred) for n, starred, *_ in ENTRIES
    ]


def _json(value):
    import json

    return json.loads(value) if isinstance(value, str) else value
