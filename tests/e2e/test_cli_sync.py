"""`warroom hub init` and `warroom sync --once/--watch` between two laptops' stores."""

import json
import signal
import subprocess
import sys
import time

import pytest

from tests.e2e.conftest import ROOT, Cli


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def hub_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared' / 'hub.sqlite'}"
    return request.getfixturevalue("postgres_factory").new_database("warroom_hub")


def test_two_laptops_converge_through_a_hub(hub_url, tmp_path):
    a = Cli(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "a")
    b = Cli(f"sqlite:///{tmp_path / 'b.sqlite'}", tmp_path / "b")
    init = a.run("hub", "init", hub_url, db=False)
    assert "schema created or migrated" in init.stdout
    if hub_url.startswith("postgresql"):
        assert "GRANT SELECT, INSERT ON hub_changes" in init.stdout
    a.run("incident", "open", "Åsa's 東京 outage", "--severity", "SEV1")
    a.run("timeline", "add", "INC-1", "first reports")
    assert a.json("sync", "--hub", hub_url, "--once", "--json")["pushed"] > 0
    pulled = b.json("sync", "--hub", hub_url, "--once", "--json")
    assert pulled["pulled"] > 0
    assert [e["text"] for e in b.json("timeline", "list", "INC-1", "--json")] == ["first reports"]
    again = b.json("sync", "--hub", hub_url, "--once", "--json")
    assert again == {"pushed": 0, "pulled": 0}


def test_watch_stays_live_and_stops_on_sigterm(tmp_path):
    hub = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    a = Cli(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "a")
    b = Cli(f"sqlite:///{tmp_path / 'b.sqlite'}", tmp_path / "b")
    a.run("hub", "init", hub, db=False)
    watcher = subprocess.Popen(
        [sys.executable, "-m", "warroom", "--db", b.db, "sync", "--hub", hub, "--watch"],
        env=b.env,
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        a.run("incident", "open", "Live one", "--severity", "SEV2")
        a.run("sync", "--hub", hub, "--once")
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if b.json("incident", "list", "--json"):
                break
            time.sleep(0.3)
        assert [i["title"] for i in b.json("incident", "list", "--json")] == ["Live one"]
    finally:
        watcher.send_signal(signal.SIGTERM)
        _, err = watcher.communicate(timeout=30)
    assert watcher.returncode == 0
    assert "sync: Live" in err and "sync stopped" in err


def test_unreachable_hub_is_one_sentence_without_the_password(tmp_path):
    a = Cli(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "a")
    bad = a.run("sync", "--hub", "postgresql://app:hunter2@127.0.0.1:1/hub", "--once", check=False)
    assert bad.returncode == 1 and "hunter2" not in bad.stderr + bad.stdout
    assert bad.stderr.startswith("warroom: ")


def _plant_sev99(hub_url: str) -> str:
    """A row no laptop wrote: an incident with severity SEV99, straight into the hub's log."""
    import json as _json
    import sqlite3
    from datetime import UTC, datetime

    from warroom.domain.ids import new_id

    row_id, change_id = new_id(), new_id()
    device = "0190dead-beef-7000-8000-000000000bad"
    row = {
        "id": row_id,
        "number": 9,
        "title": "Planted",
        "severity": "SEV99",
        "status": "investigating",
        "commander": "",
        "started_at": "2026-11-30T04:00:00+00:00",
        "created_at": "2026-11-30T04:00:00+00:00",
    }
    values = (
        change_id,
        "incidents",
        row_id,
        _json.dumps({"row": row, "set": sorted(k for k in row if k != "id")}),
        f"{time.time_ns() // 1_000_000:013d}.000000.{device}",
        device,
    )
    if hub_url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(hub_url, autocommit=True) as conn:
            conn.execute(
                "INSERT INTO hub_changes (change_id, table_name, row_id, payload, stamp, device, txid, pushed_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, pg_current_xact_id(), now())",
                values,
            )
    else:
        with sqlite3.connect(hub_url.removeprefix("sqlite:///")) as conn:
            conn.execute(
                "INSERT INTO hub_changes (change_id, table_name, row_id, payload, stamp, device, txid, pushed_at) "
                "VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
                (*values, datetime.now(UTC).isoformat()),
            )
    return change_id


def test_sync_problems_lists_a_refused_change_and_an_admin_retires_it(hub_url, tmp_path):
    a = Cli(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "a")
    b = Cli(f"sqlite:///{tmp_path / 'b.sqlite'}", tmp_path / "b")
    c = Cli(f"sqlite:///{tmp_path / 'c.sqlite'}", tmp_path / "c")
    a.run("hub", "init", hub_url, db=False)
    a.run("incident", "open", "Real one", "--severity", "SEV2")
    a.run("sync", "--hub", hub_url, "--once")
    bad = _plant_sev99(hub_url)
    assert b.json("sync", "--hub", hub_url, "--once", "--json")["pulled"] == 1
    [problem] = b.json("sync", "problems", "--json")
    assert problem["change_id"] == bad and "Unknown severity 'SEV99'" in problem["reason"]
    assert problem["table"] == "incidents" and "SEV99" in problem["payload"]
    assert "Unknown severity 'SEV99'" in b.run("sync", "problems").stdout
    assert [i["title"] for i in b.json("incident", "list", "--json")] == ["Real one"]

    retired = a.run("hub", "quarantine", hub_url, bad, "--reason", "planted", db=False)
    assert f"Retired change {bad}" in retired.stderr
    c.run("sync", "--hub", hub_url, "--once")
    assert c.json("sync", "problems", "--json") == []
    assert "No changes from the hub were refused." in c.run("sync", "problems").stdout


def test_a_password_in_the_address_is_refused_and_never_shown_or_kept(tmp_path):
    a = Cli(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "a")
    for address in (
        "postgresql://app@127.0.0.1:1/hub?password=hunter2",
        "host=127.0.0.1 port=1 dbname=hub user=app password=hunter2",
    ):
        bad = a.run("sync", "--hub", address, "--once", check=False)
        assert bad.returncode == 1, bad.stderr
        assert "keep the password in the keyring: warroom hub password postgresql://app@127.0.0.1:1/hub" in bad.stderr
        assert "hunter2" not in bad.stderr + bad.stdout
        init = a.run("hub", "init", address, db=False, check=False)
        assert init.returncode == 1 and "hunter2" not in init.stderr + init.stdout
    kept = [p for p in list(ROOT.iterdir()) + list(tmp_path.rglob("*")) if "hunter2" in p.name]
    assert kept == []
    logs = [p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.rglob("*.log")]
    assert not any("hunter2" in text for text in logs)


def test_a_keyword_dsn_is_postgresql_never_a_file(tmp_path):
    a = Cli(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "a")
    bad = a.run("sync", "--hub", "host=127.0.0.1 port=1 dbname=hub user=app", "--once", check=False)
    assert bad.returncode == 1
    assert "PostgreSQL at postgresql://app@127.0.0.1:1/hub" in bad.stderr
    assert not any("dbname" in p.name for p in ROOT.iterdir())


def test_watch_with_a_password_in_the_query_logs_no_password(tmp_path):
    a = Cli(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "a")
    bad = a.run("sync", "--hub", "postgresql://app@127.0.0.1:1/hub?password=hunter2", "--watch", check=False)
    assert bad.returncode == 1 and "keep the password in the keyring" in bad.stderr
    logs = [p.read_text(encoding="utf-8", errors="replace") for p in tmp_path.rglob("*.log")]
    assert logs and not any("hunter2" in text for text in logs)


@pytest.mark.postgres
def test_hub_add_user_makes_a_login_that_syncs_and_the_password_never_shows(postgres_factory, tmp_path):
    import psycopg

    from warroom.domain.ids import new_id

    hub_url = postgres_factory.new_database("warroom_hub")
    suffix = new_id().replace("-", "")[-8:]
    group, person = f"warroom_app_{suffix}", f"asa_{suffix}"
    a = Cli(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "a")
    a.run("hub", "init", hub_url, "--app-role", group, db=False)
    admin = psycopg.connect(hub_url, autocommit=True)
    try:
        admin.execute(f"CREATE ROLE {group} NOLOGIN")
        for grant in ("SELECT ON alembic_version", "SELECT, INSERT ON local_meta", "SELECT, INSERT ON hub_changes"):
            admin.execute(f"GRANT {grant} TO {group}")
        admin.execute(f"GRANT SELECT ON hub_refused TO {group}")
        admin.execute(f"GRANT SELECT, INSERT ON hub_devices TO {group}")
        admin.execute(f"GRANT SELECT, INSERT ON hub_incident_numbers TO {group}")
        admin.execute(f"GRANT SELECT ON hub_snapshot, hub_compactions TO {group}")
        admin.execute(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {group}")
        added = subprocess.run(
            [sys.executable, "-m", "warroom", "hub", "add-user", hub_url, person, "--app-role", group],
            input="Hemligt-ord-5\n",
            capture_output=True,
            text=True,
            env=a.env,
            cwd=ROOT,
            timeout=60,
        )
        assert added.returncode == 0, added.stderr
        assert f"Created login role {person}" in added.stderr and "Hemligt" not in added.stderr + added.stdout
        login = hub_url.replace("postgres@", f"{person}:Hemligt-ord-5@", 1)
        a.run("incident", "open", "Pushed as Åsa", "--severity", "SEV3")
        assert a.json("sync", "--hub", login, "--once", "--json")["pushed"] == 1
        owner = admin.execute("SELECT role FROM hub_devices").fetchone()[0]
        assert owner == person
        empty = a.run("hub", "add-user", hub_url, "bo", "--app-role", group, db=False, check=False)
        assert empty.returncode == 1 and "needs a password" in empty.stderr
        again = subprocess.run(
            [sys.executable, "-m", "warroom", "hub", "add-user", hub_url, person, "--app-role", group],
            input="x\n",
            capture_output=True,
            text=True,
            env=a.env,
            cwd=ROOT,
            timeout=60,
        )
        assert again.returncode == 1 and "already exists" in again.stderr
    finally:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (person,))
        for role in (person, group):
            admin.execute(f"DROP OWNED BY {role}")
            admin.execute(f"DROP ROLE IF EXISTS {role}")
        admin.close()


def test_hub_compact_folds_the_log_and_a_new_laptop_still_gets_everything(hub_url, tmp_path):
    a = Cli(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "a")
    c = Cli(f"sqlite:///{tmp_path / 'c.sqlite'}", tmp_path / "c")
    a.run("hub", "init", hub_url, db=False)
    a.run("incident", "open", "Firewall cuts packages 東京", "--severity", "SEV1")
    a.run("sync", "--hub", hub_url, "--once")
    refused = a.run("hub", "compact", hub_url, "--keep-days", "-3", db=False, check=False)
    assert refused.returncode != 0 and "--keep-days must be 0 or more" in refused.stderr
    assert "Traceback" not in refused.stderr
    done = a.run("hub", "compact", hub_url, "--keep-days", "0", db=False)
    assert "compacted" in done.stderr or "nothing old enough" in done.stderr  # PostgreSQL: xmin may hold it
    c.run("sync", "--hub", hub_url, "--once")
    assert [i["title"] for i in c.json("incident", "list", "--json")] == ["Firewall cuts packages 東京"]


def test_hub_policy_is_set_shown_and_applied_by_the_next_sync(hub_url, tmp_path):
    a = Cli(f"sqlite:///{tmp_path / 'a.sqlite'}", tmp_path / "a")
    a.run("hub", "init", hub_url, db=False)
    assert "No compaction policy" in a.run("hub", "policy", hub_url, db=False).stdout
    alone = a.run("hub", "policy", hub_url, "--every-hours", "2", db=False, check=False)
    assert alone.returncode != 0 and "--every-hours goes with --compact-after-days" in alone.stderr
    shown = a.run("hub", "policy", hub_url, "--compact-after-days", "0", "--every-hours", "6", db=False).stdout
    assert "fold changes older than 0 days, at most once every 6 hours" in shown
    a.run("incident", "open", "Kassan nere 東京", "--severity", "SEV2")
    a.run("sync", "--hub", hub_url, "--once")  # the policy is due: this sync applies it
    policy = json.loads(a.run("hub", "policy", hub_url, "--json", db=False).stdout)
    assert policy["compact_after_days"] == 0 and policy["every_hours"] == 6
    assert policy["last_run_by"].startswith("device ") and policy["last_run_at"]
    assert "Hub at" in policy["last_result"]  # compacted, or (PostgreSQL) an old transaction held it back
    later = a.run("hub", "compact", hub_url, "--if-due", db=False)
    assert "not due" in later.stderr
    off = a.run("hub", "policy", hub_url, "--off", db=False).stdout
    assert "no automatic compaction" in off and "Last run" in off
