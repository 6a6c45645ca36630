"""Checklists on an incident: started from a template or blank, edited ad hoc, ticked by anyone.

Ticking, skipping and un-ticking write a timeline entry of kind checklist in the same unit of
work, so the record of who did what and when cannot drift from the checklist. Every item field
merges last-writer-wins across laptops; the timeline keeps both people's actions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from warroom.domain.checklist import Checklist, ChecklistItem, ItemState
from warroom.domain.checklist_ops import position_for_index, spaced_positions, tick_entry_text, validate_skip_reason
from warroom.domain.clock import as_utc
from warroom.domain.errors import NotFoundError
from warroom.domain.ids import new_id
from warroom.domain.not_future import not_future
from warroom.domain.timeline import EntryKind
from warroom.services.checklist_rules import (
    add_line,
    clean_item_text,
    clean_note,
    clean_person,
    clean_title,
    find_item_by_ref,
    one_line,
    plan_step,
)
from warroom.services.checklist_templates import TemplateLibrary
from warroom.services.timeline import write_entry
from warroom.store.uow import UnitOfWork

_GONE = "This checklist item no longer exists: it was removed, perhaps on another laptop; nothing was changed."


class ChecklistService(TemplateLibrary):
    """Template library (see TemplateLibrary) plus the checklists started on incidents."""

    # -- checklists ---------------------------------------------------------------
    def start(self, incident_id: str, template: str | None = None, *, title: str | None = None) -> Checklist:
        """Start a checklist from a template (name, slug or id), or a blank one when template is None."""
        source = self.template(template) if template is not None and template.strip() else None
        name = clean_title(title if title is not None and title.strip() else (source.name if source else "Checklist"))
        checklist_id = new_id()
        with self.ctx.store.unit_of_work() as uow:
            uow.repos.incidents.require(incident_id)
            items = source.items if source else ()
            checklist = Checklist(
                id=checklist_id,
                incident_id=incident_id,
                title=name,
                template_name=source.name if source else None,
                created_at=self.ctx.now(),
                items=tuple(
                    self._new_item(checklist_id, item.section, item.text, item.hint, position)
                    for position, item in zip(spaced_positions(len(items)), items)
                ),
            )
            uow.repos.checklists.add_checklist(checklist)
            uow.commit()
            return self._checklist(uow, checklist_id)

    def checklists(self, incident_id: str) -> list[Checklist]:
        """The incident's checklists, oldest first, each with its items in order."""
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.checklists.checklists(incident_id)

    def checklist(self, checklist_id: str) -> Checklist:
        with self.ctx.store.unit_of_work() as uow:
            return self._checklist(uow, checklist_id)

    def rename_checklist(self, checklist_id: str, title: str) -> Checklist:
        with self.ctx.store.unit_of_work() as uow:
            self._checklist(uow, checklist_id)
            uow.repos.checklists.rename_checklist(checklist_id, clean_title(title))
            uow.commit()
            return self._checklist(uow, checklist_id)

    def remove_checklist(self, checklist_id: str) -> None:
        """Tombstone a checklist; its items go with it. Removing it twice is harmless."""
        with self.ctx.store.unit_of_work() as uow:
            if uow.repos.checklists.checklist(checklist_id) is not None:
                uow.repos.checklists.remove_checklist(checklist_id)
                uow.commit()

    def progress(self, incident_id: str) -> tuple[int, int]:
        """(finished, total) over all the incident's checklists, for the incident header."""
        with self.ctx.store.unit_of_work() as uow:
            return uow.repos.checklists.incident_progress(incident_id)

    # -- items: reading -------------------------------------------------------------
    def item(self, item_id: str) -> ChecklistItem:
        with self.ctx.store.unit_of_work() as uow:
            return self._item(uow, item_id)

    def find_item(self, incident_id: str, ref: str) -> ChecklistItem:
        """An item by id, by its 1-based number across the incident's checklists, or by a unique
        start of its text (case-insensitive)."""
        with self.ctx.store.unit_of_work() as uow:
            if uow.repos.checklists.item_was_removed(one_line(ref).lower()):
                raise NotFoundError(_GONE)
            return find_item_by_ref(uow.repos.checklists.checklists(incident_id), ref)

    # -- items: editing --------------------------------------------------------------
    def add_item(
        self, checklist_id: str, text: str, *, section: str | None = None, hint: str = "", after: str | None = None
    ) -> ChecklistItem:
        """Add an item after item `after`, else at the end of `section`, else at the very end.
        The section defaults to the neighbour's above."""
        text = clean_item_text(text)
        with self.ctx.store.unit_of_work() as uow:
            items = self._checklist(uow, checklist_id).items
            index = self._insert_index(items, after, section)
            neighbour = items[index - 1] if index > 0 else None
            chosen = one_line(section) if section is not None else (neighbour.section if neighbour else "")
            position = self._position_at(uow, items, index)
            item = self._new_item(checklist_id, chosen, text, clean_note(hint), position)
            uow.repos.checklists.add_item(item)
            uow.commit()
            return self._item(uow, item.id)

    def edit_item(
        self, item_id: str, *, text: str | None = None, section: str | None = None, hint: str | None = None
    ) -> ChecklistItem:
        values: dict = {}
        if text is not None:
            values["text"] = clean_item_text(text)
        if section is not None:
            values["section"] = one_line(section)
        if hint is not None:
            values["hint"] = clean_note(hint)
        return self._update(item_id, values)

    def move_item(self, item_id: str, index: int, *, section: str | None = None) -> ChecklistItem:
        """Put an item at `index` (0 = top) among the other items of its checklist."""
        with self.ctx.store.unit_of_work() as uow:
            item = self._item(uow, item_id)
            others = [i for i in uow.repos.checklists.items(item.checklist_id) if i.id != item_id]
            position = self._position_at(uow, others, max(0, min(index, len(others))))
            uow.repos.checklists.move_item(item_id, position, one_line(section) if section is not None else None)
            uow.commit()
            return self._item(uow, item_id)

    def shift_item(self, item_id: str, steps: int) -> ChecklistItem:
        """One step up (steps < 0) or down; past a section's edge it joins the next section."""
        with self.ctx.store.unit_of_work() as uow:
            item = self._item(uow, item_id)
            step = plan_step(uow.repos.checklists.items(item.checklist_id), item_id, steps)
        if step is None:
            return item
        if step.section is not None:
            return self._update(item_id, {"section": step.section})
        assert step.index is not None  # a step without a new section has a new index
        return self.move_item(item_id, step.index)

    def remove_item(self, item_id: str) -> None:
        """Tombstone an item. Removing one that is already gone is harmless."""
        with self.ctx.store.unit_of_work() as uow:
            if uow.repos.checklists.item(item_id) is not None:
                uow.repos.checklists.remove_item(item_id)
                uow.commit()

    def assign(self, item_id: str, assignee: str | None) -> ChecklistItem:
        """Assign an item to a person; None or blank clears it."""
        return self._update(item_id, {"assignee": clean_person(assignee, "Assignee")})

    def set_note(self, item_id: str, note: str | None) -> ChecklistItem:
        return self._update(item_id, {"note": clean_note(note)})

    # -- items: ticking ----------------------------------------------------------------
    def tick(
        self, item_id: str, *, by: str | None = None, at: datetime | None = None, note: str | None = None
    ) -> ChecklistItem:
        """Mark done (by `by`, default the user) and record it in the timeline."""
        return self._change_state(item_id, ItemState.DONE, by=by, at=at, note=note)

    def skip(self, item_id: str, reason: str, *, by: str | None = None, at: datetime | None = None) -> ChecklistItem:
        """Mark skipped; the reason goes to the timeline and, as 'Skipped: …', to the item's note."""
        return self._change_state(item_id, ItemState.SKIPPED, by=by, at=at, reason=validate_skip_reason(reason))

    def untick(
        self, item_id: str, *, by: str | None = None, at: datetime | None = None, reason: str | None = None
    ) -> ChecklistItem:
        """Open a done or skipped item again; that is recorded in the timeline too."""
        return self._change_state(item_id, ItemState.OPEN, by=by, at=at, reason=reason)

    def _change_state(
        self,
        item_id: str,
        state: ItemState,
        *,
        by: str | None,
        at: datetime | None,
        reason: str | None = None,
        note: str | None = None,
    ) -> ChecklistItem:
        who = clean_person(by, "Done by") or self.ctx.user_name
        now = self.ctx.now()
        when = as_utc(at) if at else now
        not_future(when, now, "That time is in the future: tick an item when it has been done.")
        with self.ctx.store.unit_of_work() as uow:
            item = self._item(uow, item_id)
            if item.state is state and (state is not ItemState.SKIPPED or item.note.endswith(f"Skipped: {reason}")):
                return item  # a second press on the same laptop records nothing twice
            done_at, done_by = (None, None) if state is ItemState.OPEN else (when, who)
            new_note = self._note_after(item, state, reason, note)
            uow.repos.checklists.tick_item(item_id, state, done_at, done_by, new_note)
            checklist = self._checklist(uow, item.checklist_id)
            write_entry(
                uow,
                checklist.incident_id,
                now,
                occurred_at=when,
                author=self.ctx.user_name,
                kind=EntryKind.CHECKLIST,
                text=tick_entry_text(item.text, state, who, reason, one_line(note)),
            )
            uow.commit()
            return self._item(uow, item_id)

    @staticmethod
    def _note_after(item: ChecklistItem, state: ItemState, reason: str | None, note: str | None) -> str | None:
        """The item's note with this change's note or skip reason added; None: unchanged."""
        extra = clean_note(note) if note else ""
        if state is ItemState.SKIPPED:
            extra = f"Skipped: {reason}"
        return add_line(item.note, extra) if extra else None

    # -- helpers --------------------------------------------------------------------------
    def _update(self, item_id: str, values: dict) -> ChecklistItem:
        with self.ctx.store.unit_of_work() as uow:
            self._item(uow, item_id)
            if values:
                uow.repos.checklists.change_item(item_id, values)
                uow.commit()
            return self._item(uow, item_id)

    @staticmethod
    def _insert_index(items: Sequence[ChecklistItem], after: str | None, section: str | None) -> int:
        ids = [i.id for i in items]
        if after is not None:
            if after not in ids:
                raise NotFoundError("The item to add after no longer exists (removed on another laptop?).")
            return ids.index(after) + 1
        if section is not None:
            same = [n for n, i in enumerate(items) if i.section == one_line(section)]
            if same:
                return same[-1] + 1
        return len(items)

    @staticmethod
    def _position_at(uow: UnitOfWork, others: Sequence[ChecklistItem], index: int) -> float:
        """A position at `index` among `others`; renumbers them all when no gap is left
        (or when two laptops put items at the same position)."""
        try:
            return position_for_index([i.position for i in others], index)
        except ValueError:  # PositionsExhausted, or tied positions from two laptops
            fresh = spaced_positions(len(others) + 1)
            for item, position in zip(others, fresh[:index] + fresh[index + 1 :]):
                uow.repos.checklists.move_item(item.id, position)
            return fresh[index]

    @staticmethod
    def _new_item(checklist_id: str, section: str, text: str, hint: str, position: float) -> ChecklistItem:
        return ChecklistItem(
            id=new_id(),
            checklist_id=checklist_id,
            section=section,
            text=text,
            hint=hint,
            position=position,
            state=ItemState.OPEN,
            assignee=None,
            done_at=None,
            done_by=None,
            note="",
        )

    @staticmethod
    def _checklist(uow: UnitOfWork, checklist_id: str) -> Checklist:
        found = uow.repos.checklists.checklist(checklist_id)
        if found is None:
            raise NotFoundError("That checklist no longer exists: it was removed, perhaps on another laptop.")
        return found

    @staticmethod
    def _item(uow: UnitOfWork, item_id: str) -> ChecklistItem:
        found = uow.repos.checklists.item(item_id)
        if found is None:
            raise NotFoundError(_GONE)
        return found
