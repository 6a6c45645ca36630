"""`warroom` with no command: paint the window's frame, open the store off the GUI thread, fill the window.

The frame (ui/shell/opening.py) is painted as soon as PySide6 is up; a worker then opens the
store (SQLAlchemy, the migration check) and imports the window's and panels' modules, and the
GUI thread only builds their widgets into the frame. A store that cannot be opened is said in
one sentence, in the frame's centre and in a dialog; closing it ends Warroom with exit code 1.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any, cast

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget

from warroom.settings import Settings
from warroom.ui.kit.worker import Tasks
from warroom.ui.shell.main_window import MainWindow

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
FIRST_PAINT_WAIT_MS = 500


def ask_to_create_folder(error: str, parent: QWidget | None = None) -> bool:
    """The window's way to --create: ask before making the folder of a store the user named."""
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


def open_store(db_url: str | None, user_name: str | None, create: bool = False):
    """On a worker: the store (SQLAlchemy, the migration check), then the modules of the window's
    parts and panels, so that the GUI thread only has widgets left to build."""
    from warroom.app import build_services
    from warroom.ui.shell.docking import import_panel_modules

    services = build_services(db_url, user_name=user_name, create=create)
    try:
        import warroom.ui.incident.header
        import warroom.ui.incident.switcher
        import warroom.ui.shell.commands
        import warroom.ui.shell.status_bar
        import warroom.ui.timeline.panel  # noqa: F401  (imported here, used by MainWindow.attach)

        import_panel_modules()
    except BaseException:
        services.close()
        raise
    return services


def _log_startup_line() -> None:
    from warroom.logging_setup import startup_line  # in a checkout it asks git: not before the first paint

    logging.getLogger("warroom").info("%s", startup_line())


class AfterFirstPaint(QObject):
    """Calls `then` once, after `widget`'s first paint (or after FIRST_PAINT_WAIT_MS, if the window
    is not painted at all, e.g. started minimised)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self.fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.then is not None:
            QTimer.singleShot(0, self.fire)  # after the paint has reached the screen
        return False

    def fire(self) -> None:
        then, self.then = self.then, None
        if then is not None:
            then()


class Launch(QObject):
    """The window from launch to filled: `start()` shows the frame; `attached` once the store is
    open and the window's own parts are built, `ready` once the panels are in too;
    `finished(1)` when the store could not be opened and the user closed the dialog saying so."""

    attached = Signal()  # the window has its timeline (its first reads are queued), not its panels yet
    ready = Signal()
    finished = Signal(int)

    def __init__(
        self,
        db_url: str | None,
        user_name: str | None,
        hub_url: str | None,
        *,
        create: bool = False,
        ask_name: bool = True,
        opener: Callable[..., Any] | None = None,
    ) -> None:
        """`opener(db_url, user_name, create)` opens the store on the worker (`open_store`)."""
        super().__init__()
        self.opener = opener or open_store
        self.db_url, self.user_name, self.hub_url, self.create = db_url, user_name, hub_url, create
        self.ask_name = ask_name  # every entry carries the name: ask who this is, once
        self.services = None
        self.error: str | None = None
        self._steps: list[Callable[[], None]] = []
        self._lock, self._closed = threading.Lock(), False
        self.tasks = Tasks()
        self.window = MainWindow(tasks=self.tasks, settings=Settings.load())
        install_excepthook(self.window)
        self._stop_notices = show_notices_and_waits(self.window, self.tasks)

    def start(self) -> None:
        """Show the frame; the store starts opening once the frame is painted, so that the worker's
        imports (which hold the GIL) never hold up the first paint."""
        centre = self.window.centralWidget()
        self._first_paint = AfterFirstPaint(centre, self._after_first_paint)
        self.window.show()

    def _after_first_paint(self) -> None:
        self.tasks.read(_log_startup_line)
        self._open()

    def _open(self) -> None:
        self.tasks.read(self._open_store, self._on_open, self._on_failed)

    def _open_store(self):
        """On the worker. A store opened after close() (the window went first) is closed here."""
        services = self.opener(self.db_url, self.user_name, self.create)
        with self._lock:
            if self._closed:
                services.close()
                return None  # nobody is told: the tasks were shut down before _closed was set
            self.services = services
        return services

    def _on_open(self, services) -> None:
        from warroom.ui.shell.docking import install_steps

        self.window.attach(services)
        self.attached.emit()
        self._steps = install_steps(self.window, self.hub_url)
        QTimer.singleShot(0, self._next_step)

    def _next_step(self) -> None:
        """One panel per turn of the event loop: the window answers between them."""
        if self.tasks.closed:  # the window was closed meanwhile
            return
        if self._steps:
            self._steps.pop(0)()
            QTimer.singleShot(0, self._next_step)
            return
        from warroom.ui.shell.settings_dialog import ask_name_once

        if self.ask_name:
            ask_name_once(self.window)
        self.ready.emit()

    def _on_failed(self, message: str) -> None:
        if MISSING_FOLDER in message and not self.create and ask_to_create_folder(message, self.window):
            self.create = True
            self._open()
            return
        log.error("store could not be opened: %s", message)
        self.error = message
        if self.window.opening is not None:
            self.window.opening.say(message)
        box = store_error_box(message, self.window)
        box.finished.connect(lambda _result: self.finished.emit(1))
        box.open()

    def close(self) -> None:
        self._stop_notices()
        self.tasks.shutdown()
        with self._lock:
            self._closed = True
            if self.services is not None:
                self.services.close()


def run_window(
    db_url: str | None = None, user_name: str | None = None, hub_url: str | None = None, *, create: bool = False
) -> int:
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("Warroom")
    app.setApplicationDisplayName("Warroom")
    app.setOrganizationName("Warroom")
    launch = Launch(db_url, user_name, hub_url, create=create, ask_name=user_name is None)
    launch.finished.connect(app.exit)
    launch.start()
    try:
        return app.exec()
    finally:
        launch.close()
