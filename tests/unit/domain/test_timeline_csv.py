from datetime import UTC, datetime

import pytest

from tests.data import SCENARIO as SCENARIO_DIR
from warroom.domain.errors import ValidationError
from warroom.domain.timeline import EntryKind
from warroom.domain.timeline_csv import COLUMNS, ImportedEntry, parse_timeline_csv

SCENARIO = SCENARIO_DIR / "timeline.csv"
UTC = UTC
HEADER = "occurred_at,kind,milestone,author,vendor,contact,text\n"


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def parse(text: str, zone: str | None = None, **options) -> tuple[ImportedEntry, ...]:
    return parse_timeline_csv(text.encode("utf-8"), zone=zone, source_name="timeline.csv", **options)


def refused(text: str | bytes, zone: str | None = None, **options) -> str:
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    with pytest.raises(ValidationError) as caught:
        parse_timeline_csv(data, zone=zone, source_name="timeline.csv", **options)
    return str(caught.value)


def test_the_christmas_release_scenario():
    rows = parse_timeline_csv(SCENARIO.read_bytes(), zone=None, source_name="timeline.csv")
    assert len(rows) == 19
    assert rows[0] == ImportedEntry(
        line=2,
        occurred_at=utc(2013, 12, 18, 19, 30),
        kind=EntryKind.ACTION,
        milestone="started",
        author="Release team",
        vendor_name=None,
        contact_name=None,
        text="Release 4.12 deployed to production; smoke tests green",
    )
    attempt = rows[9]
    assert (attempt.line, attempt.kind, attempt.vendor_name, attempt.contact_name) == (
        11,
        EntryKind.CONTACT,
        "Integra Meddelande AB",
        "Åsa Bergström",
    )
    assert rows[15].contact_name == "Paweł Wiśniewski"
    assert [r.milestone for r in rows if r.milestone] == [
        "started",
        "detected",
        "acknowledged",
        "identified",
        "mitigated",
        "resolved",
    ]
    assert all(r.occurred_at.tzinfo == UTC for r in rows)


def test_columns_in_any_order_with_bom_crlf_and_semicolons():
    text = "\ufefftext;Kind;occurred_at;author;milestone;contact;vendor\r\nPing 🛰️;Contact Attempt;2013-12-19T07:40:00Z;;Detected;;\r\n"
    data = text.encode("utf-8")
    (row,) = parse_timeline_csv(data, zone=None, source_name="t.csv")
    assert (row.text, row.kind, row.milestone, row.occurred_at) == (
        "Ping 🛰️",
        EntryKind.CONTACT,
        "detected",
        utc(2013, 12, 19, 7, 40),
    )
    assert row.author is None and row.vendor_name is None


def test_naive_times_are_read_in_the_named_zone():
    rows = parse(
        HEADER + "2013-12-19 07:40,observation,,,,,winter\n2013-07-01T07:40:00,,,,,,summer\n", "Europe/Stockholm"
    )
    assert [r.occurred_at for r in rows] == [utc(2013, 12, 19, 6, 40), utc(2013, 7, 1, 5, 40)]
    assert rows[1].kind == EntryKind.OBSERVATION


def test_naive_time_without_a_zone_names_line_and_column():
    message = refused(HEADER + "2013-12-19T07:40:00+01:00,action,,,,,ok\n2013-12-19 07:40,action,,,,,naive\n")
    assert message.startswith("timeline.csv line 3, column 'occurred_at': '2013-12-19 07:40' has no UTC offset")


def test_an_offset_wins_over_the_named_zone():
    (row,) = parse(HEADER + "2013-12-19T07:40:00+05:30,action,,,,,x\n", "Europe/Stockholm")
    assert row.occurred_at == utc(2013, 12, 19, 2, 10)


def test_clock_change_times_are_refused():
    assert "does not exist in Europe/Stockholm" in refused(HEADER + "2026-03-29 02:30,,,,,,x\n", "Europe/Stockholm")
    message = refused(HEADER + "2026-10-25 02:30,,,,,,x\n", "Europe/Stockholm")
    assert "happened twice" in message and "2026-10-25 02:30 CEST or 2026-10-25 02:30 CET" in message


def test_the_first_bad_row_is_reported_with_its_line():
    rows = [
        "2013-12-19T07:40:00Z,action,,,,,one",
        "2013-12-19T07:41:00Z,action,,,,,two",
        "",
        '2013-12-19T07:42:00Z,action,,,,,"three\nspans two lines"',
        "2013-12-19T07:43:00Z,action,,,,,four",
        "yesterday,action,,,,,five",
        "also bad,action,,,,,six",
    ]
    message = refused(HEADER + "\n".join(rows) + "\n")
    assert message == (
        "timeline.csv line 8, column 'occurred_at': 'yesterday' is not an ISO 8601 time; "
        "write it as 2013-12-19T07:40:00+01:00."
    )


def test_multiline_cells_keep_their_starting_line():
    rows = parse(HEADER + '2013-12-19T07:42:00Z,action,,,,,"three\nlines\nlong"\n2013-12-19T07:43:00Z,,,,,,next\n')
    assert [(r.line, r.text) for r in rows] == [(2, "three\nlines\nlong"), (5, "next")]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "2013-12-19T07:40:00Z,action,,,,,   ",
            "timeline.csv line 2, column 'text': the text is empty; every entry needs one.",
        ),
        (",action,,,,,x", "timeline.csv line 2, column 'occurred_at': the time is empty"),
        (
            "2013-12-19T07:40:00Z,guess,,,,,x",
            "timeline.csv line 2, column 'kind': 'guess' is not an entry kind; use one of observation, action",
        ),
        (
            "2013-12-19T07:40:00Z,action," + "m" * 81 + ",,,,x",
            "timeline.csv line 2, column 'milestone': a milestone name is at most 80 characters.",
        ),
        ("2013-12-19T07:40:00Z,action,,,,x", "timeline.csv line 2 has 6 cells but the header has 7"),
        ("2013-12-19T07:40:00Z,action,,,,,x,extra", "timeline.csv line 2 has 8 cells but the header has 7"),
        (
            "2013-12-19T25:40:00Z,action,,,,,x",
            "timeline.csv line 2, column 'occurred_at': '2013-12-19T25:40:00Z' is not an ISO 8601 time",
        ),
    ],
)
def test_bad_cells_are_named(row, message):
    assert refused(HEADER + row + "\n").startswith(message)


def test_unknown_kind_lists_the_allowed_ones_and_aliases_work():
    message = refused(HEADER + "2013-12-19T07:40:00Z,phone,,,,,x\n")
    for kind in (
        "observation",
        "action",
        "decision",
        "communication",
        "contact attempt",
        "escalation",
        "status change",
        "checklist",
    ):
        assert kind in message
    rows = parse(HEADER + "2013-12-19T07:40:00Z,contact attempt,,,,,a\n2013-12-19T07:41:00Z,Status Change,,,,,b\n")
    assert [r.kind for r in rows] == [EntryKind.CONTACT, EntryKind.STATUS]


def test_missing_unknown_and_repeated_columns_are_named():
    assert refused("occurred_at,kind,milestone,author,vendor,text\n").startswith(
        "timeline.csv line 1: missing column 'contact'; the header needs occurred_at, kind, milestone"
    )
    assert "unknown column 'notes'" in refused(HEADER.strip() + ",notes\n")
    assert "missing column 'occurred_at'" in refused(HEADER.replace("occurred_at", "ocurred_at"))
    assert "column 'kind' appears more than once" in refused(HEADER.strip() + ",kind\n")
    assert COLUMNS == ("occurred_at", "kind", "milestone", "author", "vendor", "contact", "text")


def test_empty_files_are_refused():
    assert (
        refused(b"")
        == "timeline.csv is empty: it needs a header line (occurred_at,kind,milestone,author,vendor,contact,text)."
    )
    assert refused(HEADER + "\n,,,,,,\n") == "timeline.csv has a header but no entries."


def test_wrong_encodings_are_named():
    latin1 = (HEADER + "2013-12-19T07:40:00Z,contact,,,,Åsa Bergström,ringt\n").encode("latin-1")
    assert refused(latin1) == (
        "timeline.csv line 2 is not UTF-8 (byte 0xC5; the file looks like Latin-1/Windows-1252): "
        "save it as 'CSV UTF-8' and import it again."
    )
    utf16 = (HEADER + "2013-12-19T07:40:00Z,action,,,,,x\n").encode("utf-16")
    assert "is UTF-16 encoded, not UTF-8" in refused(utf16)
    assert "is UTF-16 encoded" in refused((HEADER).encode("utf-16-le"))


def test_future_rows_are_refused_when_now_is_given():
    now = utc(2026, 11, 21, 12, 0)
    assert parse(HEADER + "2026-11-21T12:00:30Z,,,,,,x\n", now=now)[0].occurred_at == utc(2026, 11, 21, 12, 0, 30)
    message = refused(HEADER + "2026-11-21T12:01:30Z,,,,,,x\n", now=now)
    assert message.startswith("timeline.csv line 2, column 'occurred_at': '2026-11-21T12:01:30Z' is in the future")


def test_unknown_zone_is_refused():
    assert refused(HEADER + "2013-12-19T07:40:00Z,,,,,,x\n", "Europe/Atlantis").startswith(
        "Unknown time zone 'Europe/Atlantis'"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Åsa Bergström, Paweł Wiśniewski and Ọlá Adéwálé on the bridge",
        "東京 datacentre confirms 🔥🧯 — fixed",
        "الخادم لا يستجيب",
        'השרת לא מגיב, "quoted" and ‏RLM',
    ],
)
def test_unicode_text_round_trips(text):
    quoted = '"' + text.replace('"', '""') + '"'
    (row,) = parse(HEADER + f"2013-12-19T07:40:00Z,communication,,Ọlá Adéwálé,東京 Hosting,Åsa,{quoted}\n")
    assert (row.text, row.author, row.vendor_name, row.contact_name) == (text, "Ọlá Adéwálé", "東京 Hosting", "Åsa")


def test_a_one_megabyte_cell_is_kept_whole():
    text = "log line ✓, with a comma\n" * 45_000
    quoted = '"' + text.replace('"', '""') + '"'
    (row,) = parse(HEADER + f"2013-12-19T07:40:00Z,observation,,,,,{quoted}\n")
    assert row.text == text.strip()
    assert len(row.text.encode()) > 1_000_000


@pytest.mark.parametrize("written", ["0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00Z", "2999-01-01T00:00:00Z"])
def test_a_time_outside_1900_to_2199_is_refused(written):
    message = refused(HEADER + f"{written},action,,,,,hostile\n", "Europe/Stockholm")
    assert (
        message
        == f"timeline.csv line 2, column 'occurred_at': '{written}' is outside the years 1900-2199; check the year."
    )
