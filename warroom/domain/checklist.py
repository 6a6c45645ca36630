"""Checklists and their templates (runbooks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum


class ItemState(str, Enum):
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class TemplateItem:
    section: str
    text: str
    hint: str = ""


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    description: str
    items: tuple[TemplateItem, ...]
    builtin: bool = False


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    checklist_id: str
    section: str
    text: str
    hint: str
    position: float
    state: ItemState
    assignee: str | None
    done_at: datetime | None
    done_by: str | None
    note: str


@dataclass(frozen=True)
class Checklist:
    id: str
    incident_id: str
    title: str
    template_name: str | None
    created_at: datetime
    items: tuple[ChecklistItem, ...] = ()

    @property
    def progress(self) -> tuple[int, int]:
        """(finished, total): done and skipped both count as finished."""
        finished = sum(1 for i in self.items if i.state is not ItemState.OPEN)
        return finished, len(self.items)
