import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.data import SCENARIO as SCENARIO_DIR
from warroom.domain.incident import Status
from warroom.domain.metrics import (
    STANDARD_DURATIONS,
    Duration,
    DurationDef,
    compute_metrics,
    format_duration,
    milestone_instants,
    status_for_milestone,
)
from warroom.domain.timeline import Entry, EntryKind
from warroom.domain.timeline_csv import parse_timeline_csv

SCENARIO = SCENARIO_DIR / "timeline.csv"
UTC = UTC
CET = timezone(timedelta(hours=1))


def cet(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CET)


CHRISTMAS = {
    "started": cet(2013, 12, 18, 20, 30),
    "detected": cet(2013, 12, 19, 7, 40),
    "acknowledged": cet(2013, 12, 19, 7, 55),
    "identified": cet(2013, 12, 19, 13, 10),
    "mitigated": cet(2013, 12, 27, 16, 0),
    "resolved": cet(2013, 12, 27, 16, 40),
}


def entry(milestone: str | None, at: datetime, *, retracted: bool = False, number: int = 0) -> Entry:
    return Entry(
        id=f"e{number}",
        incident_id="i1",
        occurred_at=at,
        recorded_at=at,
        created_at=at,
        author="Åsa Bergström",
        kind=EntryKind.OBSERVATION,
        text="x",
        milestone=milestone,
        vendor_id=None,
        contact_id=None,
        vendor_name=None,
        contact_name=None,
        revision=1,
        retracted=retracted,
        starred=False,
    )


def test_christmas_release_durations_from_the_real_file():
    imported = parse_timeline_csv(SCENARIO.read_bytes(), zone=None, source_name="timeline.csv")
    milestones = {row.milestone: row.occurred_at for row in imported if row.milestone}
    assert milestones == {name: at.astimezone(UTC) for name, at in CHRISTMAS.items()}
    metrics = compute_metrics(milestones)
    assert metrics.time_to_detect_s == 11 * 3600 + 10 * 60 == 40_200
    assert metrics.time_to_acknowledge_s == 15 * 60 == 900
    assert metrics.time_to_mitigate_s == 8 * 86_400 + 8 * 3600 + 20 * 60 == 721_200
    assert metrics.time_to_resolve_s == 8 * 86_400 + 9 * 3600 == 723_600
    assert metrics.impact_s == 8 * 86_400 + 20 * 3600 + 10 * 60 == 763_800
    assert metrics.warnings == ()
    assert [(d.name, format_duration(d.seconds)) for d in metrics.standard()] == [
        ("Time to detect", "11 h 10 min"),
        ("Time to acknowledge", "15 min"),
        ("Time to mitigate", "8 d 8 h 20 min"),
        ("Time to resolve", "8 d 9 h"),
        ("Total impact", "8 d 20 h 10 min"),
    ]


def test_to_json_shape():
    custom = [DurationDef("d1", "Correction time", "rollback started", "resolved")]
    milestones = {**CHRISTMAS, "rollback started": cet(2013, 12, 27, 11, 20)}
    document = compute_metrics(milestones, custom).to_json()
    assert json.loads(json.dumps(document)) == document
    assert document["time_to_detect_s"] == 40_200
    assert document["impact_s"] == 763_800
    assert document["custom"] == [
        {
            "name": "Correction time",
            "start": "rollback started",
            "end": "resolved",
            "seconds": 19_200.0,
            "warning": None,
        }
    ]
    assert document["warnings"] == []
    assert document["milestones"]["started"] == "2013-12-18T19:30:00Z"
    assert document["milestones"]["rollback started"] == "2013-12-27T10:20:00Z"


def test_missing_milestones_are_none_without_warning():
    metrics = compute_metrics({"detected": cet(2013, 12, 19, 7, 40)})
    assert metrics.time_to_detect_s is None
    assert metrics.time_to_acknowledge_s is None
    assert metrics.impact_s is None
    assert metrics.warnings == ()
    assert all(d.seconds is None and d.warning is None for d in metrics.standard())
    assert compute_metrics({}).to_json()["milestones"] == {}


def test_incident_start_stands_in_for_a_missing_started_milestone():
    milestones = {"detected": cet(2013, 12, 19, 7, 40)}
    metrics = compute_metrics(milestones, started_at=cet(2013, 12, 19, 7, 0))
    assert metrics.time_to_detect_s == 2400
    assert metrics.milestones["started"] == datetime(2013, 12, 19, 6, 0, tzinfo=UTC)
    # An explicit 'started' milestone wins over the incident's start.
    explicit = compute_metrics({**milestones, "started": cet(2013, 12, 19, 7, 30)}, started_at=cet(2013, 12, 1))
    assert explicit.time_to_detect_s == 600


def test_out_of_order_milestones_are_flagged_never_negative():
    milestones = {**CHRISTMAS, "resolved": cet(2013, 12, 19, 7, 0)}
    metrics = compute_metrics(milestones)
    assert metrics.time_to_resolve_s is None
    assert metrics.impact_s == 37_800  # started -> resolved is still in order
    assert metrics.time_to_mitigate_s == 721_200
    assert metrics.warnings == ("'resolved' (2013-12-19 06:00 UTC) is before 'detected' (2013-12-19 06:40 UTC).",)
    resolve = metrics.standard()[3]
    assert resolve == Duration("Time to resolve", "detected", "resolved", None, metrics.warnings[0])


def test_a_bad_detected_time_flags_every_duration_it_breaks():
    metrics = compute_metrics({**CHRISTMAS, "detected": cet(2013, 12, 28, 9, 0)})
    numbers = [d.seconds for d in metrics.standard()]
    assert numbers == [pytest.approx(9 * 86_400 + 12.5 * 3600), None, None, None, 763_800]
    assert len(metrics.warnings) == 3
    assert all(value is None or value >= 0 for value in numbers)


def test_custom_durations_match_names_loosely_and_warn_when_reversed():
    milestones = {**CHRISTMAS, "Rollback started": cet(2013, 12, 27, 11, 20)}
    custom = (
        DurationDef("c1", "Correction time", "rollback  STARTED", "resolved"),
        DurationDef("c2", "Backwards", "resolved", "rollback started"),
        DurationDef("c3", "Unknown", "vendor paged", "resolved"),
    )
    metrics = compute_metrics(milestones, custom)
    assert [d.seconds for d in metrics.custom] == [19_200, None, None]
    assert (
        metrics.custom[1].warning
        == "'Rollback started' (2013-12-27 10:20 UTC) is before 'resolved' (2013-12-27 15:40 UTC)."
    )
    assert metrics.custom[2].warning is None
    assert metrics.warnings == (metrics.custom[1].warning,)


def test_zero_length_duration_is_zero_not_a_warning():
    at = cet(2013, 12, 19, 7, 40)
    metrics = compute_metrics({"detected": at, "acknowledged": at})
    assert metrics.time_to_acknowledge_s == 0
    assert metrics.warnings == ()


def test_milestone_instants_uses_live_entries_and_the_earliest_of_repeats():
    entries = [
        entry("detected", cet(2013, 12, 19, 8, 0), number=1),
        entry("detected", cet(2013, 12, 19, 7, 40), number=2),
        entry("resolved", cet(2013, 12, 20, 9, 0), retracted=True, number=3),
        entry(None, cet(2013, 12, 19, 6, 0), number=4),
        entry("rollback started", cet(2013, 12, 27, 11, 20), number=5),
    ]
    assert milestone_instants(entries) == {
        "detected": datetime(2013, 12, 19, 6, 40, tzinfo=UTC),
        "rollback started": datetime(2013, 12, 27, 10, 20, tzinfo=UTC),
    }
    assert milestone_instants([]) == {}


def test_standard_definitions():
    assert [(d.id, d.start, d.end) for d in STANDARD_DURATIONS] == [
        ("time_to_detect", "started", "detected"),
        ("time_to_acknowledge", "detected", "acknowledged"),
        ("time_to_mitigate", "detected", "mitigated"),
        ("time_to_resolve", "detected", "resolved"),
        ("impact", "started", "resolved"),
    ]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "—"),
        (-1.0, "—"),
        (float("nan"), "—"),
        (0, "0 s"),
        (45, "45 s"),
        (60, "1 min"),
        (45 * 60, "45 min"),
        (45 * 60 + 59.9, "45 min"),
        (2 * 3600, "2 h"),
        (86_400, "1 d"),
        (86_400 + 2 * 3600 + 5 * 60, "1 d 2 h 5 min"),
        (3 * 86_400 + 7 * 60, "3 d 7 min"),
    ],
)
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("mitigated", Status.MONITORING),
        ("Resolved", Status.RESOLVED),
        ("identified", Status.IDENTIFIED),
        ("detected", None),
        ("started", None),
        ("rollback started", None),
    ],
)
def test_status_for_milestone(name, status):
    assert status_for_milestone(name) == status
