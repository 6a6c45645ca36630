"""What every repository holds: the unit of work's session and its replicated writer."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from warroom.domain.clock import as_utc

if TYPE_CHECKING:
    from warroom.store.replication import Replicator


class Repository:
    def __init__(self, session: Session | Callable[[], Session], writer: Replicator) -> None:
        self._session_of = session if callable(session) else (lambda: session)
        self.writer = writer

    @property
    def session(self) -> Session:
        """The unit of work's Session: made on first use, so a write that only reads by
        primary key (the timeline's append) runs without one."""
        return self._session_of()

    def _connection(self) -> Connection:
        """The unit of work's connection, without a Session: for the hot path's Core reads."""
        return self.writer.connection()

    def _tombstone(self, table_name: str, row_id: str) -> None:
        """Deletes replicate as tombstones, so another laptop learns of them."""
        self.writer.update(table_name, row_id, {"deleted": True})


def row_of(value: Any, *, deleted: bool | None = None) -> dict[str, Any]:
    """The row of a domain value whose fields are named as its table's columns: tuples are
    stored as JSON lists, enums by value, instants in UTC. `deleted` adds the tombstone flag."""
    row = {f.name: _column(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if deleted is not None:
        row["deleted"] = deleted
    return row


def _column(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return as_utc(value)
    return value
