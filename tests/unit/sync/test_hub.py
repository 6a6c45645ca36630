"""The hub's log: idempotent push, cursor pulls, and the xmin guard on PostgreSQL."""

from __future__ import annotations

import time

import psycopg
import pytest
from sqlalchemy import func, select, text

from warroom.domain.errors import StoreError
from warroom.domain.ids import new_id
from warroom.store.models import HubChangeRow
from warroom.store.replication import Change
from warroom.store.store import Store
from warroom.sync.hub import Hub, HubCursor, HubError
from warroom.sync.hub_admin import init_hub


def change(n: int, device: str = "dev-a", table: str = "vendors") -> Change:
    return Change(new_id(), table, new_id(), {"row": {"name": f"Ọlá {n} 東京"}, "set": ["name"]},
                  f"{1_700_000_000_000 + n:013d}.000000.{device}", device)


def pull(hub: Hub, cursor: HubCursor, limit: int, **kw):
    """hub.pull, waiting out changes held back by other transactions on the shared test server."""
    deadline = time.monotonic() + 10
    while hub.read(cursor, limit, **kw).held_back and time.monotonic() < deadline:
        time.sleep(0.05)
    return hub.pull(cursor, limit, **kw)


def hub_rows(hub: Hub) -> int:
    with hub.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(HubChangeRow)).scalar_one()


def test_push_is_idempotent(hub):
    batch = [change(n) for n in range(5)]
    assert hub.push(batch) == 5
    assert hub.push(batch) == 0
    assert hub.push(batch[:2] + [change(9)]) == 1
    assert hub_rows(hub) == 6


def test_pull_pages_by_cursor_and_ends_where_it_is(hub):
    pushed = [change(n) for n in range(7)]
    hub.push(pushed)
    seen, cursor = [], HubCursor()
    while True:
        batch, after = pull(hub, cursor, 3)
        if after == cursor:
            break
        assert len(batch) <= 3
        seen += batch
        cursor = after
    assert [c.change_id for c in seen] == [c.change_id for c in pushed]
    assert seen[0].payload == pushed[0].payload and seen[0].device == "dev-a"
    assert pull(hub, cursor, 3) == ([], cursor)
    later = change(8)
    hub.push([later])
    assert [c.change_id for c in pull(hub, cursor, 3)[0]] == [later.change_id]


def test_pull_passes_over_ones_own_changes(hub):
    hub.push([change(1, "me"), change(2, "other"), change(3, "me")])
    batch, cursor = pull(hub, HubCursor(), 10, skip_device="me")
    assert [c.device for c in batch] == ["other"]
    assert pull(hub, cursor, 10, skip_device="me") == ([], cursor)


def test_cursor_survives_text_round_trip():
    assert HubCursor.decode(HubCursor(123456789012, 42).encode()) == HubCursor(123456789012, 42)
    assert HubCursor.decode(None) == HubCursor()


@pytest.mark.postgres
def test_a_late_committing_transaction_is_never_skipped(pg_hub, pg_url):
    """T1 writes to the log and stays open; T2 commits after it. The cursor must wait for T1."""
    early = change(1, "slow-laptop")
    with psycopg.connect(pg_url) as slow:
        slow.execute(
            "INSERT INTO hub_changes (change_id, table_name, row_id, payload, stamp, device, txid, pushed_at) "
            "VALUES (%s, %s, %s, %s, %s, %s, pg_current_xact_id(), now())",
            (early.change_id, early.table_name, early.row_id, '{"row": {}, "set": []}', early.stamp,
             early.device))
        late = change(2, "fast-laptop")
        pg_hub.push([late])  # commits now, with a higher txid
        batch = pg_hub.read(HubCursor(), 100)
        assert batch.changes == [] and batch.cursor == HubCursor()
        assert batch.held_back and pg_hub.held_back(HubCursor())
        slow.commit()
    changes, cursor = pull(pg_hub, HubCursor(), 100)
    assert [c.change_id for c in changes] == [early.change_id, late.change_id]
    assert not pg_hub.held_back(cursor)


def test_a_hub_that_was_never_initialised_says_so(tmp_path):
    Store(f"sqlite:///{tmp_path / 'plain.sqlite'}").close()
    bare = tmp_path / "bare.sqlite"
    with pytest.raises(HubError, match="warroom hub init") as info:
        Hub(f"sqlite:///{bare}")
    assert info.value.offline is False


def test_unreachable_hub_is_offline_and_keeps_its_password():
    with pytest.raises(HubError) as info:
        Hub("postgresql://warroom:s3cret-pw@127.0.0.1:1/hub")
    assert info.value.offline is True
    assert "s3cret-pw" not in str(info.value)


def test_init_hub_twice_keeps_the_identity(hub_url):
    first = Hub(hub_url).identity
    again = init_hub(hub_url)
    assert not again.migrated
    assert Hub(hub_url).identity == first


@pytest.mark.postgres
def test_the_printed_grants_are_enough_and_allow_no_ddl(pg_url, postgres_factory):
    role = "warroom_app_" + new_id().replace("-", "")[-8:]
    grants = init_hub(pg_url, app_role=role).grants
    admin = psycopg.connect(pg_url, autocommit=True)
    try:
        admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'Pa55-åäö'")
        for statement in grants.split(";\n"):
            if statement.strip() and not statement.startswith("CREATE ROLE"):
                admin.execute(statement)
        app_url = pg_url.replace("postgres@", f"{role}:Pa55-%C3%A5%C3%A4%C3%B6@", 1)
        app_hub = Hub(app_url)
        try:
            assert app_hub.push([change(1)]) == 1
            assert len(pull(app_hub, HubCursor(), 10)[0]) == 1
            with pytest.raises(Exception, match="permission denied"):
                with app_hub.engine.connect() as conn:
                    conn.execute(text("CREATE TABLE sneaky (x int)"))
            with pytest.raises(Exception, match="permission denied|must be owner"):
                with app_hub.engine.connect() as conn:
                    conn.execute(text("DELETE FROM hub_changes"))
        finally:
            app_hub.close()
    finally:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
        admin.execute(f"DROP OWNED BY {role}")
        admin.execute(f"DROP ROLE {role}")
        admin.close()


def test_sqlite_hub_uses_the_rollback_journal(tmp_path):
    url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    init_hub(url)
    hub = Hub(url)
    try:
        with hub.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "delete"
        assert "WAL" in hub.warning
    finally:
        hub.close()
