"""When the window narrows, the timeline keeps its room: the docks give theirs back first.

Qt shrinks the central widget first when a window narrows, down to its minimum, while the
docks keep their width: on a 960 px laptop window the timeline and the incident's title were
squeezed while the side panels kept more than they need. Once the centre is at its minimum,
the docks beside it are taken down to their own minimum (never widened: a width the user
dragged wider is kept while there is room).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

SIDES = (Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea)


class TimelineRoom(QObject):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self.give_back)  # once the layout has placed everything
        return False

    def give_back(self) -> None:
        centre = self.window.centralWidget()
        if centre is None or centre.width() > centre.minimumSizeHint().width():
            return
        docks = [d for d in self.side_docks() if d.width() > d.minimumSizeHint().width()]
        if docks:
            self.window.resizeDocks(docks, [d.minimumSizeHint().width() for d in docks], Qt.Orientation.Horizontal)

    def side_docks(self) -> list[QDockWidget]:
        """The visible docks at the sides (one per tab group is enough, the others follow)."""
        return [
            d
            for d in self.window.findChildren(QDockWidget)
            if d.isVisible() and not d.isFloating() and self.window.dockWidgetArea(d) in SIDES
        ]
