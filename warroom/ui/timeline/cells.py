"""What each cell of the timeline table says: text, tooltip, header. Plain functions."""

from __future__ import annotations

import html
from enum import IntEnum

from warroom.domain.timeline import Entry
from warroom.ui.kit.style import KIND_LABELS
from warroom.ui.kit.text import shorten, shown
from warroom.ui.kit.time_display import TimeDisplay, utc_tooltip

CELL_TEXT_LIMIT = 240
TOOLTIP_TEXT_LIMIT = 4000


class Column(IntEnum):
    STAR = 0
    TIME = 1
    KIND = 2
    AUTHOR = 3
    TEXT = 4
    VENDOR = 5
    MILESTONE = 6
    EDITED = 7


HEADERS = {
    Column.STAR: "",
    Column.TIME: "Time",
    Column.KIND: "Kind",
    Column.AUTHOR: "Author",
    Column.TEXT: "What happened",
    Column.VENDOR: "Vendor / contact",
    Column.MILESTONE: "Milestone",
    Column.EDITED: "",
}


def vendor_label(entry: Entry) -> str:
    return " · ".join(part for part in (entry.vendor_name, entry.contact_name) if part)


def cell_text(entry: Entry, column: Column, display: TimeDisplay, starts_day: bool = False) -> str | None:
    if column in (Column.AUTHOR, Column.TEXT, Column.VENDOR):  # what people typed: bidi controls shown
        return shown(_typed_text(entry, column))
    if column == Column.TIME:
        if starts_day:
            return display.day_and_clock(entry.occurred_at)
        return display.clock(entry.occurred_at)
    if column == Column.KIND:
        return KIND_LABELS[entry.kind]
    if column == Column.MILESTONE:
        return entry.milestone or ""
    if column == Column.EDITED:
        return "edited" if entry.edited else ""
    return None


def _typed_text(entry: Entry, column: Column) -> str:
    if column == Column.AUTHOR:
        return entry.author
    if column == Column.TEXT:
        return ("[retracted] " if entry.retracted else "") + shorten(entry.text)
    return vendor_label(entry)


def cell_tooltip(entry: Entry, column: Column, display: TimeDisplay) -> str | None:
    if column == Column.TIME:
        return f"{display.full(entry.occurred_at)}\n{utc_tooltip(entry.occurred_at)}"
    if column == Column.TEXT:
        text = shown(entry.text[:TOOLTIP_TEXT_LIMIT])
        more = "<br><i>… the rest: F2 opens the whole entry</i>" if len(entry.text) > TOOLTIP_TEXT_LIMIT else ""
        return f"<p style='white-space:pre-wrap'>{html.escape(text)}{more}</p>"
    if column == Column.EDITED and entry.edited:
        return f"Revision {entry.revision}; Ctrl+H shows every revision"
    if column == Column.STAR:
        return "Starred" if entry.starred else None
    text = cell_text(entry, column, display)
    return text or None
