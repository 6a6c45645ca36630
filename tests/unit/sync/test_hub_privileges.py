"""What a person's login on a PostgreSQL hub can and cannot do, with exactly the GRANTs `hub init` prints."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import psycopg
import pytest

from tests.integration.sync_support import apply_grants
from tests.unit.sync.test_hostile_hub import incident_row, payload
from warroom.domain.errors import ValidationError
from warroom.domain.ids import new_id
from warroom.store.db import parse_url
from warroom.store.replication import Change
from warroom.sync.compaction_policy import apply_if_due, read_policy, set_policy
from warroom.sync.hub import Hub, HubCursor
from warroom.sync.hub_admin import add_user, grants_sql, init_hub
from warroom.sync.numbering import claim

pytestmark = pytest.mark.postgres

DENIED = "permission denied|must be owner|row-level security|not allowed"


@pytest.fixture
def logins(pg_url, postgres_factory):
    """An app role with the printed GRANTs, two people in it, and a database of someone else's."""
    suffix = new_id().replace("-", "")[-8:]
    group, alice, bob = f"warroom_app_{suffix}", f"alice_{suffix}", f"bob_{suffix}"
    elsewhere = postgres_factory.new_database("warroom_elsewhere")
    other_db = parse_url(elsewhere).database
    init_hub(pg_url, app_role=group)
    database = parse_url(pg_url).database
    admin = psycopg.connect(pg_url, autocommit=True)
    hub = Hub(pg_url)
    try:
        admin.execute(f"CREATE ROLE {group} NOLOGIN")
        grants = grants_sql(hub.engine, database, group, [other_db])
        assert f'REVOKE CONNECT, TEMPORARY ON DATABASE "{other_db}" FROM PUBLIC;' in grants
        apply_grants(admin, grants, database)
        with psycopg.connect(elsewhere, autocommit=True) as other:  # only the scratch database is touched
            other.execute(f'REVOKE CONNECT, TEMPORARY ON DATABASE "{other_db}" FROM PUBLIC')
        admin.execute("CREATE SCHEMA private_stuff")
        admin.execute("CREATE TABLE private_stuff.salaries (who text)")
        for name in (alice, bob):
            add_user(pg_url, name, f"pw-{name}-åäö", group)
        urls = {name: pg_url.replace("postgres@", f"{name}:pw-{name}-%C3%A5%C3%A4%C3%B6@", 1) for name in (alice, bob)}
        yield urls[alice], urls[bob], elsewhere.replace("postgres@", f"{alice}:pw-{alice}-%C3%A5%C3%A4%C3%B6@", 1)
    finally:
        hub.close()
        for role in (alice, bob, group):
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,))
            admin.execute(f"DROP OWNED BY {role}")
            admin.execute(f"DROP ROLE IF EXISTS {role}")
        admin.close()


def change(device: str) -> Change:
    stamp = f"{time.time_ns() // 1_000_000:013d}.000000.{device}"
    return Change(new_id(), "incidents", new_id(), {"row": {}, "set": []}, stamp, device)


def test_a_login_pushes_for_its_own_devices_and_can_do_nothing_else(logins):
    alice_url, bob_url, alice_elsewhere = logins
    device = new_id()
    hub = Hub(alice_url)
    try:
        assert hub.push([change(device)]) == 1  # registers the device to alice
        assert len(hub.read(HubCursor(), 10).changes) == 1
        assert claim(hub, new_id()).registered_here  # the hub gives alice's laptop an incident number
        assert hub.read_snapshot((-1, 0), 10) == []  # and lets it catch up from a compaction snapshot
    finally:
        hub.close()
    with psycopg.connect(alice_url, autocommit=True) as conn:
        for statement in (
            "UPDATE hub_changes SET payload = '{}'",
            "DELETE FROM hub_changes",
            "TRUNCATE hub_changes",
            "DROP TABLE hub_changes",
            "ALTER TABLE hub_changes DISABLE TRIGGER hub_changes_guard",
            "CREATE TABLE sneaky (x int)",
            "CREATE TEMP TABLE sneaky (x int)",
            "SELECT * FROM private_stuff.salaries",
            "INSERT INTO hub_refused VALUES ('x', 'y', 'z', now())",
            "UPDATE hub_devices SET role = current_user",
            "DELETE FROM hub_devices",
            "INSERT INTO hub_devices (device, role) VALUES ('d-of-bob', 'postgres')",
            "UPDATE hub_incident_numbers SET incident_id = 'mine'",
            "DELETE FROM hub_incident_numbers",
            "DELETE FROM hub_snapshot",
            "INSERT INTO hub_compactions (txid, seq, compacted_at) VALUES (0, 999999, now())",
            "UPDATE hub_policy SET compact_after_days = 0",
            "INSERT INTO hub_policy (id, every_hours, set_by, set_at) VALUES (2, 1, 'me', now())",
        ):
            with pytest.raises(psycopg.Error, match=DENIED):
                conn.execute(statement)
    with pytest.raises(psycopg.OperationalError, match="permission denied|not permitted|CONNECT"):
        psycopg.connect(alice_elsewhere, connect_timeout=3).close()

    bob = Hub(bob_url)
    try:
        with pytest.raises(Exception, match="registered on the hub to another login role"):
            bob.push([change(device)])
        assert bob.push([change(new_id())]) == 1  # his own new laptop is fine
    finally:
        bob.close()


def _log_and_snapshot(pg_url: str) -> tuple[int, int]:
    with psycopg.connect(pg_url) as conn:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("hub_changes", "hub_snapshot"))


def test_a_login_applies_the_due_policy_only_through_the_admins_function(logins, pg_url):
    alice_url, _, _ = logins
    assert apply_if_due(alice_url, "alice's laptop") is None  # no policy yet
    hub = Hub(alice_url)
    device, row_id = new_id(), new_id()
    for n in range(3):  # one row written three times: the second is superseded
        stamp = f"{time.time_ns() // 1_000_000:013d}.{n:06d}.{device}"
        hub.push([Change(new_id(), "incidents", row_id, json.loads(payload(incident_row(id=row_id))), stamp, device)])
    hub.close()
    set_policy(pg_url, 0)
    found = read_policy(alice_url)
    assert found is not None and found.due(datetime.now(UTC))
    deadline = time.monotonic() + 20
    while (done := apply_if_due(alice_url, "alice's laptop")) is not None and done.point is None:
        assert time.monotonic() < deadline, "an old transaction on the server held the point back for 20 s"
        with psycopg.connect(pg_url, autocommit=True) as admin:  # let it be due again
            admin.execute("UPDATE hub_policy SET last_run_at = NULL")
        time.sleep(0.2)
    assert done is not None and done.point is not None and done.folded == 3, done
    policy = read_policy(pg_url)
    assert policy.last_run_by.startswith(alice_url.split("//")[1].split(":")[0] + ", by the policy (alice's laptop)")
    assert _log_and_snapshot(pg_url) == (1, 3)  # folded; the superseded ones stay for the admin's run
    assert apply_if_due(alice_url, "alice's laptop") is None  # not due again so soon
    with psycopg.connect(alice_url, autocommit=True) as conn:
        with pytest.raises(psycopg.Error, match=DENIED):
            conn.execute("DELETE FROM hub_changes")  # the function's rights are not hers
        config = conn.execute(
            "SELECT proconfig, prosecdef FROM pg_proc WHERE proname = 'warroom_compact_due'"
        ).fetchone()
        assert config == (["search_path=pg_catalog, public"], True)
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute("UPDATE hub_policy SET last_run_at = NULL")
        admin.execute("DELETE FROM hub_compactions")  # due again, for the admin's cron
    assert apply_if_due(pg_url, "the admin's cron") is not None
    assert _log_and_snapshot(pg_url)[1] == 2  # the admin's run dropped the superseded one (the first stays)


def test_a_role_without_the_grant_cannot_call_the_function(logins, pg_url):
    suffix = new_id().replace("-", "")[-8:]
    with psycopg.connect(pg_url, autocommit=True) as admin:
        admin.execute(f"CREATE ROLE stranger_{suffix} LOGIN PASSWORD 'pw'")
        admin.execute(f'GRANT CONNECT ON DATABASE "{parse_url(pg_url).database}" TO stranger_{suffix}')
    try:
        stranger = pg_url.replace("postgres@", f"stranger_{suffix}:pw@", 1)
        with psycopg.connect(stranger, autocommit=True) as conn, pytest.raises(psycopg.Error, match=DENIED):
            conn.execute("SELECT * FROM warroom_compact_due('me')")
    finally:
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'stranger_{suffix}'")
            admin.execute(f"DROP OWNED BY stranger_{suffix}")
            admin.execute(f"DROP ROLE stranger_{suffix}")


def test_add_user_refuses_a_taken_name_and_a_sqlite_hub(logins, pg_url, tmp_path):
    with pytest.raises(ValidationError, match="already exists"):
        add_user(pg_url, "postgres", "x")
    with pytest.raises(ValidationError, match="anyone who can write the file is trusted"):
        add_user(f"sqlite:///{tmp_path / 'hub.sqlite'}", "asa", "x")
    with pytest.raises(ValidationError, match="not a plain PostgreSQL role name"):
        add_user(pg_url, "robert'); DROP TABLE hub_changes;--", "x")
