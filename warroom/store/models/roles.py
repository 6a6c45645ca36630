"""The change record, roles, open questions and handovers.

Changes are mutable rows (a typo in a version can be fixed); everything that is history — a
change's marks, role assignments, question states and handovers — is append-only.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from warroom.store.models.base import Base
from warroom.store.types import JSONText, UTCDateTime

ID = String(36)


class ChangeRecordRow(Base):
    __tablename__ = "change_records"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    service: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    version: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    reverts_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class ChangeMarkRow(Base):
    __tablename__ = "change_marks"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    change_id: Mapped[str] = mapped_column(ForeignKey("change_records.id"), index=True)
    incident_id: Mapped[str] = mapped_column(ID, index=True)
    mark: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")


class RoleAssignmentRow(Base):
    """One assignment: `person` "" vacates the role; `vendor_id` scopes a vendor owner."""

    __tablename__ = "role_assignments"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    role: Mapped[str] = mapped_column(Text)
    person: Mapped[str] = mapped_column(Text)
    vendor_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    vendor_name: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(Text)
    entry_id: Mapped[str | None] = mapped_column(ID, nullable=True)


class QuestionStateRow(Base):
    """An entry marked as an open question or hypothesis, and later resolved."""

    __tablename__ = "question_states"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    entry_id: Mapped[str] = mapped_column(ID, index=True)
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20))
    settled_by: Mapped[str | None] = mapped_column(ID, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(Text)


class HandoverRow(Base):
    """A handover the incoming commander accepted, with the brief as it was then (JSON)."""

    __tablename__ = "handovers"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    from_person: Mapped[str] = mapped_column(Text)
    to_person: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(Text, default="")
    brief: Mapped[dict] = mapped_column(JSONText)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    author: Mapped[str] = mapped_column(Text)
    entry_id: Mapped[str | None] = mapped_column(ID, nullable=True)
