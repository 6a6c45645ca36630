"""Reading action items and status updates."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from warroom.domain.action_items import ActionItem, ActionKind, ActionStatus, Audience, StatusUpdate
from warroom.store.models import ActionItemRow, StatusUpdateRow


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


class ActionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

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
