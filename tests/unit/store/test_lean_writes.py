"""Issue #17: an entry's durable append writes the fewest rows, and old-format changes still merge."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.integration.sync_support import replica, services, snapshot
from warroom.services.context import ServiceContext
from warroom.services.timeline import TimelineService
from warroom.store.legacy_changes import current_form
from warroom.store.models import OutboxRow, metadata
from warroom.store.replication import Change, Replicator
from warroom.sync.apply import BatchApplier
from warroom.sync.validate import refusal


def row_counts(store) -> dict[str, int]:
    with store.session() as s:
        return {
            name: s.execute(select(func.count()).select_from(t)).scalar_one() for name, t in metadata.tables.items()
        }


def grown(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    return {name: after[name] - before[name] for name in after if after[name] != before[name]}


def test_an_entry_is_one_revision_its_head_and_one_outbox_change(store):
    incidents, timeline = services(store, "Åsa Bergström")
    incident = incidents.open("Lean 東京", "SEV3")
    before = row_counts(store)
    added = timeline.add(incident.id, "first call, مرحبا").entry
    assert grown(before, row_counts(store)) == {"entry_revisions": 1, "timeline_heads": 1, "sync_outbox": 1}
    with store.session() as s:
        change = s.scalars(select(OutboxRow).order_by(OutboxRow.seq.desc())).first()
    assert (change.table_name, change.payload["row"]["entry_id"]) == ("entry_revisions", added.id)
    before = row_counts(store)
    timeline.edit(added.id, text="first call, answered")
    assert grown(before, row_counts(store)) == {"entry_revisions": 1, "sync_outbox": 1}


def test_a_star_is_a_mark_of_its_own_and_leaves_the_entry_alone(store):
    incidents, timeline = services(store, "Åsa")
    incident = incidents.open("Stars", "SEV3")
    entry = timeline.add(incident.id, "worth keeping").entry
    before = row_counts(store)
    assert timeline.star(entry.id).starred is True
    assert grown(before, row_counts(store)) == {"entry_marks": 1, "sync_row_clocks": 1, "sync_outbox": 1}
    assert timeline.star(entry.id, False).starred is False
    assert [e.starred for e in timeline.entries(incident.id)] == [False]
    assert timeline.get(entry.id).revision == 1  # no new revision: the content never changed


def legacy_changes(entry: str, incident: str, device: str = "old-laptop") -> list[Change]:
    """What a laptop before 0008 pushed for an entry it created and then starred."""
    row = {"id": entry, "incident_id": incident, "created_at": "2026-11-30T07:00:00+00:00", "starred": False}
    create = {"row": row, "set": ["created_at", "incident_id", "starred"]}
    star = {"row": {**row, "starred": True}, "set": ["starred"]}
    return [
        Change("c-legacy-1", "timeline_entries", entry, create, "1796025849940.000000.old-laptop", device),
        Change("c-legacy-2", "timeline_entries", entry, star, "1796025849941.000000.old-laptop", device),
    ]


def test_old_format_entry_changes_become_its_star_one_by_one_and_in_a_batch(tmp_path):
    source = replica(tmp_path, "source")
    incidents, timeline = services(source, "Åsa")
    incident = incidents.open("Mixed versions", "SEV2")
    entry = timeline.add(incident.id, "typed on a new laptop").entry
    with source.session() as s:
        current = [
            Change(r.change_id, r.table_name, r.row_id, r.payload, r.stamp, source.device_id)
            for r in s.scalars(select(OutboxRow).order_by(OutboxRow.seq))
        ]
    changes = current + legacy_changes(entry.id, incident.id)
    assert [refusal(current_form(c), source.clock.wall_ms()) for c in changes] == [None] * len(changes)
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
    for store in (one, batch):
        assert [(e.text, e.starred) for e in TimelineService(ServiceContext(store, "x")).entries(incident.id)] == [
            ("typed on a new laptop", True)
        ]
