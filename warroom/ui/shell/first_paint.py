"""Show the main window and wait until it is painted with the incident's rows.

Used by `warroom --self-test` (open the window offscreen, then close it) and by the start-up
benchmark (`--startup-probe`: launch to the first painted window, then to its rows). No store
work happens here on the GUI thread: the window loads its incident and timeline through its
Tasks, as always.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from warroom.ui.kit.worker import Tasks

if TYPE_CHECKING:
    from warroom.ui.shell.main_window import MainWindow


@dataclass(frozen=True)
class PaintedWindow:
    title: str
    width: int
    height: int
    rows: int  # timeline rows on screen when it was painted


def widgets_app() -> QApplication:
    """The running QApplication, or a new one named like the real window's."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Warroom")
    app.setOrganizationName("Warroom")
    return app


class PaintWatcher(QObject):
    """Counts paint events of one widget (its first paint is when a user first sees it)."""

    def __init__(self, widget: QObject) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def wait_for(app: QApplication, done, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the main window did not {what} within {timeout_s:g} s")
        app.processEvents()
        time.sleep(0.002)


def show_until_painted(services, timeout_s: float = 60.0, tasks: Tasks | None = None) -> MainWindow:
    """Build and show the main window with its panels; return once it is painted with its rows."""
    from warroom.ui.shell.docking import install_panels
    from warroom.ui.shell.main_window import MainWindow

    app = widgets_app()
    window = MainWindow(services, tasks or Tasks())
    install_panels(window, None)  # as launch.run_window does
    window.resize(1366, 768)
    model = window.timeline.model
    loaded: list[bool] = []
    model.loaded.connect(lambda: loaded.append(True))
    window.show()
    wait_until_filled(app, window, loaded, timeout_s)
    return window


def wait_until_filled(app: QApplication, window: MainWindow, loaded: list[bool], timeout_s: float) -> None:
    """Until the window shows its incident's rows (or its empty state), painted; `loaded` fills
    when the timeline's model says so."""
    wait_for(app, lambda: window.current_incident is not None or window.tasks.is_idle(), timeout_s, "load")
    if window.current_incident is not None:
        wait_for(app, lambda: bool(loaded), timeout_s, "load its timeline")
    # no incident: the empty state stands where the timeline would, and the timeline is never painted
    shown = window.timeline if window.current_incident is not None else (window.centralWidget() or window)
    watcher = PaintWatcher(shown)
    shown.update()
    wait_for(app, lambda: watcher.paints > 0, timeout_s, "paint")


def open_and_close(services, timeout_s: float = 60.0) -> PaintedWindow:
    """The self-test's window step: show it, see it painted, close it cleanly."""
    app = widgets_app()
    window = show_until_painted(services, timeout_s)
    painted = PaintedWindow(window.windowTitle(), window.width(), window.height(), window.timeline.model.rowCount())
    window.close()
    window.deleteLater()
    app.processEvents()
    return painted


def probe(db_url: str | None, timeout_s: float = 120.0, *, verbose: bool = False) -> int:
    """`warroom --startup-probe`: start exactly as `warroom` does; print `painted` at the window's
    first paint (its frame), then `filled ROWS` once it shows the incident's rows, and exit.
    The start-up benchmark times launch to each line."""
    from warroom.ui.shell.startup import Launch

    app = widgets_app()
    launch = Launch(db_url, None, None, ask_name=False, verbose=verbose)
    window = launch.window
    first = PaintWatcher(window.centralWidget() or window)  # the frame's centre, as the bare window's label
    loaded: list[bool] = []
    launch.attached.connect(lambda: window.timeline.model.loaded.connect(lambda: loaded.append(True)))
    launch.start()
    try:
        wait_for(app, lambda: first.paints > 0, timeout_s, "paint")
        print("painted", flush=True)
        wait_for(app, lambda: bool(window.panels) or launch.error is not None, timeout_s, "open its store")
        if launch.error is not None:
            print(f"warroom: {launch.error}", file=sys.stderr)
            return 1
        wait_until_filled(app, window, loaded, timeout_s)
        print(f"filled {window.timeline.model.rowCount()}", flush=True)
        window.close()
        app.processEvents()
        return 0
    finally:
        launch.close()
