"""The admin's compaction policy: stored on the hub, applied once when due by whoever syncs and may compact."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from tests.integration.sync_support import replica, services, snapshot
from warroom.domain.errors import ValidationError
from warroom.sync.compaction_policy import apply_if_due, read_policy, set_policy
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub


def _rows(hub_url: str, statement: str) -> list[tuple]:
    hub = Hub(hub_url)
    try:
        with hub.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(statement))]
    finally:
        hub.engine.dispose()
        hub.close()


def _until_compacted(hub_url: str, by: str, first: datetime | None = None):
    """Apply the policy until it compacts: on PostgreSQL another transaction on the shared server may
    hold the point back (xmin), and the policy then tries again an hour later ('later' here is a clock
    moved on an hour a try, while the real one gives that transaction time to end)."""
    start, deadline = first or datetime.now(UTC), time.monotonic() + 30
    for hours in range(0 if first is None else 1, 1000):
        done = apply_if_due(hub_url, by, now=start + timedelta(hours=hours))
        if (done is not None and done.point is not None) or time.monotonic() > deadline:
            return done
        time.sleep(0.2)
    return None


def _write_and_push(folder, hub_url: str, name: str, entries: int = 5):
    store = replica(folder, name)
    incidents, timeline = services(store, name)
    incident = incidents.open(f"Checkout down 東京 ({name})", "SEV2")
    for n in range(entries):
        entry = timeline.add(incident.id, f"Ọlá called back #{n}").entry
        timeline.edit(entry.id, text=f"edited #{n} — שלום")
    hub = Hub(hub_url)
    try:
        SyncEngine(store, hub).sync_once(settle=5)
    finally:
        hub.close()
    return store


def test_no_policy_until_the_admin_sets_one_and_it_can_be_turned_off(hub_url):
    assert read_policy(hub_url) is None
    assert apply_if_due(hub_url, "device x") is None
    set_policy(hub_url, 30, every_hours=12)
    found = read_policy(hub_url)
    assert found is not None and (found.compact_after_days, found.every_hours) == (30, 12)
    assert found.set_by and found.last_run_at is None
    assert found.due(datetime.now(UTC))
    off = set_policy(hub_url, None)
    assert off.compact_after_days is None and not off.due(datetime.now(UTC))
    assert "no automatic compaction" in str(off)


def test_the_policy_refuses_nonsense(hub_url):
    with pytest.raises(ValidationError, match="0 or more"):
        set_policy(hub_url, -1)
    with pytest.raises(ValidationError, match="more than 0"):
        set_policy(hub_url, 30, every_hours=0)
    assert read_policy(hub_url) is None


def test_a_laptop_syncing_after_it_is_due_compacts_once_and_it_is_recorded(tmp_path, hub_url):
    writer = _write_and_push(tmp_path, hub_url, "writer")
    set_policy(hub_url, 0, every_hours=24)
    laptop = replica(tmp_path, "laptop")
    hub = Hub(hub_url)
    try:
        engine = SyncEngine(laptop, hub)
        engine.sync_once(settle=5)  # the first round looks at the policy
        assert engine.policy_checked_at is not None
        me = f"device {laptop.device_id}"
        ran = read_policy(hub_url)
        assert ran is not None and ran.last_run_at is not None and ran.last_run_by == me
        if "nothing old enough" in (ran.last_result or ""):
            assert "postgresql" in hub_url, ran  # only an old transaction elsewhere on the server explains it
            _until_compacted(hub_url, me, ran.last_run_at)
        assert "compacted" in (read_policy(hub_url).last_result or "")
        points = _rows(hub_url, "SELECT compacted_by FROM hub_compactions")
        assert points == [(f"{me}, by the policy",)]
        assert SyncEngine(replica(tmp_path, "other"), hub).compact_if_due() is None  # not due again for 24 h
        assert engine.compact_if_due(every=0) is None
    finally:
        hub.close()
    joiner = replica(tmp_path, "joiner")
    hub = Hub(hub_url)
    try:
        SyncEngine(joiner, hub).sync_once(settle=5)
    finally:
        hub.close()
    assert snapshot(joiner) == snapshot(writer)  # a new laptop catches up from what the policy folded


def test_it_is_due_again_after_its_interval(tmp_path, hub_url):
    _write_and_push(tmp_path, hub_url, "writer", entries=2)
    set_policy(hub_url, 0, every_hours=1)
    first = _until_compacted(hub_url, "laptop a")
    assert first is not None and first.point is not None
    at = read_policy(hub_url).last_compacted_at
    assert at is not None
    assert apply_if_due(hub_url, "laptop b", now=at + timedelta(minutes=30)) is None  # not an hour old yet
    later = apply_if_due(hub_url, "laptop b", now=at + timedelta(hours=1, minutes=1))
    assert later is not None  # ran again (with nothing new to fold, and that is recorded too)
    assert read_policy(hub_url).last_run_by == "laptop b"


def test_concurrent_laptops_compact_only_once(tmp_path, hub_url):
    _write_and_push(tmp_path, hub_url, "writer")
    set_policy(hub_url, 0, every_hours=24)
    results: list[object] = []
    start = threading.Barrier(6)

    def laptop(n: int) -> None:
        start.wait()
        results.append(apply_if_due(hub_url, f"laptop {n}"))

    threads = [threading.Thread(target=laptop, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    ran = [r for r in results if r is not None]
    assert len(results) == 6 and len(ran) == 1, results
    assert len(_rows(hub_url, "SELECT txid FROM hub_compactions")) <= 1


@pytest.mark.postgres
def test_an_admin_compaction_by_hand_waits_for_a_running_one(pg_url, tmp_path):
    """The lock is shared by hand and by policy: a policy run meets a held lock and leaves it."""
    from warroom.sync.hub_admin import init_hub

    init_hub(pg_url)
    _write_and_push(tmp_path, pg_url, "writer", entries=2)
    set_policy(pg_url, 0)
    hub = Hub(pg_url)
    try:
        with hub.engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('warroom hub compaction'))"))
            t0 = time.monotonic()
            assert apply_if_due(pg_url, "laptop") is None  # someone else is compacting: not here, not now
            assert time.monotonic() - t0 < 5
    finally:
        hub.engine.dispose()
        hub.close()
    assert apply_if_due(pg_url, "laptop") is not None
