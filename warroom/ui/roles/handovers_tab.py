"""The handovers kept for an incident: each brief exactly as the incoming commander read it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.handover import Handover
from warroom.export.handover import brief_rich_text

HANDOVER_ROLE = Qt.ItemDataRole.UserRole + 1


class HandoversTab(QWidget):
    save_requested = Signal(object, object, str)  # HandoverBrief, Path, "md" or "pdf"

    def __init__(self, when, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("handoversTab")
        self._when = when
        self.list = QListWidget(self)
        self.list.setObjectName("keptHandovers")
        self.list.setAccessibleName("Handovers")
        self.brief = QTextBrowser(self)
        self.brief.setObjectName("keptBrief")
        self.brief.setAccessibleName("Handover brief")
        self.list.currentItemChanged.connect(self._show)
        self.markdown_button = QPushButton("Save as &Markdown…", self)
        self.pdf_button = QPushButton("Save as &PDF…", self)
        self.markdown_button.clicked.connect(lambda: self._ask("md"))
        self.pdf_button.clicked.connect(lambda: self._ask("pdf"))
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.list)
        split.addWidget(self.brief)
        split.setSizes([80, 300])
        buttons = QHBoxLayout()
        buttons.addWidget(self.markdown_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.list)
        self._show(None)

    def set_handovers(self, handovers: list[Handover]) -> None:
        self.list.clear()
        for h in handovers:
            item = QListWidgetItem(f"{self._when(h.at)}  {h.from_person or '—'} → {h.to_person}", self.list)
            item.setData(HANDOVER_ROLE, h)
        if handovers:
            self.list.setCurrentRow(len(handovers) - 1)

    def current(self) -> Handover | None:
        item = self.list.currentItem()
        return item.data(HANDOVER_ROLE) if item is not None else None

    def _show(self, item) -> None:
        handover = item.data(HANDOVER_ROLE) if item is not None else None
        self.brief.setHtml(brief_rich_text(handover.brief) if handover else "<p><i>No handover yet.</i></p>")
        self.markdown_button.setEnabled(handover is not None)
        self.pdf_button.setEnabled(handover is not None)

    def _ask(self, fmt: str) -> None:
        handover = self.current()
        if handover is None:
            return
        suffix = "Markdown (*.md)" if fmt == "md" else "PDF (*.pdf)"
        name = f"{handover.brief.reference}-handover.{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, "Save the brief", name, suffix)
        if path:
            self.save_requested.emit(handover.brief, Path(path), fmt)
