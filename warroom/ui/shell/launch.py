"""`warroom` with no command: the window's start (ui/shell/startup.py), its error dialogs and notices."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from warroom.ui.kit.worker import Tasks

if TYPE_CHECKING:  # imported where a dialog is built: loading their classes (and enums) costs the first paint
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("warroom.ui")

STORE_ERROR_TITLE = "Warroom cannot open its store"


def store_error_box(message: str, parent: QWidget | None = None) -> QMessageBox:
    """The dialog shown when the store cannot be opened: the one sentence, nothing else."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, STORE_ERROR_TITLE, message, QMessageBox.StandardButton.Close, parent)
    box.setObjectName("storeErrorBox")
    box.setInformativeText(
        "Nothing was changed or overwritten. Fix the cause, or start Warroom with --db pointing at another store."
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def unexpected_error_sentence(exc: BaseException) -> str:
    from warroom.domain.failures import explain
    from warroom.settings import state_dir

    return explain(exc) or (
        f"Something went wrong ({type(exc).__name__}); what you typed is kept, and the details are in "
        f"{state_dir() / 'warroom.log'}."
    )


def install_excepthook(parent: QWidget | None = None) -> Callable[..., None]:
    """The window's error boundary: an exception no slot caught is logged with its traceback
    and shown as one sentence in a dialog that does not block the event loop."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.error("unexpected error in the window", exc_info=(kind, exc, tb))
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, "Warroom", unexpected_error_sentence(exc), parent=parent)
        box.setObjectName("unexpectedErrorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    sys.excepthook = hook
    return hook


class _NoticeRelay(QObject):
    """Notices for people logged on any thread ("waiting for the store", a bad settings key)
    reach the status bar through a queued signal."""

    arrived = Signal(str)


class _NoticeHandler(logging.Handler):
    def __init__(self, relay: _NoticeRelay) -> None:
        super().__init__(logging.INFO)
        self.relay = relay

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.relay.arrived.emit(message[:1].upper() + message[1:])


def show_notices_and_waits(window, tasks: Tasks) -> Callable[[], None]:
    """Store and settings notices, and writes waiting for a busy store, in the status bar."""
    relay = _NoticeRelay(window)
    relay.arrived.connect(lambda message: window.statusBar().showMessage(message, 10_000))
    handler = _NoticeHandler(relay)
    logging.getLogger("warroom.notice").addHandler(handler)
    tasks.waiting.connect(lambda message: window.statusBar().showMessage(message))
    tasks.resumed.connect(window.statusBar().clearMessage)
    return lambda: logging.getLogger("warroom.notice").removeHandler(handler)


MISSING_FOLDER = "does not exist: create it first"


def ask_to_create_folder(error: str, parent: QWidget | None = None) -> bool:
    """The window's way to --create: ask before making the folder of a store the user named."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Warroom",
        error.split(": create it first")[0] + ".",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("createFolderBox")
    box.setInformativeText("Create the folder and a new, empty store in it?")
    return box.exec() == QMessageBox.StandardButton.Yes


def open_services(
    tasks: Tasks, db_url: str | None, user_name: str | None, parent: QWidget | None = None, *, create: bool = False
):
    """Build the services on a worker (opening may migrate), showing progress meanwhile.

    `create` makes a missing folder of a named store. Returns (services, None) or (None, error sentence)."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QProgressDialog

    from warroom.app import build_services

    outcome: dict = {}
    loop = QEventLoop()
    progress = QProgressDialog("Opening the incident store…", "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowTitle("Warroom")
    progress.setMinimumDuration(400)  # a fast open shows nothing at all

    def finish(key: str, value) -> None:
        outcome[key] = value
        loop.quit()

    tasks.read(
        lambda: build_services(db_url, user_name=user_name, create=create),
        lambda services: finish("services", services),
        lambda message: finish("error", message),
    )
    if not outcome:
        loop.exec()
    progress.close()
    progress.deleteLater()
    return outcome.get("services"), outcome.get("error")


def run_window(
    db_url: str | None = None,
    user_name: str | None = None,
    hub_url: str | None = None,
    *,
    create: bool = False,
    verbose: bool = False,
) -> int:
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("Warroom")
    app.setApplicationDisplayName("Warroom")
    app.setOrganizationName("Warroom")
    from warroom.ui.shell.startup import Launch

    launch = Launch(db_url, user_name, hub_url, create=create, ask_name=user_name is None, verbose=verbose)
    launch.finished.connect(app.exit)
    launch.start()
    try:
        return app.exec()
    finally:
        launch.close()
