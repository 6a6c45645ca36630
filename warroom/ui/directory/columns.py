"""The directory tree's columns, fitted to the dock's width.

    DirectoryColumns(tree)   # installs itself; re-fits whenever the tree is resized

Wide (a 1366 px window and up): name, reachable, local time, level and role side by side,
as before. Narrow (half of a 1920 px screen, a 960 px window): the name and the reachability
share the width, the local time, level and role step aside (the contact card shows them),
and a long reason ("No: Christmas Eve (SE) · back Fri 27 Dec 08:00") wraps onto a second
line instead of being cut. Rows are uniform in height only when wide, where nothing wraps:
a big directory scrolls fastest that way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView

from warroom.ui.directory.model import Col

NARROW_BELOW = 560  # px of viewport: 175 + 230 + local time + level no longer fit
WIDE_WIDTHS = ((Col.NAME, 175), (Col.REACHABLE, 230), (Col.LEVEL, 40))
ASIDE_WHEN_NARROW = (Col.LOCAL, Col.LEVEL, Col.ROLE)


class WrappingDelegate(QStyledItemDelegate):
    """A cell as tall as its text wrapped to the column's width (QTreeView alone sizes rows by
    the unwrapped text, so a wrapped reason would still be cut at one line)."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        if not self.tree.wordWrap():
            return hint
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        indent = self.tree.indentation() * (_depth(index) + 1) if index.column() == 0 else 0
        style = self.tree.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.tree) + 1
        icon_size = opt.decorationSize.width() if opt.decorationSize.isValid() else 16
        icon = icon_size + 2 * margin if not opt.icon.isNull() else 0
        # the style's own text rectangle, plus a few px: a cut last line is worse than a spare one
        width = self.tree.columnWidth(index.column()) - indent - icon - 2 * margin - 4
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        text = opt.fontMetrics.boundingRect(QRect(0, 0, max(20, width), 10_000), flags, opt.text)
        return QSize(hint.width(), max(hint.height(), text.height() + 4))


def _depth(index: QModelIndex | QPersistentModelIndex) -> int:
    depth, parent = 0, index.parent()
    while parent.isValid():
        depth, parent = depth + 1, parent.parent()
    return depth


class DirectoryColumns(QObject):
    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree
        self.narrow: bool | None = None
        header = tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(Col.LOCAL, QHeaderView.ResizeMode.ResizeToContents)
        for col, width in WIDE_WIDTHS:
            tree.setColumnWidth(col, width)
        self.delegate = WrappingDelegate(tree)
        for col in (Col.NAME, Col.REACHABLE):
            tree.setItemDelegateForColumn(col, self.delegate)
        tree.viewport().installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        width = self.tree.viewport().width()
        narrow = width < NARROW_BELOW
        if narrow != self.narrow:
            self.narrow = narrow
            for col in ASIDE_WHEN_NARROW:
                self.tree.setColumnHidden(col, narrow)
            self.tree.setWordWrap(narrow)
            self.tree.setUniformRowHeights(not narrow)
            if not narrow:
                for col, size in WIDE_WIDTHS:
                    self.tree.setColumnWidth(col, size)
        if narrow:
            name = max(110, min(175, int(width * 0.42)))
            self.tree.setColumnWidth(Col.NAME, name)
            self.tree.setColumnWidth(Col.REACHABLE, max(80, width - name))
            self.tree.doItemsLayout()  # the wrapped rows' heights follow the new width
