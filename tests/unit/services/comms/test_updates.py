"""Drafting, queueing, approving and snoozing status updates on a real store."""

from datetime import timedelta

import pytest

from warroom.domain.comms import DeliveryStatus
from warroom.domain.errors import NotFoundError, ValidationError
from warroom.services.action_items import ActionService
from warroom.services.timeline import TimelineService


def test_draft_fills_the_template_from_the_record(ctx, incident, comms):
    timeline = TimelineService(ctx)
    timeline.add(incident.id, "Orders with ö in the drug name get HTTP 500", kind="observation")
    timeline.add(incident.id, "Rolling back the encoder change", kind="action")
    draft = comms.draft(incident.id, "internal")
    assert f"{incident.reference}: Apotek API rejects å, ä, ö (SEV1, investigating)" in draft
    assert "- Orders with ö in the drug name get HTTP 500" in draft
    assert "- Rolling back the encoder change" in draft
    assert "{" not in draft
    assert "Next update: " in draft and "when there is news" not in draft


def test_next_draft_starts_from_the_previous_update(ctx, incident, comms):
    comms.send(incident.id, "customers", "We are on it.\n\nNext update: soon")
    again = comms.draft(incident.id, "customers")
    assert again.startswith("We are on it.") and "Next update: " in again and "soon" not in again


def test_send_writes_update_deliveries_record_and_entry_together(ctx, incident, comms, channels):
    channels.add("ops-slack", "slack", "internal", secret_values={"url": "https://hooks.slack.com/x"})
    channels.add("ops-teams", "teams", "internal", secret_values={"url": "https://example.com/wf"})
    channels.add("status", "statuspage", "customers", config={"page_id": "p"})
    update = comms.send(incident.id, "internal", "Rollback under way.")
    assert sorted(d.channel_name for d in update.deliveries) == ["ops-slack", "ops-teams"]
    assert all(d.status is DeliveryStatus.QUEUED and d.device_id == ctx.store.device_id for d in update.deliveries)
    [recorded] = ActionService(ctx).status_updates(incident.id)
    assert (recorded.audience.value, recorded.channel) == ("internal", "ops-slack, ops-teams")
    [entry] = [e for e in TimelineService(ctx).entries(incident.id) if e.kind.value == "communication"]
    assert entry.text == "Internal update via ops-slack, ops-teams: Rollback under way."
    with pytest.raises(NotFoundError, match="No channel is named 'nope'"):
        comms.send(incident.id, "internal", "x", ["nope"])
    with pytest.raises(ValidationError, match="needs some text"):
        comms.send(incident.id, "internal", "   ")


def test_needs_approval_holds_until_the_named_approver_approves(ctx, incident, comms, channels):
    channels.add("status-mail", "email", "executives", config={"smtp_host": "127.0.0.1", "to": ["cto@example.se"]})
    comms.set_policy("executives", needs_approval=True, approver="Grace Hopper")
    update = comms.send(incident.id, "executives", "Board-level summary")
    assert update.held and [d.status for d in update.deliveries] == [DeliveryStatus.HELD]
    assert ActionService(ctx).status_updates(incident.id) == []
    ctx.user_name = "Scribe Sam"  # neither the commander nor the approver
    with pytest.raises(ValidationError, match="Only Grace Hopper or Åsa Bergström may approve"):
        comms.approve(update.id)
    ctx.user_name = "Grace Hopper"
    approved = comms.approve(update.id)
    assert approved.approved_by == "Grace Hopper" and not approved.held
    assert [d.status for d in approved.deliveries] == [DeliveryStatus.QUEUED]
    assert len(ActionService(ctx).status_updates(incident.id)) == 1


def test_cadence_counts_down_and_snooze_moves_it_with_a_reason(ctx, incident, comms):
    dues = {d.audience.value: d for d in comms.cadence(incident.id)}
    assert dues["customers"].due_at == incident.started_at + timedelta(minutes=20)
    assert dues["internal"].due_at == incident.started_at + timedelta(minutes=30)
    with pytest.raises(ValidationError, match="Say why"):
        comms.snooze(incident.id, "customers", 15, " ")
    snoozed = comms.snooze(incident.id, "customers", 45, "Waiting for the vendor's root cause")
    assert snoozed is not None and snoozed.snoozed_until is not None
    assert snoozed.due_at == snoozed.snoozed_until
    texts = [e.text for e in TimelineService(ctx).entries(incident.id)]
    assert "Customers update postponed 45 min: Waiting for the vendor's root cause" in texts


def test_channel_names_are_unique_and_bad_input_is_refused(channels):
    channels.add("ops", "slack", "internal", secret_values={"url": "https://hooks.slack.com/x"})
    with pytest.raises(ValidationError, match="exists already"):
        channels.add("OPS", "teams", "internal")
    with pytest.raises(ValidationError, match="Unknown channel kind 'pager'"):
        channels.add("x", "pager", "internal")
    with pytest.raises(ValidationError, match="Unknown audience 'everyone'"):
        channels.add("x", "slack", "everyone")
    with pytest.raises(ValidationError, match="page id"):
        channels.add("sp", "statuspage", "customers")
    with pytest.raises(ValidationError, match="must start with https://"):
        channels.add("y", "slack", "internal", secret_values={"url": "ftp://nope"})


def test_a_channel_without_its_secret_is_not_set_up_here(channels):
    bare = channels.add("bare", "slack", "internal")
    ready = channels.add("ready", "slack", "internal", secret_values={"url": "https://hooks.slack.com/x"})
    assert channels.setup_state(bare) == "not set up on this laptop"
    assert channels.setup_state(ready) == "ready"


def test_an_audiences_own_cadence_overrides_the_built_in_one(ctx, incident, comms):
    comms.set_policy("customers", cadence={"sev1": "10/30"})
    assert comms.policy("customers").cadence == {"SEV1": {"every": 30, "early": 10}}
    dues = {d.audience.value: d for d in comms.cadence(incident.id)}
    assert dues["customers"].due_at == incident.started_at + timedelta(minutes=10)
    assert dues["internal"].due_at == incident.started_at + timedelta(minutes=30)  # untouched
    with pytest.raises(ValidationError, match="is not minutes"):
        comms.set_policy("customers", cadence={"SEV1": "soon"})
    with pytest.raises(ValidationError, match="Unknown severity"):
        comms.set_policy("customers", cadence={"SEV9": "10"})
