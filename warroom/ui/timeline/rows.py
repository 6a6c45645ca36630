"""What the timeline table paints for each row, worked out once per entry and kept.

A repaint asks the model for about fifty values a row (text, icon, colour, font... for each
column). Working each out from the Entry on every call made a full repaint of the view cost
about 10 ms of Python on the GUI thread, and a live incident repaints after every arrival
(the rows move up by one). Rows are kept by entry id and rebuilt only when their entry or
the time display changes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from warroom.domain.timeline import Entry, EntryKind
from warroom.ui.kit.style import KIND_COLOURS, kind_icon, star_icon
from warroom.ui.kit.theme import ink, is_dark
from warroom.ui.kit.time_display import TimeDisplay
from warroom.ui.timeline.cells import Column, cell_text

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
DECORATION = int(Qt.ItemDataRole.DecorationRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
FONT = int(Qt.ItemDataRole.FontRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
TIME = int(Column.TIME)
COLUMNS = len(Column)
_GREYS: dict[str, QColor] = {}  # by theme value, shared: a returned colour is copied into the QVariant
_KIND_COLOURS: dict[tuple[EntryKind, bool], QColor] = {}
_NONE = (None,) * COLUMNS


class RowCells:
    """One row's painted values: `by_role[role][column]`; TIME's text is the clock alone."""

    __slots__ = ("_day_text", "_display", "by_role", "day", "entry")

    def __init__(self, entry: Entry, display: TimeDisplay) -> None:
        self.entry, self._display = entry, display
        self.day: date = display.day(entry.occurred_at)
        self._day_text: str | None = None
        texts = tuple(cell_text(entry, Column(c), display) for c in range(COLUMNS))
        self.by_role = {DISPLAY: texts, DECORATION: _decorations(entry), FOREGROUND: _foregrounds(entry)}

    def time_text(self, starts_day: bool) -> str:
        """The clock, or the date and clock on the first row of a day."""
        if not starts_day:
            return self.by_role[DISPLAY][TIME]
        if self._day_text is None:
            self._day_text = self._display.day_and_clock(self.entry.occurred_at)
        return self._day_text


def _decorations(entry: Entry) -> tuple:
    icons = [None] * COLUMNS
    icons[Column.KIND] = kind_icon(entry.kind)
    icons[Column.STAR] = star_icon(True) if entry.starred else None
    return tuple(icons)


def _grey() -> QColor:
    value = ink("faint")
    return _GREYS.setdefault(value, QColor(value))


def _kind_colour(kind: EntryKind) -> QColor:
    """The kind's colour as text: lightened on a dark background so it still reads."""
    dark = is_dark()
    found = _KIND_COLOURS.get((kind, dark))
    if found is None:
        base = QColor(KIND_COLOURS[kind])
        found = _KIND_COLOURS[(kind, dark)] = base.lighter(175) if dark else base
    return found


def _foregrounds(entry: Entry) -> tuple:
    grey = _grey()
    colours: list[QColor | None] = [grey if entry.retracted else None] * COLUMNS
    colours[Column.EDITED] = colours[Column.AUTHOR] = grey
    colours[Column.KIND] = _kind_colour(entry.kind)
    return tuple(colours)


class RowCache:
    """RowCells by entry id for the rows painted; a changed entry gets fresh cells. Past
    `limit` rows (a reader scrolled through thousands) it starts afresh: only the rows on
    screen are worked out again, a millisecond."""

    def __init__(self, display: TimeDisplay, limit: int = 2_000) -> None:
        self._display, self._limit = display, limit
        self._by_id: dict[str, RowCells] = {}

    def set_display(self, display: TimeDisplay) -> None:
        self._display = display
        self._by_id.clear()

    def clear(self) -> None:
        self._by_id.clear()

    def __len__(self) -> int:
        return len(self._by_id)

    def cells(self, entry: Entry) -> RowCells:
        found = self._by_id.get(entry.id)
        if found is not None:
            if found.entry is entry:
                return found
            if found.entry == entry:  # the same content read again: keep the cells
                found.entry = entry
                return found
        if len(self._by_id) >= self._limit:
            self._by_id.clear()
        made = self._by_id[entry.id] = RowCells(entry, self._display)
        return made


def role_value(cells: RowCells, column: int, role: int):
    values = cells.by_role.get(role, _NONE)
    return values[column] if 0 <= column < COLUMNS else None
