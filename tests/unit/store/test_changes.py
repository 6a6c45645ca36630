"""The store reports commits as kinds of change with their origin; tables are mapped in one place."""

from __future__ import annotations

import pytest

from warroom.domain.changes import Changed, ChangeNote, changes_from
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.store.changes import KIND_OF_TABLE, changes_in
from warroom.store.models import Base
from warroom.store.store import Store


@pytest.fixture
def store(tmp_path):
    made = Store(f"sqlite:///{tmp_path / 'changes.sqlite'}")
    yield made
    made.close()


def test_every_table_of_the_schema_has_a_kind_of_change():
    assert set(Base.metadata.tables) - set(KIND_OF_TABLE) == set()


def test_tables_map_to_kinds_and_unknown_tables_to_nothing():
    assert changes_in(["entry_revisions", "timeline_heads"]) == Changed.TIMELINE
    assert changes_in(["duration_defs"]) == Changed.TIMELINE | Changed.DURATIONS
    assert changes_in(["vendors", "contact_attempts"]) == Changed.DIRECTORY | Changed.ATTEMPTS
    assert changes_in(["no_such_table"]) == Changed.NOTHING


def test_a_commit_is_reported_with_its_kinds_and_origin(store):
    notes: list[ChangeNote] = []
    tables: list[frozenset[str]] = []
    stop_notes = store.subscribe_changes(notes.append)
    stop_tables = store.subscribe(tables.append)
    incidents = IncidentService(ServiceContext(store, "Zoë Ångström"))
    with changes_from("checklists"):
        incidents.open("Kassa nere för Malmö", "SEV2")
    incidents.open("Ödesdiger uppdatering", "SEV3")
    stop_notes()
    stop_tables()
    incidents.open("Not heard", "SEV4")
    assert [n.origin for n in notes] == ["checklists", None]
    assert all(n.touches(Changed.INCIDENT) and not n.touches(Changed.CHECKLISTS) for n in notes)
    assert notes[0].touches_other_than(Changed.INCIDENT, "timeline")
    assert not notes[0].touches_other_than(Changed.INCIDENT, "checklists")
    assert len(tables) == 2 and all("incidents" in t for t in tables)  # sync still hears table names
