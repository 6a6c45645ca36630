"""Incidents, the append-only timeline, action items and status updates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from warroom.store.models.base import Base
from warroom.store.types import JSONText, UTCDateTime

ID = String(36)


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(20))
    commander: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    zone: Mapped[str] = mapped_column(String(64), default="UTC")
    impacted_services: Mapped[list] = mapped_column(JSONText, default=list)
    # One column per narrative field, so two people editing different sections
    # of the postmortem on two laptops both keep their words (per-field merge).
    summary: Mapped[str] = mapped_column(Text, default="")
    impact: Mapped[str] = mapped_column(Text, default="")
    classification: Mapped[str] = mapped_column(Text, default="")
    root_cause: Mapped[str] = mapped_column(Text, default="")
    resolution: Mapped[str] = mapped_column(Text, default="")
    workaround: Mapped[str] = mapped_column(Text, default="")
    went_wrong: Mapped[str] = mapped_column(Text, default="")
    went_well: Mapped[str] = mapped_column(Text, default="")
    lessons: Mapped[str] = mapped_column(Text, default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class EntryMarkRow(Base):
    """Marks on an entry (the star), apart from its content, so entries and revisions stay append-only.

    Mutable and replicated (last writer wins per field); the row's id is the entry's id,
    and it exists only once an entry has been marked.
    """

    __tablename__ = "entry_marks"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    starred: Mapped[bool] = mapped_column(Boolean, default=False)


class EntryRevisionRow(Base):
    __tablename__ = "entry_revisions"
    __table_args__ = (Index("ix_entry_revisions_incident_occurred", "incident_id", "occurred_at"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    # No foreign key to the entry: the revisions are the record, the entry's row is derived from them.
    entry_id: Mapped[str] = mapped_column(ID, index=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"))
    stamp: Mapped[str] = mapped_column(String(80))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    milestone: Mapped[str | None] = mapped_column(String(80), nullable=True)
    vendor_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    contact_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    vendor_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    contact_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    retracted: Mapped[bool] = mapped_column(Boolean, default=False)


class DurationDefRow(Base):
    __tablename__ = "duration_defs"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    start_milestone: Mapped[str] = mapped_column(String(80))
    end_milestone: Mapped[str] = mapped_column(String(80))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class ActionItemRow(Base):
    __tablename__ = "action_items"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    tracker_url: Mapped[str] = mapped_column(Text, default="")
    entry_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class StatusUpdateRow(Base):
    __tablename__ = "status_updates"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    audience: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(Text, default="")
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(Text)


class TimelineHeadRow(Base):
    """Local, derived (never replicated): an entry's one row, holding its latest revision.

    Written with the entry's first revision and folded forward whenever a revision is
    inserted, locally or from the hub, so a 50,000-entry timeline opens with one indexed
    query instead of a window over every revision. `created_at` is the first revision's
    recorded_at: an entry is its revisions, nothing else is replicated for it.
    """

    __tablename__ = "timeline_heads"
    __table_args__ = (Index("ix_timeline_heads_incident_occurred", "incident_id", "occurred_at", "entry_id"),)

    entry_id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ID)
    stamp: Mapped[str] = mapped_column(String(80))
    revision_count: Mapped[int] = mapped_column(Integer, default=1)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    milestone: Mapped[str | None] = mapped_column(String(80), nullable=True)
    vendor_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    contact_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    vendor_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    contact_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    retracted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)  # last: where 0008 added it
