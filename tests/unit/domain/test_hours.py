"""Weekly support hours: parsing, describing, membership and next start across DST."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from warroom.domain.errors import ValidationError
from warroom.domain.hours import parse_hours, wall_to_utc

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NEW_YORK = ZoneInfo("America/New_York")
UTC = UTC


def at(*args: int, zone=STOCKHOLM) -> datetime:
    return datetime(*args, tzinfo=zone)


@pytest.mark.parametrize(
    ("spec", "described"),
    [
        ("Mon-Fri 08:00-17:00", "Mon-Fri 08:00-17:00"),
        ("24/7", "24/7"),
        ("mon-fri 8:00 - 17:00", "Mon-Fri 08:00-17:00"),
        ("Mon-Fri 08:00-17:00; Sat 10:00-14:00", "Mon-Fri 08:00-17:00; Sat 10:00-14:00"),
        ("Mon-Fri 08:00-17:00, Sat 10:00-14:00", "Mon-Fri 08:00-17:00; Sat 10:00-14:00"),
        ("Sat 10:00-14:00", "Sat 10:00-14:00"),
        ("Mon-Fri 22:00-06:00", "Mon-Fri 22:00-06:00"),
        ("Sun 00:00-24:00", "Sun 00:00-24:00"),
        ("Fri-Mon 09:00-12:00", "Fri-Mon 09:00-12:00"),
        ("Monday-Friday 08:00\u201317:00", "Mon-Fri 08:00-17:00"),
    ],
)
def test_parse_and_describe(spec: str, described: str) -> None:
    assert parse_hours(spec).describe() == described


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        ("Mon-Fri 08:00-25:00", "'25:00' is not a time of day"),
        ("Mon-Fri 08:60-17:00", "'08:60' is not a time of day"),
        ("Mon-Fro 08:00-17:00", "'Fro' is not a day"),
        ("08:00", "'08:00' is missing its days or its time range"),
        ("Mon-Fri 08:00", "is missing its days or its time range"),
        ("", "empty"),
        ("Mon-Fri 24:00-06:00", "24:00 only as an end"),
        ("Mon-Fri 08:00-08:00", "starts and ends at the same time"),
        ("Mon-Fri 08:00-17:00;;Sat 10:00-12:00", "empty part"),
        ("24/7; Sat 10:00-12:00", "cannot be combined"),
    ],
)
def test_bad_specs_name_the_problem(spec: str, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        parse_hours(spec)


def test_office_hours_contains() -> None:
    hours = parse_hours("Mon-Fri 08:00-17:00")
    assert hours.contains(at(2013, 12, 23, 8, 0))  # Monday, start is inside
    assert not hours.contains(at(2013, 12, 23, 17, 0))  # end is outside
    assert not hours.contains(at(2013, 12, 23, 7, 59))
    assert not hours.contains(at(2013, 12, 28, 10, 0))  # Saturday


def test_contains_reads_the_instant_in_its_own_zone() -> None:
    hours = parse_hours("Mon-Fri 08:00-17:00")
    utc_instant = datetime(2013, 12, 23, 7, 30, tzinfo=UTC)  # 08:30 in Stockholm
    assert not hours.contains(utc_instant)
    assert hours.contains(utc_instant.astimezone(STOCKHOLM))


def test_overnight_shift_belongs_to_its_start_day() -> None:
    hours = parse_hours("Mon-Fri 22:00-06:00")
    assert hours.contains(at(2013, 12, 27, 23, 0))  # Friday night
    assert hours.contains(at(2013, 12, 28, 5, 59))  # Saturday early: Friday's shift
    assert not hours.contains(at(2013, 12, 28, 23, 0))  # Saturday night: no shift
    assert not hours.contains(at(2013, 12, 23, 3, 0))  # Monday early: Sunday had no shift
    assert hours.next_start(at(2013, 12, 28, 7, 0)) == at(2013, 12, 30, 22, 0)


def test_several_parts() -> None:
    hours = parse_hours("Mon-Fri 08:00-17:00; Sat 10:00-14:00")
    assert hours.contains(at(2013, 12, 28, 11, 0))
    assert hours.next_start(at(2013, 12, 27, 18, 0)) == at(2013, 12, 28, 10, 0)


def test_always_contains_everything_and_starts_now() -> None:
    hours = parse_hours("24/7")
    instant = at(2014, 3, 30, 2, 30)
    assert hours.contains(instant)
    assert hours.next_start(instant) == instant


def test_next_start_is_now_when_inside() -> None:
    hours = parse_hours("Mon-Fri 08:00-17:00")
    assert hours.next_start(at(2013, 12, 23, 9, 15)) == at(2013, 12, 23, 9, 15)


def test_overnight_shift_lasts_nine_hours_when_clocks_fall_back() -> None:
    hours = parse_hours("Sat 22:00-06:00")
    night = hours.intervals_on(date(2013, 10, 26), STOCKHOLM) + hours.intervals_on(date(2013, 10, 27), STOCKHOLM)
    assert sum((end - start for start, end in night), timedelta()) == timedelta(hours=9)

    def local(hour: int, minute: int) -> datetime:
        return datetime(2013, 10, 27, hour, minute, tzinfo=UTC).astimezone(STOCKHOLM)

    assert local(1, 30).fold == 1  # 02:30 the second time
    assert hours.contains(local(1, 30))
    assert hours.contains(local(4, 59))  # 05:59 CET
    assert not hours.contains(local(5, 0))  # 06:00 CET


def test_overnight_shift_lasts_seven_hours_when_clocks_spring_forward() -> None:
    hours = parse_hours("Sat 22:00-06:00")
    night = hours.intervals_on(date(2014, 3, 29), STOCKHOLM) + hours.intervals_on(date(2014, 3, 30), STOCKHOLM)
    assert sum((end - start for start, end in night), timedelta()) == timedelta(hours=7)
    assert night[-1][1] == datetime(2014, 3, 30, 4, 0, tzinfo=UTC)  # 06:00 CEST


def test_start_in_the_skipped_hour_begins_when_clocks_jump() -> None:
    hours = parse_hours("Sun 02:30-04:00")
    start = hours.next_start(at(2014, 3, 30, 0, 0))
    assert start.astimezone(UTC) == datetime(2014, 3, 30, 1, 0, tzinfo=UTC)  # 03:00 CEST
    assert start.utcoffset() == timedelta(hours=2)


def test_next_start_across_us_dst_change() -> None:
    hours = parse_hours("Mon-Fri 09:00-17:00")
    friday_evening = datetime(2014, 3, 7, 18, 0, tzinfo=NEW_YORK)  # EST
    monday = hours.next_start(friday_evening)
    assert monday == datetime(2014, 3, 10, 9, 0, tzinfo=NEW_YORK)
    assert monday.astimezone(UTC).hour == 13  # EDT now: 09:00 is 13:00 UTC


def test_wall_to_utc_in_repeated_hour_picks_first_or_second() -> None:
    wall = datetime(2013, 10, 27, 2, 30)
    assert wall_to_utc(wall, STOCKHOLM, later=False) == datetime(2013, 10, 27, 0, 30, tzinfo=UTC)
    assert wall_to_utc(wall, STOCKHOLM, later=True) == datetime(2013, 10, 27, 1, 30, tzinfo=UTC)
