import pytest

from warroom.services.comms import ChannelService, CommsService, DeliverySender
from warroom.services.incidents import IncidentService


@pytest.fixture
def incident(ctx):
    return IncidentService(ctx).open("Apotek API rejects å, ä, ö", "SEV1", impacted_services=("orders",))


@pytest.fixture
def comms(ctx):
    return CommsService(ctx)


@pytest.fixture
def channels(ctx):
    return ChannelService(ctx)


@pytest.fixture
def sender(ctx):
    return DeliverySender(ctx, min_interval=0.0)
