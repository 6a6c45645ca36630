from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warroom.domain.errors import ValidationError
from warroom.domain.timeline import EntryKind
from warroom.domain.typed_entry import (
    KIND_SIGILS,
    PLACEHOLDER_HELP,
    ParsedEntry,
    check_against_start,
    parse_entry,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = UTC


def local(*parts: int, zone: ZoneInfo = STOCKHOLM) -> datetime:
    return datetime(*parts, tzinfo=zone)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


NOW = local(2026, 11, 21, 15, 0)  # 14:00 UTC


def test_plain_text_is_an_observation_now():
    parsed = parse_entry("  first reports of login failures  ", NOW, "Europe/Stockholm")
    assert parsed == ParsedEntry(
        text="first reports of login failures",
        kind=EntryKind.OBSERVATION,
        occurred_at=utc(2026, 11, 21, 14, 0),
        backdated=False,
        milestone=None,
    )
    assert parsed.occurred_at.tzinfo == UTC


def test_leading_time_backdates_to_today_in_the_commanders_zone():
    parsed = parse_entry("14:15 first reports of login failures", NOW, STOCKHOLM)
    assert parsed.occurred_at == utc(2026, 11, 21, 13, 15)
    assert parsed.backdated is True
    assert parsed.text == "first reports of login failures"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("14:15:30 x", utc(2026, 11, 21, 13, 15, 30)),
        ("9:05 x", utc(2026, 11, 21, 8, 5)),
        ("09:05 x", utc(2026, 11, 21, 8, 5)),
        ("00:00 x", utc(2026, 11, 20, 23, 0)),
    ],
)
def test_time_forms(typed, expected):
    assert parse_entry(typed, NOW, STOCKHOLM).occurred_at == expected


def test_a_time_later_today_means_yesterday():
    parsed = parse_entry("23:50 deploy finished", NOW, STOCKHOLM)
    assert parsed.occurred_at == utc(2026, 11, 20, 22, 50)


def test_backdating_just_after_midnight():
    now = local(2026, 11, 22, 0, 10)
    assert parse_entry("23:50 x", now, STOCKHOLM).occurred_at == utc(2026, 11, 21, 22, 50)
    assert parse_entry("00:05 x", now, STOCKHOLM).occurred_at == utc(2026, 11, 21, 23, 5)
    assert parse_entry("00:11 x", now, STOCKHOLM).occurred_at == utc(2026, 11, 21, 23, 11)
    assert parse_entry("00:12 x", now, STOCKHOLM).occurred_at == utc(2026, 11, 20, 23, 12)


def test_today_is_the_commanders_day_not_utcs():
    now = utc(2026, 11, 21, 20, 0)  # already 09:00 on the 22nd in Auckland
    parsed = parse_entry("08:30 pager fired", now, "Pacific/Auckland")
    assert parsed.occurred_at == local(2026, 11, 22, 8, 30, zone=ZoneInfo("Pacific/Auckland"))
    assert parsed.occurred_at == utc(2026, 11, 21, 19, 30)


def test_the_current_minute_allows_a_little_clock_skew():
    now = local(2026, 11, 21, 14, 15, 50)
    assert parse_entry("14:16 x", now, STOCKHOLM).occurred_at == utc(2026, 11, 21, 13, 16)
    assert parse_entry("14:17 x", now, STOCKHOLM).occurred_at == utc(2026, 11, 20, 13, 17)


def test_spring_forward_gap_is_refused():
    now = local(2026, 3, 29, 12, 0)
    with pytest.raises(ValidationError, match="does not exist in Europe/Stockholm"):
        parse_entry("02:30 x", now, STOCKHOLM)
    assert parse_entry("01:30 x", now, STOCKHOLM).occurred_at == utc(2026, 3, 29, 0, 30)
    assert parse_entry("03:30 x", now, STOCKHOLM).occurred_at == utc(2026, 3, 29, 1, 30)


def test_fall_back_repeated_hour_picks_the_latest_past_one():
    # 02:30 happens at 00:30 UTC (summer time) and again at 01:30 UTC (winter time).
    second_pass = utc(2026, 10, 25, 1, 40)
    first_pass = utc(2026, 10, 25, 0, 45)
    assert parse_entry("02:30 x", second_pass, STOCKHOLM).occurred_at == utc(2026, 10, 25, 1, 30)
    assert parse_entry("02:30 x", first_pass, STOCKHOLM).occurred_at == utc(2026, 10, 25, 0, 30)


def test_explicit_date_and_time():
    assert parse_entry("2026-11-20 09:00 x", NOW, STOCKHOLM).occurred_at == utc(2026, 11, 20, 8, 0)
    assert parse_entry("2026-11-20T09:00:05 x", NOW, STOCKHOLM).occurred_at == utc(2026, 11, 20, 8, 0, 5)


def test_explicit_future_time_is_refused_beyond_a_minute():
    assert parse_entry("2026-11-21 15:01 x", NOW, STOCKHOLM).occurred_at == utc(2026, 11, 21, 14, 1)
    with pytest.raises(ValidationError, match="in the future"):
        parse_entry("2026-11-21 15:02 x", NOW, STOCKHOLM)
    with pytest.raises(ValidationError, match="in the future"):
        parse_entry("2027-01-01 00:00 x", NOW, STOCKHOLM)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("25:00 x", "not a time of day"),
        ("14:60 x", "not a time of day"),
        ("2026-02-30 10:00 x", "not a calendar date"),
        ("#[rollback started text", r"close the name with '\]'"),
        ("#[ ] text", "put a name between the brackets"),
    ],
)
def test_bad_prefixes_are_explained(typed, message):
    with pytest.raises(ValidationError, match=message):
        parse_entry(typed, NOW, STOCKHOLM)


@pytest.mark.parametrize("typed", ["", "   ", "14:15", "! ", "? 14:15", "#detected", "\t\n"])
def test_empty_entries_are_refused_with_a_hint(typed):
    with pytest.raises(ValidationError, match="e.g."):
        parse_entry(typed, NOW, STOCKHOLM)


@pytest.mark.parametrize(("sigil", "kind"), sorted(KIND_SIGILS.items()))
def test_each_sigil_picks_its_kind(sigil, kind):
    assert parse_entry(f"{sigil} restarted db", NOW, STOCKHOLM).kind == kind
    assert parse_entry(f"{sigil}restarted db", NOW, STOCKHOLM).text == "restarted db"


def test_sigil_set_is_the_documented_one():
    assert KIND_SIGILS == {
        "!": EntryKind.ACTION,
        ">": EntryKind.DECISION,
        "@": EntryKind.COMMUNICATION,
        "~": EntryKind.CONTACT,
        "^": EntryKind.ESCALATION,
        "?": EntryKind.OBSERVATION,
    }
    assert "\n" not in PLACEHOLDER_HELP
    for sigil in (*KIND_SIGILS, "#", "14:15"):
        assert sigil in PLACEHOLDER_HELP


@pytest.mark.parametrize(
    "typed",
    [
        "14:15 ! restarted db",
        "! 14:15 restarted db",
        "!14:15 restarted db",
        "14:15 #mitigated ! restarted db",
        "#mitigated ! 14:15 restarted db",
        "! #mitigated 14:15    restarted db",
    ],
)
def test_prefixes_combine_in_any_order(typed):
    parsed = parse_entry(typed, NOW, STOCKHOLM)
    assert parsed.kind == EntryKind.ACTION
    assert parsed.occurred_at == utc(2026, 11, 21, 13, 15)
    assert parsed.text == "restarted db"
    assert parsed.milestone == ("mitigated" if "#" in typed else None)


def test_milestone_markers():
    assert parse_entry("#detected pager fired", NOW, STOCKHOLM).milestone == "detected"
    assert parse_entry("#Resolved all green", NOW, STOCKHOLM).milestone == "resolved"
    parsed = parse_entry("#[rollback  started] > roll back 4.12", NOW, STOCKHOLM)
    assert (parsed.milestone, parsed.kind, parsed.text) == (
        "rollback started",
        EntryKind.DECISION,
        "roll back 4.12",
    )
    assert parse_entry("#[återställning påbörjad] ok", NOW, STOCKHOLM).milestone == "återställning påbörjad"


@pytest.mark.parametrize(
    "typed",
    [
        "3:1 vote to roll back",
        "14:15-15:00 maintenance window",
        "14:15, first reports",
        "#1 priority is the database",
        "# heading-like text",
        "2026-11-21 is the release day",
    ],
)
def test_text_that_only_looks_like_a_prefix_stays_text(typed):
    parsed = parse_entry(typed, NOW, STOCKHOLM)
    assert (parsed.text, parsed.backdated, parsed.milestone) == (typed, False, None)


def test_backslash_keeps_the_rest_literal():
    parsed = parse_entry("! \\14:15 is the deadline", NOW, STOCKHOLM)
    assert (parsed.kind, parsed.text, parsed.backdated) == (EntryKind.ACTION, "14:15 is the deadline", False)
    assert parse_entry("\\!important", NOW, STOCKHOLM).text == "!important"


@pytest.mark.parametrize(
    "text",
    [
        "Ring Åsa Bergström 📞 about the ticket",
        "Paweł Wiśniewski on annual leave 🏖️",
        "Ọlá Adéwálé confirms 東京 datacentre is fine",
        "الخادم لا يستجيب",
        "השרת לא מגיב — 👨‍👩‍👧 family emoji",
        "e\u0301 combining accent and \u200f RLM mark",
    ],
)
def test_any_script_round_trips(text):
    assert parse_entry(f"@ 14:15 {text}", NOW, STOCKHOLM).text == text


def test_one_megabyte_text_is_kept_whole():
    text = "log line ✓ " * 100_000
    parsed = parse_entry(f"14:15 {text}", NOW, STOCKHOLM)
    assert parsed.text == text.strip()
    assert len(parsed.text.encode()) > 1_000_000


def test_unknown_zone_is_refused():
    with pytest.raises(ValidationError, match="Unknown time zone 'Mars/Olympus'"):
        parse_entry("x", NOW, "Mars/Olympus")


@given(st.text(min_size=1).filter(lambda text: text.strip()))
def test_escaped_text_round_trips(text):
    assert parse_entry("\\" + text.strip(), NOW, STOCKHOLM).text == text.strip()


def test_check_against_start():
    started = utc(2013, 12, 18, 19, 30)
    assert check_against_start(started, started) is None
    assert check_against_start(started + timedelta(seconds=1), started) is None
    warning = check_against_start(utc(2013, 12, 18, 19, 0), started, "Europe/Stockholm")
    assert warning == (
        "This entry (2013-12-18 20:00 CET) is before the incident's start "
        "(2013-12-18 20:30 CET); it was kept, check its time."
    )
    assert "19:00 UTC" in check_against_start(utc(2013, 12, 18, 19, 0), started)
