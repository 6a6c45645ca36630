"""The header's durations (time to detect, mitigate, resolve…) read off the GUI thread.

Reading them goes over every entry of the incident, so reads are coalesced: while one is
running at most one more is queued, however many changes arrive meanwhile.
"""

from __future__ import annotations

from typing import Any


class IncidentMetrics:
    def __init__(self, window: Any) -> None:
        self.window = window
        self.busy = self.again = False

    def reload(self) -> None:
        window = self.window
        incident = window.current_incident
        if incident is None:
            window.header.set_metrics(None)
            return
        if self.busy:
            self.again = True
            return
        self.busy = True
        timeline = window.services.timeline
        window.tasks.read(lambda: timeline.metrics(incident.id), lambda m: self._shown(incident.id, m), self._failed)

    def _shown(self, incident_id: str, metrics) -> None:
        self.busy = False
        current = self.window.current_incident
        if current and current.id == incident_id:
            self.window.header.set_metrics(metrics)
        if self.again:
            self.again = False
            self.reload()

    def _failed(self, message: str) -> None:
        self.busy = self.again = False
        self.window.show_error(message)
