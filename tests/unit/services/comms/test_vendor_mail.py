"""The vendor audience: drafts name the engaged vendors and their state; mail goes to their contacts."""

import pytest

from tests.comms_servers import SmtpSink
from warroom.domain.comms import DeliveryStatus
from warroom.services.directory.service import DirectoryService

BERLIN = dict(country="de", subdivision="by", timezone="Europe/Berlin", hours="mon-fri 8:00-17:00", layers="DNS")


@pytest.fixture
def smtp():
    sink = SmtpSink()
    yield sink
    sink.stop()


def test_vendor_update_goes_to_engaged_vendors_contacts_and_threads(ctx, incident, comms, channels, sender, smtp):
    directory = DirectoryService(ctx)
    engaged = directory.add_vendor("Münchner Netz GmbH", **BERLIN)
    idle = directory.add_vendor("Idle Vendor AG", **BERLIN)
    ola = directory.add_contact(engaged.id, "Ọlá Adéwálé", phones="+49 30 901820", email="ola@example.de")
    directory.add_contact(engaged.id, "NOC", phones="+49 30 901821", email="noc@example.de")
    directory.add_contact(idle.id, "Nobody", phones="+49 30 901822", email="nobody@example.de")
    directory.log_attempt(incident.id, ola.id, "phone", "acknowledged", ticket="4711")
    draft = comms.draft(incident.id, "vendors")
    assert "- Münchner Netz GmbH: acknowledged, ticket 4711" in draft and "Idle Vendor" not in draft
    config = {"smtp_host": "127.0.0.1", "smtp_port": smtp.port, "security": "none", "from_addr": "ic@example.se"}
    channels.add("vendor-mail", "email", "vendors", config=config)
    first = comms.send(incident.id, "vendors", draft)
    second = comms.send(incident.id, "vendors", "Still investigating.")
    done = sender.flush(timeout=10)
    assert [d.status for d in done] == [DeliveryStatus.SENT, DeliveryStatus.SENT]
    assert [sorted(rcpts) for _, rcpts in smtp.envelopes] == [["noc@example.de", "ola@example.de"]] * 2
    one, two = smtp.messages
    assert one["Message-ID"] == f"<{first.deliveries[0].id}@warroom.invalid>"
    assert two["In-Reply-To"] == one["Message-ID"] == two["References"]
    assert second.deliveries[0].id in two["Message-ID"]
