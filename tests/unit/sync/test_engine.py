"""Push and pull between stores through a hub: LWW by HLC, device tie-break, history, tombstones."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from tests.integration.sync_support import replica
from warroom.domain.clock import HybridClock, Stamp
from warroom.domain.ids import new_id
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService
from warroom.store.models import IncidentRow, MergeHistoryRow
from warroom.store.store import Store
from warroom.sync.engine import CLOCK_HIGH_KEY, SyncEngine, SyncResult


@pytest.fixture
def replicas(tmp_path, hub):
    stores = [replica(tmp_path, n) for n in ("a", "b")]
    yield [(s, SyncEngine(s, hub)) for s in stores]
    for s in stores:
        s.close()


def sync_all(replicas) -> None:
    for _ in range(2):
        for _, engine in replicas:
            engine.sync_once(settle=10)


def history(store: Store) -> set[tuple]:
    with store.session() as s:
        return {(r.field, r.value, r.stamp) for r in s.scalars(select(MergeHistoryRow))}


def test_push_empties_the_outbox_and_pull_applies_once(replicas):
    (a, ea), (b, eb) = replicas
    incident = IncidentService(ServiceContext(a, "Åsa Bergström")).open("DNS 東京 🚒", "SEV1")
    TimelineService(ServiceContext(a, "Åsa Bergström")).add(incident.id, "first call, مرحبا")
    assert a.outbox_size() == 2  # the incident, the entry's first revision: one change per write
    assert ea.sync_once(settle=10) == SyncResult(pushed=2, pulled=0)
    assert a.outbox_size() == 0
    assert eb.sync_once(settle=10) == SyncResult(pushed=0, pulled=2)
    assert eb.sync_once(settle=10) == SyncResult(pushed=0, pulled=0)
    entries = TimelineService(ServiceContext(b, "x")).entries(incident.id)
    assert [e.text for e in entries] == ["first call, مرحبا"]


def test_concurrent_edits_converge_on_the_later_stamp_and_keep_the_loser(replicas):
    (a, ea), (b, eb) = replicas
    incident = IncidentService(ServiceContext(a, "Åsa")).open("Payments", "SEV2")
    sync_all(replicas)
    IncidentService(ServiceContext(a, "Åsa")).update(incident.id, commander="Åsa Bergström")
    IncidentService(ServiceContext(b, "Paweł")).update(incident.id, commander="Paweł Wiśniewski")
    sync_all(replicas)
    winners = {IncidentService(ServiceContext(s, "x")).get(incident.id).commander for s, _ in replicas}
    assert winners == {"Paweł Wiśniewski"}  # B wrote last
    assert ("commander", "Åsa Bergström") in {(f, v) for f, v, _ in history(a)}
    assert history(a) == history(b)


def test_equal_stamps_are_broken_by_device_id(replicas):
    (a, ea), (b, eb) = replicas
    incident = IncidentService(ServiceContext(a, "Åsa")).open("Tie", "SEV3")
    sync_all(replicas)

    now = time.time_ns() // 1_000_000

    def frozen():
        return now  # both laptops think it is the same millisecond

    for store, _ in replicas:
        store.clock = HybridClock(store.device_id, Stamp(now, 5, store.device_id), wall=frozen)
    IncidentService(ServiceContext(a, "Åsa")).update(incident.id, summary="from A")
    IncidentService(ServiceContext(b, "Bo")).update(incident.id, summary="from B")
    sync_all(replicas)
    expected = "from A" if a.device_id > b.device_id else "from B"
    loser = "from B" if expected == "from A" else "from A"
    for store, _ in replicas:
        assert IncidentService(ServiceContext(store, "x")).get(incident.id).narrative["summary"] == expected
        assert ("summary", loser) in {(f, v) for f, v, _ in history(store)}


def test_a_delete_is_a_tombstone_that_wins_over_an_older_edit(replicas):
    (a, ea), (b, eb) = replicas
    incident = IncidentService(ServiceContext(a, "Åsa")).open("Test drill", "SEV4")
    sync_all(replicas)
    IncidentService(ServiceContext(b, "Bo")).update(incident.id, title="Test drill (renamed)")
    with a.unit_of_work() as uow:
        uow.writer.update("incidents", incident.id, {"deleted": True})
        uow.commit()
    sync_all(replicas)
    for store, _ in replicas:
        assert IncidentService(ServiceContext(store, "x")).list() == []
        with store.session() as s:
            row = s.get(IncidentRow, incident.id)
            assert row.deleted is True and row.title == "Test drill (renamed)"


def test_the_clock_never_falls_behind_what_was_synced_after_a_restart(tmp_path, hub):
    path = tmp_path / "a.sqlite"
    store = replica(tmp_path, "a")
    engine = SyncEngine(store, hub)
    IncidentService(ServiceContext(store, "Åsa")).open("Clock", "SEV3")
    engine.sync_once(settle=10)
    high = store.meta(CLOCK_HIGH_KEY)
    store.close()
    again = Store(f"sqlite:///{path}")
    try:
        assert again.outbox_size() == 0
        SyncEngine(again, hub)
        assert again.clock.tick().encode() > high
    finally:
        again.close()


def test_a_change_for_an_unknown_table_is_skipped_and_quarantined(replicas, hub):
    (a, ea), _ = replicas
    from warroom.store.replication import Change
    from warroom.sync.quarantine import problems

    change_id = new_id()
    hub.push([Change(change_id, "tables_from_the_future", new_id(), {"row": {}, "set": []}, _stamp("zz"), "zz")])
    assert ea.pull_once(settle=10) == 0
    assert ea.refused == 1
    [problem] = problems(a)
    assert problem.change_id == change_id and "Unknown table 'tables_from_the_future'" in problem.reason


def _stamp(device: str) -> str:
    return f"{time.time_ns() // 1_000_000:013d}.000000.{device}"


def test_pushed_changes_are_sent_once_and_forgotten_later(replicas, hub):
    (a, ea), (b, eb) = replicas
    incidents, timeline = IncidentService(ServiceContext(a, "Åsa")), TimelineService(ServiceContext(a, "Åsa"))
    incident = incidents.open("Outbox", "SEV3")
    assert ea.push_once(forget=False) == 1
    assert ea.push_once(forget=False) == 0  # not sent twice while it waits to be forgotten
    assert a.outbox_size() == 1 and ea.unforgotten == 1
    ea.forget_pushed()
    assert a.outbox_size() == 0 and ea.unforgotten == 0
    timeline.add(incident.id, "after the outbox emptied")  # SQLite hands out the old seqs again
    assert ea.push_once(forget=False) == 1  # an entry is one change: its first revision
    ea.forget_pushed()
    eb.pull_once(settle=10)
    assert [e.text for e in TimelineService(ServiceContext(b, "x")).entries(incident.id)] == [
        "after the outbox emptied"
    ]


def test_two_engines_on_one_store_never_apply_a_batch_twice(replicas, hub):
    (a, ea), (b, eb) = replicas
    IncidentService(ServiceContext(a, "Åsa")).open("Twice", "SEV3")
    ea.push_once()
    other = SyncEngine(b, hub)
    assert eb.pull_once(settle=10) == 1
    assert other.pull_once(settle=10) == 0  # it reads after the cursor eb stored
    IncidentService(ServiceContext(a, "Åsa")).open("Again", "SEV3")
    ea.push_once()
    assert other.pull_once(settle=10) == 1
    assert eb.pull_once(settle=10) == 0  # its own idea of the cursor was stale: it noticed


def test_a_kept_connection_is_given_back_as_it_was(tmp_path, hub):
    store = replica(tmp_path, "kept")
    engine = SyncEngine(store, hub, keep_connection=True)
    IncidentService(ServiceContext(store, "Åsa")).open("Kept", "SEV3")
    engine.push_once(forget=False)
    engine.close()
    assert store.outbox_size() == 0
    with store.engine.connect() as conn:
        from sqlalchemy import text

        assert [conn.execute(text("PRAGMA synchronous")).scalar() for _ in range(3)] == [2, 2, 2]  # FULL
    store.close()
