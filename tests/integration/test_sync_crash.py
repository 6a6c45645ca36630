"""A syncing process killed with SIGKILL in the middle of pushing, restarted: nothing lost or doubled."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import psycopg
import pytest

from tests.integration.sync_support import entry_texts, replica, services
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub
from warroom.sync.hub_admin import init_hub

ROOT = Path(__file__).resolve().parents[2]


def writer(store_path: Path, hub_url: str, incident_id: str, mode: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.sync_crash_writer", str(store_path), hub_url, incident_id, mode],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def hub_count(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM hub_changes").fetchone()[0]


@pytest.mark.timeout(120)
def test_sigkill_mid_push_then_restart_converges(tmp_path, pg_url):
    init_hub(pg_url)
    a_path = tmp_path / "a.sqlite"
    a, b = replica(tmp_path, "a"), replica(tmp_path, "b")
    incident = services(a, "Åsa")[0].open("Crash drill", "SEV2")
    SyncEngine(a, Hub(pg_url)).sync_once(settle=10)
    a.close()
    for delay in (0.9, 1.3, 1.7):  # kill at different points of the write/push loop
        proc = writer(a_path, pg_url, incident.id, "write")
        deadline = time.monotonic() + 30
        before = hub_count(pg_url)
        while hub_count(pg_url) == before and time.monotonic() < deadline:
            time.sleep(0.05)  # wait until it is really pushing
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(delay % 0.5)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
        assert proc.returncode == -signal.SIGKILL
    finish = writer(a_path, pg_url, incident.id, "finish")
    out, err = finish.communicate(timeout=60)
    assert finish.returncode == 0, err
    written = replica(tmp_path, "a")
    hub_b = Hub(pg_url)
    SyncEngine(b, hub_b).sync_once(settle=10)
    mine, theirs = entry_texts(written), entry_texts(b)
    assert len(mine) > 20, "the writer wrote too little to make the test meaningful"
    assert mine == theirs
    assert all(n == 1 for n in Counter(theirs).values())
    assert written.outbox_size() == 0
    assert mine == [f"crash entry {n:06d}" for n in range(len(mine))]  # no gap, no double
    hub_b.close()
