"""What every repository holds: the unit of work's session and its replicated writer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from warroom.store.replication import Replicator


class Repository:
    def __init__(self, session: Session, writer: Replicator) -> None:
        self.session = session
        self.writer = writer

    def _tombstone(self, table_name: str, row_id: str) -> None:
        """Deletes replicate as tombstones, so another laptop learns of them."""
        self.writer.update(table_name, row_id, {"deleted": True})
