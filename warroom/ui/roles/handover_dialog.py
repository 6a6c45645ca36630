""" "Hand over…": the brief built from the record, a note, and the incoming commander's acceptance.

The brief is rebuilt off the GUI thread whenever the incoming person or the note changes (after
a short pause); "Accept" records the handover and keeps the brief, which can then be saved as
Markdown or PDF (the kept one, exactly as it was read).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
)

from warroom.domain.handover import Handover, HandoverBrief
from warroom.export.handover import brief_rich_text, write_brief

REBUILD_MS = 400


class HandoverDialog(QDialog):
    accepted_handover = Signal(object)  # the recorded Handover

    def __init__(self, handovers, tasks, incident, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.setWindowTitle(f"Hand over {incident.reference}")
        self.handovers, self.tasks, self.incident = handovers, tasks, incident
        self.brief: HandoverBrief | None = None
        self.handover: Handover | None = None
        self.to = QLineEdit(self)
        self.to.setObjectName("handoverTo")
        self.to.setPlaceholderText("the incoming commander")
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("handoverNote")
        self.note.setPlaceholderText("What the next commander must know that the record does not say")
        self.note.setFixedHeight(70)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("handoverBrief")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.accept_button = QPushButton("&Accept handover", self)
        self.accept_button.setObjectName("acceptHandover")
        self.markdown_button = QPushButton("Save as &Markdown…", self)
        self.pdf_button = QPushButton("Save as &PDF…", self)
        close = QPushButton("&Close", self)
        self.accept_button.clicked.connect(self.accept_handover)
        self.markdown_button.clicked.connect(lambda: self._ask_and_save("md"))
        self.pdf_button.clicked.connect(lambda: self._ask_and_save("pdf"))
        close.clicked.connect(self.reject)
        self._timer = QTimer(self, singleShot=True, interval=REBUILD_MS)
        self._timer.timeout.connect(self.rebuild)
        self.to.textChanged.connect(lambda _t: self._timer.start())
        self.note.textChanged.connect(self._timer.start)
        self._layout(close)
        self.resize(760, 640)
        self._update_buttons()

    def _layout(self, close: QPushButton) -> None:
        form = QFormLayout()
        form.addRow("Hand over &to", self.to)
        form.addRow("&Note", self.note)
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.markdown_button, self.pdf_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def rebuild(self) -> None:
        """Build the brief again from the record (and the note) off the GUI thread."""
        if self.handover is not None or not self.to.text().strip():
            self._update_buttons()
            return
        to, note = self.to.text(), self.note.toPlainText()
        self.tasks.read(lambda: self.handovers.prepare(self.incident.id, to, note), self._show_brief, self._show_error)

    def _show_brief(self, brief: HandoverBrief) -> None:
        if self.handover is not None:
            return  # accepted meanwhile: the kept brief stays on screen
        self.brief = brief
        self.preview.setHtml(brief_rich_text(brief))
        self.message.setText("")
        self._update_buttons()

    def accept_handover(self) -> None:
        if not self.to.text().strip():
            self._show_error("Say who takes over: type the incoming commander's name.")
            return
        to, note = self.to.text(), self.note.toPlainText()
        self.accept_button.setEnabled(False)
        self.tasks.write(lambda: self.handovers.accept(self.incident.id, to, note), self._accepted, self._show_error)

    def _accepted(self, handover: Handover) -> None:
        self.handover, self.brief = handover, handover.brief
        self.preview.setHtml(brief_rich_text(handover.brief))
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(f"{handover.to_person} now commands {self.incident.reference}; the brief is kept.")
        self.to.setReadOnly(True)
        self.note.setReadOnly(True)
        self._update_buttons()
        self.accepted_handover.emit(handover)

    def save_to(self, path: Path, fmt: str) -> None:
        """Write the brief (the kept one once accepted) as 'md' or 'pdf', off the GUI thread."""
        brief = self.brief
        if brief is None:
            return
        self.tasks.read(
            lambda: write_brief(brief, path, fmt), lambda p: self.message.setText(f"Saved {p}"), self._show_error
        )

    def _ask_and_save(self, fmt: str) -> None:
        suffix = "Markdown (*.md)" if fmt == "md" else "PDF (*.pdf)"
        name = f"{self.incident.reference}-handover.{fmt}"
        path, _ = QFileDialog.getSaveFileName(self, "Save the brief", name, suffix)
        if path:
            self.save_to(Path(path), fmt)

    def _show_error(self, message: str) -> None:
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setText(message)
        self._update_buttons()

    def _update_buttons(self) -> None:
        done = self.handover is not None
        self.accept_button.setEnabled(not done and bool(self.to.text().strip()))
        self.markdown_button.setEnabled(self.brief is not None)
        self.pdf_button.setEnabled(self.brief is not None)
