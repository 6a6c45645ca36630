"""The zone the window shows times in: UTC when asked, the incident's own zone when chosen, else the viewer's."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from warroom.domain.clock import utc_now
from warroom.ui.shell.time_shown import time_display_for


def settings(zone: str = "Europe/Stockholm", show_utc: bool = False) -> SimpleNamespace:
    return SimpleNamespace(zone=zone, show_utc=show_utc)


def incident(zone: str = "Asia/Kolkata", started_at: datetime | None = None) -> SimpleNamespace:
    return SimpleNamespace(zone=zone, started_at=started_at or utc_now())


def test_the_viewers_zone_unless_the_incidents_is_chosen():
    assert time_display_for(settings(), False, incident()).zone == "Europe/Stockholm"
    assert time_display_for(settings(), True, incident()).zone == "Asia/Kolkata"
    assert time_display_for(settings(), True, None).zone == "Europe/Stockholm"


def test_utc_wins_over_every_other_choice():
    assert time_display_for(settings(show_utc=True), True, incident()).zone == "UTC"


def test_dates_carry_their_year_only_for_an_incident_of_another_year():
    old = incident(started_at=datetime(2013, 12, 18, 19, 30, tzinfo=UTC))
    assert time_display_for(settings(), False, old).with_year
    assert not time_display_for(settings(), False, incident()).with_year
    assert not time_display_for(settings(), False, None).with_year
