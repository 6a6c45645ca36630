"""Status-update channels, updates, their deliveries, audience policies and snoozes.

Channels carry only non-secret fields (webhook URLs, keys and passwords stay in each
laptop's keyring). A delivery names the device that must send it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from warroom.store.models.base import Base
from warroom.store.types import JSONText, UTCDateTime

ID = String(36)


class CommsChannelRow(Base):
    __tablename__ = "comms_channels"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    audience: Mapped[str] = mapped_column(String(20))
    config: Mapped[dict] = mapped_column(JSONText, default=dict)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class CommsAudienceRow(Base):
    """Per audience: its template ("" = built-in) and whether updates need approval."""

    __tablename__ = "comms_audiences"

    id: Mapped[str] = mapped_column(ID, primary_key=True)  # the audience's name
    template: Mapped[str] = mapped_column(Text, default="")
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    approver: Mapped[str] = mapped_column(Text, default="")
    # {"SEV1": {"every": 60, "early": 20}}: minutes, overriding the built-in cadence
    cadence: Mapped[dict] = mapped_column(JSONText, default=dict)


class CommsUpdateRow(Base):
    __tablename__ = "comms_updates"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    audience: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(Text)
    device_id: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    needs_approval: Mapped[bool] = mapped_column(Boolean, default=False)
    approver: Mapped[str] = mapped_column(Text, default="")
    approved_by: Mapped[str] = mapped_column(Text, default="")
    entry_id: Mapped[str | None] = mapped_column(ID, nullable=True)


class CommsDeliveryRow(Base):
    __tablename__ = "comms_deliveries"
    __table_args__ = (Index("ix_comms_deliveries_device_status", "device_id", "status"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    update_id: Mapped[str] = mapped_column(ForeignKey("comms_updates.id"), index=True)
    incident_id: Mapped[str] = mapped_column(ID)
    channel_id: Mapped[str] = mapped_column(ID)
    channel_name: Mapped[str] = mapped_column(Text)
    device_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    error: Mapped[str] = mapped_column(Text, default="")
    remote_id: Mapped[str] = mapped_column(Text, default="")


class CommsSnoozeRow(Base):
    __tablename__ = "comms_snoozes"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    audience: Mapped[str] = mapped_column(String(20))
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
