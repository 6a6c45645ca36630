"""Revert chains, marks as history, the window, and the CSV and git log readers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain.changes_record import (
    Change,
    ChangeKind,
    ChangeMark,
    MarkEvent,
    in_window,
    revert_chains,
    suspects_and_cause,
    with_marks,
)
from warroom.domain.changes_record_io import parse_changes_csv, parse_git_log
from warroom.domain.errors import ValidationError

T0 = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def change(
    n: int, service: str = "checkout", kind: ChangeKind = ChangeKind.DEPLOY, reverts: str | None = None
) -> Change:
    return Change(f"c{n}", "inc", T0 + timedelta(hours=n), service, kind, f"1.{n}", "Åsa", "", f"change {n}", reverts)


def test_a_chain_runs_from_the_restored_version_to_the_last_revert_per_service():
    changes = [
        change(0), change(1), change(2), change(3, service="edge"),
        change(4, kind=ChangeKind.REVERT, reverts="c2"), change(5, kind=ChangeKind.REVERT, reverts="c1"),
    ]  # fmt: skip
    chains = revert_chains(changes)
    assert [[c.id for c in chain] for chain in chains] == [["c0", "c1", "c2", "c4", "c5"]]
    assert revert_chains([change(0), change(1)]) == []


def test_the_latest_mark_wins_and_cleared_takes_it_back():
    events = [
        MarkEvent("m1", "c1", ChangeMark.SUSPECT, T0, "Åsa"),
        MarkEvent("m2", "c1", ChangeMark.CAUSE, T0 + timedelta(minutes=5), "Paweł"),
        MarkEvent("m3", "c2", ChangeMark.SUSPECT, T0, "Åsa"),
        MarkEvent("m4", "c2", ChangeMark.CLEARED, T0 + timedelta(minutes=1), "Åsa"),
        MarkEvent("m5", "c0", ChangeMark.SUSPECT, T0, "Åsa"),
    ]
    marked = {c.id: c for c in with_marks([change(0), change(1), change(2)], events)}
    assert marked["c1"].mark is ChangeMark.CAUSE and [m.id for m in marked["c1"].marks] == ["m1", "m2"]
    assert marked["c2"].mark is None and len(marked["c2"].marks) == 2
    suspects, causes = suspects_and_cause(marked.values())
    assert [c.id for c in suspects] == ["c0"] and [c.id for c in causes] == ["c1"]


def test_the_window_starts_before_the_anchor_and_keeps_later_changes():
    changes = [change(0), change(30), change(60)]
    assert [c.id for c in in_window(changes, T0 + timedelta(hours=50), timedelta(hours=48))] == ["c30", "c60"]
    with pytest.raises(ValidationError, match="cannot be negative"):
        in_window(changes, T0, timedelta(hours=-1))


def test_csv_reads_any_column_order_and_names_the_bad_line():
    data = (
        "\ufefftext,service,kind,version,author,link,occurred_at\n"
        "new_cart für 東京,edge,Feature Flag,on,Ọlá,,2026-11-25T10:00+01:00\n"
        "tax fix,checkout,,1.4.1,,,2026-11-25T10:00Z\n"
    ).encode()
    parsed = parse_changes_csv(data)
    assert [(p.kind, p.service, p.occurred_at.hour) for p in parsed] == [
        (ChangeKind.FLAG, "edge", 9), (ChangeKind.DEPLOY, "checkout", 10),
    ]  # fmt: skip
    with pytest.raises(ValidationError, match=r"changes.csv line 2: Unknown change kind 'rollout'"):
        parse_changes_csv(b"occurred_at,service,kind,version,author,link,text\n2026-11-25T10:00Z,a,rollout,1,,,x\n")
    with pytest.raises(ValidationError, match="missing: link"):
        parse_changes_csv(b"occurred_at,service,kind,version,author,text\n")
    with pytest.raises(ValidationError, match="line 2: A change needs a service"):
        parse_changes_csv(b"occurred_at,service,kind,version,author,link,text\n2026-11-25T10:00Z,,deploy,1,,,x\n")


def test_git_log_lines_become_changes_and_reverts_are_recognised():
    log = (
        "b" * 40
        + '\x1f2026-11-25T10:00:00+01:00\x1fPaweł Wiśniewski\x1fRevert "Rounding"\n'
        + "a" * 40
        + "\x1f2026-11-24T10:00:00+01:00\x1fÅsa\x1fRounding of 東京 prices\n"
    )
    parsed = parse_git_log(log, "checkout")
    assert [(p.kind, p.version, p.author) for p in parsed] == [
        (ChangeKind.DEPLOY, "a" * 12, "Åsa"), (ChangeKind.REVERT, "b" * 12, "Paweł Wiśniewski"),
    ]  # fmt: skip
    with pytest.raises(ValidationError, match="git log line 1"):
        parse_git_log("not a log line", "checkout")


def test_the_chart_gets_a_changes_lane_from_48_hours_before_the_start_and_every_marked_change():
    from warroom.domain.postmortem_vendors import ChartData
    from warroom.domain.roles_postmortem import with_change_lane

    old = change(-100)
    marked = with_marks([old, change(-60), change(0)], [MarkEvent("m", "c-60", ChangeMark.CAUSE, T0, "Åsa")])
    chart = with_change_lane(ChartData("UTC", (), (), ()), marked, T0)
    lane = chart.lanes[-1]
    assert lane.vendor == "Changes" and not chart.empty
    assert [(m.outcome, m.contact) for m in lane.marks] == [
        ("change: cause", "deploy checkout 1.-60"), ("change", "deploy checkout 1.0"),
    ]  # fmt: skip
    assert with_change_lane(ChartData("UTC", (), (), ()), [], T0).lanes == ()
