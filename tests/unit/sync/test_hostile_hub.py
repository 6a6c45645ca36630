"""A hub that trusts no one: hostile rows pushed straight into hub_changes never stop sync.

On PostgreSQL the rows are inserted by an ordinary member of the app role (a
login made by `warroom hub add-user`), exactly as a hostile or broken laptop
could; on SQLite by anyone who can write the file.
"""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime

import psycopg
import pytest
from sqlalchemy import text

from tests.integration.sync_support import apply_grants, replica, snapshot
from warroom.domain.ids import new_id
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.postmortem.service import PostmortemService
from warroom.services.timeline import TimelineService
from warroom.store.db import parse_url
from warroom.store.replication import REPLICATED
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub, HubError
from warroom.sync.hub_admin import add_user, grants_sql
from warroom.sync.quarantine import problems

MALLORY_DEVICE = "0190dead-beef-7000-8000-000000000bad"


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def stamp(ms: int | None = None, device: str = MALLORY_DEVICE) -> str:
    return f"{(ms if ms is not None else now_ms()):013d}.000000.{device}"


class Writer:
    """Inserts rows into the hub's log directly, as an untrusted writer."""

    def __init__(self, hub_url: str, pg_login: str | None) -> None:
        self.pg = pg_login is not None
        if self.pg:
            self.conn = psycopg.connect(pg_login, autocommit=True)
        else:
            self.conn = sqlite3.connect(parse_url(hub_url).database, isolation_level=None)

    def insert(self, table: str, row_id: str, payload: str, stamp_text: str, device: str = MALLORY_DEVICE) -> str:
        change_id = new_id()
        values = (change_id, table, row_id, payload, stamp_text, device)
        if self.pg:
            self.conn.execute(
                "INSERT INTO hub_changes (change_id, table_name, row_id, payload, stamp, device, txid, pushed_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, pg_current_xact_id(), now())",
                values,
            )
        else:
            self.conn.execute(
                "INSERT INTO hub_changes (change_id, table_name, row_id, payload, stamp, device, txid, pushed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
                (*values, datetime.now(UTC).isoformat()),
            )
        return change_id

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def writer(hub_url, postgres_factory_if_pg):
    """Mallory: on PostgreSQL a login of her own in a least-privilege app role; on SQLite, the file."""
    if not hub_url.startswith("postgresql"):
        w = Writer(hub_url, None)
        yield w
        w.close()
        return
    suffix = new_id().replace("-", "")[-8:]
    group, login = f"warroom_app_{suffix}", f"mallory_{suffix}"
    admin = psycopg.connect(hub_url, autocommit=True)
    hub = Hub(hub_url)
    try:
        admin.execute(f"CREATE ROLE {group} NOLOGIN")
        database = parse_url(hub_url).database
        apply_grants(admin, grants_sql(hub.engine, database, group, []), database)
        add_user(hub_url, login, "Pa55-mallory", group)
        w = Writer(hub_url, hub_url.replace("postgres@", f"{login}:Pa55-mallory@", 1))
        yield w
        w.close()
    finally:
        hub.close()
        for role in (login, group):
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
            admin.execute(f"DROP OWNED BY {role}")
            admin.execute(f"DROP ROLE IF EXISTS {role}")
        admin.close()


@pytest.fixture
def postgres_factory_if_pg(hub_url, request):
    return request.getfixturevalue("postgres_factory") if hub_url.startswith("postgresql") else None


def incident_row(**over) -> dict:
    row = {
        "id": new_id(),
        "number": 99,
        "title": "Planted",
        "severity": "SEV2",
        "status": "investigating",
        "commander": "Mallory",
        "started_at": "2026-11-30T04:00:00+00:00",
        "created_at": "2026-11-30T04:00:00+00:00",
        "zone": "UTC",
        "impacted_services": [],
        "deleted": False,
    }
    return {**row, **over}


def payload(row: dict) -> str:
    return json.dumps({"row": row, "set": sorted(k for k in row if k != "id")})


def plant_hostile_rows(w: Writer) -> dict[str, str]:
    """Each kind of bad row; returns change id -> the words its quarantine reason must hold."""
    planted = {
        w.insert("incidents", new_id(), "not json {", stamp()): "payload is not a row",
        w.insert("incidents", new_id(), "[1, 2, 3]", stamp()): "payload is not a row",
        w.insert("payroll", new_id(), payload({"id": "p1"}), stamp()): "Unknown table 'payroll'",
    }
    row = incident_row(salary=100)
    planted[w.insert("incidents", row["id"], payload(row), stamp())] = "Unknown column salary"
    row = incident_row(severity="SEV99")
    planted[w.insert("incidents", row["id"], payload(row), stamp())] = "Unknown severity 'SEV99'"
    row = incident_row(started_at="9999-12-31T00:00:00+00:00")
    planted[w.insert("incidents", row["id"], payload(row), stamp())] = "out of range"
    orphan = {
        "id": new_id(),
        "entry_id": new_id(),
        "incident_id": new_id(),
        "occurred_at": "2026-11-30T04:00:00+00:00",
        "recorded_at": "2026-11-30T04:00:00+00:00",
        "author": "Mallory",
        "kind": "action",
        "text": "an entry of an entry that never was",
    }
    orphan_stamp = stamp()
    orphan["stamp"] = orphan_stamp
    planted[w.insert("entry_revisions", orphan["id"], json.dumps({"row": orphan}), orphan_stamp)] = (
        "could not keep it (IntegrityError"
    )
    future = incident_row(title="From 2286")
    if w.pg:  # the hub itself refuses it, even from a least-privilege login
        with pytest.raises(psycopg.Error, match="ahead of the hub's clock"):
            w.insert("incidents", future["id"], payload(future), stamp(9_999_999_999_999))
    else:
        planted[w.insert("incidents", future["id"], payload(future), stamp(9_999_999_999_999))] = (
            "Stamped 259 years in the future"
        )
    return planted


def titles(store) -> list[str]:
    return sorted(i.title for i in IncidentService(ServiceContext(store, "x")).list())


def test_hostile_rows_are_quarantined_and_every_laptop_keeps_syncing(hub_url, writer, tmp_path):
    a, b = replica(tmp_path, "a"), replica(tmp_path, "b")
    hub = Hub(hub_url)
    try:
        ea, eb = SyncEngine(a, hub), SyncEngine(b, hub)
        before = IncidentService(ServiceContext(a, "Åsa")).open("Before the junk", "SEV2")
        ea.sync_once(settle=5)
        planted = plant_hostile_rows(writer)
        after = IncidentService(ServiceContext(a, "Åsa")).open("After the junk", "SEV1")
        TimelineService(ServiceContext(a, "Åsa")).add(after.id, "still syncing")
        ea.sync_once(settle=5)

        eb.sync_once(settle=5)  # a laptop joining now
        assert titles(b) == ["After the junk", "Before the junk"]
        found = {p.change_id: p.reason for p in problems(b)}
        assert set(found) == set(planted)
        for change_id, words in planted.items():
            assert words in found[change_id]
        assert b.clock.tick().wall_ms < now_ms() + 60_000  # 2286 never reached its clock

        ea.sync_once(settle=5)  # the laptop that was there all along refuses the same rows
        assert {p.change_id for p in problems(a)} == set(planted)
        assert snapshot(a, sorted(REPLICATED)) == snapshot(b, sorted(REPLICATED))

        # Lists and exports work, and later changes still flow both ways.
        out = PostmortemService(ServiceContext(b, "Bo")).export(after.id, "md", tmp_path / "after.md")
        assert "still syncing" in out[0].read_text(encoding="utf-8")
        IncidentService(ServiceContext(b, "Bo")).update(before.id, commander="Bo")
        eb.sync_once(settle=5)
        ea.sync_once(settle=5)
        assert IncidentService(ServiceContext(a, "x")).get(before.id).commander == "Bo"
        assert eb.sync_once(settle=1).pulled == 0  # nothing is retried
    finally:
        hub.close()
        a.close()
        b.close()


def test_a_change_retired_on_the_hub_is_skipped_by_laptops_that_have_not_pulled_it(hub_url, writer, tmp_path):
    from warroom.sync.hub_admin import retire_change

    a = replica(tmp_path, "a")
    hub = Hub(hub_url)
    try:
        row = incident_row(title="Valid but unwanted")
        change_id = writer.insert("incidents", row["id"], payload(row), stamp())
        assert "Retired change" in retire_change(hub_url, change_id, "spam", "admin")
        assert "already retired" in retire_change(hub_url, change_id, "spam", "admin")
        SyncEngine(a, hub).sync_once(settle=5)
        assert titles(a) == []
        with hub.engine.connect() as conn:  # recorded, not deleted
            assert conn.execute(
                text("SELECT count(*) FROM hub_changes WHERE change_id = :c"), {"c": change_id}
            ).scalar()
            assert conn.execute(text("SELECT reason FROM hub_refused")).scalar() == "spam"
    finally:
        hub.close()
        a.close()


def test_a_busy_store_is_retried_not_quarantined(hub_url, tmp_path):
    a, b = replica(tmp_path, "a"), replica(tmp_path, "b")
    hub = Hub(hub_url)
    try:
        IncidentService(ServiceContext(a, "Åsa")).open("Wanted", "SEV3")
        SyncEngine(a, hub).sync_once(settle=5)
        eb = SyncEngine(b, hub)
        holder = sqlite3.connect(b.url.database, isolation_level=None, timeout=0.1)
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the store
        try:
            with pytest.raises(Exception, match="locked"):
                _pull_with_short_timeout(eb)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert problems(b) == []
        eb.sync_once(settle=5)
        assert titles(b) == ["Wanted"]
    finally:
        hub.close()
        a.close()
        b.close()


def _pull_with_short_timeout(engine: SyncEngine) -> None:
    from sqlalchemy import event

    def short(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA busy_timeout=100")

    event.listen(engine.store.engine, "connect", short)
    engine.store.engine.dispose()
    try:
        engine.pull_once(settle=0)
    finally:
        event.remove(engine.store.engine, "connect", short)
        engine.store.engine.dispose()


def test_a_role_cannot_push_for_another_roles_device(hub_url, writer, tmp_path):
    if not writer.pg:
        pytest.skip("a SQLite hub has no logins: anyone who can write the file is trusted")
    a = replica(tmp_path, "a")
    hub = Hub(hub_url)
    try:
        IncidentService(ServiceContext(a, "Åsa")).open("Mine", "SEV3")
        SyncEngine(a, hub).sync_once(settle=5)  # registers a's device to the admin's login
        row = incident_row(title="Forged")
        with pytest.raises(psycopg.Error, match="registered to another role"):
            writer.insert("incidents", row["id"], payload(row), stamp(device=a.device_id), device=a.device_id)
        assert writer.insert("incidents", row["id"], payload(row), stamp())  # its own device: fine
    finally:
        hub.close()
        a.close()


def test_the_pusher_is_told_its_clock_is_ahead_of_the_hubs(hub_url, tmp_path):
    if not hub_url.startswith("postgresql"):
        pytest.skip("only a PostgreSQL hub has a clock of its own to compare with")
    from warroom.domain.clock import HybridClock

    a = replica(tmp_path, "a")
    hub = Hub(hub_url)
    try:
        a.clock = HybridClock(a.device_id, wall=lambda: now_ms() + 42 * 60_000)
        IncidentService(ServiceContext(a, "Åsa")).open("From a fast laptop", "SEV3")
        with pytest.raises(HubError, match="this laptop's clock is ahead of the hub's by 4[12] minutes") as caught:
            SyncEngine(a, hub).push_once()
        assert caught.value.offline is False
        assert a.outbox_size() == 1  # waits in the outbox until the clock is right
    finally:
        hub.close()
        a.close()
