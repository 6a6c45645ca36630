"""`warroom` with no command: paint the window's frame, open the store off the GUI thread, fill the window.

The frame (ui/shell/opening.py) is painted as soon as PySide6 is up; once it is, a worker opens
the store (SQLAlchemy, the migration check) and imports the window's and panels' modules, and
the GUI thread only builds their widgets into the frame, one panel per turn of the event loop.
A store that cannot be opened is said in one sentence, in the frame's centre and in a dialog;
closing that ends Warroom with exit code 1.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from warroom.settings import read_theme
from warroom.ui.kit.worker import Tasks
from warroom.ui.shell.launch import (
    MISSING_FOLDER,
    ask_to_create_folder,
    install_excepthook,
    show_notices_and_waits,
    store_error_box,
)
from warroom.ui.shell.main_window import MainWindow

log = logging.getLogger("warroom.ui")

FIRST_PAINT_WAIT_MS = 500


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


def start_logging(verbose: bool) -> None:
    """The log file, once the frame is painted (its imports and folder cost the first paint)."""
    from warroom.logging_setup import configure_logging

    configure_logging(verbose, announce=False)


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
        verbose: bool = False,
        opener: Callable[..., Any] | None = None,
    ) -> None:
        """`opener(db_url, user_name, create)` opens the store on the worker (`open_store`);
        `verbose` logs debug detail (the log file is set up after the first paint)."""
        super().__init__()
        self.opener = opener or open_store
        self.verbose = verbose
        self.db_url, self.user_name, self.hub_url, self.create = db_url, user_name, hub_url, create
        self.ask_name = ask_name  # every entry carries the name: ask who this is, once
        self.services = None
        self.error: str | None = None
        self._steps: list[Callable[[], None]] = []
        self._lock, self._closed = threading.Lock(), False
        self.tasks = Tasks()
        self.window = MainWindow(tasks=self.tasks, theme=read_theme())  # the rest is read with the store
        install_excepthook(self.window)
        self._stop_notices = show_notices_and_waits(self.window, self.tasks)

    def start(self) -> None:
        """Show the frame; the store starts opening once the frame is painted, so that the worker's
        imports (which hold the GIL) never hold up the first paint."""
        centre = self.window.centralWidget() or self.window
        self._first_paint = AfterFirstPaint(centre, self._after_first_paint)
        self.window.show()

    def _after_first_paint(self) -> None:
        start_logging(self.verbose)  # before the store opens: what it logs goes to the file
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
