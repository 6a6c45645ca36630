"""Sync problems: the changes from the hub this laptop refused, why, and what an admin can do about them.

The list is read off the GUI thread (a Tasks read); the dialog shows
"Loading…" until it arrives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from warroom.ui.kit.worker import Tasks

HEADERS = ("Refused at (UTC)", "Table", "From device", "Why")
EXPLAIN = (
    "These changes came from the shared hub but did not pass this laptop's checks, so they were "
    "not applied. Everything else keeps syncing. If one should never have been pushed, the hub's "
    "admin can retire it for every laptop: warroom hub quarantine URL CHANGE_ID."
)


class ProblemsDialog(QDialog):
    """Lists refused changes; selecting one shows its id, reason and payload as the hub gave it."""

    def __init__(self, sync_service: Any, tasks: Tasks, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sync problems")
        self.resize(820, 480)
        self._problems: list[Any] = []
        intro = QLabel(EXPLAIN, self)
        intro.setWordWrap(True)
        self.status = QLabel("Loading…", self)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in range(len(HEADERS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        self.details.setPlaceholderText("Select a refused change to see its id and what it carried.")
        self.copy_id = QPushButton("Copy change id", self)
        self.copy_id.setEnabled(False)
        self.copy_id.clicked.connect(self._copy_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_id, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.status, self.table, self.details, buttons):
            layout.addWidget(widget)
        tasks.read(sync_service.problems, on_done=self.show_problems, on_error=self._failed)

    def show_problems(self, problems: Sequence[Any]) -> None:
        self._problems = list(problems)
        count = len(self._problems)
        self.status.setText(
            "No changes from the hub were refused."
            if not count
            else f"{count} change{'s' if count != 1 else ''} from the hub {'were' if count != 1 else 'was'} refused."
        )
        self.table.setRowCount(count)
        for row, problem in enumerate(self._problems):
            cells = (f"{problem.refused_at:%Y-%m-%d %H:%M:%S}", problem.table_name, problem.device, problem.reason)
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        if count:
            self.table.selectRow(0)

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        problem = self._problems[rows[0].row()] if rows else None
        self.copy_id.setEnabled(problem is not None)
        if problem is None:
            self.details.clear()
            return
        self.details.setPlainText(
            f"Change: {problem.change_id}\nRow: {problem.row_id}\nStamp: {problem.stamp}\n"
            f"Why: {problem.reason}\n\nWhat it carried:\n{problem.payload}"
        )

    def selected_change_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self._problems[rows[0].row()].change_id if rows else None

    def _copy_id(self) -> None:
        change_id = self.selected_change_id()
        if change_id:
            QGuiApplication.clipboard().setText(change_id)

    def _failed(self, sentence: str) -> None:
        self.status.setText(f"Cannot read the refused changes: {sentence}")
