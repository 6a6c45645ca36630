"""Status updates to stakeholders: channels, drafts, the delivery outbox and its sender."""

from warroom.services.comms.channels import ChannelService
from warroom.services.comms.sender import DeliverySender
from warroom.services.comms.updates import CommsService

__all__ = ["ChannelService", "CommsService", "DeliverySender"]
