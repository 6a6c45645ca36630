"""A realistic incident for the postmortem tests: the demo (vendors, calendars, attempts,
checklist, actions, status updates, durations) plus an edit, a retraction, stars, a ticked and a
skipped checklist item, and names in several scripts."""

from __future__ import annotations

from datetime import UTC, date, datetime

from warroom.domain.incident import Incident
from warroom.domain.timeline import EntryFilter
from warroom.services.action_items import ActionService
from warroom.services.checklists import ChecklistService
from warroom.services.context import ServiceContext
from warroom.services.demo import DemoService
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService

# after the demo's last entry (2013-12-27) so that edits are never "in the future"
NOW = datetime(2014, 1, 10, 9, 0, tzinfo=UTC)
UNICODE_NAMES = ("Paracétamol", "Ọlá Adéwálé", "Åsa Bergström", "東京")


def fixed_ctx(ctx: ServiceContext) -> ServiceContext:
    return ServiceContext(store=ctx.store, user_name="Ọlá Adéwálé", zone="Europe/Stockholm", now=lambda: NOW)


def rich_incident(ctx: ServiceContext) -> Incident:
    ctx = fixed_ctx(ctx)
    incident = DemoService(ctx).load()
    timeline = TimelineService(ctx)
    entries = timeline.entries(incident.id)
    by_text = {e.text.split(":")[0]: e for e in entries}
    fix = by_text["Emergency fix deployed to staging"]
    timeline.edit(fix.id, text="Emergency fix deployed to staging: passes all 42 scenarios")
    timeline.star(fix.id)
    pharmacy = timeline.add(
        incident.id,
        "Pharmacy API rejects Paracétamol orders | 東京 office informed",
        at=datetime(2013, 12, 19, 8, 0, tzinfo=UTC),
        author="Ọlá Adéwálé",
    ).entry
    timeline.star(pharmacy.id)
    mistake = timeline.add(incident.id, "Wrong incident, sorry", at=datetime(2013, 12, 19, 8, 30, tzinfo=UTC)).entry
    timeline.retract(mistake.id)
    checklists = ChecklistService(ctx)
    checklist = checklists.checklists(incident.id)[0]
    checklists.tick(checklist.items[0].id)
    checklists.skip(checklist.items[1].id, "Åsa Bergström already knew")
    ActionService(ctx).add_action(
        incident.id,
        "Teach the pharmacy API Paracétamol",
        kind="corrective",
        owner="Ọlá Adéwálé",
        due_date=date(2014, 1, 31),
        entry_id=pharmacy.id,
    )
    IncidentService(ctx).update(incident.id, went_well="Åsa Bergström's fax runbook worked; 東京 was told in time.")
    assert len(timeline.entries(incident.id, EntryFilter(include_retracted=True))) > len(entries)
    return IncidentService(ctx).get(incident.reference)
