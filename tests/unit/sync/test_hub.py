"""The hub's log: idempotent push, cursor pulls, and the xmin guard on PostgreSQL."""

from __future__ import annotations

import time

import psycopg
import pytest
from sqlalchemy import func, select, text

from tests.integration.sync_support import apply_grants
from warroom.domain.ids import new_id
from warroom.store.models import HubChangeRow
from warroom.store.replication import Change
from warroom.store.store import Store
from warroom.sync.hub import Hub, HubCursor, HubError
from warroom.sync.hub_admin import init_hub


def change(n: int, device: str = "dev-a", table: str = "vendors") -> Change:
    return Change(
        new_id(),
        table,
        new_id(),
        {"row": {"name": f"Ọlá {n} 東京"}, "set": ["name"]},
        f"{1_700_000_000_000 + n:013d}.000000.{device}",
        device,
    )


def pull(hub: Hub, cursor: HubCursor, limit: int, **kw):
    """hub.pull, waiting out changes held back by other transactions on the shared test server
    (another test worker may hold one open for ten seconds on purpose)."""
    deadline = time.monotonic() + 60
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
    with_done = HubCursor(7, 3, ((9, 12), (11, 40)))
    assert HubCursor.decode(with_done.encode()) == with_done
    assert HubCursor.decode("7:3") == HubCursor(7, 3)  # as cursors were written before `done`
    assert HubCursor.decode(None) == HubCursor()


def insert_uncommitted(conn: psycopg.Connection, c: Change) -> None:
    """A push that has written its row and not committed yet (a slow laptop)."""
    conn.execute(
        "INSERT INTO hub_changes (change_id, table_name, row_id, payload, stamp, device, txid, pushed_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, pg_current_xact_id(), now())",
        (c.change_id, c.table_name, c.row_id, '{"row": {}, "set": []}', c.stamp, c.device),
    )


@pytest.mark.postgres
def test_a_late_committing_transaction_is_never_skipped_nor_waited_for(pg_hub, pg_url):
    """T1 writes to the log and stays open; T2 commits after it. T2 arrives now, T1 once it commits."""
    early = change(1, "slow-laptop")
    with psycopg.connect(pg_url) as slow:
        insert_uncommitted(slow, early)
        late = change(2, "fast-laptop")
        pg_hub.push([late])  # commits now, with a higher txid
        batch = pg_hub.read(HubCursor(), 100)
        assert [c.change_id for c in batch.changes] == [late.change_id]
        assert not batch.held_back and len(batch.cursor.done) == 1
        assert pg_hub.read(batch.cursor, 100).changes == []
        slow.commit()
    after = pg_hub.read(batch.cursor, 100)
    assert [c.change_id for c in after.changes] == [early.change_id]
    assert pg_hub.read(after.cursor, 100).changes == []


@pytest.mark.postgres
def test_a_transaction_open_in_another_database_does_not_delay_anything(pg_hub, pg_url, postgres_factory):
    """PostgreSQL's xmin is cluster-wide: a busy neighbour must not hold this hub's log back."""
    with psycopg.connect(postgres_factory.new_database()) as neighbour:
        neighbour.execute("CREATE TABLE t (x int)")
        neighbour.execute("INSERT INTO t VALUES (1)")  # open, with a transaction id
        cursor, pushed = HubCursor(), []
        for n in range(5):
            pushed.append(change(n))
            pg_hub.push([pushed[-1]])
            batch = pg_hub.read(cursor, 100)
            assert [c.change_id for c in batch.changes] == [pushed[-1].change_id]
            cursor = batch.cursor
        assert pg_hub.read(cursor, 100).cursor == cursor  # nothing new: the cursor stays put
        neighbour.rollback()
    assert pg_hub.read(cursor, 100).changes == []


@pytest.mark.postgres
def test_past_max_done_changes_wait_for_the_old_transaction(pg_hub, pg_url, monkeypatch):
    from warroom.sync import hub as hub_module
    from warroom.sync.hub_cursor import advance

    monkeypatch.setattr(hub_module, "advance", lambda c, r, x, l: advance(c, r, x, l, max_done=2))
    early = change(0, "slow-laptop")
    with psycopg.connect(pg_url) as slow:
        insert_uncommitted(slow, early)
        later = [change(n) for n in range(1, 5)]
        for c in later:
            pg_hub.push([c])
        batch = pg_hub.read(HubCursor(), 100)
        assert [c.change_id for c in batch.changes] == [c.change_id for c in later[:2]]
        assert batch.held_back and not batch.more
        slow.commit()
    # Other transactions on the shared server (another test worker's) may still hold xmin back:
    # read until none is held.
    rest, cursor, deadline = [], batch.cursor, time.monotonic() + 60
    while True:
        step = pg_hub.read(cursor, 100)
        rest, cursor = rest + step.changes, step.cursor
        if not step.held_back or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert [c.change_id for c in rest] == [early.change_id] + [c.change_id for c in later[2:]]


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
        apply_grants(admin, grants, pg_url.rsplit("/", 1)[-1])
        app_url = pg_url.replace("postgres@", f"{role}:Pa55-%C3%A5%C3%A4%C3%B6@", 1)
        app_hub = Hub(app_url)
        try:
            assert app_hub.push([change(1)]) == 1
            assert len(pull(app_hub, HubCursor(), 10)[0]) == 1
            with pytest.raises(Exception, match="permission denied"), app_hub.engine.connect() as conn:
                conn.execute(text("CREATE TABLE sneaky (x int)"))
            with (
                pytest.raises(Exception, match="permission denied|must be owner"),
                app_hub.engine.connect() as conn,
            ):
                conn.execute(text("DELETE FROM hub_changes"))
        finally:
            app_hub.close()
    finally:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
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


@pytest.mark.postgres
def test_the_sync_link_keeps_the_users_own_session_options(pg_hub, pg_url):
    hub = Hub(pg_url + "?options=-c%20statement_timeout%3D12345")
    try:
        link = hub._link._conn
        assert link.execute("SHOW statement_timeout").fetchone()[0] == "12345ms"
        assert link.execute("SHOW plan_cache_mode").fetchone()[0] == "force_generic_plan"
    finally:
        hub.close()
