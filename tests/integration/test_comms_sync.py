"""Two laptops synced through a Postgres hub: channels and updates travel, only the author sends."""

from __future__ import annotations

import pytest

from tests.comms_servers import CaptureServer
from tests.integration.sync_support import replica
from warroom.domain.comms import DeliveryStatus
from warroom.services.comms import ChannelService, CommsService, DeliverySender
from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.sync.engine import SyncEngine
from warroom.sync.hub import Hub
from warroom.sync.hub_admin import init_hub


@pytest.fixture
def laptops(tmp_path, pg_url):
    init_hub(pg_url)
    hub = Hub(pg_url)
    stores = [replica(tmp_path, n) for n in ("ic", "scribe")]
    yield [(ServiceContext(s, name, "Europe/Stockholm"), SyncEngine(s, hub)) for s, name in zip(stores, ("Åsa", "Bo"))]
    hub.close()
    for s in stores:
        s.close()


def sync_both(laptops) -> None:
    for _ in range(2):
        for _, engine in laptops:
            engine.sync_once(settle=10)


def test_only_the_authors_laptop_sends(laptops):
    (ic, _), (scribe, _) = laptops
    server = CaptureServer()
    try:
        incident = IncidentService(ic).open("Database host migration locks a table", "SEV1")
        ChannelService(ic).add("ops", "slack", "internal", secret_values={"url": server.url("/ops")})
        update = CommsService(ic).send(incident.id, "internal", "Table lock released; watching.")
        sync_both(laptops)

        # the scribe's laptop sees the channel and the queued delivery (and, in this one process,
        # even has the secret), yet sends nothing: the delivery is the IC laptop's to send
        [seen] = CommsService(scribe).updates(incident.id)
        assert [d.status for d in seen.deliveries] == [DeliveryStatus.QUEUED]
        assert seen.deliveries[0].device_id == ic.store.device_id != scribe.store.device_id
        assert DeliverySender(scribe, min_interval=0).flush(timeout=2) == []
        assert server.requests == []

        [done] = DeliverySender(ic, min_interval=0).flush(timeout=10)
        assert done.status is DeliveryStatus.SENT and len(server.requests) == 1
        sync_both(laptops)
        [after] = CommsService(scribe).updates(incident.id)
        assert after.id == update.id and after.deliveries[0].status is DeliveryStatus.SENT
        assert DeliverySender(scribe, min_interval=0).flush(timeout=1) == [] and len(server.requests) == 1
    finally:
        server.stop()
