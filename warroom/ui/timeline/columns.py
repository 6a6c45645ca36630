"""How wide each timeline column is: the entry text gets what is left, and at least half.

The other columns start at a width that fits their usual content and give way, down to a
minimum, when the table is narrow (a laptop with the side panels open, half a screen);
a column the user resized or hid stays as the user left it. The Kind column shows only its
icon when it is narrow (the kind's name is in the tooltip and the filter).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QHeaderView, QMenu, QTableView

from warroom.ui.timeline.cells import Column

TEXT_SHARE = 0.5  # the entry text gets at least this share of the table's width
KIND_TEXT_MIN = 88  # narrower than this, the Kind column shows its icon alone

# column: (minimum, preferred) in units of the font's average character width, plus padding.
WIDTHS_IN_CHARS: dict[Column, tuple[float, float]] = {
    Column.KIND: (3, 14),
    Column.AUTHOR: (8, 16),
    Column.VENDOR: (8, 24),
    Column.MILESTONE: (6, 13),
    Column.EDITED: (5, 6),
}
STAR_WIDTH = 26
# When the table is too narrow for every column's minimum, these step aside first (the
# detail view and the tooltip still have them); they come back when there is room.
STEP_ASIDE = (Column.EDITED, Column.VENDOR, Column.AUTHOR, Column.KIND)


class ColumnFitter(QObject):
    """Keeps the non-text columns sized to the table's width until the user takes over."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.user_sized: set[int] = set()
        self.auto_hidden: list[Column] = []
        self.user_hidden: set[Column] = set()
        self.time_sample = "Wed 24 Dec 14:15"  # the widest time text the table shows now
        self._fitting = False
        header = view.horizontalHeader()
        header.setMinimumSectionSize(24)
        for column in (*WIDTHS_IN_CHARS, Column.TIME):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.STAR, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.TEXT, QHeaderView.ResizeMode.Stretch)
        view.setColumnWidth(Column.STAR, STAR_WIDTH)
        header.sectionResized.connect(self._on_resized)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(lambda pos: self.column_menu().popup(header.mapToGlobal(pos)))
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)

    def schedule(self) -> None:
        self._timer.start()

    def limits(self) -> dict[Column, tuple[int, int]]:
        char = QFontMetrics(self.view.font()).averageCharWidth()
        found = {c: (int(lo * char) + 16, int(hi * char) + 16) for c, (lo, hi) in WIDTHS_IN_CHARS.items()}
        found[Column.TIME] = (self.time_width(),) * 2  # a cut time is no time: it never gives way
        return found

    def time_width(self) -> int:
        """The first row of a day shows its date in bold: the widest time cell."""
        bold = self.view.font()
        bold.setBold(True)
        return QFontMetrics(bold).horizontalAdvance(self.time_sample) + 18

    def fit(self) -> None:
        """Preferred widths when they leave the text its share; else each gives way toward its minimum,
        and when even the minimums do not fit, the least needed columns step aside until there is room."""
        header, limits = self.view.horizontalHeader(), self.limits()
        self._fitting = True
        try:
            for column in self.auto_hidden:
                if column not in self.user_hidden:
                    header.showSection(column)
            self.auto_hidden = []
            while True:
                shown = [c for c in Column if c != Column.TEXT and not header.isSectionHidden(c)]
                auto = [c for c in shown if c in limits and c not in self.user_sized]
                budget = self.view.viewport().width() * (1 - TEXT_SHARE) - sum(
                    header.sectionSize(c) for c in shown if c not in auto
                )
                lows, highs = sum(limits[c][0] for c in auto), sum(limits[c][1] for c in auto)
                spare = next((c for c in STEP_ASIDE if c in auto), None)
                if lows <= budget or spare is None:
                    break
                header.hideSection(spare)
                self.auto_hidden.append(spare)
            give = 1.0 if highs <= budget else max(0.0, (budget - lows) / max(1, highs - lows))
            for column in auto:
                low, high = limits[column]
                self.view.setColumnWidth(column, int(low + (high - low) * give))
        finally:
            self._fitting = False

    def _on_resized(self, column: int, _old: int, _new: int) -> None:
        dragging = bool(QApplication.mouseButtons() & Qt.MouseButton.LeftButton)
        if not self._fitting and dragging and column not in (Column.TEXT, Column.STAR):
            self.user_sized.add(column)  # the user dragged it: it stays as they left it

    def column_menu(self) -> QMenu:
        """Right-click on the header: show or hide a column (the entry text always shows)."""
        menu = QMenu(self.view)
        model = self.view.model()
        for column in Column:
            if column in (Column.TEXT, Column.STAR):
                continue
            title = model.headerData(column, Qt.Orientation.Horizontal) or ("Edited" if column == Column.EDITED else "")
            action = menu.addAction(str(title))
            action.setCheckable(True)
            action.setChecked(column not in self.user_hidden)
            action.toggled.connect(lambda shown, c=column: self.set_hidden(c, not shown))
        return menu

    def set_hidden(self, column: Column, hidden: bool) -> None:
        """The user's choice: it stays until they change it (fitting never brings it back)."""
        if hidden:
            self.user_hidden.add(column)
        else:
            self.user_hidden.discard(column)
        self._fitting = True
        try:
            self.view.horizontalHeader().setSectionHidden(column, hidden)
        finally:
            self._fitting = False
        self.fit()

    def user_choices(self) -> dict[str, dict[str, int]]:
        """What the user decided (widths dragged, columns hidden), to remember across sessions."""
        return {
            "widths": {Column(c).name: self.view.columnWidth(c) for c in self.user_sized},
            "hidden": {column.name: 1 for column in self.user_hidden},
        }

    def restore_choices(self, choices: dict) -> None:
        """Apply remembered choices; anything unknown (an older or hand-edited file) is ignored."""
        names = {column.name: column for column in Column if column not in (Column.TEXT, Column.STAR)}
        widths, hidden = choices.get("widths") or {}, choices.get("hidden") or {}
        for name, width in widths.items():
            if name in names and isinstance(width, int) and 24 <= width <= 2000:
                self.user_sized.add(names[name])
                self.view.setColumnWidth(names[name], width)
        for name in hidden:
            if name in names:
                self.set_hidden(names[name], True)
        self.fit()

    def show_kind_text(self) -> bool:
        return self.view.columnWidth(Column.KIND) >= KIND_TEXT_MIN


def wrap_lines(view: QTableView, text: str, width: int, max_lines: int) -> int:
    """How many lines `text` takes at `width` px in the view's font, at most max_lines."""
    metrics = QFontMetrics(view.font())
    flags = int(Qt.TextFlag.TextWordWrap)
    needed = metrics.boundingRect(0, 0, max(width, 20), 10_000, flags, text).height()
    return max(1, min(max_lines, round(needed / max(1, metrics.lineSpacing()))))
