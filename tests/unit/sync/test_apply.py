"""The batch path leaves exactly what applying the changes one by one leaves."""

from __future__ import annotations

from sqlalchemy import select

from tests.integration.sync_support import history, replica, services, snapshot
from warroom.store.models import OutboxRow
from warroom.store.replication import Change, Replicator
from warroom.sync.apply import BatchApplier


def outbox_changes(store) -> list[Change]:
    with store.session() as s:
        rows = s.scalars(select(OutboxRow).order_by(OutboxRow.seq))
        return [Change(r.change_id, r.table_name, r.row_id, r.payload, r.stamp, store.device_id) for r in rows]


def busy_source(tmp_path):
    source = replica(tmp_path, "source")
    incidents, timeline = services(source, "Åsa Bergström")
    inc = incidents.open("Storage 東京 🚒", "SEV1")
    entries = [timeline.add(inc.id, f"note {n} — עברית").entry for n in range(6)]
    timeline.edit(entries[0].id, text="note 0, corrected")
    timeline.edit(entries[0].id, text="note 0, corrected twice")
    timeline.star(entries[1].id)
    timeline.star(entries[1].id, False)
    incidents.update(inc.id, commander="Ọlá Adéwálé", summary="disk full")
    incidents.update(inc.id, commander="Paweł Wiśniewski")
    timeline.add(inc.id, "mitigated", milestone="mitigated")
    return source


def test_batch_apply_equals_one_by_one(tmp_path):
    changes = outbox_changes(busy_source(tmp_path))
    one, batch = replica(tmp_path, "one"), replica(tmp_path, "batch")
    with one.session() as s:
        replicator = Replicator(s, one.clock)
        for c in changes:
            replicator.apply(c)
        s.commit()
    with batch.session() as s:
        BatchApplier(s, batch.clock).apply_all(changes)
        s.commit()
    assert snapshot(one) == snapshot(batch)
    assert history(one) == history(batch)
    assert snapshot(batch)["timeline_heads"][0][3] == 3  # revision_count of the twice-edited entry


def test_batch_apply_twice_and_with_repeats_changes_nothing(tmp_path):
    changes = outbox_changes(busy_source(tmp_path))
    target = replica(tmp_path, "target")
    for batch in (changes, changes + changes[:5], changes[3:]):
        with target.session() as s:
            BatchApplier(s, target.clock).apply_all(batch)
            s.commit()
    reference = replica(tmp_path, "reference")
    with reference.session() as s:
        BatchApplier(s, reference.clock).apply_all(changes)
        s.commit()
    assert snapshot(target) == snapshot(reference)


def test_a_batch_split_anywhere_gives_the_same_store(tmp_path):
    changes = outbox_changes(busy_source(tmp_path))
    whole, split = replica(tmp_path, "whole"), replica(tmp_path, "split")
    with whole.session() as s:
        BatchApplier(s, whole.clock).apply_all(changes)
        s.commit()
    for start in range(0, len(changes), 4):
        with split.session() as s:
            BatchApplier(s, split.clock).apply_all(changes[start : start + 4])
            s.commit()
    assert snapshot(whole) == snapshot(split)
