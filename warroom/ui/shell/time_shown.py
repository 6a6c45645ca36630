"""Which zone the window shows times in, and whether dates need their year."""

from __future__ import annotations

from typing import Any


def time_display_for(settings: Any, incident_zone_chosen: bool, incident: Any) -> Any:
    """UTC when asked for; else the incident's own zone when View › Incident's zone is on; else the
    viewer's. The year is shown when the incident started in another year than now."""
    from warroom.domain.clock import utc_now
    from warroom.ui.kit.time_display import TimeDisplay, needs_year  # with zoneinfo: not before the paint

    if settings.show_utc:
        zone = "UTC"
    elif incident_zone_chosen and incident is not None:
        zone = incident.zone
    else:
        zone = settings.zone
    now = utc_now()
    return TimeDisplay(zone, incident is not None and needs_year(incident.started_at, now, now))
