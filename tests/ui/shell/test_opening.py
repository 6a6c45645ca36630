"""`warroom` paints its window's frame before the store is open, then fills that same frame.

The store is opened for real (a SQLite file); a gate holds the worker before it opens the store,
so each test sees the frame while the store is still closed, then lets it open.
"""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget

from warroom.ui.shell.docking import PANELS, docks_by_name, install_panels, is_placeholder
from warroom.ui.shell.launch import STORE_ERROR_TITLE
from warroom.ui.shell.main_window import MainWindow
from warroom.ui.shell.opening import OPENING_TEXT, OpeningState
from warroom.ui.shell.startup import Launch, open_store
from warroom.ui.shell.window_state import WindowState

PANEL_NAMES = {s.name for s in PANELS if s.install is not None}


class Gate:
    """Holds the worker before it opens the store, until the test says go."""

    def __init__(self) -> None:
        self.open = threading.Event()

    def __call__(self, db_url, user_name, create):
        assert self.open.wait(30), "the test never let the store open"
        return open_store(db_url, user_name, create)


@pytest.fixture
def launched(qtbot, ui_dirs, services):
    """A Launch on the same store the `services` fixture made (one incident opened through it)."""
    services.incidents.open("Checkout down for 東京 — Paweł on call", "SEV2")
    gate = Gate()
    launch = Launch(services.store.url.render_as_string(), "Åsa Bergström", "", ask_name=False, opener=gate)
    qtbot.addWidget(launch.window)
    yield launch, gate
    gate.open.set()
    launch.window.close()
    launch.close()


def test_the_frame_is_painted_before_the_store_is_open(qtbot, launched):
    launch, gate = launched
    launch.start()
    window = launch.window
    qtbot.waitExposed(window)
    assert isinstance(window.centralWidget(), OpeningState)
    assert window.centralWidget().headline.text() == OPENING_TEXT
    assert window.statusBar().currentMessage() == OPENING_TEXT
    assert window.windowTitle() == "Warroom"
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&View", "&Incident", "&Help"]
    docks = docks_by_name(window)
    assert set(docks) == PANEL_NAMES
    assert all(is_placeholder(d) for d in docks.values())
    assert launch.services is None and not window.attached  # the store is still closed


def test_the_store_opens_into_the_same_frame_with_its_incident(qtbot, launched, wait_idle):
    launch, gate = launched
    launch.start()
    window = launch.window
    qtbot.waitExposed(window)
    frame_docks, framed = docks_by_name(window), window.size()
    with qtbot.waitSignal(launch.ready, timeout=30_000):
        gate.open.set()
    assert window.attached and launch.services is not None
    assert isinstance(window.centralWidget(), QStackedWidget)
    docks = docks_by_name(window)
    assert docks == frame_docks  # the very same docks, now holding their panels
    assert window.size() == framed  # nothing jumps
    assert not any(is_placeholder(d) for d in docks.values())
    assert [a.text() for a in window.menuBar().actions()] == ["&File", "&Edit", "&View", "&Incident", "&Help"]
    assert all(a.menu().isEnabled() for a in window.menuBar().actions())
    qtbot.waitUntil(lambda: window.current_incident is not None, timeout=10_000)
    assert window.current_incident.title == "Checkout down for 東京 — Paweł on call"
    assert window.windowTitle().startswith("INC-1 Checkout down for 東京")
    window.actions_by_name["show_comms"].trigger()  # Ctrl+7 brings its panel to the front
    qtbot.waitUntil(lambda: not docks["Communications"].visibleRegion().isEmpty())


def test_the_frame_has_the_dock_places_the_user_left(qtbot, services, tasks, ui_dirs):
    before = MainWindow(services, tasks)
    install_panels(before, "")
    qtbot.addWidget(before)
    before.resize(701, 523)
    before.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, docks_by_name(before)["Roles"])
    before.show()
    qtbot.waitExposed(before)
    before.close()  # saves geometry and dock state

    gate = Gate()
    launch = Launch(services.store.url.render_as_string(), "Åsa", "", ask_name=False, opener=gate)
    qtbot.addWidget(launch.window)
    try:
        launch.start()
        window = launch.window
        qtbot.waitExposed(window)
        roles = docks_by_name(window)["Roles"]
        assert is_placeholder(roles)
        assert window.dockWidgetArea(roles) == Qt.DockWidgetArea.LeftDockWidgetArea
        with qtbot.waitSignal(launch.ready, timeout=30_000):
            gate.open.set()
        assert docks_by_name(window)["Roles"] is roles and not is_placeholder(roles)
        assert window.dockWidgetArea(roles) == Qt.DockWidgetArea.LeftDockWidgetArea
    finally:
        gate.open.set()
        launch.window.close()
        launch.close()


def test_a_store_that_cannot_be_opened_is_said_in_the_frame_and_a_dialog(qtbot, ui_dirs):
    notes = ui_dirs / "Paweł's notes.sqlite"
    original = "not a database, but Paweł's notes — 東京\n" * 50
    notes.write_text(original, encoding="utf-8")
    launch = Launch(f"sqlite:///{notes}", "Åsa", "", ask_name=False)
    qtbot.addWidget(launch.window)
    exit_codes: list[int] = []
    launch.finished.connect(exit_codes.append)
    try:
        launch.start()
        qtbot.waitUntil(lambda: launch.error is not None, timeout=30_000)
        box = launch.window.findChild(QMessageBox, "storeErrorBox")
        assert box is not None and box.isVisible()
        assert box.windowTitle() == STORE_ERROR_TITLE
        assert box.text() == launch.error and "\n" not in launch.error.strip()
        assert "not a Warroom database" in launch.error
        assert launch.window.centralWidget().headline.text() == launch.error
        box.button(QMessageBox.StandardButton.Close).click()
        qtbot.waitUntil(lambda: exit_codes == [1])
        assert notes.read_text(encoding="utf-8") == original
    finally:
        launch.window.close()
        launch.close()


def test_closing_the_window_while_the_store_opens_keeps_its_size_and_closes_the_store(qtbot, launched):
    launch, gate = launched
    launch.start()
    qtbot.waitExposed(launch.window)
    launch.window.resize(733, 541)
    threading.Timer(0.3, gate.open.set).start()  # the store opens while the window closes
    launch.window.close()
    launch.close()
    assert all(is_placeholder(d) for d in docks_by_name(launch.window).values())  # never filled
    remembered = QMainWindow()
    qtbot.addWidget(remembered)
    WindowState().restore(remembered)
    assert (remembered.width(), remembered.height()) == (733, 541)
