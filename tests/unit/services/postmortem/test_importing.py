"""Importing a JSON export: the whole incident restored exactly, once, through the replicated writer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.services.postmortem_fixture import fixed_ctx, rich_incident
from warroom.domain.errors import ValidationError
from warroom.export.json_export import dumps
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.postmortem.service import PostmortemService
from warroom.store.store import Store


@pytest.fixture
def source(any_ctx, tmp_path: Path):
    """A rich incident in the first store and its JSON export."""
    ctx = fixed_ctx(any_ctx)
    incident = rich_incident(ctx)
    [path] = PostmortemService(ctx).export(incident.id, "json", tmp_path / "INC-1.json")
    return incident, path


def fresh_ctx(url: str) -> ServiceContext:
    return fixed_ctx(ServiceContext(store=Store(url), user_name="Paweł Wiśniewski"))


@pytest.fixture
def target(request, tmp_path: Path):
    """A second, empty store on the same backend as the first."""
    if request.node.callspec.params.get("db_url") == "postgres":
        url = request.getfixturevalue("postgres_factory").new_database()
    else:
        url = f"sqlite:///{tmp_path / 'target.sqlite'}"
    ctx = fresh_ctx(url)
    yield ctx
    ctx.store.close()


def test_export_import_export_gives_the_same_json(source, target):
    incident, path = source
    service = PostmortemService(target)
    result = service.import_file(path)
    assert result.incident.id == incident.id and result.incident.reference == incident.reference
    assert not result.renumbered and result.vendors_created == 4 and result.contacts_created == 10
    assert result.message.startswith(f"Imported {incident.reference}: Discharge handshakes")
    again = dumps(service.record(incident.id))
    assert again == path.read_text(encoding="utf-8")


def test_the_restored_incident_is_whole(source, target):
    incident, path = source
    PostmortemService(target).import_json(path)
    record = PostmortemService(target).record(incident.id)
    edited = next(e for e in record.entries if e.text.endswith("passes all 42 scenarios"))
    assert edited.revision == 2 and edited.starred
    history = [r.text for r in record.revisions if r.entry_id == edited.id]
    assert history == [
        "Emergency fix deployed to staging: passes all scenarios",
        "Emergency fix deployed to staging: passes all 42 scenarios",
    ]
    assert sum(e.retracted for e in record.entries) == 1
    assert {n.contact_name: n.reason for n in record.unreachable}["Åsa Bergström"] == "Föräldraledig through 2014-01-06"
    assert [i.state.value for i in record.checklists[0].items[:2]] == ["done", "skipped"]
    assert record.checklists[0].items[1].note == "Skipped: Åsa Bergström already knew"
    pharmacy_fix = next(a for a in record.action_items if a.text == "Teach the pharmacy API Paracétamol")
    assert any(e.id == pharmacy_fix.entry_id for e in record.entries)
    restored = IncidentService(target).get(incident.reference)
    assert restored.narrative["went_well"].startswith("Åsa Bergström's fax runbook")


def test_importing_the_same_file_twice_is_refused(source, target):
    incident, path = source
    service = PostmortemService(target)
    service.import_json(path)
    before = target.store.outbox_size()
    with pytest.raises(ValidationError, match=rf"{incident.reference} with this id is already in this store"):
        service.import_json(path)
    assert target.store.outbox_size() == before  # nothing half-written
    assert len(IncidentService(target).list()) == 1


def test_a_taken_number_gets_the_next_free_one(source, target):
    incident, path = source
    IncidentService(target).open("Another outage that took number 1 here", "SEV3")
    result = PostmortemService(target).import_file(path)
    assert result.renumbered and result.incident.number == 2 and result.original_reference == incident.reference
    assert "incident numbers are only a local convenience" in result.message
    assert result.incident.id in result.message


def test_the_directory_is_matched_by_id_not_duplicated(any_ctx, tmp_path: Path):
    ctx = fixed_ctx(any_ctx)
    first = rich_incident(ctx)
    second = IncidentService(ctx).open("Second outage, same vendors", "SEV3")
    vendor = PostmortemService(ctx).record(first.id).vendors[0]
    from warroom.services.timeline import TimelineService

    TimelineService(ctx).add(
        second.id, "Called the firewall operator", kind="contact", vendor_id=vendor.id, vendor_name=vendor.name
    )
    service = PostmortemService(ctx)
    one = service.export(first.id, "json", tmp_path / "one.json")[0]
    two = service.export(second.id, "json", tmp_path / "two.json")[0]
    target = fresh_ctx(f"sqlite:///{tmp_path / 'target.sqlite'}")
    try:
        assert PostmortemService(target).import_file(one).vendors_created == 4
        assert PostmortemService(target).import_file(two).vendors_created == 0
        assert len(PostmortemService(target).record(second.id).vendors) == 1
    finally:
        target.store.close()


def test_the_import_syncs_to_another_replica(source, tmp_path: Path):
    from warroom.sync.engine import SyncEngine
    from warroom.sync.hub import Hub
    from warroom.sync.hub_admin import init_hub

    incident, path = source
    hub_url = f"sqlite:///{tmp_path / 'hub.sqlite'}"
    init_hub(hub_url)
    hub = Hub(hub_url)
    here, there = (
        fresh_ctx(f"sqlite:///{tmp_path / 'here.sqlite'}"),
        fresh_ctx(f"sqlite:///{tmp_path / 'there.sqlite'}"),
    )
    try:
        PostmortemService(here).import_json(path)
        assert SyncEngine(here.store, hub).sync_once(settle=0).pushed > 0
        SyncEngine(there.store, hub).sync_once(settle=0)
        assert dumps(PostmortemService(there).record(incident.id)) == path.read_text(encoding="utf-8")
    finally:
        hub.close()
        here.store.close()
        there.store.close()


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", r"bad.json line 1, column 2: not valid JSON"),
        ('{"format": "something-else"}', "not a Warroom incident export"),
        ('{"format": "warroom-incident", "version": 1}', "The incident export has no 'incident'"),
    ],
)
def test_bad_files_are_refused_with_the_reason(ctx, tmp_path: Path, content: str, message: str):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ValidationError, match=message):
        PostmortemService(ctx).import_json(bad)
    with pytest.raises(ValidationError, match="no such file"):
        PostmortemService(ctx).import_json(tmp_path / "missing.json")
    assert IncidentService(ctx).list() == []


def test_an_unknown_zone_in_the_file_names_the_field(source, target, tmp_path: Path):
    _incident, path = source
    data = json.loads(path.read_text(encoding="utf-8"))
    data["incident"]["zone"] = "Mars/Olympus_Mons"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"broken.json, incident.zone: Unknown time zone 'Mars/Olympus_Mons'"):
        PostmortemService(target).import_json(broken)
