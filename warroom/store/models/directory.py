"""The vendor directory: vendors, contacts, escalation levels, absences, attempts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, true
from sqlalchemy.orm import Mapped, mapped_column

from warroom.store.models.base import Base
from warroom.store.types import JSONText, UTCDateTime

ID = String(36)


class VendorRow(Base):
    __tablename__ = "vendors"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    layers: Mapped[list] = mapped_column(JSONText, default=list)
    country: Mapped[str] = mapped_column(String(8))
    subdivision: Mapped[str | None] = mapped_column(String(16), nullable=True)
    holiday_categories: Mapped[list] = mapped_column(JSONText, default=list)
    timezone: Mapped[str] = mapped_column(String(64))
    hours: Mapped[str] = mapped_column(Text)
    sla_response_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
    contract_ref: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    sla_clock: Mapped[str] = mapped_column(String(16), server_default="business")
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())


class ContactRow(Base):
    __tablename__ = "contacts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    vendor_id: Mapped[str] = mapped_column(ForeignKey("vendors.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text, default="")
    phones: Mapped[list] = mapped_column(JSONText, default=list)
    email: Mapped[str | None] = mapped_column(Text, nullable=True)
    timezone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    hours: Mapped[str | None] = mapped_column(Text, nullable=True)
    always_on_call: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # The person's own place, when it is not the vendor's (NULL: the vendor's).
    country: Mapped[str | None] = mapped_column(String(8), nullable=True)
    subdivision: Mapped[str | None] = mapped_column(String(16), nullable=True)
    holiday_categories: Mapped[list | None] = mapped_column(JSONText, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())


class EscalationLevelRow(Base):
    __tablename__ = "escalation_levels"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    vendor_id: Mapped[str] = mapped_column(ForeignKey("vendors.id"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    contact_ids: Mapped[list] = mapped_column(JSONText, default=list)
    wait_min: Mapped[int | None] = mapped_column(Integer, nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class AbsenceRow(Base):
    __tablename__ = "absences"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    vendor_id: Mapped[str] = mapped_column(ForeignKey("vendors.id"), index=True)
    contact_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    source_uid: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)
    source: Mapped[str | None] = mapped_column(Text, nullable=True)  # the calendar it came from
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class ContactAttemptRow(Base):
    """Append-only: every call attempt, also written as a timeline entry."""

    __tablename__ = "contact_attempts"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    vendor_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    contact_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    ticket: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text)
    entry_id: Mapped[str | None] = mapped_column(ID, nullable=True)
