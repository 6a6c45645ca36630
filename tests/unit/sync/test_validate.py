"""A pulled change passes the checks a local write passes; what a real store writes always does."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select

from tests.integration.sync_support import replica
from warroom.domain.ids import new_id
from warroom.services.context import ServiceContext
from warroom.services.demo import DemoService
from warroom.services.incidents import IncidentService
from warroom.store.models import OutboxRow
from warroom.store.replication import Change
from warroom.sync.validate import MAX_AHEAD_MS, how_far, refusal

DEVICE = "0190aaaa-bbbb-7ccc-8ddd-eeeeeeeeeeee"


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def stamp(ms: int | None = None, device: str = DEVICE) -> str:
    return f"{(ms if ms is not None else now_ms()):013d}.000000.{device}"


def incident_row(**over) -> dict:
    row = {
        "id": "0190aaaa-0000-7000-8000-000000000001",
        "number": 7,
        "title": "Login fails for Åsa",
        "severity": "SEV2",
        "status": "investigating",
        "commander": "Åsa",
        "started_at": "2026-11-30T04:00:00+00:00",
        "created_at": "2026-11-30T04:01:00+00:00",
        "zone": "Europe/Stockholm",
        "impacted_services": ["login"],
        "deleted": False,
    }
    return {**row, **over}


def incident_change(row: dict | None = None, **kw) -> Change:
    row = row if row is not None else incident_row()
    fields = sorted(k for k in row if k != "id")
    base = dict(
        change_id=new_id(),
        table_name="incidents",
        row_id=row.get("id", "x"),
        payload={"row": row, "set": fields},
        stamp=stamp(),
        device=DEVICE,
    )
    return Change(**{**base, **kw})


def test_every_change_a_real_store_writes_passes(tmp_path):
    store = replica(tmp_path, "demo")
    try:
        ctx = ServiceContext(store, "Åsa", "Europe/Stockholm")
        incident = DemoService(ctx).load()
        IncidentService(ctx).update(incident.id, severity="SEV1", commander="Paweł")
        with store.session() as s:
            rows = s.execute(select(OutboxRow)).scalars().all()
        assert len(rows) > 50
        device = store.device_id
        refused = [
            (r.table_name, refusal(Change(r.change_id, r.table_name, r.row_id, r.payload, r.stamp, device), now_ms()))
            for r in rows
        ]
        assert [r for r in refused if r[1] is not None] == []
        assert {r.table_name for r in rows} >= {"incidents", "vendors", "contacts", "entry_revisions", "checklists"}
    finally:
        store.close()


def test_a_valid_incident_change_passes():
    assert refusal(incident_change(), now_ms()) is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (incident_change(payload="not json {"), "payload is not a row of incidents (got str)"),
        (incident_change(payload=[1, 2, 3]), "payload is not a row of incidents (got list)"),
        (incident_change(table_name="payroll"), "Unknown table 'payroll'"),
        (incident_change(incident_row(salary=1)), "Unknown column salary of incidents"),
        (incident_change(incident_row(severity="SEV99")), "Unknown severity 'SEV99'"),
        (incident_change(incident_row(severity="sev1")), "severity 'sev1' is not stored as 'SEV1'"),
        (incident_change(incident_row(status="on fire")), "Unknown status 'on fire'"),
        (incident_change(incident_row(zone="Mars/Olympus")), "'Mars/Olympus' is not a known time zone"),
        (incident_change(incident_row(title="   ")), "An incident needs a title"),
        (incident_change(incident_row(number="7")), "incidents.number: expected a whole number, got str"),
        (incident_change(incident_row(number=2**40)), "incidents.number: 1099511627776 is out of range"),
        (incident_change(incident_row(deleted="no")), "incidents.deleted: expected true or false"),
        (incident_change(incident_row(started_at="9999-01-01T00:00:00+00:00")), "out of range (1970-2200)"),
        (incident_change(incident_row(started_at="2026-11-30T04:00:00")), "has no time zone"),
        (incident_change(incident_row(started_at="yesterday")), "is not an ISO 8601 instant"),
        (incident_change(incident_row(title="x" * 1_000_001)), "at most 1,000,000 allowed"),
        (incident_change(incident_row(severity="SEV1234567")), "10 characters, at most 8 allowed"),
        (incident_change(incident_row(title=None)), "incidents.title is empty"),
        (incident_change({k: v for k, v in incident_row().items() if k != "title"}), "incidents.title is missing"),
        (incident_change(incident_row(impacted_services="login")), "expected a list, got str"),
        (incident_change(incident_row(impacted_services=[1])), "impacted services must all be text"),
        (incident_change(stamp="soon"), "The stamp 'soon' is not a hybrid-clock stamp"),
        (incident_change(stamp=stamp(device="someone-else")), "names device someone-else"),
        (incident_change(stamp=stamp(9_999_999_999_999)), "Stamped 259 years in the future"),
        (
            incident_change(stamp=stamp(now_ms() + 3 * 3_600_000 + 600_000)),
            "hours in the future",
        ),  # built at collection
        (incident_change(row_id="another"), "is not the change's row 'another'"),
        (incident_change(payload={"row": incident_row(), "set": ["salary"]}), "sets unknown field salary"),
        (
            incident_change(payload={"row": incident_row(), "set": ["summary"]}),
            "sets summary of incidents but carries no value",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_an_unfit_change_is_refused_with_its_reason(change, reason):
    assert reason in (refusal(change, now_ms()) or "")


def test_a_stamp_a_little_ahead_is_a_clock_skew_not_an_attack():
    assert refusal(incident_change(stamp=stamp(now_ms() + MAX_AHEAD_MS - 1000)), now_ms()) is None


def test_revisions_attempts_and_checklist_items_use_the_domain_rules():
    entry = {
        "id": "r1",
        "entry_id": "e1",
        "incident_id": "i1",
        "stamp": stamp(),
        "occurred_at": "2026-11-30T04:00:00+00:00",
        "recorded_at": "2026-11-30T04:00:00+00:00",
        "author": "Åsa",
        "kind": "gossip",
        "text": "x",
    }
    change = Change(new_id(), "entry_revisions", "r1", {"row": entry}, entry["stamp"], DEVICE)
    assert "Unknown entry kind 'gossip'" in refusal(change, now_ms())
    forged = Change(new_id(), "entry_revisions", "r1", {"row": {**entry, "kind": "action"}}, stamp(1), DEVICE)
    assert "row's stamp is not the change's stamp" in refusal(forged, now_ms())
    item = {"id": "c1", "checklist_id": "l1", "text": "Read the logs", "position": 1.0, "state": "maybe"}
    change = Change(new_id(), "checklist_items", "c1", {"row": item, "set": ["state"]}, stamp(), DEVICE)
    assert "Unknown item state 'maybe'" in refusal(change, now_ms())


def test_how_far_reads_like_a_person_says_it():
    assert how_far(260 * 365 * 86_400_000) == "259 years"
    assert how_far(61 * 60_000) == "1 hour"
    assert how_far(7 * 60_000) == "7 minutes"


def test_reasons_name_values_briefly():
    reason = refusal(incident_change(incident_row(severity="S" * 500)), now_ms()) or ""
    assert len(reason) < 200
    json.dumps(reason)  # plain text


def test_a_contacts_own_place_is_checked_like_a_vendors():
    contact = {"id": "c1", "vendor_id": "v1", "name": "Dana", "phones": [], "country": "US", "subdivision": "NY"}

    def change(**over) -> Change:
        row = {**contact, **over}
        fields = sorted(k for k in row if k != "id")
        return Change(new_id(), "contacts", "c1", {"row": row, "set": fields}, stamp(), DEVICE)

    assert refusal(change(), now_ms()) is None
    assert refusal(change(country=None, subdivision=None, holiday_categories=None), now_ms()) is None
    assert "'XX' is not a country" in refusal(change(country="XX"), now_ms())
    assert "'Narnia' is not a subdivision of US" in refusal(change(subdivision="Narnia"), now_ms())
    assert "'catholic' is not a holiday category of US" in refusal(change(holiday_categories=["catholic"]), now_ms())


def test_a_vendors_sla_clock_is_one_of_the_two():
    vendor = {"id": "v1", "name": "Baltic", "country": "PL", "timezone": "Europe/Warsaw", "hours": "24/7"}

    def change(**over) -> Change:
        row = {**vendor, **over}
        return Change(
            new_id(), "vendors", "v1", {"row": row, "set": sorted(k for k in row if k != "id")}, stamp(), DEVICE
        )

    assert refusal(change(sla_clock="24/7"), now_ms()) is None
    assert refusal(change(), now_ms()) is None  # a laptop from before the SLA clock
    assert "'sometimes' is not an SLA clock" in refusal(change(sla_clock="sometimes"), now_ms())
