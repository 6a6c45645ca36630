"""`warroom` with no command: open the store off the GUI thread, then the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from warroom.ui.kit.worker import Tasks

log = logging.getLogger("warroom.ui")

STORE_ERROR_TITLE = "Warroom cannot open its store"


def store_error_box(message: str, parent: QWidget | None = None) -> QMessageBox:
    """The dialog shown when the store cannot be opened: the one sentence, nothing else."""
    box = QMessageBox(QMessageBox.Icon.Critical, STORE_ERROR_TITLE, message, QMessageBox.StandardButton.Close, parent)
    box.setObjectName("storeErrorBox")
    box.setInformativeText(
        "Nothing was changed or overwritten. Fix the cause, or start Warroom with --db pointing at another store."
    )
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return box


def open_services(tasks: Tasks, db_url: str | None, user_name: str | None, parent: QWidget | None = None):
    """Build the services on a worker (opening may migrate), showing progress meanwhile.

    Returns (services, None) or (None, error sentence)."""
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
        lambda: build_services(db_url, user_name=user_name),
        lambda services: finish("services", services),
        lambda message: finish("error", message),
    )
    if not outcome:
        loop.exec()
    progress.close()
    progress.deleteLater()
    return outcome.get("services"), outcome.get("error")


def run_window(db_url: str | None = None, user_name: str | None = None, hub_url: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Warroom")
    app.setApplicationDisplayName("Warroom")
    app.setOrganizationName("Warroom")
    tasks = Tasks()
    services, error = open_services(tasks, db_url, user_name)
    if services is None:
        log.error("store could not be opened: %s", error)
        tasks.shutdown()
        store_error_box(error or "The store could not be opened.").exec()
        return 1
    from warroom.ui.shell.docking import install_panels
    from warroom.ui.shell.main_window import MainWindow
    from warroom.ui.shell.settings_dialog import ask_name_once

    window = MainWindow(services, tasks)
    install_panels(window, hub_url)
    window.show()
    if user_name is None:  # every entry carries the name: ask who this is, once
        ask_name_once(window)
    try:
        return app.exec()
    finally:
        tasks.shutdown()
        services.close()
