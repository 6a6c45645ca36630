"""The timeline as a Qt table model: a thin adapter over TimelineService.count/page.

Rows arrive a page at a time on the read pool (fetchMore), so a 50,000-entry incident shows
its first screen after one page. One read is in flight at a time; a refresh (after any commit
touching the timeline) re-reads the rows already on screen and applies only the difference.
"""

from __future__ import annotations

import html
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from warroom.domain.timeline import Entry, EntryFilter
from warroom.ui.row_diff import diff_rows
from warroom.ui.style import KIND_COLOURS, KIND_LABELS, kind_icon, star_icon
from warroom.ui.timefmt import TimeDisplay, short_zone, utc_tooltip

PAGE = 500
CELL_TEXT_LIMIT = 240
TOOLTIP_TEXT_LIMIT = 4000
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    STAR = 0
    TIME = 1
    KIND = 2
    AUTHOR = 3
    TEXT = 4
    VENDOR = 5
    MILESTONE = 6
    EDITED = 7


HEADERS = {Column.STAR: "", Column.TIME: "Time", Column.KIND: "Kind", Column.AUTHOR: "Author",
           Column.TEXT: "What happened", Column.VENDOR: "Vendor / contact",
           Column.MILESTONE: "Milestone", Column.EDITED: ""}


def shorten(text: str, limit: int = CELL_TEXT_LIMIT) -> str:
    first, _, rest = text.partition("\n")
    if len(first) > limit:
        return first[:limit].rstrip() + "…"
    return first + (" …" if rest.strip() else "")


def vendor_label(entry: Entry) -> str:
    return " · ".join(part for part in (entry.vendor_name, entry.contact_name) if part)


class TimelineModel(QAbstractTableModel):
    loaded = Signal()  # a read finished and was applied (first page, more rows or a refresh)

    def __init__(self, services, tasks, parent=None) -> None:
        super().__init__(parent)
        self._services, self._tasks = services, tasks
        self._incident_id: str | None = None
        self._filter = EntryFilter()
        self._display = TimeDisplay(services.settings.zone)
        self._rows: list[Entry] = []
        self._total = 0
        self._busy = False
        self._pending: str | None = None  # "reset" or "refresh" asked while a read was in flight
        self._bold = QFont()
        self._bold.setBold(True)

    # -- what to show -------------------------------------------------------------
    @property
    def incident_id(self) -> str | None:
        return self._incident_id

    @property
    def total(self) -> int:
        """Entries matching the filter in the store, loaded or not."""
        return self._total

    @property
    def entry_filter(self) -> EntryFilter:
        return self._filter

    def set_incident(self, incident_id: str | None) -> None:
        self._incident_id = incident_id
        self._clear()
        self._request("reset")

    def set_filter(self, flt: EntryFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self._clear()
            self._request("reset")

    def set_time_display(self, display: TimeDisplay) -> None:
        self._display = display
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, Column.TIME, Column.TIME)
        if self._rows:
            self.dataChanged.emit(self.index(0, Column.TIME), self.index(len(self._rows) - 1, Column.TIME))

    def refresh(self) -> None:
        """Re-read what is on screen (coalesced: many commits, one read)."""
        if self._incident_id is not None:
            self._request("refresh")

    def entry_at(self, row: int) -> Entry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: str) -> int:
        return next((i for i, e in enumerate(self._rows) if e.id == entry_id), -1)

    def is_loading(self) -> bool:
        return self._busy

    # -- Qt model -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._busy and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._request("fetch")

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == Column.TIME:
                return "Time (UTC)" if self._display.is_utc else f"Time ({short_zone(self._display.zone)})"
            return HEADERS[Column(section)]
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.STAR:
            return "Starred key entries"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role == ENTRY_ROLE:
            return entry
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display_text(entry, column, index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.DecorationRole:
            if column == Column.KIND:
                return kind_icon(entry.kind)
            if column == Column.STAR:
                return star_icon(entry.starred) if entry.starred else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.KIND:
                return QColor(KIND_COLOURS[entry.kind])
            if column in (Column.EDITED, Column.AUTHOR) or entry.retracted:
                return QColor("#757575")
        if role == Qt.ItemDataRole.FontRole and column == Column.TIME and self._starts_day(index.row()):
            return self._bold
        return None

    def _display_text(self, entry: Entry, column: Column, row: int) -> str | None:
        if column == Column.TIME:
            if self._starts_day(row):
                return self._display.day_and_clock(entry.occurred_at)
            return self._display.clock(entry.occurred_at)
        if column == Column.KIND:
            return KIND_LABELS[entry.kind]
        if column == Column.AUTHOR:
            return entry.author
        if column == Column.TEXT:
            return ("[retracted] " if entry.retracted else "") + shorten(entry.text)
        if column == Column.VENDOR:
            return vendor_label(entry)
        if column == Column.MILESTONE:
            return entry.milestone or ""
        if column == Column.EDITED:
            return "edited" if entry.edited else ""
        return None

    def _tooltip(self, entry: Entry, column: Column) -> str | None:
        if column == Column.TIME:
            return f"{self._display.full(entry.occurred_at)}\n{utc_tooltip(entry.occurred_at)}"
        if column == Column.TEXT:
            text = entry.text[:TOOLTIP_TEXT_LIMIT]
            more = "<br><i>… the rest: F2 opens the whole entry</i>" if len(entry.text) > TOOLTIP_TEXT_LIMIT else ""
            return f"<p style='white-space:pre-wrap'>{html.escape(text)}{more}</p>"
        if column == Column.EDITED and entry.edited:
            return f"Revision {entry.revision}; Ctrl+H shows every revision"
        if column == Column.STAR:
            return "Starred" if entry.starred else None
        text = self._display_text(entry, column, 0)
        return text or None

    def _starts_day(self, row: int) -> bool:
        if row == 0:
            return True
        here, before = self._rows[row], self._rows[row - 1]
        return self._display.day(here.occurred_at) != self._display.day(before.occurred_at)

    # -- reading off the GUI thread ------------------------------------------------
    def _clear(self) -> None:
        if self._rows:
            self.beginResetModel()
            self._rows, self._total = [], 0
            self.endResetModel()
        self._total = 0

    def _request(self, kind: str) -> None:
        if self._busy:
            if kind == "reset":
                self._pending = "reset"
            elif kind == "refresh" and self._pending is None:
                self._pending = "refresh"
            return  # a fetch asked while busy is dropped: the view asks again
        if self._incident_id is None:
            return
        self._busy = True
        incident_id, flt, rows, total = self._incident_id, self._filter, self._rows, self._total
        timeline = self._services.timeline
        if kind == "fetch":
            job = lambda: timeline.page(incident_id, len(rows), PAGE, flt)  # noqa: E731
        else:
            fully_loaded = len(rows) >= total
            def job():
                count = timeline.count(incident_id, flt)
                limit = count if fully_loaded and kind == "refresh" else max(len(rows), PAGE)
                fresh = timeline.page(incident_id, 0, max(limit, 1), flt)
                return count, fresh, diff_rows(rows, fresh)
        self._tasks.read(job, lambda result: self._done(kind, rows, result), self._failed)

    def _done(self, kind: str, before: list[Entry], result) -> None:
        self._busy = False
        stale = self._pending == "reset" or before is not self._rows
        if not stale:
            if kind == "fetch":
                self._append(result)
            else:
                self._apply(*result)
        if stale and self._pending is None:
            self._pending = "refresh"
        pending, self._pending = self._pending, None
        if pending:
            self._request(pending)
        else:
            self.loaded.emit()

    def _failed(self, message: str) -> None:
        self._busy = False
        self._pending = None
        self._tasks.failed.emit(message)

    def _append(self, more: list[Entry]) -> None:
        if more:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self._rows = self._rows + more
            self.endInsertRows()
        else:
            self._total = len(self._rows)  # rows vanished since the count: stop asking

    def _apply(self, total: int, fresh: list[Entry], plan) -> None:
        old = self._rows
        self._total = total
        if plan.removed:
            self.beginRemoveRows(QModelIndex(), plan.prefix, plan.prefix + plan.removed - 1)
            self._rows = old[:plan.prefix] + old[plan.prefix + plan.removed:]
            self.endRemoveRows()
        if plan.inserted:
            self.beginInsertRows(QModelIndex(), plan.prefix, plan.prefix + plan.inserted - 1)
            self._rows = fresh
            self.endInsertRows()
        self._rows = fresh
        if plan.changed:
            first, last = plan.changed
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(Column) - 1))
