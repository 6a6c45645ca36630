from datetime import UTC, datetime

import pytest

from tests.comms_servers import SmtpSink
from warroom.integrations.channels import Outgoing


@pytest.fixture
def smtp_server():
    server = SmtpSink()
    yield server
    server.stop()


def outgoing(kind: str, **changes) -> Outgoing:
    base = dict(
        delivery_id="0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
        kind=kind,
        config={},
        secrets={},
        audience="customers",
        text="## Apotek API down\n\n**Impact:** orders with å, ä, ö in drug names fail.\n\nNext update: 10:20 UTC",
        incident_id="0190a1b2-0000-7000-8000-000000000001",
        reference="INC-7",
        title="Apotek API rejects non-ASCII names",
        severity="SEV1",
        status="investigating",
        created_at=datetime(2026, 12, 24, 10, 0, tzinfo=UTC),
        next_update_at=datetime(2026, 12, 24, 10, 20, tzinfo=UTC),
    )
    base.update(changes)
    return Outgoing(**base)
