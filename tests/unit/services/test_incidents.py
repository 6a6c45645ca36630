from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain.errors import AmbiguousError, NotFoundError, ValidationError
from warroom.domain.incident import Severity, Status
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService


def test_open_list_switch_and_references(any_ctx):
    svc = IncidentService(any_ctx)
    first = svc.open("Login failures", "sev2", impacted_services=("Portal", " ", "API"))
    second = svc.open("Paracétamol names break the pharmacy API", Severity.SEV1, commander="Åsa Bergström")
    assert (first.reference, second.reference) == ("INC-1", "INC-2")
    assert first.severity is Severity.SEV2 and first.status is Status.INVESTIGATING
    assert first.commander == "Ọlá Adéwálé" and first.impacted_services == ("Portal", "API")
    assert [i.reference for i in svc.list()] == ["INC-2", "INC-1"]
    assert svc.get("inc-2").id == svc.get("2").id == svc.get(second.id).id == second.id


def test_bad_input_is_refused_with_a_sentence(any_ctx):
    svc = IncidentService(any_ctx)
    with pytest.raises(ValidationError, match="needs a title"):
        svc.open("   ", "SEV2")
    with pytest.raises(ValidationError, match="SEV1, SEV2"):
        svc.open("x", "SEV9")
    with pytest.raises(ValidationError, match="future"):
        svc.open("x", "SEV2", started_at=datetime.now(UTC) + timedelta(hours=1))
    with pytest.raises(ValidationError, match="time zone"):
        svc.open("x", "SEV2", zone="Mars/Olympus")
    with pytest.raises(NotFoundError, match="INC-42"):
        svc.get("INC-42")
    with pytest.raises(ValidationError, match="not an incident reference"):
        svc.get("yesterday's outage")
    assert svc.list() == []


def test_status_change_is_recorded_in_the_timeline(any_ctx):
    svc = IncidentService(any_ctx)
    inc = svc.open("DB locked", "SEV2")
    changed = svc.set_status(inc.id, "identified")
    assert changed.status is Status.IDENTIFIED
    entries = TimelineService(any_ctx).entries(inc.id)
    assert [e.text for e in entries] == ["Status changed from investigating to identified"]
    assert entries[0].kind.value == "status"


def test_narrative_fields_edit_and_round_trip(any_ctx):
    svc = IncidentService(any_ctx)
    inc = svc.open("東京 DC power", "SEV1")
    updated = svc.update(
        inc.id, summary="Power lost in 東京 ⚡", root_cause="UPS firmware", impacted_services=["Billing"]
    )
    assert updated.narrative["summary"] == "Power lost in 東京 ⚡"
    assert updated.narrative["root_cause"] == "UPS firmware"
    assert updated.impacted_services == ("Billing",)
    with pytest.raises(ValidationError, match="Cannot change"):
        svc.update(inc.id, password="x")


def test_same_number_from_two_offline_laptops_is_ambiguous(store, ctx):
    svc = IncidentService(ctx)
    a = svc.open("A", "SEV3")
    b = svc.open("B", "SEV3")
    with store.unit_of_work() as uow:
        uow.writer.update("incidents", b.id, {"number": a.number})
        uow.commit()
    with pytest.raises(AmbiguousError, match="use an id"):
        svc.get(a.reference)


def test_editing_the_start_into_the_future_is_refused(any_ctx):
    svc = IncidentService(any_ctx)
    inc = svc.open("x", "SEV3")
    with pytest.raises(ValidationError, match="future"):
        svc.update(inc.id, started_at=datetime.now(UTC) + timedelta(days=1))
