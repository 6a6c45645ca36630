"""The timeline as a Qt table model: a thin adapter over TimelineService.count/page.

Rows arrive a page at a time on the read pool, so a 50,000-entry incident shows its first
screen (the newest page) after one read and never holds more than what was scrolled through.
One read is in flight at a time; a refresh (after any commit touching the timeline) re-reads
from just above the first visible row to the end and applies only the difference. What a
row paints is worked out once per entry (timeline_rows), so the repaint that follows every
arriving entry costs the GUI thread a few milliseconds.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from warroom.domain.timeline import Entry, EntryFilter
from warroom.ui.kit.changes import ChangeNote
from warroom.ui.kit.time_display import TimeDisplay, short_zone
from warroom.ui.timeline.cells import HEADERS, Column, cell_tooltip
from warroom.ui.timeline.deliveries import DeliveryStates
from warroom.ui.timeline.row_diff import diff_rows, touches_milestones
from warroom.ui.timeline.rows import (
    DECORATION,
    DISPLAY,
    FONT,
    FOREGROUND,
    TIME,
    TOOLTIP,
    RowCache,
    RowCells,
    role_value,
)

PAGE = 500
WINDOW_MARGIN = 50  # rows above the first visible one that a refresh re-reads
REFRESH_LIMIT = 3 * PAGE
ENTRY_ROLE = int(Qt.ItemDataRole.UserRole) + 1
DELIVERY_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # (line, tone) under a status update's text, or None
SERVED_ROLES = frozenset({DISPLAY, DECORATION, FOREGROUND, FONT, TOOLTIP, ENTRY_ROLE, DELIVERY_ROLE})
TEXT = int(Column.TEXT)

Index = QModelIndex | QPersistentModelIndex


class TimelineModel(QAbstractTableModel):
    loaded = Signal()  # a read finished and was applied (first page, more rows or a refresh)
    milestones_changed = Signal()  # a refresh added, removed or changed an entry with a milestone

    def __init__(self, services, tasks, parent=None) -> None:
        super().__init__(parent)
        self._services, self._tasks = services, tasks
        self._incident_id: str | None = None
        self._filter = EntryFilter()
        self._display = TimeDisplay(services.settings.zone)
        self._cache = RowCache(self._display)
        self._rows: list[Entry] = []
        self._total = 0
        self._base = 0  # store position of the first loaded row
        self._first_visible = 0
        self._busy = False
        self._pending: str | None = None  # "reset" or "refresh" asked while a read was in flight
        self._bold = QFont()
        self._bold.setBold(True)
        self.deliveries = DeliveryStates(services, tasks, self._display, self)
        self.deliveries.changed.connect(self._deliveries_changed)

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
        self.deliveries.set_incident(incident_id)

    def on_store_changed(self, note: ChangeNote) -> None:
        """Status updates' delivery states follow their own changes (the rows follow the timeline's)."""
        self.deliveries.on_store_changed(note)

    def set_filter(self, flt: EntryFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self._clear()
            self._request("reset")

    def set_time_display(self, display: TimeDisplay) -> None:
        self._display = display
        self._cache.set_display(display)
        self.deliveries.set_time_display(display)
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
        return not parent.isValid() and not self._busy and self._base + len(self._rows) < self._total

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

    def data(self, index: Index, role: int = DISPLAY):
        # A repaint calls this about 1,250 times (rows x columns x roles): keep every path short.
        if role not in SERVED_ROLES:
            return None
        row = index.row()  # -1 for an invalid index
        if not 0 <= row < len(self._rows):
            return None
        if role == ENTRY_ROLE:
            return self._rows[row]
        if role == DELIVERY_ROLE:
            return self.deliveries.line(self._rows[row].id) if index.column() == TEXT else None
        if role == TOOLTIP:
            tip = cell_tooltip(self._rows[row], Column(index.column()), self._display)
            if index.column() == TEXT and (state := self.deliveries.line(self._rows[row].id)):
                tip = f"{tip or ''}<p><b>Delivery:</b> {html.escape(state[0])}</p>"
            return tip
        cells, column = self._cells(row), index.column()
        if column == TIME and role == DISPLAY:
            return cells.time_text(self._starts_day(row))
        if column == TIME and role == FONT:
            return self._bold if self._starts_day(row) else None
        return role_value(cells, column, role)

    def _cells(self, row: int) -> RowCells:
        return self._cache.cells(self._rows[row])

    def _deliveries_changed(self, entry_ids: set[str]) -> None:
        rows = [i for i, e in enumerate(self._rows) if e.id in entry_ids]
        if rows:
            self.dataChanged.emit(self.index(min(rows), TEXT), self.index(max(rows), TEXT))

    def _starts_day(self, row: int) -> bool:
        return row == 0 or self._cells(row).day != self._cells(row - 1).day

    # -- reading off the GUI thread ------------------------------------------------
    # Loaded rows are a contiguous slice of the incident's entries in time order, starting at
    # store position `_base`. Opening loads the newest page (the bottom, where a live incident
    # happens); scrolling up loads older pages (fetch_older), scrolling down newer ones
    # (fetchMore). A refresh re-reads only from just above the first visible row to the end.

    def can_fetch_older(self) -> bool:
        return not self._busy and self._base > 0

    def fetch_older(self) -> None:
        if self.can_fetch_older():
            self._request("older")

    def set_first_visible(self, row: int) -> None:
        """The view reports its first visible row: a refresh re-reads from a little above it."""
        self._first_visible = max(0, row)

    def _clear(self) -> None:
        self._cache.clear()
        if self._rows:
            self.beginResetModel()
            self._rows = []
            self.endResetModel()
        self._total = self._base = 0

    def _request(self, kind: str) -> None:
        if self._busy:
            if kind == "reset":
                self._pending = "reset"
            elif kind == "refresh" and self._pending is None:
                self._pending = "refresh"
            return  # a fetch asked while busy is dropped: the view asks again
        if self._incident_id is None:
            return
        if kind == "refresh":
            self._trim_below_view()
        self._busy = True
        rows = self._rows
        job = self._job(kind, rows)
        self._tasks.read(job, lambda result: self._done(kind, rows, result), self._failed)

    def _job(self, kind: str, rows: list[Entry]):
        timeline, incident_id, flt = self._services.timeline, self._incident_id, self._filter
        base, total = self._base, self._total
        if kind == "fetch":
            return lambda: timeline.page(incident_id, base + len(rows), PAGE, flt)
        if kind == "older":
            size = min(PAGE, base)
            return lambda: timeline.page(incident_id, base - size, size, flt)
        if kind == "reset":

            def newest_page():
                count = timeline.count(incident_id, flt)
                first = max(0, count - PAGE)
                return count, first, 0, timeline.page(incident_id, first, PAGE, flt)

            return newest_page
        start = min(max(0, self._first_visible - WINDOW_MARGIN), len(rows))
        if base + len(rows) >= total:
            return self._tail_job(rows, base, start)

        def window():
            count = timeline.count(incident_id, flt)
            fresh = timeline.page(incident_id, base + start, len(rows) - start, flt) if start < len(rows) else []
            if start < len(rows) and (not fresh or fresh[0].id != rows[start].id):
                return None  # entries came or went above the window: positions moved
            return count, base, start, fresh

        return window

    def _tail_job(self, rows: list[Entry], base: int, start: int):
        """At the end (a live incident): re-read from the window to the end, new entries included.
        No count: the rows read say how many there are, and counting scans the whole incident."""
        timeline, incident_id, flt = self._services.timeline, self._incident_id, self._filter

        def tail():
            fresh = timeline.page(incident_id, base + start, REFRESH_LIMIT + 1, flt)
            if len(fresh) > REFRESH_LIMIT:
                return None  # too much arrived at once: start again from the newest page
            if start < len(rows) and (not fresh or fresh[0].id != rows[start].id):
                return None  # entries came or went above the window: positions moved
            return base + start + len(fresh), base, start, fresh

        return tail

    def _done(self, kind: str, before: list[Entry], result) -> None:
        self._busy = False
        stale = self._pending == "reset" or before is not self._rows
        if stale:
            self._pending = self._pending or "refresh"
        elif result is None:
            self._clear()
            self._pending = "reset"
        elif kind == "fetch":
            self._append(result)
        elif kind == "older":
            self._prepend(result)
        else:
            self._apply(*result)
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
        loaded = {e.id for e in self._rows[-PAGE:]}
        more = [e for e in more if e.id not in loaded]  # positions moved since: skip repeats
        if not more:
            self._total = self._base + len(self._rows)  # nothing more after all: stop asking
            return
        start = len(self._rows)
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows = self._rows + more
        self.endInsertRows()

    def _prepend(self, older: list[Entry]) -> None:
        if not older or (self._rows and any(e.id == self._rows[0].id for e in older)):
            self._pending = self._pending or "refresh"
            return
        self.beginInsertRows(QModelIndex(), 0, len(older) - 1)
        self._rows = older + self._rows
        self._base -= len(older)
        self.endInsertRows()

    def _apply(self, total: int, base: int, start: int, fresh: list[Entry]) -> None:
        old = self._rows
        plan = diff_rows(old[start:], fresh)
        if (start or old) and touches_milestones(old[start:], fresh, plan):  # not a first load
            self.milestones_changed.emit()
        at = start + plan.prefix
        self._total, self._base = total, base
        if plan.removed:
            self.beginRemoveRows(QModelIndex(), at, at + plan.removed - 1)
            self._rows = old[:at] + old[at + plan.removed :]
            self.endRemoveRows()
        if plan.inserted:
            self.beginInsertRows(QModelIndex(), at, at + plan.inserted - 1)
            self._rows = old[:start] + fresh
            self.endInsertRows()
        self._rows = old[:start] + fresh
        if plan.changed:
            first, last = plan.changed
            self.dataChanged.emit(self.index(start + first, 0), self.index(start + last, len(Column) - 1))

    def _trim_below_view(self) -> None:
        """Far above the bottom, forget rows well below the view; scrolling fetches them again."""
        keep = self._first_visible + 2 * PAGE
        if len(self._rows) - keep > PAGE:
            self.beginRemoveRows(QModelIndex(), keep, len(self._rows) - 1)
            self._rows = self._rows[:keep]
            self.endRemoveRows()
