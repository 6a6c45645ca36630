"""The fast read path gives exactly what the repositories give, on SQLite (fast) and PostgreSQL (fallback)."""

from __future__ import annotations

from datetime import timedelta

from warroom.domain.timeline import EntryFilter, EntryKind
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService
from warroom.store.repositories.record_rows import record_entries, record_revisions
from warroom.store.store import Store


def test_record_rows_equal_the_repositorys_entries_and_revisions(db_url):
    store = Store(db_url)
    try:
        ctx = ServiceContext(store, "Åsa Bergström")
        incident = IncidentService(ctx).open("Checkout down 東京 🚒", "SEV1")
        timeline = TimelineService(ctx)
        start = incident.started_at - timedelta(minutes=30)
        added = [
            timeline.add(
                incident.id,
                f"Vendor Ọlá Adéwálé #{n} — שלום",
                at=start + timedelta(minutes=n),
                kind=(EntryKind.OBSERVATION, EntryKind.CONTACT, EntryKind.DECISION)[n % 3],
                vendor_name="Nordic Fiber AB" if n % 2 else None,
            ).entry
            for n in range(12)
        ]
        timeline.edit(added[3].id, text="edited: reached the NOC 📞", milestone="acknowledged")
        timeline.retract(added[5].id)
        timeline.star(added[7].id)
        with store.unit_of_work() as uow:
            repository = uow.repos.timeline
            expected_entries = repository.all(incident.id, EntryFilter(include_retracted=True))
            expected_revisions = repository.all_revisions(incident.id)
            entries, revisions = (
                record_entries(uow.repos.timeline, incident.id),
                record_revisions(uow.repos.timeline, incident.id),
            )
        assert len(entries) == 12 and len(revisions) == 14
        assert entries == expected_entries
        assert revisions == expected_revisions
        assert {e.id for e in entries if e.retracted} == {added[5].id}
        assert [e.id for e in entries if e.starred] == [added[7].id]
        assert all(e.occurred_at.utcoffset() == timedelta(0) for e in entries)
    finally:
        store.close()
