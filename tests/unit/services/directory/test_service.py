"""DirectoryService: import by content, upserts, all or nothing, search, reachability, coverage."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.unit.services.directory.test_scenario import load_scenario, scenario_bytes
from warroom.domain.clock import parse_iso
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.services.directory.importing import calendar_window, detect_kind
from warroom.services.directory.service import DirectoryService
from warroom.services.directory.views import filter_statuses

CHRISTMAS_EVE = parse_iso("2013-12-24T10:00+01:00")


def _state(directory: DirectoryService):
    snap = directory.snapshot()
    return (
        sorted(v.name for v in snap.vendors),
        sorted((c.vendor_id, c.name, c.phones) for c in snap.contacts),
        sorted((lv.vendor_id, lv.level, lv.contact_ids, lv.wait_min) for lv in snap.levels),
        sorted((a.vendor_id, a.source_uid, a.starts_at) for a in snap.absences),
    )


def test_scenario_import_reimport_and_reachability(any_ctx):
    directory = load_scenario(any_ctx)
    before = _state(directory)
    assert len(before[0]) == 4 and len(before[1]) == 10 and len(before[2]) == 10 and len(before[3]) == 4
    again = directory.import_file(scenario_bytes("vendors.csv"), "vendors.csv")
    assert (again.vendors_created, again.contacts_created, again.unchanged) == (0, 0, 24)
    cal = directory.import_file(
        scenario_bytes("baltic-perimeter.ics"), "baltic-perimeter.ics", vendor_name="BALTIC PERIMETER SP. Z O.O."
    )
    assert (cal.absences_created, cal.unchanged) == (0, 2)
    assert _state(directory) == before
    rows = {(r.vendor.name, r.contact.name): r for r in directory.reachable(at=CHRISTMAS_EVE)}
    assert {k[1] for k, r in rows.items() if r.reachable} == {
        "Elin Sjöberg",
        "Network operations centre",
        "Mikael Håkansson",
        "Duty manager",
    }
    asa = rows[("Integra Meddelande AB", "Åsa Bergström")]
    assert asa.reason == "Föräldraledig through 2014-01-06" and asa.level == 2
    assert asa.next_reachable_at == parse_iso("2014-01-07T08:00+01:00")
    assert asa.local_time.isoformat() == "2013-12-24T10:00:00+01:00"


def test_detect_kind_by_content_then_name():
    assert detect_kind(b"\xef\xbb\xbf\r\nBEGIN:VCALENDAR\r\n", "x.csv") == "ics"
    assert detect_kind(b"begin:vcard\nVERSION:3.0", "x.txt") == "vcard"
    assert detect_kind(b"vendor,layers", "x.ics") == "ics"  # so the calendar parser explains itself
    assert detect_kind(b"vendor,layers", "people.vcf") == "vcard"
    assert detect_kind(b"vendor,layers", "vendors") == "csv"


def test_calendar_window_reaches_back_to_an_old_calendar():
    now = datetime(2026, 5, 1, tzinfo=UTC)
    start, end = calendar_window(scenario_bytes("integra.ics"), now)
    assert start <= datetime(2013, 12, 20, tzinfo=UTC) and end >= datetime(2028, 4, 30, tzinfo=UTC)
    assert calendar_window(b"not a calendar", now) == (
        datetime(2025, 4, 30, tzinfo=UTC),
        datetime(2028, 5, 1, tzinfo=UTC),
    )


def test_calendar_needs_a_known_vendor_and_a_bad_file_changes_nothing(ctx):
    directory = load_scenario(ctx)
    before = _state(directory)
    with pytest.raises(ValidationError, match=r"integra\.ics is a calendar, so name the vendor"):
        directory.import_file(scenario_bytes("integra.ics"), "integra.ics")
    with pytest.raises(NotFoundError, match="No vendor is named 'Nobody AB'"):
        directory.import_file(scenario_bytes("integra.ics"), "integra.ics", vendor_name="Nobody AB")
    with pytest.raises(ValidationError, match="notes.ics"):
        directory.import_file(b"BEGIN:VCALENDAR\nthis is not\n", "notes.ics", vendor_name="Integra Meddelande AB")
    csv = scenario_bytes("vendors.csv").decode("utf-8").splitlines()
    csv.insert(1, "Ny AB,x,Ọlá Adéwálé,,,,Africa/Lagos,NG,,public,24/7,,,no,,")  # a good row first
    csv[4] = csv[4].replace("+46 70 555 98 76", "+46 70 555")  # Göran, line 5
    with pytest.raises(ValidationError, match=r"bad\.csv line 5, column 'phone'"):
        directory.import_file("\n".join(csv).encode("utf-8"), "bad.csv")
    assert _state(directory) == before


def test_csv_update_changes_fields_and_replaces_the_path(ctx):
    directory = load_scenario(ctx)
    text = scenario_bytes("vendors.csv").decode("utf-8")
    text = text.replace("+46 70 555 12 34", "+46 70 555 12 35").replace(",3,,no,60,", ",,,no,60,")
    summary = directory.import_file(text.encode("utf-8"), "vendors.csv")
    assert summary.contacts_updated == 1 and summary.levels_changed == 1
    kronan = directory.vendor("kronan datacenter ab")
    assert [lv.level for lv in kronan.levels] == [1, 2]
    elin = next(c for c in kronan.contacts if c.name == "Elin Sjöberg")
    assert elin.phones == ("+46705551235",)
    assert [c.name for c in kronan.contacts] == ["Service desk", "Elin Sjöberg", "Göran Lindqvist"]


def test_vcards_update_contacts_of_known_vendors(ctx):
    directory = load_scenario(ctx)
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Elin Sjöberg\r\nORG:Kronan Datacenter AB\r\n"
        "TEL;TYPE=cell:+46 70 555 00 01\r\nEMAIL:elin.sjoberg@kronan-dc.example\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ọlá Adéwálé 東京\r\nORG:Nordvik Nät AB\r\nTITLE:مهندس شبكات\r\n"
        "TEL:+46 76 555 00 02\r\nEND:VCARD\r\n"
    ).encode()
    summary = directory.import_file(cards, "team.vcf")
    assert (summary.kind, summary.contacts_created, summary.contacts_updated) == ("vcard", 1, 1)
    elin = next(c for c in directory.vendor("Kronan Datacenter AB").contacts if c.name == "Elin Sjöberg")
    assert elin.phones == ("+46705550001",) and elin.always_on_call and elin.hours == "24/7"
    new = next(c for c in directory.vendor("Nordvik Nät AB").contacts if c.name.startswith("Ọlá"))
    assert new.name == "Ọlá Adéwálé 東京" and new.role == "مهندس شبكات"
    orphan = b"BEGIN:VCARD\nVERSION:3.0\nFN:Nobody\nORG:Unknown GmbH\nEND:VCARD\n"
    with pytest.raises(ValidationError, match=r"orphan\.vcf line 1: no vendor is named 'Unknown GmbH'"):
        directory.import_file(orphan, "orphan.vcf")
    local = b"BEGIN:VCARD\nVERSION:3.0\nFN:Lokal Person\nTEL:070-555 44 33\nEND:VCARD\n"
    directory.import_file(local, "local.vcf", vendor_name="Nordvik Nät AB")  # SE numbers without +46
    assert any(c.phones == ("+46705554433",) for c in directory.vendor("Nordvik Nät AB").contacts)


def test_search_finds_layers_contacts_and_roles_ignoring_accents(ctx):
    directory = load_scenario(ctx)
    assert [v.vendor.name for v in directory.search("firewall", at=CHRISTMAS_EVE)] == ["Baltic Perimeter Sp. z o.o."]
    assert len(directory.search("Firewall", at=CHRISTMAS_EVE)[0].contacts) == 3
    hits = directory.search("goran", at=CHRISTMAS_EVE)
    assert [(v.vendor.name, [c.contact.name for c in v.contacts]) for v in hits] == [
        ("Kronan Datacenter AB", ["Göran Lindqvist"])
    ]
    assert [c.contact.name for v in directory.search("kronan dba") for c in v.contacts] == ["Elin Sjöberg"]
    assert directory.search("東京") == ()
    everything = directory.overview(at=CHRISTMAS_EVE)
    assert filter_statuses(everything, "  ") == everything


def test_escalation_and_coverage_views(ctx):
    directory = load_scenario(ctx)
    advice = directory.escalate("Baltic Perimeter Sp. z o.o.", at=CHRISTMAS_EVE)
    assert [lv.level for lv in advice.passed_over] == [1, 2]
    assert [s.contact.name for s in advice.call_now] == ["Duty manager"] and advice.escalate_at is None
    nobody = directory.escalate("Integra Meddelande AB", at=CHRISTMAS_EVE)
    assert nobody.call_now == () and nobody.next_reachable_contact.name == "Support desk"
    views = {v.vendor.name: v for v in directory.coverage(date(2013, 12, 23), date(2014, 1, 5))}
    integra = views["Integra Meddelande AB"]
    assert len(integra.days) == 14 and integra.days[0].day == date(2013, 12, 23)
    assert [d.status.value for d in integra.days[:5]] == ["partial", "none", "none", "none", "partial"]
    assert any("Christmas Eve (SE)" in g.reason for g in integra.coverage.gaps)
    assert views["Nordvik Nät AB"].coverage.gaps == ()
    instants = directory.coverage(
        parse_iso("2013-12-24T00:00+01:00"), parse_iso("2013-12-25T00:00+01:00"), vendor="Integra Meddelande AB"
    )
    assert [d.status.value for d in instants[0].days] == ["none"]
    with pytest.raises(ValidationError, match="Coverage range"):
        directory.coverage(date(2014, 1, 5), date(2013, 12, 23))


def test_export_round_trips_through_import(ctx, tmp_path):
    from warroom.services.context import ServiceContext
    from warroom.store.store import Store

    directory = load_scenario(ctx)
    text = directory.export_csv()
    other_store = Store(f"sqlite:///{tmp_path / 'other.sqlite'}")
    try:
        other = DirectoryService(ServiceContext(store=other_store, user_name="x"))
        other.import_file(text.encode("utf-8"), "export.csv")
        assert other.export_csv() == text
        assert other.export_json()["vendors"][0]["name"] == directory.export_json()["vendors"][0]["name"]
    finally:
        other_store.close()
