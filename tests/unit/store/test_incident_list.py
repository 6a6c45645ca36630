"""`incident list` reads with SQLAlchemy Core: the same incidents, in the same order, as the ORM."""

from __future__ import annotations

from datetime import timedelta

from warroom.domain.clock import utc_now
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.store.incident_list import INCIDENTS, list_incidents
from warroom.store.models import IncidentRow
from warroom.store.store import Store


def test_the_core_table_names_the_models_columns_with_their_types():
    model = IncidentRow.__table__.c
    for column in INCIDENTS.c:
        assert column.name in model, column.name
        assert type(column.type) is type(model[column.name].type), column.name


def test_the_list_equals_the_services_on_sqlite_and_postgres(db_url):
    store = Store(db_url)
    try:
        incidents = IncidentService(ServiceContext(store=store, user_name="Åsa Bergström", zone="Europe/Stockholm"))
        now = utc_now()
        incidents.open("Checkout down for 東京 — Paweł on call", "SEV1", started_at=now - timedelta(hours=3))
        incidents.open("Payments slow", "SEV3", started_at=now - timedelta(days=2), impacted_services=("payments",))
        newest = incidents.open("Ọlá's DNS", "SEV2", started_at=now - timedelta(minutes=5), zone="Africa/Lagos")
        expected = incidents.list()
    finally:
        store.close()
    listed = list_incidents(db_url)
    assert listed == expected
    assert listed[0] == newest and listed[0].started_at.tzinfo is not None
    assert [i.title for i in listed][1:] == ["Checkout down for 東京 — Paweł on call", "Payments slow"]
