"""`warroom hub init` and `warroom sync --once/--watch` between two laptops' stores."""

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
