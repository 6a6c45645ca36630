"""Compaction folds the hub's old log into a snapshot; a laptop catching up from it ends where a full replay does."""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tests.integration.sync_support import migrated_template, replica, services, snapshot
from warroom.domain.errors import ValidationError
from warroom.sync.compaction import compact, superseded
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub, ensure_hub_identity


def _state(store) -> tuple:
    """What a replay decides: every replicated row, the timeline heads, and each field's winning stamp."""
    with store.session() as s:
        clocks = sorted(tuple(r) for r in s.execute(text("SELECT table_name, row_id, stamps FROM sync_row_clocks")))
    return snapshot(store), clocks


def _sync(store, hub) -> int:
    return SyncEngine(store, hub).sync_once(settle=5).pulled


def _log_sizes(hub_url: str) -> tuple[int, int]:
    hub = Hub(hub_url)
    try:
        engine = hub.engine
        with engine.connect() as conn:
            return tuple(
                conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in ("hub_changes", "hub_snapshot")
            )
    finally:
        hub.engine.dispose()
        hub.close()


def _compact_all(hub_url: str):
    """Everything pushed so far (on PostgreSQL, once no older transaction on the server holds xmin back)."""
    deadline = time.monotonic() + 60  # another test worker may hold a transaction open for ten seconds
    while True:
        done = compact(hub_url, keep_days=0)
        changes, _ = _log_sizes(hub_url)
        if changes <= 1 or time.monotonic() > deadline:  # the change at the compaction point stays
            return done
        time.sleep(0.2)


def _write_history(store, who: str, rounds: int) -> str:
    incidents, timeline = services(store, who)
    incident = incidents.open(f"Checkout down 東京 🚒 ({who})", "SEV2")
    for n in range(rounds):
        entry = timeline.add(incident.id, f"Vendor Ọlá Adéwálé called back #{n} — שלום").entry
        timeline.edit(entry.id, text=f"edited #{n}: reached the NOC")
        timeline.star(entry.id, n % 2 == 0)
        incidents.update(incident.id, summary=f"summary v{n}", commander=f"{who} {n}")
    return incident.id


def test_a_laptop_joining_after_compaction_reaches_the_full_replay_state(tmp_path, hub_url):
    a, b = replica(tmp_path, "a"), replica(tmp_path, "b")
    _write_history(a, "Åsa", 6)
    _sync(a, hub_url_hub := Hub(hub_url))
    _write_history(b, "Paweł", 4)
    _sync(b, hub_url_hub), _sync(a, hub_url_hub), _sync(b, hub_url_hub)
    before_changes, _ = _log_sizes(hub_url)
    result = _compact_all(hub_url)
    assert result.point is not None and result.dropped > 0, result
    changes, kept = _log_sizes(hub_url)
    assert changes == 1 and kept < before_changes  # superseded edits are gone from the hub
    joiner = replica(tmp_path, "c")
    _sync(joiner, hub_url_hub)
    assert _state(joiner) == _state(a) == _state(b)
    _write_history(a, "Åsa again", 2)  # the log after the compaction point still flows
    _sync(a, hub_url_hub), _sync(joiner, hub_url_hub), _sync(b, hub_url_hub)
    assert _state(joiner) == _state(a) == _state(b)
    hub_url_hub.close()


def test_a_laptop_away_past_the_compaction_point_catches_up_from_the_snapshot(tmp_path, hub_url):
    hub = Hub(hub_url)
    a, away = replica(tmp_path, "a"), replica(tmp_path, "away")
    _sync(away, hub)  # it met the hub once, then left
    _write_history(a, "Åsa", 5)
    _sync(a, hub)
    _write_history(away, "Paweł offline", 2)  # its own edits wait in its outbox meanwhile
    _compact_all(hub_url)
    _sync(away, hub), _sync(a, hub)
    assert _state(away) == _state(a)
    hub.close()


def test_compaction_refuses_a_negative_keep_and_says_when_nothing_is_old_enough(hub_url):
    with pytest.raises(ValidationError, match="--keep-days"):
        compact(hub_url, keep_days=-1)
    assert "nothing old enough" in str(compact(hub_url, keep_days=30))


def test_only_changes_overwritten_by_a_later_fit_change_are_superseded():
    def row(n, change_id, table, row_id, fields, stamp):
        return (n, 0, change_id, table, row_id, json.dumps({"row": {}, "set": fields}), stamp, "dev")

    rows = [
        row(1, "create", "incidents", "i1", ["summary", "title"], "0001"),
        row(2, "both", "incidents", "i1", ["summary", "title"], "0002"),
        row(3, "summary-only", "incidents", "i1", ["summary"], "0003"),
        row(4, "late-title", "incidents", "i1", ["title"], "0001x"),  # pushed later, stamped earlier
        row(5, "revision", "entry_revisions", "r1", [], "0004"),
    ]

    # late-title never wins title ("both" is newer): gone. "both" still decides title, summary-only summary.
    def every(change):
        return True

    assert superseded(rows, every) == {"late-title"}
    newest_title = row(6, "unfit-title", "incidents", "i1", ["title"], "0009")
    assert superseded([*rows, newest_title], every) == {"late-title", "both"}
    # laptops refuse it (or an admin retired it): never applied, so it overwrites nothing
    assert superseded([*rows, newest_title], lambda c: c.change_id != "unfit-title") == {"late-title"}


# -- the property: same end state as a full replay, whatever is compacted when ----------------------------

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("entry"), st.integers(0, 2)),
        st.tuples(st.just("edit"), st.integers(0, 2), st.integers(0, 30)),
        st.tuples(st.just("field"), st.integers(0, 2), st.sampled_from(["summary", "commander", "impact"])),
        st.tuples(st.just("sync"), st.integers(0, 2)),
        st.tuples(
            st.just("compact"),
        ),
    ),
    min_size=5,
    max_size=30,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_catching_up_from_any_compaction_ends_in_the_full_replay_state(ops):
    folder = Path(tempfile.mkdtemp(prefix="warroom-compaction-"))
    try:
        hub_path = folder / "hub.sqlite"
        shutil.copyfile(migrated_template(), hub_path)
        hub_url = f"sqlite:///{hub_path}"
        hub = Hub(hub_url)
        ensure_hub_identity(hub.engine)
        writers = [replica(folder, f"w{n}") for n in range(3)]
        replay = replica(folder, "replay")  # pulls after every push, before anything is compacted
        incidents = [services(w, f"user{n}")[0].open(f"Incident {n} 🚒", "SEV3").id for n, w in enumerate(writers)]
        for n, w in enumerate(writers):
            _sync(w, hub)
        _sync(replay, hub)
        for op in ops:
            _run(op, writers, incidents, hub, hub_url, replay)
        for w in writers:
            _sync(w, hub)
        _sync(replay, hub)
        joiner = replica(folder, "joiner")
        _sync(joiner, hub)
        for w in writers:
            _sync(w, hub)
        _sync(joiner, hub), _sync(replay, hub)
        assert _state(joiner) == _state(replay)
        assert all(_state(w) == _state(replay) for w in writers)
        hub.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(op, writers, incidents, hub, hub_url, replay) -> None:
    if op[0] == "compact":
        _sync(replay, hub)  # the replay replica has seen everything before it is folded
        compact(hub_url, keep_days=0)
        return
    ix = op[1]
    store = writers[ix]
    incident_service, timeline = services(store, f"user{ix}")
    if op[0] == "entry":
        timeline.add(incidents[ix], f"entry by {ix} — Ọlá")
    elif op[0] == "edit":
        entries = timeline.entries(incidents[ix])
        if entries:
            timeline.edit(entries[op[2] % len(entries)].id, text=f"edit {op[2]} 東京")
    elif op[0] == "field":
        target = incidents[(ix + 1) % len(incidents)]
        try:
            incident_service.update(target, **{op[2]: f"{op[2]} by {ix}"})
        except Exception:
            pass  # the incident has not reached this laptop yet
    elif op[0] == "sync":
        _sync(store, hub)
        _sync(replay, hub)
