"""The demo: a realistic incident with its vendors, loaded from resources/demo."""

from __future__ import annotations

import json
import logging
from datetime import date
from pathlib import Path

from warroom.domain.clock import parse_iso
from warroom.domain.incident import Incident
from warroom.resources_path import resources_dir
from warroom.services.context import ServiceContext

log = logging.getLogger("warroom.services")

CALENDARS = {
    "kronan-datacenter.ics": "Kronan Datacenter AB",
    "integra.ics": "Integra Meddelande AB",
    "baltic-perimeter.ics": "Baltic Perimeter Sp. z o.o.",
}


def demo_dir() -> Path:
    return resources_dir() / "demo"


class DemoService:
    """Loads the Christmas-release story: vendors, calendars, timeline, postmortem notes."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def load(self, folder: Path | None = None) -> Incident:
        folder = folder or demo_dir()
        spec = json.loads((folder / "incident.json").read_text(encoding="utf-8"))
        self._load_directory(folder)
        incident = self._open_incident(spec, folder)
        self._load_postmortem_notes(incident, spec)
        self._start_checklist(incident, spec.get("checklist"))
        log.info("demo incident %s loaded", incident.reference)
        return incident

    def _load_directory(self, folder: Path) -> None:
        from warroom.services.directory.service import DirectoryService

        directory = DirectoryService(self.ctx)
        directory.import_file((folder / "vendors.csv").read_bytes(), source_name="vendors.csv")
        for file_name, vendor in CALENDARS.items():
            path = folder / file_name
            if path.exists():
                directory.import_file(path.read_bytes(), source_name=file_name, vendor_name=vendor)

    def _open_incident(self, spec: dict, folder: Path) -> Incident:
        from warroom.services.incidents import IncidentService
        from warroom.services.timeline_import import TimelineImportService

        incidents = IncidentService(self.ctx)
        started = _first_instant(folder / "timeline.csv")
        incident = incidents.open(
            spec["title"],
            spec["severity"],
            started_at=started,
            commander=spec.get("commander"),
            zone=spec.get("zone"),
            impacted_services=tuple(spec.get("impacted_services", ())),
        )
        TimelineImportService(self.ctx).import_csv(
            incident.id, (folder / "timeline.csv").read_bytes(), source_name="timeline.csv"
        )
        return incidents.update(incident.id, **spec.get("narrative", {}))

    def _load_postmortem_notes(self, incident: Incident, spec: dict) -> None:
        from warroom.services.action_items import ActionService
        from warroom.services.timeline import TimelineService

        actions = ActionService(self.ctx)
        for item in spec.get("action_items", ()):
            due = date.fromisoformat(item["due_date"]) if item.get("due_date") else None
            actions.add_action(
                incident.id,
                item["text"],
                kind=item["kind"],
                owner=item.get("owner", ""),
                due_date=due,
                status=item.get("status", "open"),
                tracker_url=item.get("tracker_url", ""),
            )
        for update in spec.get("status_updates", ()):
            actions.post_update(
                incident.id,
                update["text"],
                audience=update["audience"],
                channel=update.get("channel", ""),
                posted_at=parse_iso(update["posted_at"]),
                author=update.get("author"),
            )
        timeline = TimelineService(self.ctx)
        for duration in spec.get("durations", ()):
            timeline.add_duration(incident.id, duration["name"], duration["start"], duration["end"])

    def _start_checklist(self, incident: Incident, template: str | None) -> None:
        if not template:
            return
        try:
            from warroom.services.checklists import ChecklistService
        except ImportError:
            return
        ChecklistService(self.ctx).start(incident.id, template)


def _first_instant(timeline_csv: Path):
    from warroom.domain.timeline_csv import parse_timeline_csv

    rows = parse_timeline_csv(timeline_csv.read_bytes(), zone=None, source_name=timeline_csv.name)
    return min(r.occurred_at for r in rows)
