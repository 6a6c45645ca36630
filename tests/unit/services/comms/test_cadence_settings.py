"""The war room's cadence: kept in the store, laid over the built-in one, and what the postmortem measures against."""

from __future__ import annotations

from datetime import timedelta

import pytest

from warroom.domain.clock import utc_now
from warroom.domain.errors import ValidationError
from warroom.export.json_export import dumps, loads
from warroom.services.comms.cadence_settings import CadenceSettings
from warroom.services.incidents import IncidentService
from warroom.services.postmortem.record import load_record
from warroom.services.postmortem.service import PostmortemService


@pytest.fixture
def cadence(ctx):
    return CadenceSettings(ctx)


def test_cells_are_laid_over_what_each_audience_had_and_default_takes_one_back(cadence, comms, incident):
    cadence.set({"customers": {"SEV1": "10/30"}})
    cadence.set({"customers": {"sev2": "45"}, "internal": {"SEV4": "off"}})
    assert cadence.overrides() == {
        "customers": {"SEV1": {"every": 30, "early": 10}, "SEV2": {"every": 45, "early": None}},
        "internal": {"SEV4": {"every": 0, "early": None}},
    }
    in_force = cadence.set({"customers": {"SEV1": "default"}})
    assert cadence.overrides()["customers"] == {"SEV2": {"every": 45, "early": None}}
    assert in_force["SEV1"]["customers"].every == timedelta(minutes=60)  # the built-in one again
    dues = {d.audience.value: d for d in comms.cadence(incident.id)}
    assert dues["customers"].due_at == incident.started_at + timedelta(minutes=20)


def test_a_mistake_names_its_cell_and_changes_nothing(cadence):
    cadence.set({"executives": {"SEV1": "15"}})
    with pytest.raises(ValidationError, match=r"^Executives, SEV2: Cadence 'soon' is not minutes"):
        cadence.set({"executives": {"SEV1": "20", "SEV2": "soon"}})
    assert cadence.overrides() == {"executives": {"SEV1": {"every": 15, "early": None}}}


def test_the_postmortem_measures_gaps_against_the_war_rooms_cadence(ctx, cadence, comms, tmp_path):
    started = utc_now().replace(microsecond=0) - timedelta(hours=3)
    incident = IncidentService(ctx).open("Payments degraded in Åre", "SEV1", started_at=started)
    for minutes in (25, 50):
        ctx.now = lambda minutes=minutes: started + timedelta(minutes=minutes)
        comms.send(incident.id, "customers", f"Word to customers at +{minutes} min.")
    ctx.now = utc_now
    [md] = PostmortemService(ctx).export(incident.id, "md", tmp_path / "before.md")
    assert "gaps 25 min, 25 min against every 20 min in the first 120 min" in md.read_text(encoding="utf-8")
    cadence.set({"customers": {"SEV1": "30"}})
    [md] = PostmortemService(ctx).export(incident.id, "md", tmp_path / "after.md")
    text = md.read_text(encoding="utf-8")
    assert "- Customers: 2 update(s); gaps 25 min, 25 min against every 30 min for SEV1: 0 longer" in text
    with ctx.store.unit_of_work() as uow:
        record = load_record(uow, incident.id, revisions=False)
    assert loads(dumps(record)).comms_cadence == {"customers": {"SEV1": {"every": 30, "early": None}}}
