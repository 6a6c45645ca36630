"""A progress dialog for long work that runs off the GUI thread, with Cancel where that is safe.

    progress = WorkProgress(parent, "Importing vendors.csv")
    tasks.write(lambda: services.directory.import_file(data, on_progress=progress.report),
                on_done=..., on_error=...)   # and progress.finish() in both

`report(done, total)` is called on the worker thread; it hands the numbers to the GUI thread by
a queued signal, where the dialog shows them (it appears only if the work lasts longer than
`show_after_ms`). Cancel makes the next `report` raise WorkCancelled, so the work must be all
or nothing (one unit of work: the rollback undoes everything). The window keeps running
meanwhile: nothing here waits.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from warroom.domain.errors import WarroomError


class WorkCancelled(WarroomError):
    """The person pressed Cancel; the work's unit of work rolled back."""


class WorkProgress(QObject):
    moved = Signal(int, int)  # done, total: emitted on the worker thread, shown on the GUI thread

    def __init__(
        self, parent: QWidget, label: str, *, unit: str = "", cancelled: str = "", show_after_ms: int = 400
    ) -> None:
        super().__init__()  # no parent: it lives as long as the work's callbacks hold it
        self._label, self._unit = label, unit
        self._cancel = threading.Event()
        self._cancelled_text = cancelled or f"{label}: cancelled; nothing was changed."
        self.values: list[tuple[int, int]] = []  # what arrived, in order (the dialog's history)
        self.dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(label)
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        self.dialog.setMinimumDuration(show_after_ms)
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self._on_cancel)
        self.moved.connect(self._show)
        self.dialog.setValue(0)  # starts the show_after_ms clock

    def report(self, done: int, total: int) -> None:
        """Call from the worker thread; raises WorkCancelled once the person pressed Cancel."""
        if self._cancel.is_set():
            raise WorkCancelled(self._cancelled_text)
        self.moved.emit(done, total)

    def finish(self) -> None:
        """The work ended (done, failed or cancelled): the dialog goes."""
        self.moved.disconnect(self._show)
        self.dialog.canceled.disconnect(self._on_cancel)
        self.dialog.close()
        self.dialog.deleteLater()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @Slot(int, int)
    def _show(self, done: int, total: int) -> None:
        self.values.append((done, total))
        if self._cancel.is_set():
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        self.dialog.setLabelText(f"{self._label}: {done:,} of {total:,} {self._unit}".rstrip())

    @Slot()
    def _on_cancel(self) -> None:
        self._cancel.set()
        self.dialog.setLabelText("Cancelling: putting everything back as it was…")
        self.dialog.show()  # QProgressDialog hides itself on cancel; say that it is being undone
