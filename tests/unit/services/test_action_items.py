from datetime import date

import pytest

from warroom.domain.errors import NotFoundError, ValidationError
from warroom.services.action_items import ActionService
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService


def test_action_items_and_status_updates(any_ctx):
    inc = IncidentService(any_ctx).open("API down", "SEV2")
    svc = ActionService(any_ctx)
    item = svc.add_action(
        inc.id, "Add canary through the firewall", kind="preventive", owner="Åsa Bergström", due_date=date(2014, 1, 15)
    )
    svc.update_action(item.id, status="in progress")
    assert [(a.kind.value, a.status.value, a.owner) for a in svc.action_items(inc.id)] == [
        ("preventive", "in progress", "Åsa Bergström")
    ]
    svc.post_update(inc.id, "Wards use fax until further notice", audience="external", channel="Portal")
    assert [u.audience.value for u in svc.status_updates(inc.id)] == ["external"]
    texts = [e.text for e in TimelineService(any_ctx).entries(inc.id)]
    assert texts == ["External update via Portal: Wards use fax until further notice"]
    with pytest.raises(ValidationError, match="corrective, preventive"):
        svc.add_action(inc.id, "x", kind="urgent")
    svc.remove_action(item.id)
    with pytest.raises(NotFoundError):
        svc.update_action(item.id, owner="x")
