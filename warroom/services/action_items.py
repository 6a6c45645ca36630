"""Corrective and preventive action items, and the status updates that were sent."""

from __future__ import annotations

from datetime import date, datetime

from warroom.domain.action_items import ActionItem, ActionKind, ActionStatus, Audience, StatusUpdate
from warroom.domain.choices import parse_choice
from warroom.domain.clock import as_utc
from warroom.domain.errors import ValidationError, must_exist
from warroom.domain.ids import new_id
from warroom.domain.timeline import EntryKind
from warroom.services.context import ServiceContext
from warroom.services.timeline import write_entry

_GONE = "That action item no longer exists (removed on another laptop?)."


def _text(value: str, what: str) -> str:
    if not value or not value.strip():
        raise ValidationError(f"An {what} needs some text: say what will be done.")
    return value.strip()


class ActionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def add_action(
        self,
        incident_id: str,
        text: str,
        *,
        kind: ActionKind | str = ActionKind.CORRECTIVE,
        owner: str = "",
        due_date: date | None = None,
        status: ActionStatus | str = ActionStatus.OPEN,
        tracker_url: str = "",
        entry_id: str | None = None,
    ) -> ActionItem:
        item = ActionItem(
            id=new_id(),
            incident_id=incident_id,
            kind=parse_choice(ActionKind, kind, "action kind"),
            text=_text(text, "action item"),
            owner=owner.strip(),
            due_date=due_date,
            status=parse_choice(ActionStatus, status, "action status"),
            tracker_url=tracker_url.strip(),
            entry_id=entry_id,
        )
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.incidents.require(incident_id)
            uow.repos.actions.add_action(item)
            uow.commit()
            return must_exist(uow.repos.actions.action_item(item.id), _GONE)

    def update_action(self, item_id: str, **fields) -> ActionItem:
        allowed = {"text", "kind", "owner", "due_date", "status", "tracker_url"}
        if set(fields) - allowed:
            raise ValidationError(f"Cannot change {', '.join(sorted(set(fields) - allowed))} of an action item.")
        values = dict(fields)
        if "kind" in values:
            values["kind"] = parse_choice(ActionKind, values["kind"], "action kind").value
        if "status" in values:
            values["status"] = parse_choice(ActionStatus, values["status"], "action status").value
        if "text" in values:
            values["text"] = _text(values["text"], "action item")
        with self.ctx.store.unit_of_work() as uow:
            must_exist(uow.repos.actions.action_item(item_id), _GONE)
            uow.repos.actions.change_action(item_id, values)
            uow.commit()
            return must_exist(uow.repos.actions.action_item(item_id), _GONE)

    def remove_action(self, item_id: str) -> None:
        with self.ctx.store.unit_of_work() as uow:
            if uow.repos.actions.action_item(item_id) is not None:
                uow.repos.actions.remove_action(item_id)
                uow.commit()

    def action_items(self, incident_id: str) -> list[ActionItem]:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.actions.action_items(incident_id)

    def post_update(
        self,
        incident_id: str,
        text: str,
        *,
        audience: Audience | str = Audience.INTERNAL,
        channel: str = "",
        posted_at: datetime | None = None,
        author: str | None = None,
    ) -> StatusUpdate:
        """Record a status update that was sent; it also goes into the timeline."""
        aud = parse_choice(Audience, audience, "audience")
        when = as_utc(posted_at) if posted_at else self.ctx.now()
        update = StatusUpdate(
            id=new_id(),
            incident_id=incident_id,
            audience=aud,
            text=_text(text, "status update"),
            channel=channel.strip(),
            posted_at=when,
            author=(author or self.ctx.user_name).strip(),
        )
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.incidents.require(incident_id)
            uow.repos.actions.add_status_update(update)
            where = f" via {update.channel}" if update.channel else ""
            write_entry(
                uow,
                incident_id,
                self.ctx.now(),
                occurred_at=when,
                author=update.author,
                kind=EntryKind.COMMUNICATION,
                text=f"{aud.value.capitalize()} update{where}: {update.text}",
            )
            uow.commit()
            return next(u for u in uow.repos.actions.status_updates(incident_id) if u.id == update.id)

    def status_updates(self, incident_id: str) -> list[StatusUpdate]:
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.actions.status_updates(incident_id)
