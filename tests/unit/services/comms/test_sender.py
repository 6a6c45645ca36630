"""The delivery outbox against a real local HTTP server: retries, Retry-After, final errors, crashes."""

import pytest

from tests.comms_servers import CaptureServer, Reply, free_port
from warroom.domain.comms import DeliveryStatus
from warroom.domain.errors import ValidationError
from warroom.services.comms import DeliverySender


def _slack(channels, server, name="ops-slack", audience="internal"):
    return channels.add(name, "slack", audience, secret_values={"url": server.url(f"/{name}")})


def test_queued_update_is_delivered_once(ctx, incident, comms, channels, sender, http_server):
    _slack(channels, http_server)
    update = comms.send(incident.id, "internal", "Rollback under way.")
    [done] = sender.flush(timeout=10)
    assert done.status is DeliveryStatus.SENT and done.attempts == 1 and done.sent_at is not None
    assert len(http_server.requests) == 1
    assert sender.flush(timeout=1) == [] and len(http_server.requests) == 1
    [delivery] = comms.updates(incident.id)[0].deliveries
    assert delivery.id == update.deliveries[0].id and delivery.status is DeliveryStatus.SENT


def test_429_retry_after_is_honoured(ctx, incident, comms, channels, sender, http_server):
    _slack(channels, http_server)
    http_server.replies.append(Reply(429, "rate_limited", {"Retry-After": "2"}))
    comms.send(incident.id, "internal", "First")
    [done] = sender.flush(timeout=15)
    assert done.status is DeliveryStatus.SENT and done.attempts == 2
    first, second = http_server.requests
    assert second.at - first.at >= 2.0


def test_410_gone_stops_with_its_reason(ctx, incident, comms, channels, sender, http_server):
    _slack(channels, http_server)
    http_server.replies.append(Reply(410, "channel_is_archived"))
    comms.send(incident.id, "internal", "First")
    [done] = sender.flush(timeout=5)
    assert done.status is DeliveryStatus.FAILED and "HTTP 410" in done.error and "channel_is_archived" in done.error
    assert sender.flush(timeout=1) == [] and len(http_server.requests) == 1


def test_server_down_then_up_delivers_each_update_exactly_once(ctx, incident, comms, channels, sender):
    port = free_port()
    dead = CaptureServer.__new__(CaptureServer)  # only for its url()
    dead.port = port
    _slack(channels, dead)
    for n in range(3):
        comms.send(incident.id, "internal", f"Update {n}")
    assert sender.drain_once() == 3
    queued = sender.pending()
    assert [d.status for d in queued] == [DeliveryStatus.QUEUED] * 3
    assert all("unreachable" in d.error for d in queued)
    server = CaptureServer(port)
    try:
        done = sender.flush(timeout=20)
        assert [d.status for d in done] == [DeliveryStatus.SENT] * 3
        texts = sorted(r.json()["blocks"][1]["text"]["text"] for r in server.requests)
        assert texts == ["Update 0", "Update 1", "Update 2"]
    finally:
        server.stop()


def test_at_most_one_request_per_second_per_channel(ctx, incident, comms, channels, http_server):
    _slack(channels, http_server)
    comms.send(incident.id, "internal", "One")
    comms.send(incident.id, "internal", "Two")
    DeliverySender(ctx, min_interval=1.0).flush(timeout=10)
    first, second = http_server.requests
    assert second.at - first.at >= 1.0


def test_a_crash_mid_send_is_unknown_for_slack_and_requeued_for_webhooks(ctx, incident, comms, channels, sender):
    channels.add("ops-slack", "slack", "internal", secret_values={"url": "http://127.0.0.1:9/x"})
    channels.add("hook", "webhook", "internal", secret_values={"url": "http://127.0.0.1:9/y", "signing_secret": "s"})
    update = comms.send(incident.id, "internal", "Crashing")
    with ctx.store.unit_of_work() as uow:  # what a SIGKILL between claim and answer leaves behind
        for d in update.deliveries:
            uow.writer.update("comms_deliveries", d.id, {"status": "sending", "attempts": 1})
        uow.commit()
    assert sender.recover() == 2
    states = {d.channel_name: d for d in comms.updates(incident.id)[0].deliveries}
    assert states["ops-slack"].status is DeliveryStatus.UNKNOWN and "may have been posted" in states["ops-slack"].error
    assert states["hook"].status is DeliveryStatus.QUEUED
    resent = comms.resolve_unknown(states["ops-slack"].id, was_posted=False)
    assert resent.status is DeliveryStatus.QUEUED


def test_a_failed_delivery_can_be_resent_once_the_secret_is_set_up(ctx, incident, comms, channels, sender, http_server):
    channels.add("later", "slack", "internal")  # no secret on this laptop yet
    comms.send(incident.id, "internal", "Queued before the secret")
    [failed] = sender.flush(timeout=2)
    assert failed.status is DeliveryStatus.FAILED and "not set up on this laptop" in failed.error
    with pytest.raises(ValidationError, match="not waiting for a decision"):
        comms.resolve_unknown(failed.id, was_posted=True)
    channels.set_secrets("later", {"url": http_server.url("/later")})
    assert comms.resolve_unknown(failed.id, was_posted=False).status is DeliveryStatus.QUEUED
    [sent] = sender.flush(timeout=5)
    assert sent.status is DeliveryStatus.SENT and [r.path for r in http_server.requests] == ["/later"]


def test_deliveries_written_on_another_device_are_not_sent_here(ctx, incident, comms, channels, sender, http_server):
    _slack(channels, http_server)
    update = comms.send(incident.id, "internal", "Mine elsewhere")
    with ctx.store.unit_of_work() as uow:
        uow.writer.update("comms_deliveries", update.deliveries[0].id, {"device_id": "another-laptop"})
        uow.commit()
    assert sender.flush(timeout=1) == [] and http_server.requests == []


def test_postmortem_lists_each_update_with_its_delivery_times_and_the_cadence(
    ctx, incident, comms, channels, sender, http_server, tmp_path
):
    from warroom.services.postmortem.service import PostmortemService

    _slack(channels, http_server)
    http_server.responder = lambda req: Reply(404, "no_service") if "gone" in req.path else Reply()
    _slack(channels, http_server, name="gone-slack")
    comms.send(incident.id, "internal", "Rollback under way.", ["ops-slack"])
    comms.send(incident.id, "internal", "Second.", ["gone-slack"])
    sender.flush(timeout=10)
    [md] = PostmortemService(ctx).export(incident.id, "md", tmp_path / "pm.md")
    text = md.read_text(encoding="utf-8")
    assert "ops-slack sent " in text and " UTC |" in text
    assert "gone-slack failed (HTTP 404" in text
    assert "**Cadence**" in text and "- Internal: 2 update(s); gaps " in text
    archive = PostmortemService(ctx).export(incident.id, "json", tmp_path / "pm.json")[0].read_text(encoding="utf-8")
    assert '"deliveries"' in archive and "ops-slack" in archive and http_server.url() not in archive


def test_two_senders_on_one_store_send_each_delivery_once(ctx, incident, comms, channels, http_server):
    import threading

    from warroom.services.context import ServiceContext
    from warroom.store.store import Store

    _slack(channels, http_server)
    for n in range(6):
        comms.send(incident.id, "internal", f"Update {n}")
    other = Store(ctx.store.url)  # a CLI flush beside the window: same file, another engine
    try:
        senders = [DeliverySender(ctx, min_interval=0), DeliverySender(ServiceContext(other, "CLI"), min_interval=0)]
        threads = [threading.Thread(target=s.flush, args=(10,)) for s in senders]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        other.close()
    texts = sorted(r.json()["blocks"][1]["text"]["text"] for r in http_server.requests)
    assert texts == [f"Update {n}" for n in range(6)]


def test_send_and_drain_on_sqlite_and_postgres(any_ctx, http_server):
    from warroom.services.comms import ChannelService, CommsService
    from warroom.services.incidents import IncidentService

    incident = IncidentService(any_ctx).open("Both stores", "SEV2")
    ChannelService(any_ctx).add("ops", "slack", "internal", secret_values={"url": http_server.url("/ops")})
    update = CommsService(any_ctx).send(incident.id, "internal", "Ünïcode ✓")
    [done] = DeliverySender(any_ctx, min_interval=0).flush(timeout=10)
    assert (done.id, done.status) == (update.deliveries[0].id, DeliveryStatus.SENT)
    assert "Ünïcode ✓" in http_server.requests[0].json()["text"]
