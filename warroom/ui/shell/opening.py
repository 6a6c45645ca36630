"""The window's frame, painted before the store is open: what `warroom` shows first.

As soon as PySide6 is up the main window shows its title, its size and dock places as the user
left them, its menus, and "Opening the incident store…"; the store, SQLAlchemy and the panels
are loaded off the GUI thread meanwhile, and `MainWindow.attach` then fills this same frame in
place (no second window, nothing jumps). Only Qt and light kit modules are imported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QDockWidget, QLabel, QMainWindow, QToolBar, QVBoxLayout, QWidget

from warroom.ui.kit.theme import paint
from warroom.ui.shell.docking import PANELS, PLACEHOLDER_PROPERTY, arrange_as_tabs
from warroom.ui.shell.window_state import WindowState

if TYPE_CHECKING:
    from warroom.ui.shell.main_window import MainWindow

OPENING_TEXT = "Opening the incident store…"
MENU_TITLES = ("&File", "&Edit", "&View", "&Incident", "&Help")
_FRAME_PROPERTY = "warroomFrame"  # on what attach() replaces


def is_frame_part(widget: QObject) -> bool:
    return bool(widget.property(_FRAME_PROPERTY))


def clear_frame_menus(window: QMainWindow) -> None:
    """The frame's empty menus make way for the real ones (same titles, same place)."""
    bar = window.menuBar()
    for action in bar.actions():
        menu = action.menu()
        if menu is not None and is_frame_part(menu):
            bar.removeAction(action)
            menu.deleteLater()


class OpeningState(QWidget):
    """The centre while the store opens; it says what goes wrong, if something does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openingState")
        self.headline = QLabel(OPENING_TEXT, self)
        self.headline.setObjectName("openingHeadline")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline.setWordWrap(True)
        paint(self.headline, "font-size: 14pt; color: $subtle;")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.headline)
        layout.addStretch(3)

    def say(self, text: str) -> None:
        self.headline.setText(text)


def build_frame(window: MainWindow, state: WindowState) -> OpeningState:
    """The frame's parts, marked so that attach() and add_panel replace each in place, at the
    size and in the places the user left them."""
    for title in MENU_TITLES:
        menu = window.menuBar().addMenu(title)
        menu.setProperty(_FRAME_PROPERTY, True)
        menu.setEnabled(False)
    _stand_in_toolbar(window)
    for spec in PANELS:
        if spec.install is not None:
            window.addDockWidget(spec.area, _stand_in_dock(window, spec.name))
    centre = OpeningState(window)
    window.setCentralWidget(centre)
    window.statusBar().showMessage(OPENING_TEXT)
    state.restore(window)
    if not state.has_saved_layout():
        arrange_as_tabs(window)  # the first-run places, at the window's own width
    return centre


def _stand_in_toolbar(window: QMainWindow) -> None:
    bar = QToolBar("Incident", window)
    bar.setObjectName("incidentToolbar")
    bar.setMovable(False)
    switcher = QComboBox(bar)  # the incident switcher's place, the same height
    switcher.addItem(OPENING_TEXT)
    switcher.setEnabled(False)
    bar.addWidget(switcher)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)


def _stand_in_dock(window: QMainWindow, name: str) -> QDockWidget:
    dock = QDockWidget(name, window)
    dock.setObjectName(f"panel:{name}")
    stand_in = QWidget(dock)
    stand_in.setProperty(PLACEHOLDER_PROPERTY, True)
    dock.setWidget(stand_in)
    return dock
