"""Action items and status updates: read and written as domain values."""

from __future__ import annotations

from enum import Enum
from typing import Any

from sqlalchemy import select

from warroom.domain.action_items import ActionItem, ActionKind, ActionStatus, Audience, StatusUpdate
from warroom.store.models import ActionItemRow, StatusUpdateRow
from warroom.store.repositories.base import Repository, row_of


def action_from_row(r: ActionItemRow) -> ActionItem:
    return ActionItem(
        id=r.id,
        incident_id=r.incident_id,
        kind=ActionKind(r.kind),
        text=r.text,
        owner=r.owner or "",
        due_date=r.due_date,
        status=ActionStatus(r.status),
        tracker_url=r.tracker_url or "",
        entry_id=r.entry_id,
    )


def update_from_row(r: StatusUpdateRow) -> StatusUpdate:
    return StatusUpdate(
        id=r.id,
        incident_id=r.incident_id,
        audience=Audience(r.audience),
        text=r.text,
        channel=r.channel or "",
        posted_at=r.posted_at,
        author=r.author,
    )


class ActionRepository(Repository):
    # -- writing ----------------------------------------------------------------
    def add_action(self, item: ActionItem) -> None:
        self.writer.create("action_items", row_of(item, deleted=False))

    def change_action(self, item_id: str, fields: dict[str, Any]) -> None:
        """Change some fields (text, kind, owner, due_date, status, tracker_url); enums by value."""
        values = {k: (v.value if isinstance(v, Enum) else v) for k, v in fields.items()}
        self.writer.update("action_items", item_id, values)

    def remove_action(self, item_id: str) -> None:
        self._tombstone("action_items", item_id)

    def add_status_update(self, update: StatusUpdate) -> None:
        self.writer.append("status_updates", row_of(update))

    # -- reading ----------------------------------------------------------------
    def action_items(self, incident_id: str) -> list[ActionItem]:
        rows = self.session.scalars(
            select(ActionItemRow)
            .where(ActionItemRow.incident_id == incident_id, ActionItemRow.deleted.is_(False))
            .order_by(ActionItemRow.id)
        )
        return [action_from_row(r) for r in rows]

    def action_item(self, item_id: str) -> ActionItem | None:
        r = self.session.get(ActionItemRow, item_id)
        return action_from_row(r) if r is not None and not r.deleted else None

    def status_updates(self, incident_id: str) -> list[StatusUpdate]:
        rows = self.session.scalars(
            select(StatusUpdateRow)
            .where(StatusUpdateRow.incident_id == incident_id)
            .order_by(StatusUpdateRow.posted_at)
        )
        return [update_from_row(r) for r in rows]
