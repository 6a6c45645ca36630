"""Thin table models over the roles services' frozen values: role holders and changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from warroom.domain.changes_record import Change, ChangeMark
from warroom.domain.roles import Assignment

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

MARK_COLOURS = {ChangeMark.CAUSE: "#b71c1c", ChangeMark.SUSPECT: "#e65100", ChangeMark.RULED_OUT: "#757575"}


class _RowsModel(QAbstractTableModel):
    """Rows of one frozen value each; `columns` says each column's header and text."""

    columns: tuple[tuple[str, Callable[[Any], str]], ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        value = self.rows[index.row()]
        if role == VALUE_ROLE:
            return value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.columns[index.column()][1](value)
        return self.extra(value, index.column(), role)

    def extra(self, value: Any, column: int, role: int) -> Any:
        return None


class HoldersModel(_RowsModel):
    def __init__(self, when: Callable[[datetime], str], parent=None) -> None:
        self.columns = (
            ("Role", lambda a: a.title()),
            ("Person", lambda a: a.person),
            ("Since", lambda a: when(a.at)),
        )
        super().__init__(parent)

    def holders(self) -> list[Assignment]:
        return list(self.rows)


class ChangesModel(_RowsModel):
    def __init__(self, when: Callable[[datetime], str], parent=None) -> None:
        self.columns = (
            ("When", lambda c: when(c.occurred_at)),
            ("Mark", lambda c: c.mark.value if c.mark else ""),
            ("Change", _change_text),  # the widest: last, stretched, wrapped
        )
        super().__init__(parent)

    def extra(self, value: Change, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and value.mark in MARK_COLOURS:
            return QColor(MARK_COLOURS[value.mark])
        if role == Qt.ItemDataRole.FontRole and value.mark is ChangeMark.CAUSE:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None


def _change_text(c: Change) -> str:
    """'deploy checkout 1.4.2' and, below it, what was changed and by whom."""
    what = f"{c.text} ({c.author})" if c.author else c.text
    return f"{c.label()}\n{what}" if what and what != c.version else c.label()
