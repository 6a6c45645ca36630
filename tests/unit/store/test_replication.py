"""The replicated write path: an edit reads and writes its row under one write lock."""

from __future__ import annotations

import sqlite3

from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.store.replication import Replicator


def test_an_edit_holds_the_write_lock_when_it_reads_the_row(store, monkeypatch):
    """Else a pulled batch committed between the read and the write would get stale stamps."""
    incident = IncidentService(ServiceContext(store, "Åsa Bergström")).open("Lock 東京", "SEV3")
    other = sqlite3.connect(store.url.database, timeout=0)  # e.g. the sync thread applying a batch
    locked_at_read = []
    real_load = Replicator._load

    def load_and_try_to_write(self, table, row_id):
        found = real_load(self, table, row_id)
        try:
            other.execute("BEGIN IMMEDIATE")
            other.rollback()
            locked_at_read.append(False)
        except sqlite3.OperationalError as exc:
            locked_at_read.append("locked" in str(exc))
        return found

    monkeypatch.setattr(Replicator, "_load", load_and_try_to_write)
    try:
        with store.unit_of_work() as uow:
            uow.writer.update("incidents", incident.id, {"commander": "Paweł Wiśniewski"})
            uow.commit()
        assert locked_at_read == [True]
        other.execute("BEGIN IMMEDIATE")  # committed: free again
        other.rollback()
    finally:
        other.close()


def test_an_edit_that_changes_nothing_leaves_nothing_locked(store):
    incident = IncidentService(ServiceContext(store, "Åsa")).open("Idle", "SEV3")
    other = sqlite3.connect(store.url.database, timeout=0)
    try:
        with store.unit_of_work() as uow:
            assert uow.writer.update("incidents", incident.id, {"commander": incident.commander}) is False
        other.execute("BEGIN IMMEDIATE")  # the unit of work rolled back on leaving
        other.rollback()
    finally:
        other.close()
