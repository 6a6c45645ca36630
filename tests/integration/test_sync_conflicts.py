"""Concurrent edits of the same field on two replicas: one winner everywhere, the loser in history."""

from __future__ import annotations

import pytest

from tests.integration.sync_support import history, replica, services, snapshot
from warroom.domain.ids import new_id
from warroom.store.models import ContactRow
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub
from warroom.sync.hub_admin import init_hub


@pytest.fixture
def three(tmp_path, pg_url):
    init_hub(pg_url)
    hub = Hub(pg_url)
    stores = [replica(tmp_path, n) for n in ("a", "b", "c")]
    yield [(s, SyncEngine(s, hub)) for s in stores]
    hub.close()


def sync_all(replicas) -> None:
    for _ in range(2):
        for _, engine in replicas:
            engine.sync_once(settle=10)


def add_contact(store) -> str:
    vendor_id, contact_id = new_id(), new_id()
    with store.unit_of_work() as uow:
        uow.writer.create(
            "vendors",
            {
                "id": vendor_id,
                "name": "Nordic Networks AB",
                "layers": ["network"],
                "country": "SE",
                "subdivision": None,
                "holiday_categories": [],
                "timezone": "Europe/Stockholm",
                "hours": "Mon-Fri 08:00-17:00",
                "sla_response_min": 30,
                "contract_ref": "",
                "notes": "",
                "deleted": False,
            },
        )
        uow.writer.create(
            "contacts",
            {
                "id": contact_id,
                "vendor_id": vendor_id,
                "name": "Åsa Bergström",
                "role": "NOC",
                "phones": ["+46 8 123 456 78"],
                "email": "asa@example.se",
                "timezone": None,
                "hours": None,
                "always_on_call": False,
                "notes": "",
                "deleted": False,
            },
        )
        uow.commit()
    return contact_id


def edit_contact(store, contact_id: str, **values) -> None:
    with store.unit_of_work() as uow:
        uow.writer.update("contacts", contact_id, values)
        uow.commit()


def phones(store, contact_id: str) -> list:
    with store.session() as s:
        return s.get(ContactRow, contact_id).phones


def test_same_contact_field_edited_on_two_replicas(three):
    (a, _), (b, _), (c, _) = three
    contact = add_contact(a)
    sync_all(three)
    edit_contact(a, contact, phones=["+46 70 111 11 11"])
    edit_contact(b, contact, phones=["+47 22 22 22 22"], notes="call after 18:00 — 東京 office")
    sync_all(three)
    assert phones(a, contact) == phones(b, contact) == phones(c, contact) == ["+47 22 22 22 22"]
    lost = {(t, f, v) for t, _, f, _, v in history(c)}
    assert ("contacts", "phones", repr(["+46 70 111 11 11"])) in lost
    assert history(a) == history(b) == history(c)
    assert snapshot(a) == snapshot(b) == snapshot(c)


def test_same_incident_field_edited_on_two_replicas_in_either_sync_order(three):
    (a, ea), (b, eb), (c, ec) = three
    incidents_a, _ = services(a, "Åsa")
    incident = incidents_a.open("Payments", "SEV2")
    sync_all(three)
    services(b, "Bo")[0].update(incident.id, summary="B's summary")
    incidents_a.update(incident.id, summary="A's summary, later", commander="Ọlá Adéwálé")
    eb.sync_once(settle=10)
    ec.sync_once(settle=10)  # C first sees only B's edit
    ea.sync_once(settle=10)
    sync_all(three)
    for store, _ in three:
        got = services(store, "x")[0].get(incident.id)
        assert got.narrative["summary"] == "A's summary, later"
        assert got.commander == "Ọlá Adéwálé"
    assert ("incidents", "summary", repr("B's summary")) in {(t, f, v) for t, _, f, _, v in history(c)}
    assert history(a) == history(b) == history(c)
