"""The timeline table: the entry text wraps (up to three lines), milestone badges, stays at the bottom when it was."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from warroom.domain.timeline import Entry
from warroom.ui.kit.style import milestone_colour
from warroom.ui.kit.theme import ink
from warroom.ui.timeline.cells import Column
from warroom.ui.timeline.columns import KIND_TEXT_MIN, ColumnFitter, wrap_lines
from warroom.ui.timeline.model import DELIVERY_ROLE, ENTRY_ROLE, TimelineModel

MAX_TEXT_LINES = 3  # a longer entry is cut with "…": whole on hover and in the detail view
ROW_PADDING = 10
TONE_INKS = {"error": "error", "ok": "ok", "pending": "muted"}  # a status update's delivery line


class TextDelegate(QStyledItemDelegate):
    """The entry text wraps (the row grows up to MAX_TEXT_LINES); the last line shown elides.
    A status update's row has one more line below its text: where the update went, live."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        state = index.data(DELIVERY_ROLE)
        if not state:
            super().paint(painter, option, index)
            return
        line = QFontMetrics(option.font).lineSpacing()
        above = QStyleOptionViewItem(option)
        above.rect = option.rect.adjusted(0, 0, 0, -line)
        super().paint(painter, above, index)
        self._paint_delivery_line(painter, option, index, state, line)

    def _paint_delivery_line(self, painter: QPainter, option, index: QModelIndex, state, line: int) -> None:
        text, short, tone = state
        strip = QStyleOptionViewItem(option)
        self.initStyleOption(strip, index)
        strip.text = ""
        strip.rect = option.rect.adjusted(0, option.rect.height() - line, 0, 0)
        strip.state &= ~QStyle.StateFlag.State_HasFocus
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(style.ControlElement.CE_ItemViewItem, strip, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = strip.palette.highlightedText().color() if selected else QColor(ink(TONE_INKS.get(tone, "muted")))
        where = strip.rect.adjusted(4, -ROW_PADDING // 2, -4, -ROW_PADDING // 2)
        metrics = QFontMetrics(option.font)
        fits = metrics.horizontalAdvance(text) <= where.width()
        elided = text if fits else metrics.elidedText(short, Qt.TextElideMode.ElideRight, where.width())
        painter.save()
        painter.setFont(option.font)
        painter.setPen(colour)
        painter.drawText(where, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
        painter.restore()


class KindDelegate(QStyledItemDelegate):
    """A narrow Kind column shows the icon alone (the name is in the tooltip)."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        if option.rect.width() < KIND_TEXT_MIN:
            option.text = ""


class MilestoneDelegate(QStyledItemDelegate):
    """Draws a milestone as a small coloured pill instead of plain text."""

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        name = index.data(Qt.ItemDataRole.DisplayRole)
        if not name:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(style.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        metrics = QFontMetrics(option.font)
        label = metrics.elidedText(name, Qt.TextElideMode.ElideRight, option.rect.width() - 18)
        width = metrics.horizontalAdvance(label) + 12
        pill = QRectF(
            option.rect.left() + 4, option.rect.center().y() - metrics.height() / 2 - 1, width, metrics.height() + 2
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(milestone_colour(name)))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(QColor("white"))
        painter.drawText(pill.toRect(), Qt.AlignmentFlag.AlignCenter, label)
        painter.restore()


class TimelineView(QTableView):
    edit_requested = Signal(object)  # Entry: double-click
    menu_requested = Signal(object, object)  # Entry, global QPoint

    def __init__(self, model: TimelineModel, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setAccessibleName("Timeline entries")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # Shift/Ctrl: copy several
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table for the next control, as it reads
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_menu)
        self.doubleClicked.connect(self._on_double_click)
        self.setItemDelegateForColumn(Column.MILESTONE, MilestoneDelegate(self))
        self.setItemDelegateForColumn(Column.TEXT, TextDelegate(self))
        self.setItemDelegateForColumn(Column.KIND, KindDelegate(self))
        self._configure_headers()
        self.columns = ColumnFitter(self)
        self._row_timer = QTimer(self, singleShot=True, interval=0)
        self._row_timer.timeout.connect(self.fit_visible_rows)
        for signal in (model.rowsInserted, model.modelReset, model.dataChanged, model.layoutChanged):
            signal.connect(self._row_timer.start)
        self.horizontalHeader().sectionResized.connect(lambda *_a: self._row_timer.start())
        self._follow = True
        self._prepending = 0
        model.rowsAboutToBeInserted.connect(self._before_insert)
        model.rowsInserted.connect(self._after_insert)
        model.modelReset.connect(lambda: setattr(self, "_follow", True))
        self.verticalScrollBar().valueChanged.connect(self._on_scroll)
        # The range also moves when the view is resized or laid out late (the page shown only
        # once an incident is chosen): a reader at the bottom stays there.
        self.verticalScrollBar().rangeChanged.connect(self._on_range)

    def _configure_headers(self) -> None:
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: cheap for 50,000
        rows.setDefaultSectionSize(self.one_line_height())
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def one_line_height(self) -> int:
        return QFontMetrics(self.font()).height() + ROW_PADDING

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.columns.fit()
        self._row_timer.start()

    def fit_visible_rows(self) -> None:
        """Rows on screen grow to show their wrapped text; others stay one line until they are shown.
        Only these: working out all 50,000 rows' heights would stall a resize."""
        model, width = self.model(), self.columnWidth(Column.TEXT) - 8
        if model is None or model.rowCount() == 0:
            return
        first = max(0, self.rowAt(0))
        last = self.rowAt(self.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        line, base = QFontMetrics(self.font()).lineSpacing(), self.one_line_height()
        for row in range(first, last + 1):
            text = model.index(row, Column.TEXT).data() or ""
            lines = wrap_lines(self, text, width, MAX_TEXT_LINES) if len(text) > 12 else 1
            if model.index(row, Column.TEXT).data(DELIVERY_ROLE):
                lines += 1  # a status update's delivery line
            height = base + (lines - 1) * line
            if self.rowHeight(row) != height:
                self.setRowHeight(row, height)

    def timeline_model(self) -> TimelineModel:
        return self.model()  # type: ignore[return-value]

    def current_entry(self) -> Entry | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return index.data(ENTRY_ROLE)

    def selected_entries(self) -> list[Entry]:
        rows = sorted({index.row() for index in self.selectionModel().selectedRows()})
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        found = [self.model().index(row, Column.TEXT).data(ENTRY_ROLE) for row in rows]
        return [entry for entry in found if entry is not None]

    def select_entry(self, entry_id: str) -> bool:
        row = self.timeline_model().row_of(entry_id)
        if row < 0:
            return False
        self.setCurrentIndex(self.model().index(row, Column.TEXT))
        return True

    def is_at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _before_insert(self, _parent, first: int, last: int) -> None:
        self._prepending = last - first + 1 if first == 0 and self.model().rowCount() else 0

    def _after_insert(self, *_args) -> None:
        if self._prepending:
            # Older rows arrived above: keep the same entries under the reader's eyes.
            self.updateGeometries()
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + self._prepending * self.verticalHeader().defaultSectionSize())
            self._prepending = 0
        elif self._follow:
            self.updateGeometries()  # count the new rows in the scroll range now
            self.scrollToBottom()
            QTimer.singleShot(0, self.scrollToBottom)  # and once more after the layout settles

    def _on_range(self, _minimum: int, maximum: int) -> None:
        bar = self.verticalScrollBar()
        if self._follow and not self._prepending and bar.value() != maximum:
            bar.setValue(maximum)

    def _on_scroll(self, value: int) -> None:
        self._row_timer.start()
        # Only scrolling moves the value (rows added below leave it): so this is the reader's choice.
        self._follow = value >= self.verticalScrollBar().maximum() - 4
        model = self.timeline_model()
        model.set_first_visible(self.rowAt(0))
        if value == self.verticalScrollBar().minimum() and model.can_fetch_older():
            model.fetch_older()

    def _on_double_click(self, index: QModelIndex) -> None:
        entry = index.data(ENTRY_ROLE)
        if entry is not None:
            self.edit_requested.emit(entry)

    def _on_menu(self, pos) -> None:
        index = self.indexAt(pos)
        if index.isValid():
            self.setCurrentIndex(index)
            self.menu_requested.emit(index.data(ENTRY_ROLE), self.viewport().mapToGlobal(pos))

    def menu_anchor(self):
        """Where a keyboard-opened menu for the current entry appears."""
        rect: QRect = self.visualRect(self.currentIndex())
        point = rect.bottomLeft() if rect.isValid() else self.viewport().rect().topLeft()
        return self.viewport().mapToGlobal(point)
