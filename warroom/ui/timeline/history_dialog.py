"""Every revision of one timeline entry: who, when recorded, what it said."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from warroom.domain.timeline import Revision
from warroom.ui.kit.style import KIND_LABELS, kind_icon
from warroom.ui.kit.time_display import TimeDisplay, utc_tooltip

COLUMNS = ("#", "Recorded", "By", "Occurred at", "Kind", "Text", "Milestone", "Retracted")


class HistoryDialog(QDialog):
    def __init__(self, revisions: list[Revision], display: TimeDisplay, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Entry history")
        self.setObjectName("historyDialog")
        self.resize(980, 360)
        self.table = QTableWidget(len(revisions), len(COLUMNS), self)
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, revision in enumerate(revisions):
            self._fill(row, revision, display)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        note = QLabel(
            f"{len(revisions)} revision{'s' if len(revisions) != 1 else ''}, oldest first; "
            f"times in {display.zone}. Nothing is ever erased.",
            self,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def _fill(self, row: int, revision: Revision, display: TimeDisplay) -> None:
        cells = (
            str(row + 1),
            display.full(revision.recorded_at),
            revision.author,
            display.full(revision.occurred_at),
            KIND_LABELS[revision.kind],
            revision.text,
            revision.milestone or "",
            "retracted" if revision.retracted else "",
        )
        for column, value in enumerate(cells):
            item = QTableWidgetItem(value if column != 5 else value[:2000])
            item.setToolTip(value[:4000])
            if column == 4:
                item.setIcon(kind_icon(revision.kind))
            if column in (1, 3):
                item.setToolTip(utc_tooltip(revision.recorded_at if column == 1 else revision.occurred_at))
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.table.setItem(row, column, item)

    def row_texts(self, column: int) -> list[str]:
        return [self.table.item(row, column).text() for row in range(self.table.rowCount())]
