"""Replication bookkeeping: outbox, per-row field clocks, merge history, hub log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from warroom.store.models.base import Base
from warroom.store.types import JSONText, UTCDateTime, xid8_or_bigint


class LocalMetaRow(Base):
    """Per-store facts: this device's id, the clock's last stamp, hub cursors."""

    __tablename__ = "local_meta"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OutboxRow(Base):
    """Local changes not yet on the hub, written in the same transaction as the change."""

    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[dict] = mapped_column(JSONText)
    stamp: Mapped[str] = mapped_column(String(80))


class RowClockRow(Base):
    """The stamp of the write that set each field of a mutable row."""

    __tablename__ = "sync_row_clocks"

    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    stamps: Mapped[dict] = mapped_column(JSONText)


class MergeHistoryRow(Base):
    """Every value that lost a last-writer-wins merge or was overwritten.

    Keyed by the stamp of the write that set it, so replicas that see writes in
    different orders still end with the same history.
    """

    __tablename__ = "sync_merge_history"

    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(64), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[object] = mapped_column(JSONText, nullable=True)


class HubChangeRow(Base):
    """The hub's change log. Only a store acting as a hub fills it."""

    __tablename__ = "hub_changes"
    __table_args__ = (Index("ix_hub_changes_txid_seq", "txid", "seq"),)

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[dict] = mapped_column(JSONText)
    stamp: Mapped[str] = mapped_column(String(80))
    device: Mapped[str] = mapped_column(String(64))
    txid: Mapped[int | None] = mapped_column(xid8_or_bigint(), nullable=True)
    pushed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class QuarantineRow(Base):
    """A change from the hub this store refused, kept with its reason and never applied.

    The payload is kept as the hub gave it (text, which may not even be JSON),
    so a person can read what was refused and an admin can retire it on the hub.
    """

    __tablename__ = "sync_quarantine"

    change_id: Mapped[str] = mapped_column(Text, primary_key=True)
    table_name: Mapped[str] = mapped_column(Text)
    row_id: Mapped[str] = mapped_column(Text)
    device: Mapped[str] = mapped_column(Text)
    stamp: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    refused_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HubRefusedRow(Base):
    """On a hub: changes an admin retired (`warroom hub quarantine`); laptops skip them. Never deleted."""

    __tablename__ = "hub_refused"

    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reason: Mapped[str] = mapped_column(Text)
    refused_by: Mapped[str] = mapped_column(Text)
    refused_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HubIncidentNumberRow(Base):
    """On a hub: who holds each incident number (see warroom.sync.numbering). Rows are only ever added,
    so a number is given out once; on PostgreSQL new numbers come from the key's sequence."""

    __tablename__ = "hub_incident_numbers"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(36), unique=True)


class HubSnapshotRow(Base):
    """On a hub: the changes folded by compaction that still matter (see warroom.sync.compaction).

    Same as hub_changes rows, kept in their original log order (txid, seq); the
    log itself then starts after the compaction point."""

    __tablename__ = "hub_snapshot"
    __table_args__ = (Index("ix_hub_snapshot_txid_seq", "txid", "seq"),)

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=False
    )
    txid: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"))
    change_id: Mapped[str] = mapped_column(String(36), unique=True)
    table_name: Mapped[str] = mapped_column(String(64))
    row_id: Mapped[str] = mapped_column(String(36))
    payload: Mapped[dict] = mapped_column(JSONText)
    stamp: Mapped[str] = mapped_column(String(80))
    device: Mapped[str] = mapped_column(String(64))


class HubCompactionRow(Base):
    """On a hub: each compaction's point (txid, seq); the newest is where the log now starts.

    A table of its own, not local_meta: the app role may insert into local_meta, and a
    point set by anyone but the admin could make laptops skip the log."""

    __tablename__ = "hub_compactions"

    txid: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    compacted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    compacted_by: Mapped[str | None] = mapped_column(Text, nullable=True)  # who, and by hand or by the policy


class HubPolicyRow(Base):
    """On a hub: the admin's automatic compaction policy (one row, id 1) and its last run.

    Only the admin writes it; a process that may compact and syncs after it is due
    applies it (see warroom.sync.compaction_policy)."""

    __tablename__ = "hub_policy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    compact_after_days: Mapped[float | None] = mapped_column(Float, nullable=True)  # None: off
    every_hours: Mapped[float] = mapped_column(Float)
    set_by: Mapped[str] = mapped_column(Text)
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_run_by: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_result: Mapped[str | None] = mapped_column(Text, nullable=True)
