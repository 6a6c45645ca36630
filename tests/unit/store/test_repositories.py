"""Repositories write domain values through the replicator: every write also queues a change."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from warroom.domain.directory import Vendor
from warroom.domain.ids import new_id
from warroom.domain.timeline import Entry, EntryKind, Revision
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.store.models import OutboxRow

T0 = datetime(2013, 12, 19, 6, 40, tzinfo=UTC)


def _outbox(store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(OutboxRow))


def _entry(incident_id: str) -> Entry:
    return Entry(
        id=new_id(),
        incident_id=incident_id,
        occurred_at=T0,
        recorded_at=T0,
        created_at=T0,
        author="Åsa",
        kind=EntryKind.OBSERVATION,
        text="Brandväggen delar paketet",
        milestone=None,
        vendor_id=None,
        contact_id=None,
        vendor_name=None,
        contact_name=None,
        revision=1,
        retracted=False,
        starred=True,
    )


def test_an_archived_entry_keeps_its_history_and_its_latest_revision_leads(store):
    incident = IncidentService(ServiceContext(store, "Åsa")).open("Julrelease", "SEV1", started_at=T0)
    entry = _entry(incident.id)
    first = Revision(new_id(), entry.id, T0, T0, "Åsa", EntryKind.OBSERVATION, "paket 東京", None, *[None] * 4, False)
    second = dataclasses.replace(first, id=new_id(), recorded_at=T0 + timedelta(minutes=5), text="paket halverat")
    before = _outbox(store)
    with store.unit_of_work() as uow:
        uow.repos.timeline.add_entry(entry, history=(first, second))
        uow.commit()
    with store.unit_of_work() as uow:
        head = uow.repos.timeline.get(entry.id)
        history = uow.repos.timeline.revisions(entry.id)
    assert head is not None and (head.text, head.revision, head.starred) == ("paket halverat", 2, True)
    assert [r.id for r in history] == [first.id, second.id]
    assert _outbox(store) - before == 3  # the entry and two revisions, each queued for the hub


def test_saving_a_vendor_writes_only_what_changed(store):
    vendor = Vendor(
        new_id(), "Kronan Datacenter AB", ("firewall",), "SE", None, ("public",), "Europe/Stockholm", "24/7"
    )
    with store.unit_of_work() as uow:
        uow.repos.directory.add_vendor(vendor)
        uow.commit()
    queued = _outbox(store)
    with store.unit_of_work() as uow:
        assert uow.repos.directory.save_vendor(vendor) is False
        assert uow.repos.directory.save_vendor(dataclasses.replace(vendor, notes="Jour: ring växeln")) is True
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.repos.directory.vendor(vendor.id) == dataclasses.replace(vendor, notes="Jour: ring växeln")
        uow.repos.directory.remove_vendor(vendor.id)
        uow.commit()
    with store.unit_of_work() as uow:
        assert uow.repos.directory.vendor(vendor.id) is None
    assert _outbox(store) - queued == 2
