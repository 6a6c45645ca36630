"""A dialog whose owner saves what it collected; it stays open until the save worked.

    class ThingDialog(FormDialog):
        def collect(self) -> ThingForm | None:   # raise WarroomError for a bad field,
            ...                                  # return None when there is nothing to save

    dialog.submitted.connect(lambda form: tasks.write(..., lambda _: dialog.done_saving(), dialog.show_error))

Save (or Enter) calls `collect()`; a WarroomError's sentence is shown under the form and the
dialog stays open; a form is emitted with `submitted` and the buttons wait until the owner
calls `done_saving()` (closes) or `show_error(sentence)` (nothing typed is lost).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from warroom.domain.errors import WarroomError
from warroom.ui.kit.theme import paint

SAVE_CANCEL = QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
OK_CANCEL = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel


class FormDialog(QDialog):
    submitted = Signal(object)  # what collect() returned; the owner writes it

    def __init__(self, parent: QWidget | None = None, buttons: QDialogButtonBox.StandardButton = SAVE_CANCEL) -> None:
        super().__init__(parent)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        paint(self.error, "color: $error;")
        self.error.hide()
        self.buttons = QDialogButtonBox(buttons, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def collect(self) -> Any:
        """The form to save; None when nothing changed (the dialog just closes)."""
        raise NotImplementedError

    def accept(self) -> None:
        try:
            form = self.collect()
        except WarroomError as exc:
            self.show_error(str(exc))
            return
        if form is None:
            super().accept()
            return
        self.buttons.setEnabled(False)
        self.error.hide()
        self.submitted.emit(form)

    def done_saving(self) -> None:
        super().accept()

    def show_error(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(message)
        self.error.show()
