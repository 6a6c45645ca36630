"""Pure rules the checklist service applies: clean input, find an item by what a person typed,
and where an item goes when it moves one step."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from warroom.domain.checklist import Checklist, ChecklistItem
from warroom.domain.errors import AmbiguousError, NotFoundError, ValidationError
from warroom.domain.ids import is_id

MAX_TITLE_CHARS = 200
MAX_ITEM_CHARS = 2000
MAX_NAME_CHARS = 200
MAX_NOTE_CHARS = 20_000
_LINE_BREAKS = re.compile(r"\s*(?:\r\n|\r|\n)\s*")


def one_line(text: str | None) -> str:
    return _LINE_BREAKS.sub(" ", text or "").strip()


def clean_title(title: str | None) -> str:
    text = one_line(title)
    if not text:
        raise ValidationError("Checklist title is empty: name the checklist, e.g. 'Rollback'.")
    if len(text) > MAX_TITLE_CHARS:
        raise ValidationError(f"Checklist title is {len(text):,} characters; keep it to {MAX_TITLE_CHARS}.")
    return text


def clean_item_text(text: str | None) -> str:
    value = one_line(text)
    if not value:
        raise ValidationError("Item text is empty: write what to do, e.g. 'Read the logs'.")
    if len(value) > MAX_ITEM_CHARS:
        raise ValidationError(
            f"Item text is {len(value):,} characters; keep it to {MAX_ITEM_CHARS:,} and put details in a note."
        )
    return value


def clean_person(name: str | None, what: str) -> str | None:
    """An assignee or a 'done by' name: one line, or None when blank."""
    value = one_line(name)
    if len(value) > MAX_NAME_CHARS:
        raise ValidationError(f"{what} is {len(value):,} characters; a name is at most {MAX_NAME_CHARS}.")
    return value or None


def clean_note(note: str | None) -> str:
    lines = [line.rstrip() for line in (note or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    value = "\n".join(lines).strip("\n")
    if len(value) > MAX_NOTE_CHARS:
        raise ValidationError(f"Note is {len(value):,} characters; keep it to {MAX_NOTE_CHARS:,}.")
    return value


def add_line(note: str, line: str) -> str:
    return f"{note}\n{line}" if note else line


@dataclass(frozen=True)
class NumberedItem:
    number: int  # 1-based across all the incident's checklists, as `checklist show` prints it
    item: ChecklistItem


def numbered_items(checklists: Sequence[Checklist]) -> list[NumberedItem]:
    flat = [item for checklist in checklists for item in checklist.items]
    return [NumberedItem(n, item) for n, item in enumerate(flat, start=1)]


def find_item_by_ref(checklists: Sequence[Checklist], ref: str) -> ChecklistItem:
    """An item id, its number as shown, or a unique start of its text (ignoring case)."""
    wanted = " ".join((ref or "").split())
    if not wanted:
        raise ValidationError("Item is empty: give its number, its id or the start of its text.")
    numbered = numbered_items(checklists)
    if is_id(wanted):
        hits = [n.item for n in numbered if n.item.id == wanted.lower()]
    elif wanted.isdigit():
        hits = [n.item for n in numbered if n.number == int(wanted)]
        if not hits:
            raise NotFoundError(f"There is no item {wanted}: the incident's checklists have {len(numbered)} items.")
    else:
        hits = [n.item for n in numbered if n.item.text.casefold().startswith(wanted.casefold())]
        if len(hits) > 1:
            numbers = ", ".join(str(n.number) for n in numbered if n.item in hits)
            raise AmbiguousError(
                f"{len(hits)} items start with {wanted!r} (numbers {numbers}); give more of the text or the number."
            )
    if not hits:
        raise NotFoundError(
            f"No checklist item of this incident matches {wanted!r}; 'warroom checklist show' lists them."
        )
    return hits[0]


@dataclass(frozen=True)
class Step:
    """Where a one-step move takes an item: a new index among the others, or a new section."""

    index: int | None = None
    section: str | None = None


def plan_step(items: Sequence[ChecklistItem], item_id: str, steps: int) -> Step | None:
    """Moving up past the top of a section joins the section above (and down likewise), so
    Ctrl+Up/Down walks an item through every place a person sees. None: it cannot move."""
    ids = [i.id for i in items]
    here = ids.index(item_id)
    there = here + (1 if steps > 0 else -1)
    if steps == 0 or not 0 <= there < len(items):
        return None
    if items[there].section != items[here].section:
        return Step(section=items[there].section)
    return Step(index=there)
