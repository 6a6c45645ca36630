"""A channel edited in place keeps its id (queued deliveries still reach it), its kind and its secret."""

from __future__ import annotations

import pytest

from warroom.domain.comms import DeliveryStatus
from warroom.domain.errors import ValidationError
from warroom.integrations.channels import secrets


def test_edit_renames_moves_audience_and_keeps_id_and_secret(channels, comms, incident, sender, http_server):
    before = channels.add("ops", "slack", "internal", secret_values={"url": http_server.url("/old")})
    comms.send(incident.id, "internal", "Rollback started", ["ops"])
    after = channels.edit("ops", new_name="Drift — Ops", audience="executives")
    assert (after.id, after.name, after.audience.value, after.kind.value) == (
        before.id,
        "Drift — Ops",
        "executives",
        "slack",
    )
    assert secrets.load(before.id) == {"url": http_server.url("/old")}
    [done] = sender.flush(timeout=10)
    assert done.status is DeliveryStatus.SENT  # queued before the rename: still delivered
    assert [r.path for r in http_server.requests] == ["/old"]


def test_edit_replaces_the_secret_only_when_one_is_given(channels, http_server):
    channel = channels.add(
        "hook", "webhook", "internal", secret_values={"url": "http://127.0.0.1:9/a", "signing_secret": "s1"}
    )
    channels.edit("hook", secret_values={"url": "", "signing_secret": ""})
    assert secrets.load(channel.id) == {"url": "http://127.0.0.1:9/a", "signing_secret": "s1"}
    channels.edit("hook", secret_values={"signing_secret": "s2"})
    assert secrets.load(channel.id) == {"url": "http://127.0.0.1:9/a", "signing_secret": "s2"}
    with pytest.raises(ValidationError, match="https://"):
        channels.edit("hook", secret_values={"url": "ftp://x"})
    assert secrets.load(channel.id) == {"url": "http://127.0.0.1:9/a", "signing_secret": "s2"}


def test_edit_checks_like_add_and_changes_nothing_when_refused(channels):
    channels.add("a", "slack", "internal")
    channels.add("page", "statuspage", "customers", {"page_id": "p1"})
    with pytest.raises(ValidationError, match="exists already"):
        channels.edit("page", new_name="A")
    with pytest.raises(ValidationError, match="page id"):
        channels.edit("page", config={"base_url": "http://127.0.0.1:9"})
    with pytest.raises(ValidationError, match="no setting"):
        channels.edit("page", config={"page_id": "p1", "smtp_host": "x"})
    assert channels.get("page").config == {"page_id": "p1"}
