"""Checklist templates and the checklists started on incidents."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from warroom.store.models.base import Base
from warroom.store.types import JSONText, UTCDateTime

ID = String(36)


class ChecklistTemplateRow(Base):
    __tablename__ = "checklist_templates"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    items: Mapped[list] = mapped_column(JSONText, default=list)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class ChecklistRow(Base):
    __tablename__ = "checklists"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    template_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)


class ChecklistItemRow(Base):
    __tablename__ = "checklist_items"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    checklist_id: Mapped[str] = mapped_column(ForeignKey("checklists.id"), index=True)
    section: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    hint: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[float] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(10), default="open")
    assignee: Mapped[str | None] = mapped_column(Text, nullable=True)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    done_by: Mapped[str | None] = mapped_column(Text, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
