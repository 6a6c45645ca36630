"""The background runner: states, offline counting, reconnect, clean stop, never raising."""

from __future__ import annotations

from tests.integration.sync_support import entry_texts, replica, services, wait_until
from warroom.sync.hub_admin import init_hub
from warroom.sync.runner import Backoff, HeldBackPause, SyncPhase, SyncRunner, SyncState

FAST = Backoff(first=0.05, most=0.2, periodic=1.0)


def test_offline_counts_the_changes_waiting_then_goes_live(tmp_path):
    hub_path = tmp_path / "share" / "hub.sqlite"
    store = replica(tmp_path, "a")
    states: list[SyncState] = []
    runner = SyncRunner(store, f"sqlite:///{hub_path}", states.append, backoff=FAST).start()
    try:
        wait_until(lambda: runner.state.phase is SyncPhase.FAILED, 5, "an uninitialised hub is not 'failed'")
        assert "warroom hub init" in runner.state.reason
        incidents, timeline = services(store, "Åsa")
        inc = incidents.open("Offline work", "SEV3")
        timeline.add(inc.id, "still typing")
        wait_until(lambda: runner.state.waiting == 2, 5, "the waiting count did not follow local writes")
        assert "2 changes waiting" in str(SyncState(SyncPhase.OFFLINE, 2))
        init_hub(f"sqlite:///{hub_path}")
        runner.sync_now()
        wait_until(lambda: runner.state.phase is SyncPhase.LIVE, 5, "the runner did not recover")
        wait_until(lambda: store.outbox_size() == 0, 5, "the outbox was not pushed")
    finally:
        runner.stop()
    assert not runner._thread.is_alive()
    assert SyncPhase.SYNCING in [s.phase for s in states]


def test_unreachable_postgres_is_offline_without_the_password(tmp_path):
    store = replica(tmp_path, "a")
    runner = SyncRunner(store, "postgresql://ops:Sup3r-s3cret@127.0.0.1:1/hub", backoff=FAST).start()
    try:
        wait_until(
            lambda: runner.state.phase is SyncPhase.OFFLINE and runner.state.reason != "not started", 5, "not offline"
        )
        assert "Sup3r-s3cret" not in runner.state.reason + runner.state.hub + str(runner.state)
        assert "127.0.0.1" in runner.state.reason
    finally:
        runner.stop()


def test_a_failing_state_callback_does_not_stop_sync(tmp_path):
    hub_url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    init_hub(hub_url)
    a, b = replica(tmp_path, "a"), replica(tmp_path, "b")

    def explode(state):
        raise RuntimeError("a broken status bar")

    runners = [
        SyncRunner(a, hub_url, explode, backoff=FAST).start(),
        SyncRunner(b, hub_url, explode, backoff=FAST).start(),
    ]
    try:
        incidents, timeline = services(a, "Åsa")
        timeline.add(incidents.open("Callbacks", "SEV4").id, "arrives anyway")
        wait_until(lambda: "arrives anyway" in entry_texts(b), 3, "entry did not arrive")
    finally:
        for r in runners:
            r.stop()


def test_the_held_back_pause_grows_to_a_second_only_on_timed_re_reads_and_starts_over():
    pause = HeldBackPause(0.05, 1.0)
    assert not pause.active and not pause.due(0.0) and pause.left(0.0) == 0.0
    pause.schedule(100.0)  # first held back: re-read soon
    assert pause.active and not pause.due(100.04) and pause.due(100.05)
    at, waits = 100.05, []
    for _ in range(7):  # each timed re-read that is still held back doubles the pause, up to 1 s
        pause.schedule(at)
        waits.append(round(pause.left(at), 3))
        at += pause.left(at)
    assert waits == [0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0]
    pause.reset()  # nothing held back any more: the next hold starts short again
    pause.schedule(500.0)
    assert round(pause.left(500.0), 3) == 0.05
