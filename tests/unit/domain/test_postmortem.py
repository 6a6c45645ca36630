from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.unit.export.scenario_record import INCIDENT_ID, scenario_record, stable_id
from warroom.domain.action_items import ActionItem, ActionKind, ActionStatus
from warroom.domain.directory import Channel, ContactAttempt, Outcome
from warroom.domain.errors import ValidationError
from warroom.domain.incident import Incident, Severity, Status
from warroom.domain.postmortem import NOT_WRITTEN, IncidentRecord, build_postmortem
from warroom.domain.scrub import scrub_secrets
from warroom.domain.timeline import Entry, EntryKind

UTC = UTC


@pytest.fixture(scope="module")
def record() -> IncidentRecord:
    return scenario_record()


@pytest.fixture(scope="module")
def pm(record):
    return build_postmortem(record)


def bare_incident(**changes) -> Incident:
    base = Incident(
        id=INCIDENT_ID,
        number=3,
        title="Login failures",
        severity=Severity.SEV2,
        status=Status.INVESTIGATING,
        commander="Paweł Wiśniewski",
        started_at=datetime(2024, 3, 1, 14, 0, tzinfo=UTC),
        created_at=datetime(2024, 3, 1, 14, 5, tzinfo=UTC),
        zone="Europe/Warsaw",
    )
    return replace(base, **changes)


def entry(n: int, at: datetime, text: str = "note", **changes) -> Entry:
    base = Entry(
        id=stable_id("t", str(n)),
        incident_id=INCIDENT_ID,
        occurred_at=at,
        recorded_at=at,
        created_at=at,
        author="Åsa Bergström",
        kind=EntryKind.OBSERVATION,
        text=text,
        milestone=None,
        vendor_id=None,
        contact_id=None,
        vendor_name=None,
        contact_name=None,
        revision=1,
        retracted=False,
        starred=False,
    )
    return replace(base, **changes)


def test_header_facts_come_from_the_record(pm):
    header = pm.header
    assert header.reference == "INC-7"
    assert header.severity == "SEV1"
    assert header.commander == "Åsa Bergström"
    assert header.started == "2013-12-18 20:30 CET (19:30 UTC)"
    assert header.resolved == "2013-12-27 16:40 CET (15:40 UTC)"
    assert header.zone == "Europe/Stockholm"
    facts = dict(header.facts)
    assert facts["Total impact"] == "8 d 20 h 10 min"
    assert facts["Vendors contacted"] == "4 (4 answered)"
    assert facts["Impacted services"] == "Discharge handshake, Pharmacy API"


def test_narrative_has_every_field_and_marks_the_unwritten(pm):
    keys = [s.key for s in pm.narrative]
    assert keys[0] == "summary" and len(keys) == 9
    assert "Ọlá Adéwálé" in pm.section("summary").text and not pm.section("summary").empty
    workaround = pm.section("workaround")
    assert workaround.empty and workaround.text == NOT_WRITTEN
    assert workaround.label == "Workaround"


def test_timeline_shows_utc_and_local_with_dates_where_they_change(pm):
    rows = pm.timeline.rows
    assert pm.timeline.multi_day
    assert (rows[0].utc, rows[0].local) == ("2013-12-18 19:30", "2013-12-18 20:30")
    assert (rows[1].utc, rows[1].local) == ("2013-12-19 06:40", "2013-12-19 07:40")
    assert (rows[2].utc, rows[2].local) == ("06:55", "07:55")
    assert rows[0].milestone == "started" and rows[0].kind == "action"
    contact_rows = [r for r in rows if r.kind == "contact attempt"]
    assert contact_rows[0].vendor == "Kronan Datacenter AB" and contact_rows[0].contact == "Service desk"


def test_timeline_leaves_out_retracted_entries_and_marks_edits(pm):
    texts = [r.text for r in pm.timeline.rows]
    assert not any("RETRACTED" in t for t in texts)
    edited = [r for r in pm.timeline.rows if r.edited]
    assert [r.text for r in edited] == ["Emergency fix deployed to staging: passes all 42 scenarios"]
    assert len(pm.timeline.rows) == 20
    assert "All 20 entries" in pm.timeline.note


def test_local_midnight_is_a_date_change_even_when_utc_is_not():
    incident = bare_incident(zone="Asia/Tokyo")
    start = datetime(2024, 3, 1, 14, 30, tzinfo=UTC)  # 23:30 in Tokyo
    record = IncidentRecord(incident, entries=(entry(1, start), entry(2, start + timedelta(hours=1))))
    rows = build_postmortem(record).timeline.rows
    assert [r.local for r in rows] == ["2024-03-01 23:30", "2024-03-02 00:30"]
    assert [r.utc for r in rows] == ["2024-03-01 14:30", "15:30"]


def test_single_day_timeline_shows_times_only_and_zone_can_be_overridden():
    incident = bare_incident()
    start = datetime(2024, 3, 1, 14, 0, tzinfo=UTC)
    record = IncidentRecord(incident, entries=(entry(1, start), entry(2, start + timedelta(minutes=5))))
    rows = build_postmortem(record, zone="America/New_York").timeline.rows
    assert [(r.utc, r.local) for r in rows] == [("14:00", "09:00"), ("14:05", "09:05")]


def test_unknown_zone_is_a_validation_error(record):
    with pytest.raises(ValidationError, match="time zone"):
        build_postmortem(record, zone="Mars/Olympus")


def test_starred_only_keeps_the_starred_entries(record):
    pm = build_postmortem(record, starred_only=True)
    assert [r.milestone for r in pm.timeline.rows] == [
        "started",
        "detected",
        "acknowledged",
        "identified",
        "mitigated",
        "resolved",
    ]
    assert "The 6 starred entries of 20" in pm.timeline.note


def test_starred_only_with_nothing_starred_says_so():
    record = IncidentRecord(bare_incident(), entries=(entry(1, datetime(2024, 3, 1, 14, tzinfo=UTC)),))
    assert build_postmortem(record, starred_only=True).timeline.empty_message == "No entry is starred."


def test_durations_standard_and_custom(pm):
    by_name = {r.name: r for r in pm.durations.rows}
    assert by_name["Time to detect"].value == "11 h 10 min"
    assert by_name["Time to detect"].span == "started → detected"
    assert by_name["Time to acknowledge"].value == "15 min"
    assert by_name["Correction time"].value == "8 d 3 h 30 min" and by_name["Correction time"].custom
    assert [m.name for m in pm.durations.milestones][:2] == ["started", "detected"]
    assert pm.durations.milestones[1].local == "2013-12-19 07:40 CET"
    assert pm.durations.empty_message == ""


def test_out_of_order_milestones_give_a_warning_not_a_negative_duration():
    start = datetime(2024, 3, 1, 14, 0, tzinfo=UTC)
    record = IncidentRecord(
        bare_incident(),
        entries=(
            entry(1, start + timedelta(hours=2), milestone="detected"),
            entry(2, start + timedelta(hours=1), milestone="resolved"),
        ),
    )
    durations = build_postmortem(record).durations
    resolve = next(r for r in durations.rows if r.name == "Time to resolve")
    assert resolve.value == "—" and "before" in resolve.warning
    assert durations.warnings


def test_an_empty_incident_still_builds_with_sentences_for_empty_sections():
    pm = build_postmortem(IncidentRecord(bare_incident()))
    assert pm.timeline.empty_message == "No timeline entries were recorded."
    assert pm.durations.empty_message == "No milestones were recorded, so no durations can be computed."
    assert pm.vendors.empty_message == "No vendor was contacted."
    assert pm.communications.empty_message == "No communication was recorded."
    assert pm.checklists.empty_message == "No checklist was used."
    assert pm.actions.empty_message == "No action items were recorded."
    assert all(s.empty for s in pm.narrative)
    assert pm.header.resolved == "not resolved"
    assert pm.chart.empty


def test_vendor_engagement_per_vendor_in_order_of_first_contact(pm):
    names = [v.name for v in pm.vendors.vendors]
    assert names == ["Kronan Datacenter AB", "Integra Meddelande AB", "Nordvik Nät AB", "Baltic Perimeter Sp. z o.o."]
    integra = pm.vendors.vendors[1]
    assert [(a.contact, a.outcome) for a in integra.attempts] == [
        ("Åsa Bergström", "no answer"),
        ("Support desk", "acknowledged"),
    ]
    assert integra.sla == "120 min" and integra.response == "5 min" and integra.verdict == "within SLA"
    assert integra.sla_met is True
    assert integra.attempts[0].vendor_time == "Fri 12:40 CET"
    assert [(u.contact, u.reason) for u in integra.unreachable] == [("Åsa Bergström", "annual leave until 2014-01-03")]
    baltic = pm.vendors.vendors[3]
    assert baltic.layers == "internal firewall, packet inspection"
    assert baltic.first_attempt == "2013-12-27 10:30 CET (09:30 UTC)"


def _attempt(n: int, at: datetime, outcome: Outcome, vendor_id: str, contact_id: str) -> ContactAttempt:
    return ContactAttempt(
        stable_id("a", str(n)),
        INCIDENT_ID,
        vendor_id,
        contact_id,
        at,
        Channel.PHONE,
        outcome,
        "",
        "",
        "Åsa Bergström",
        None,
    )


def test_sla_missed_and_never_answered(record):
    kronan, integra = record.vendors[0], record.vendors[1]
    start = datetime(2013, 12, 20, 10, 0, tzinfo=UTC)
    attempts = (
        _attempt(1, start, Outcome.NO_ANSWER, kronan.id, record.contacts[0].id),
        _attempt(2, start + timedelta(hours=3, minutes=10), Outcome.REACHED, kronan.id, record.contacts[1].id),
        _attempt(3, start, Outcome.VOICEMAIL, integra.id, record.contacts[3].id),
    )
    pm = build_postmortem(replace(record, attempts=attempts, entries=(), unreachable=()))
    by_name = {v.name: v for v in pm.vendors.vendors}
    assert by_name["Kronan Datacenter AB"].verdict == "SLA missed by 2 h 10 min"  # SLA is 60 min
    assert by_name["Kronan Datacenter AB"].response == "3 h 10 min"
    assert by_name["Kronan Datacenter AB"].sla_met is False
    assert by_name["Kronan Datacenter AB"].clock == "responded in 3 h 10 min: SLA 60 min breached by 2 h 10 min"
    assert by_name["Kronan Datacenter AB"].clock_basis == "the vendor's business hours"
    assert by_name["Integra Meddelande AB"].verdict == "never answered"
    assert by_name["Integra Meddelande AB"].first_answer == ""


def test_contact_entries_without_attempts_still_show_up_for_unknown_vendors():
    start = datetime(2024, 3, 1, 14, 0, tzinfo=UTC)
    contact = entry(
        1,
        start,
        "Called the DNS host",
        kind=EntryKind.CONTACT,
        vendor_name="東京 DNS 株式会社",
        contact_name="Ọlá Adéwálé",
    )
    pm = build_postmortem(IncidentRecord(bare_incident(), entries=(contact,)))
    (vendor,) = pm.vendors.vendors
    assert vendor.name == "東京 DNS 株式会社" and vendor.sla == "no SLA target recorded"
    assert vendor.attempts[0].outcome == "not recorded" and vendor.verdict == "outcome not recorded"
    assert vendor.attempts[0].contact == "Ọlá Adéwálé"


def test_communications_merge_status_updates_and_communication_entries(pm):
    rows = pm.communications.rows
    assert [(r.audience, r.channel) for r in rows] == [
        ("internal", "e-mail to ward managers"),
        ("", "timeline"),
        ("external", "status page"),
    ]
    assert rows[0].local == "2013-12-19 08:22 CET"


def test_checklists_say_what_was_done_skipped_and_left_open(pm):
    (checklist,) = pm.checklists.checklists
    assert checklist.progress == "2 done, 1 skipped, 1 left open (of 4)"
    states = {row.text: row for row in checklist.items}
    skipped = states["Roll back the release"]
    assert skipped.state == "skipped" and skipped.note == "Database migration is not reversible"
    assert skipped.who == "Release team" and skipped.when.startswith("2013-12-19 08:30 CET")
    assert states["Post an external status page update"].state == "left open"
    assert states["Post an external status page update"].who == "assigned to Release team"


def test_action_items_corrective_first_then_by_due_date(pm):
    rows = pm.actions.rows
    assert [r.kind for r in rows] == ["corrective", "preventive"]
    assert rows[1].owner == "Paweł Wiśniewski" and rows[1].due == "2014-01-31"
    assert rows[1].link == "https://tracker.example/NET-12"
    item = ActionItem("x", INCIDENT_ID, ActionKind.PREVENTIVE, "Rotate", "", None, ActionStatus.OPEN, "", None)
    only = build_postmortem(IncidentRecord(bare_incident(), action_items=(item,))).actions.rows[0]
    assert (only.owner, only.due) == ("unassigned", "no due date")


def test_chart_data_has_phases_between_milestones_and_a_lane_per_vendor(pm):
    phases = pm.chart.phases
    assert [(p.start_name, p.end_name) for p in phases][:2] == [("started", "detected"), ("detected", "acknowledged")]
    assert phases[0].label == "11 h 10 min"
    assert next(lane.vendor for lane in pm.chart.lanes) == "Kronan Datacenter AB"
    assert [m.outcome for m in pm.chart.lanes[3].marks] == ["acknowledged", "no answer", "reached"]


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("hub is postgresql://warroom:Hunter2!@db.example:5432/wr", "Hunter2!"),
        ("curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig'", "eyJhbGciOiJIUzI1NiJ9"),
        ("posted to https://hooks.slack.com/services/T0001/B0002/abcdefSECRET", "abcdefSECRET"),
        ("https://chat.example/hook?token=s3cr3tvalue&room=7", "s3cr3tvalue"),
        ("dsn: host=db user=wr password=correcthorse", "correcthorse"),
        ("slack bot xoxb-123456789012-abcdefghijkl", "abcdefghijkl"),
    ],
)
def test_scrub_secrets_masks_credentials(text, secret):
    scrubbed = scrub_secrets(text)
    assert secret not in scrubbed and "***" in scrubbed
    assert scrub_secrets(scrubbed) == scrubbed


def test_scrub_keeps_ordinary_text_and_the_dsn_shape():
    plain = "Paracétamol orders failed; password: reset by the vendor; 東京 https://status.example/incidents/7"
    assert scrub_secrets(plain) == plain
    assert scrub_secrets("postgresql://user:pass@host/db") == "postgresql://user:***@host/db"


def test_secrets_pasted_into_the_record_are_masked_in_the_postmortem(record):
    leaky = replace(record.entries[0], text="Hub: postgresql://ic:TopSecret9@hub.example/warroom")
    narrative = dict(record.incident.narrative, workaround="webhook https://hooks.slack.com/services/T1/B2/XyZSecret")
    pm = build_postmortem(
        replace(record, entries=(leaky,) + record.entries[1:], incident=replace(record.incident, narrative=narrative))
    )
    everything = repr(pm)
    assert "TopSecret9" not in everything and "XyZSecret" not in everything
    assert "postgresql://ic:***@hub.example/warroom" in pm.timeline.rows[0].text


def test_build_is_deterministic(record):
    assert build_postmortem(record) == build_postmortem(scenario_record())


def test_due_dates_sort_even_when_missing():
    items = tuple(
        ActionItem(str(n), INCIDENT_ID, ActionKind.CORRECTIVE, f"item {n}", "x", due, ActionStatus.OPEN, "", None)
        for n, due in enumerate([None, date(2024, 5, 1), date(2024, 4, 1)])
    )
    rows = build_postmortem(IncidentRecord(bare_incident(), action_items=items)).actions.rows
    assert [r.due for r in rows] == ["2024-04-01", "2024-05-01", "no due date"]
