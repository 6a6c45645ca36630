"""The small questions the checklist panel asks: a reason, a name, a note, a yes/no.

Kept behind one object so tests can answer them without driving modal dialogs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget


class ChecklistPrompts:
    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def text(self, title: str, label: str, value: str = "") -> str | None:
        """One line of text; None when cancelled (an empty answer is a real answer)."""
        answer, ok = QInputDialog.getText(self.parent, title, label, QLineEdit.EchoMode.Normal, value)
        return answer if ok else None

    def note(self, title: str, label: str, value: str = "") -> str | None:
        answer, ok = QInputDialog.getMultiLineText(self.parent, title, label, value)
        return answer if ok else None

    def confirm(self, title: str, question: str) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        chosen = QMessageBox.question(self.parent, title, question, buttons, QMessageBox.StandardButton.Yes)
        return chosen == QMessageBox.StandardButton.Yes
