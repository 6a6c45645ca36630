"""The checklist tree: checklists, their section headings and items; keys become actions.

Section headings are disabled rows, so Up/Down walks from item to item (and through the
checklist rows, which are where Insert adds to an empty checklist).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum
from functools import cache

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QPainter,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from warroom.domain.checklist import Checklist, ChecklistItem, ItemState
from warroom.domain.clock import utc_now
from warroom.ui.kit.style import CHECKLIST_STATE_COLOURS
from warroom.ui.kit.text import shown
from warroom.ui.kit.theme import ink
from warroom.ui.kit.time_display import TimeDisplay, utc_tooltip

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "checklist", "section", "item" or "empty"
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the Checklist, section name or ChecklistItem
STATE_COLOURS = CHECKLIST_STATE_COLOURS
NO_CHECKLIST_TEXT = "No checklist yet: pick a template above and press Start."

CTRL = Qt.KeyboardModifier.ControlModifier
_PLAIN_KEYS = {
    Qt.Key.Key_Space: "toggle",
    Qt.Key.Key_S: "skip",
    Qt.Key.Key_A: "assign",
    Qt.Key.Key_N: "note",
    Qt.Key.Key_Insert: "add",
    Qt.Key.Key_Delete: "remove",
}
_CTRL_KEYS = {Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down", Qt.Key.Key_Return: "add", Qt.Key.Key_Enter: "add"}


class Col(IntEnum):
    ITEM = 0
    ASSIGNEE = 1
    DONE = 2


HEADERS = ("Item", "Assigned", "Done")
NOTE_PREFIX = "↳ "


@cache
def state_icon(state: ItemState, size: int = 16) -> QIcon:
    """A box: empty when open, ticked when done, struck through when skipped."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(STATE_COLOURS[state])
    box = QRectF(1.5, 1.5, size - 3, size - 3)
    p.setPen(QPen(colour, 1.6))
    p.setBrush(colour if state is ItemState.DONE else Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(box, 3, 3)
    mark = QPen(
        QColor("white") if state is ItemState.DONE else colour,
        2.2,
        Qt.PenStyle.SolidLine,
        Qt.PenCapStyle.RoundCap,
        Qt.PenJoinStyle.RoundJoin,
    )
    p.setPen(mark)
    if state is ItemState.DONE:
        p.drawPolyline(
            QPolygonF(
                [
                    QPointF(box.left() + 3, box.center().y()),
                    QPointF(box.left() + box.width() * 0.42, box.bottom() - 3),
                    QPointF(box.right() - 2.5, box.top() + 3),
                ]
            )
        )
    elif state is ItemState.SKIPPED:
        p.drawLine(QPointF(box.left() + 3, box.center().y()), QPointF(box.right() - 3, box.center().y()))
    p.end()
    return QIcon(pixmap)


def when_text(display: TimeDisplay, instant: datetime, now: datetime) -> str:
    """'14:15' today (in the viewer's zone), 'Tue 24 Dec 14:15' another day."""
    return display.clock(instant) if display.day(instant) == display.day(now) else display.day_and_clock(instant)


def done_text(item: ChecklistItem, display: TimeDisplay, now: datetime) -> str:
    if item.state is ItemState.OPEN or item.done_at is None:
        return ""
    # Skipped shows in the icon, the struck-through text and the colour; the note says why.
    return f"{item.done_by or 'someone'} · {when_text(display, item.done_at, now)}"


def item_tooltip(item: ChecklistItem, display: TimeDisplay) -> str:
    parts = [f"<b>{html.escape(item.text)}</b>"]
    if item.hint:
        parts.append(html.escape(item.hint).replace("\n", "<br>"))
    if item.done_at is not None and item.state is not ItemState.OPEN:
        verb = "Done" if item.state is ItemState.DONE else "Skipped"
        parts.append(
            f"{verb} by {html.escape(item.done_by or 'someone')} at {html.escape(display.full(item.done_at))}"
            f" ({utc_tooltip(item.done_at)})"
        )
    if item.note:
        parts.append("Note: " + html.escape(item.note).replace("\n", "<br>"))
    parts.append("<i>Space tick · S skip · A assign · N note · Ctrl+↑/↓ move · Del remove</i>")
    return "<p>" + "</p><p>".join(parts) + "</p>"


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped item text, so a long step is read to its end."""

    def __init__(self, tree: ChecklistTree) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        hint = super().sizeHint(option, index)
        if index.column() != Col.ITEM:
            return hint
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth = 1 if index.parent().isValid() else 0
        icon = opt.decorationSize.width() + 6 if not opt.icon.isNull() else 0
        width = self.tree.columnWidth(Col.ITEM) - depth * self.tree.indentation() - icon - 12
        if width < 60:
            return hint
        box = QFontMetrics(opt.font).boundingRect(QRect(0, 0, width, 1_000_000), Qt.TextFlag.TextWordWrap, opt.text)
        return QSize(hint.width(), max(hint.height(), box.height() + 4))


class ChecklistTree(QTreeWidget):
    action_requested = Signal(str)  # toggle, skip, assign, note, add, up, down, remove

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistTree")
        self.setAccessibleName("Checklist items")
        self.setColumnCount(len(HEADERS))
        self.setHeaderLabels(list(HEADERS))
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setIndentation(14)
        self.setWordWrap(True)  # long items wrap instead of hiding their end
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QTreeWidget.SelectionMode.SingleSelection)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Col.ITEM, QHeaderView.ResizeMode.Stretch)
        for column in (Col.ASSIGNEE, Col.DONE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setItemDelegate(_WrappingDelegate(self))
        header.sectionResized.connect(self._relayout_rows)

    def _relayout_rows(self, column: int, _old: int, _new: int) -> None:
        if column == Col.ITEM:
            self.scheduleDelayedItemsLayout()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        key = Qt.Key(event.key())
        action = None
        if modifiers == Qt.KeyboardModifier.NoModifier:
            action = _PLAIN_KEYS.get(key)
        elif modifiers == CTRL:
            action = _CTRL_KEYS.get(key)
        if action is None:
            super().keyPressEvent(event)
            return
        event.accept()
        self.action_requested.emit(action)

    # -- content ---------------------------------------------------------------------------
    def current(self) -> tuple[str | None, object]:
        row = self.currentItem()
        if row is None:
            return None, None
        return row.data(0, KIND_ROLE), row.data(0, VALUE_ROLE)

    def show_checklists(self, checklists: Sequence[Checklist], display: TimeDisplay, keep: str | None) -> None:
        """Rebuild the rows; the row whose item or checklist id is `keep` becomes current."""
        wanted = keep or self._current_id()
        scroll = self.verticalScrollBar().value()
        self.clear()
        now = utc_now()
        number = 1
        for checklist in checklists:
            top = self._checklist_row(checklist)
            self.addTopLevelItem(top)
            section = None
            for item in checklist.items:
                if item.section != section:
                    section = item.section
                    if section:
                        top.addChild(self._section_row(section))
                top.addChild(self._item_row(item, number, display, now))
                if item.note:
                    note = self._note_row(item)
                    top.addChild(note)
                    note.setFirstColumnSpanned(True)
                number += 1
            top.setExpanded(True)
        if not checklists:
            self.addTopLevelItem(self._placeholder_row())
        self.verticalScrollBar().setValue(scroll)
        self._select(wanted)

    def _current_id(self) -> str | None:
        kind, value = self.current()
        return getattr(value, "id", None) if kind in ("item", "checklist") else None

    def _select(self, wanted: str | None) -> None:
        rows = [r for r in self._all_rows() if r.data(0, KIND_ROLE) in ("item", "checklist")]
        chosen = next((r for r in rows if getattr(r.data(0, VALUE_ROLE), "id", None) == wanted), None)
        if chosen is None:
            chosen = next((r for r in rows if r.data(0, KIND_ROLE) == "item"), rows[0] if rows else None)
        if chosen is not None:
            self.setCurrentItem(chosen)

    def _all_rows(self) -> list[QTreeWidgetItem]:
        rows = []
        for t in range(self.topLevelItemCount()):
            top = self.topLevelItem(t)
            rows.append(top)
            rows += [top.child(c) for c in range(top.childCount())]
        return rows

    @staticmethod
    def _checklist_row(checklist: Checklist) -> QTreeWidgetItem:
        finished, total = checklist.progress
        row = QTreeWidgetItem([shown(checklist.title), "", f"{finished}/{total}"])
        font = QFont()
        font.setBold(True)
        row.setFont(Col.ITEM, font)
        row.setFont(Col.DONE, font)
        row.setData(0, KIND_ROLE, "checklist")
        row.setData(0, VALUE_ROLE, checklist)
        row.setBackground(Col.ITEM, QBrush(QColor(ink("section_bg"))))
        for column in range(1, len(HEADERS)):
            row.setBackground(column, QBrush(QColor(ink("section_bg"))))
        template = f" (from the template {checklist.template_name!r})" if checklist.template_name else ""
        row.setToolTip(
            Col.ITEM,
            f"{checklist.title}{template}: {finished} of {total} finished. "
            "Insert adds an item; Delete removes the checklist.",
        )
        return row

    @staticmethod
    def _section_row(section: str) -> QTreeWidgetItem:
        row = QTreeWidgetItem([section.upper(), "", ""])
        font = QFont()
        font.setBold(True)
        row.setFont(Col.ITEM, font)
        row.setForeground(Col.ITEM, QBrush(QColor(ink("subtle"))))
        row.setFlags(Qt.ItemFlag.NoItemFlags)  # skipped by Up/Down
        row.setData(0, KIND_ROLE, "section")
        row.setData(0, VALUE_ROLE, section)
        return row

    @staticmethod
    def _placeholder_row() -> QTreeWidgetItem:
        row = QTreeWidgetItem([NO_CHECKLIST_TEXT, "", ""])
        row.setForeground(Col.ITEM, QBrush(QColor(ink("faint"))))
        row.setFlags(Qt.ItemFlag.NoItemFlags)
        row.setData(0, KIND_ROLE, "empty")
        return row

    @staticmethod
    def _item_row(item: ChecklistItem, number: int, display: TimeDisplay, now: datetime) -> QTreeWidgetItem:
        row = QTreeWidgetItem(
            [f"{number}. {shown(item.text)}", shown(item.assignee or ""), shown(done_text(item, display, now))]
        )
        row.setIcon(Col.ITEM, state_icon(item.state))
        row.setData(0, KIND_ROLE, "item")
        row.setData(0, VALUE_ROLE, item)
        tip = item_tooltip(item, display)
        for column in range(len(HEADERS)):
            row.setToolTip(column, tip)
        if item.state is not ItemState.OPEN:
            row.setForeground(Col.ITEM, QBrush(QColor(ink("faint"))))
            row.setForeground(Col.DONE, QBrush(QColor(STATE_COLOURS[item.state])))
        if item.state is ItemState.SKIPPED:
            font = QFont()
            font.setStrikeOut(True)
            row.setFont(Col.ITEM, font)
        return row

    @staticmethod
    def _note_row(item: ChecklistItem) -> QTreeWidgetItem:
        """The item's note on a line of its own under it; disabled, so Up/Down steps over it."""
        text = " · ".join(line.strip() for line in item.note.split("\n") if line.strip())
        row = QTreeWidgetItem(["      " + NOTE_PREFIX + shown(text), "", ""])
        font = QFont()
        font.setItalic(True)
        row.setFont(Col.ITEM, font)
        row.setForeground(Col.ITEM, QBrush(QColor(ink("muted"))))
        row.setFlags(Qt.ItemFlag.NoItemFlags)
        row.setData(0, KIND_ROLE, "note")
        row.setData(0, VALUE_ROLE, item)
        row.setToolTip(Col.ITEM, html.escape(item.note).replace("\n", "<br>"))
        return row
