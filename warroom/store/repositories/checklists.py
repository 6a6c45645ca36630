"""Checklist templates, checklists and their items, read and written as domain values.

Reads leave tombstoned rows out; removing writes a tombstone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select

from warroom.domain.checklist import Checklist, ChecklistItem, ItemState, Template, TemplateItem
from warroom.store.models import ChecklistItemRow, ChecklistRow, ChecklistTemplateRow
from warroom.store.repositories.base import Repository, row_of

ITEMS = "checklist_items"


def template_from_row(row: ChecklistTemplateRow) -> Template:
    items = tuple(
        TemplateItem(str(i.get("section") or ""), str(i.get("text") or ""), str(i.get("hint") or ""))
        for i in (row.items or ())
        if isinstance(i, dict)
    )
    return Template(id=row.id, name=row.name, description=row.description or "", items=items, builtin=bool(row.builtin))


def item_from_row(row: ChecklistItemRow) -> ChecklistItem:
    return ChecklistItem(
        id=row.id,
        checklist_id=row.checklist_id,
        section=row.section or "",
        text=row.text,
        hint=row.hint or "",
        position=row.position,
        state=ItemState(row.state),
        assignee=row.assignee or None,
        done_at=row.done_at,
        done_by=row.done_by or None,
        note=row.note or "",
    )


def checklist_from_row(row: ChecklistRow, items: Iterable[ChecklistItem] = ()) -> Checklist:
    return Checklist(
        id=row.id,
        incident_id=row.incident_id,
        title=row.title,
        template_name=row.template_name,
        created_at=row.created_at,
        items=tuple(items),
    )


def _template_items(items: Iterable[TemplateItem]) -> list[dict[str, str]]:
    return [{"section": i.section, "text": i.text, "hint": i.hint} for i in items]


class ChecklistRepository(Repository):
    # -- writing: templates ------------------------------------------------------
    def add_template(self, template: Template) -> None:
        row = {
            "id": template.id,
            "name": template.name,
            "description": template.description,
            "items": _template_items(template.items),
            "builtin": template.builtin,
            "deleted": False,
        }
        self.writer.create("checklist_templates", row)

    def change_template(self, template_id: str, name: str, description: str, items: Iterable[TemplateItem]) -> None:
        values = {"name": name, "description": description, "items": _template_items(items)}
        self.writer.update("checklist_templates", template_id, values)

    def remove_template(self, template_id: str) -> None:
        self._tombstone("checklist_templates", template_id)

    # -- writing: checklists and items ---------------------------------------------
    def add_checklist(self, checklist: Checklist) -> None:
        """The checklist with the items it starts with."""
        row = {
            "id": checklist.id,
            "incident_id": checklist.incident_id,
            "title": checklist.title,
            "template_name": checklist.template_name,
            "created_at": checklist.created_at,
            "deleted": False,
        }
        self.writer.create("checklists", row)
        for item in checklist.items:
            self.add_item(item)

    def rename_checklist(self, checklist_id: str, title: str) -> None:
        self.writer.update("checklists", checklist_id, {"title": title})

    def remove_checklist(self, checklist_id: str) -> None:
        self._tombstone("checklists", checklist_id)

    def add_item(self, item: ChecklistItem) -> None:
        self.writer.create(ITEMS, row_of(item, deleted=False))

    def change_item(self, item_id: str, fields: dict[str, Any]) -> None:
        """Change some of an item's own fields: text, section, hint, assignee, note."""
        self.writer.update(ITEMS, item_id, fields)

    def move_item(self, item_id: str, position: float, section: str | None = None) -> None:
        values: dict[str, Any] = {"position": position}
        if section is not None:
            values["section"] = section
        self.writer.update(ITEMS, item_id, values)

    def tick_item(
        self, item_id: str, state: ItemState, done_at: datetime | None, done_by: str | None, note: str | None = None
    ) -> None:
        """Done, skipped or open again (then done_at and done_by are None); `note` replaces the note."""
        values: dict[str, Any] = {"state": state.value, "done_at": done_at, "done_by": done_by}
        if note is not None:
            values["note"] = note
        self.writer.update(ITEMS, item_id, values)

    def remove_item(self, item_id: str) -> None:
        self._tombstone(ITEMS, item_id)

    # -- reading ------------------------------------------------------------------
    # -- templates --------------------------------------------------------------
    def templates(self) -> list[Template]:
        rows = self.session.scalars(
            select(ChecklistTemplateRow)
            .where(ChecklistTemplateRow.deleted.is_(False))
            .order_by(ChecklistTemplateRow.name, ChecklistTemplateRow.id)
        )
        return [template_from_row(r) for r in rows]

    def template(self, template_id: str) -> Template | None:
        row = self.session.get(ChecklistTemplateRow, template_id)
        return template_from_row(row) if row is not None and not row.deleted else None

    def existing_template_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids have a row, tombstoned or not (for seeding built-ins once)."""
        wanted = list(ids)
        if not wanted:
            return set()
        return set(self.session.scalars(select(ChecklistTemplateRow.id).where(ChecklistTemplateRow.id.in_(wanted))))

    # -- checklists -------------------------------------------------------------
    def checklists(self, incident_id: str) -> list[Checklist]:
        rows = list(
            self.session.scalars(
                select(ChecklistRow)
                .where(ChecklistRow.incident_id == incident_id, ChecklistRow.deleted.is_(False))
                .order_by(ChecklistRow.created_at, ChecklistRow.id)
            )
        )
        items = self._items_of([r.id for r in rows])
        return [checklist_from_row(r, items.get(r.id, ())) for r in rows]

    def checklist(self, checklist_id: str) -> Checklist | None:
        row = self.session.get(ChecklistRow, checklist_id)
        if row is None or row.deleted:
            return None
        return checklist_from_row(row, self._items_of([checklist_id]).get(checklist_id, ()))

    def item(self, item_id: str) -> ChecklistItem | None:
        """A live item of a live checklist; None once either was removed."""
        row = self.session.get(ChecklistItemRow, item_id)
        if row is None or row.deleted:
            return None
        parent = self.session.get(ChecklistRow, row.checklist_id)
        if parent is None or parent.deleted:
            return None
        return item_from_row(row)

    def item_was_removed(self, item_id: str) -> bool:
        """True when the item (or its checklist) exists only as a tombstone."""
        row = self.session.get(ChecklistItemRow, item_id)
        return row is not None and self.item(item_id) is None

    def items(self, checklist_id: str) -> list[ChecklistItem]:
        return list(self._items_of([checklist_id]).get(checklist_id, ()))

    def incident_progress(self, incident_id: str) -> tuple[int, int]:
        """(finished, total) over every live item of the incident's live checklists."""
        finished = func.sum(case((ChecklistItemRow.state != ItemState.OPEN.value, 1), else_=0))
        query = (
            select(func.count(ChecklistItemRow.id), finished)
            .join(ChecklistRow, ChecklistRow.id == ChecklistItemRow.checklist_id)
            .where(
                ChecklistRow.incident_id == incident_id,
                ChecklistRow.deleted.is_(False),
                ChecklistItemRow.deleted.is_(False),
            )
        )
        total, done = self.session.execute(query).one()
        return int(done or 0), int(total or 0)

    def _items_of(self, checklist_ids: list[str]) -> dict[str, list[ChecklistItem]]:
        if not checklist_ids:
            return {}
        rows = self.session.scalars(
            select(ChecklistItemRow)
            .where(ChecklistItemRow.checklist_id.in_(checklist_ids), ChecklistItemRow.deleted.is_(False))
            .order_by(ChecklistItemRow.position, ChecklistItemRow.id)
        )
        grouped: dict[str, list[ChecklistItem]] = {}
        for row in rows:
            grouped.setdefault(row.checklist_id, []).append(item_from_row(row))
        return grouped
