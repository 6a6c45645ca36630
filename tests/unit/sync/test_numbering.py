"""Incident numbers come from the hub, once each, on SQLite and PostgreSQL hubs alike."""

from __future__ import annotations

import pytest

from tests.integration.sync_load_support import copy_replica
from tests.integration.sync_support import entry_texts, replica, services
from warroom.sync.engine import SyncEngine
from warroom.sync.numbering import claim


def _sync(store, hub) -> None:
    SyncEngine(store, hub).sync_once(settle=5)


def _numbers(store) -> dict[str, str]:
    return {i.title: i.reference for i in services(store, "x")[0].list()}


def test_the_hub_gives_each_incident_one_number_whoever_asks_and_however_often(hub):
    first, second = claim(hub, "inc-a"), claim(hub, "inc-b")
    assert first.registered_here and second.registered_here
    assert second.number == first.number + 1
    again = claim(hub, "inc-a")
    assert again.number == first.number and not again.registered_here
    taken = claim(hub, "inc-c", wanted=first.number)  # held by inc-a: inc-c gets a new one
    assert taken.number not in (first.number, second.number) and taken.registered_here
    kept = claim(hub, "inc-d", wanted=100)
    assert kept.number == 100
    assert claim(hub, "inc-e").number not in (first.number, second.number, taken.number, 100)


def test_offline_incidents_are_provisional_and_numbered_at_the_first_sync_without_colliding(tmp_path, hub):
    a, b = replica(tmp_path, "a"), replica(tmp_path, "b")
    _sync(a, hub), _sync(b, hub)  # both have met the hub: from now on it gives out the numbers
    incidents_a, timeline_a = services(a, "Åsa Bergström")
    incidents_b = services(b, "Paweł Wiśniewski")[0]
    offline_a = incidents_a.open("Firewall cuts packages 東京", "SEV1")  # neither laptop reaches the hub
    offline_b = incidents_b.open("DNS flaps", "SEV2")
    assert offline_a.reference.startswith("INC-?") and offline_a.reference != offline_b.reference
    assert offline_a.reference[5:] == offline_a.id.replace("-", "")[-6:]
    assert incidents_a.get(offline_a.reference).id == offline_a.id  # the provisional reference finds it
    timeline_a.add(offline_a.id, "Vendor ticket opened")
    _sync(a, hub), _sync(b, hub), _sync(a, hub)
    on_a, on_b = _numbers(a), _numbers(b)
    assert on_a == on_b
    assert sorted(on_a.values()) == ["INC-1", "INC-2"]  # distinct, and no longer provisional
    assert incidents_b.get(on_b["Firewall cuts packages 東京"]).id == offline_a.id
    assert "Vendor ticket opened" in entry_texts(b)
    assert not any(t.startswith("Renumbered") for t in entry_texts(a))  # a first number is no renaming


def test_existing_duplicate_numbers_are_resolved_once_oldest_first_with_a_note(tmp_path, hub):
    a, b = replica(tmp_path, "a"), replica(tmp_path, "b")
    older = services(a, "Åsa")[0].open("Older INC-1", "SEV2")  # both laptops numbered locally: INC-1 twice
    newer = services(b, "Paweł")[0].open("Newer INC-1", "SEV3")
    assert older.reference == newer.reference == "INC-1"
    SyncEngine(a, hub).push_once(), SyncEngine(b, hub).push_once()  # both on the hub, as before this version
    _sync(b, hub)  # the newer one's laptop resolves first: it pulls, then claims oldest first
    _sync(a, hub), _sync(b, hub), _sync(a, hub)
    on_a, on_b = _numbers(a), _numbers(b)
    assert on_a == on_b == {"Older INC-1": "INC-1", "Newer INC-1": "INC-2"}
    notes = [t for t in entry_texts(a) if t.startswith("Renumbered")]
    assert notes == [
        "Renumbered from INC-1 to INC-2: INC-1 had also been given to another incident opened "
        "on another laptop while offline; the hub now gives out every number once."
    ]
    assert [t for t in entry_texts(b) if t.startswith("Renumbered")] == notes  # one note, written once
    assert services(b, "x")[0].get("INC-2").id == newer.id


def test_a_provisional_reference_that_matches_nothing_says_so(tmp_path):
    store = replica(tmp_path, "a")
    store.set_meta("incident_numbers_from_hub", "1")
    incidents = services(store, "Åsa")[0]
    opened = incidents.open("Provisional", "SEV3")
    assert opened.number == 0 and opened.reference.startswith("INC-?")
    with pytest.raises(Exception, match=r"No incident INC-\?ffffff"):
        incidents.get("INC-?ffffff")
    assert incidents.get(opened.reference.lower()).id == opened.id


def test_a_sync_that_renumbers_pulls_past_what_it_pushed(tmp_path, hub):
    """sync_once pulls everything, the renumbering it pushes last included: a copy of the store
    (another device) would otherwise take the incident's new number and its note again."""
    a, b = replica(tmp_path, "a"), replica(tmp_path, "b")
    services(a, "Åsa")[0].open("Older INC-1", "SEV2")
    services(b, "Paweł")[0].open("Newer INC-1", "SEV3")
    SyncEngine(a, hub).push_once()
    SyncEngine(b, hub).sync_once(settle=5)  # renumbers b's incident and pushes that, with the note
    assert [t for t in entry_texts(b) if t.startswith("Renumbered")]
    b.close()
    copy_replica(tmp_path / "b.sqlite", tmp_path / "b-copy.sqlite")
    copy = replica(tmp_path, "b-copy")  # another device, with b's cursor
    assert SyncEngine(copy, hub).pull_once(settle=5) == 0
    copy.close()
