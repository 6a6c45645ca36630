"""An incident with something open in every section of the handover brief (shared by UI tests).

Christmas Eve 2013, 10:00 UTC: the firewall vendor's only contact is off for Christmas Eve (SE).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from warroom.services.action_items import ActionService
from warroom.services.checklists import ChecklistService
from warroom.services.directory.service import DirectoryService
from warroom.services.incidents import IncidentService
from warroom.services.roles.changes import ChangeService
from warroom.services.roles.questions import QuestionService
from warroom.services.roles.roles import RoleService
from warroom.services.timeline import TimelineService

NOW = datetime(2013, 12, 24, 10, 0, tzinfo=UTC)
START = datetime(2013, 12, 23, 19, 30, tzinfo=UTC)


@dataclass
class Prepared:
    incident_id: str
    reference: str


def prepare_incident(ctx) -> Prepared:
    """Fill the store behind `ctx` (whose clock is set to NOW) with an incident worth handing over."""
    ctx.now = lambda: NOW
    incident = IncidentService(ctx).open(
        "Deploy package cut in half by 東京 firewall", "SEV1", started_at=START, commander="Åsa Bergström",
        impacted_services=("Discharge handshake",),
    )  # fmt: skip
    IncidentService(ctx).update(incident.id, impact="Wards fall back to fax for discharges.")
    roles = RoleService(ctx)
    roles.assign(incident.id, "scribe", "Paweł Wiśniewski")
    timeline = TimelineService(ctx)
    timeline.add(
        incident.id, "Hospitals report missing handshakes", at=START + timedelta(hours=1), milestone="detected"
    )
    timeline.add(incident.id, "Switch the integration off", at=START + timedelta(hours=2), kind="decision")
    guess = timeline.add(
        incident.id, "An undocumented firewall layer cuts large packages", at=START + timedelta(hours=3)
    )
    QuestionService(ctx).mark(guess.entry.id, "hypothesis")
    changes = ChangeService(ctx)
    changes.add(incident.id, "release 4.12", service="handshake", version="4.12", at=START - timedelta(hours=1))
    changes.mark(incident.id, "4.12", "suspect")
    directory = DirectoryService(ctx)
    vendor = directory.add_vendor(
        "Nordic Firewall AB", country="SE", timezone="Europe/Stockholm", hours="Mon-Fri 08:00-17:00",
        holiday_categories=("public", "de_facto"),
    )  # fmt: skip
    contact = directory.add_contact(vendor.id, "Lars Öberg", phones=("+46700000001",))
    directory.log_attempt(incident.id, contact.id, "phone", "voicemail", ticket="NF-4711", at=NOW - timedelta(hours=1))
    checklist = ChecklistService(ctx).start(incident.id, title="Vendor escalation")
    ChecklistService(ctx).add_item(checklist.id, "Ask the vendor for the duty manager", section="Reach someone")
    ActionService(ctx).add_action(incident.id, "Put the firewall layer on the network diagram", owner="Ọlá Adéwálé")
    ActionService(ctx).post_update(incident.id, "Discharges go by fax for now.", posted_at=NOW - timedelta(minutes=30))
    return Prepared(incident.id, incident.reference)
