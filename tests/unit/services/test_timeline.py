from datetime import UTC, datetime, timedelta

import pytest

from tests.unit.services.conftest import FakeNow
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.domain.incident import Status
from warroom.domain.timeline import EntryFilter, EntryKind
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService

T0 = datetime(2026, 11, 20, 13, 0, tzinfo=UTC)


@pytest.fixture
def clocked(any_ctx):
    any_ctx.now = FakeNow(T0)
    inc = IncidentService(any_ctx).open("Checkout down", "SEV2", started_at=T0 - timedelta(hours=1))
    return any_ctx, inc, TimelineService(any_ctx)


def test_typed_entries_backdate_pick_kind_and_keep_unicode(clocked):
    ctx, inc, tl = clocked
    tl.add_typed(inc.id, "13:15 first reports of login failures")  # Stockholm = UTC+1
    tl.add_typed(inc.id, "! restarted the API pods")
    tl.add_typed(inc.id, "> rollback to 4.11 — مرحبا 🚒")
    entries = tl.entries(inc.id)
    assert [e.occurred_at for e in entries] == [T0 - timedelta(minutes=45), T0, T0]
    assert [e.kind for e in entries] == [EntryKind.OBSERVATION, EntryKind.ACTION, EntryKind.DECISION]
    assert entries[2].text == "rollback to 4.11 — مرحبا 🚒"
    assert all(e.author == "Ọlá Adéwálé" for e in entries)


def test_future_and_empty_entries_are_refused(clocked):
    ctx, inc, tl = clocked
    with pytest.raises(ValidationError):
        tl.add(inc.id, "later", at=T0 + timedelta(hours=2))
    with pytest.raises(ValidationError, match="needs some text"):
        tl.add_typed(inc.id, "   ")
    assert tl.count(inc.id) == 0


def test_entry_before_start_is_kept_with_a_warning(clocked):
    ctx, inc, tl = clocked
    added = tl.add(inc.id, "deploy went out", at=T0 - timedelta(hours=3))
    assert added.warning and "before the incident's start" in added.warning
    assert tl.count(inc.id) == 1


def test_edits_are_revisions_and_retract_hides(clocked):
    ctx, inc, tl = clocked
    entry = tl.add(inc.id, "db slow").entry
    ctx.now.value = T0 + timedelta(minutes=5)
    edited = tl.edit(entry.id, text="db locked by migration", kind="decision")
    assert edited.revision == 2 and edited.edited and edited.kind is EntryKind.DECISION
    history = tl.history(entry.id)
    assert [r.text for r in history] == ["db slow", "db locked by migration"]
    tl.retract(entry.id)
    assert tl.count(inc.id) == 0
    assert tl.count(inc.id, EntryFilter(include_retracted=True)) == 1
    assert len(tl.history(entry.id)) == 3


def test_milestones_drive_status_and_metrics(clocked):
    ctx, inc, tl = clocked
    tl.add(inc.id, "alerts fire", at=T0 - timedelta(minutes=50), milestone="detected")
    tl.add(inc.id, "on it", at=T0 - timedelta(minutes=45), milestone="acknowledged")
    tl.add(inc.id, "traffic drained", at=T0 - timedelta(minutes=20), milestone="mitigated")
    assert IncidentService(ctx).get(inc.id).status is Status.MONITORING
    tl.add(inc.id, "fixed", at=T0, milestone="resolved")
    assert IncidentService(ctx).get(inc.id).status is Status.RESOLVED
    tl.add_duration(inc.id, "Correction time", "mitigated", "resolved")
    m = tl.metrics(inc.id)
    assert m.time_to_detect_s == 600 and m.time_to_acknowledge_s == 300
    assert m.time_to_mitigate_s == 1800 and m.time_to_resolve_s == 3000 and m.impact_s == 3600
    assert [(d.name, d.seconds) for d in m.custom] == [("Correction time", 1200)]


def test_filters_and_stars(clocked):
    ctx, inc, tl = clocked
    a = tl.add(inc.id, "Called Kronan service desk", kind="contact", vendor_name="Kronan Datacenter AB").entry
    tl.add(inc.id, "restarted nginx", kind="action", author="Paweł")
    tl.star(a.id)
    assert [e.id for e in tl.entries(inc.id, EntryFilter(kinds=("contact",)))] == [a.id]
    assert tl.count(inc.id, EntryFilter(author="PAWEŁ")) == 1
    assert tl.count(inc.id, EntryFilter(vendor="kronan")) == 1
    assert tl.count(inc.id, EntryFilter(text="NGINX")) == 1
    assert [e.id for e in tl.entries(inc.id, EntryFilter(starred_only=True))] == [a.id]


def test_one_megabyte_entry_is_kept_whole(clocked):
    ctx, inc, tl = clocked
    text = "Å" * 1_000_000
    entry = tl.add(inc.id, text).entry
    assert tl.get(entry.id).text == text


def test_missing_entry_says_so(clocked):
    ctx, inc, tl = clocked
    with pytest.raises(NotFoundError, match="no longer exists"):
        tl.edit("01890000-0000-7000-8000-000000000000", text="x")


def test_before_start_warning_is_one_sentence_in_the_viewers_zone(clocked):
    ctx, inc, tl = clocked
    added = tl.add_typed(inc.id, "10:30 deploy went out")  # Stockholm: 09:30 UTC, start is 12:00 UTC
    assert added.warning == (
        "This entry (2026-11-20 10:30 CET) is before the incident's start (2026-11-20 13:00 CET); "
        "it was kept, check its time."
    )


def test_a_parsed_line_is_recorded_as_parsed(clocked):
    from warroom.domain.typed_entry import parse_entry

    ctx, inc, tl = clocked
    parsed = parse_entry("! #mitigated failed over to the standby", T0, ctx.zone)
    added = tl.add_parsed(inc.id, parsed)
    assert (added.entry.kind, added.entry.milestone, added.entry.text) == (
        EntryKind.ACTION,
        "mitigated",
        "failed over to the standby",
    )
    assert added.warning is None and tl.get(added.entry.id).occurred_at == T0
