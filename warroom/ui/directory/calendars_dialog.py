"""Calendar subscriptions…: the calendars this laptop fetches by URL, each with its owner and
state, refreshed or removed from the window (what `warroom calendar list|refresh|remove` does).

Removing a subscription stops the fetching; the absences already imported stay in the directory
(remove them there), which the question before removal says. The list is read off the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from warroom.ui.kit.text import shown

COLUMNS = ("Calendar of", "Address", "State")


class CalendarsDialog(QDialog):
    def __init__(self, refresher, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("calendarSubscriptions")
        self.setWindowTitle("Calendar subscriptions")
        self.refresher = refresher
        self.calendars, self.tasks = refresher.services.calendars, refresher.tasks
        self.subs: tuple = ()
        self.confirm: QMessageBox | None = None  # the open question, for tests
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("calendarTable")
        self.table.setAccessibleName("Calendar subscriptions")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # a long address keeps its host and file
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)  # the state is the sentence to read
        header.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.empty = QLabel("No calendar is subscribed on this laptop: select a vendor or a contact, then "
                            "Edit › Subscribe the selected vendor or contact to a calendar URL…", self)  # fmt: skip
        self.empty.setWordWrap(True)
        self.refresh_button = QPushButton("Re&fresh all now", self)
        self.remove_button = QPushButton("&Remove…", self)
        close = QPushButton("Close", self)
        self.refresh_button.clicked.connect(self.refresh)
        self.remove_button.clicked.connect(self.ask_remove)
        close.clicked.connect(self.reject)
        self._layout(close)
        self.resize(760, 320)
        self.load()

    def _layout(self, close: QPushButton) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

    def load(self) -> None:
        self.tasks.read(self.calendars.list, self._show, self.refresher.say_error)

    def _show(self, subs) -> None:
        self.subs = tuple(subs)
        self.table.setRowCount(len(self.subs))
        for row, sub in enumerate(self.subs):
            cells = (sub.owner, sub.url, sub.state(self.refresher.display.day_and_clock))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(shown(text))
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        for column, widest in ((0, 220), (1, 260)):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        self.table.resizeRowsToContents()
        self.empty.setVisible(not self.subs)
        self.table.setVisible(bool(self.subs))
        if self.subs and not self.table.selectedItems():
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self):
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.subs[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        self.refresh_button.setEnabled(bool(self.subs))
        self.remove_button.setEnabled(self.selected() is not None)

    def refresh(self) -> None:
        self.refresher.refresh_now(after=self.load)

    def ask_remove(self) -> None:
        sub = self.selected()
        if sub is None:
            return
        confirm = QMessageBox(QMessageBox.Icon.Question, "Remove the subscription",
                              f"Stop fetching the calendar of {shown(sub.owner)}?\n\n{sub.url}\n\nThe absences "
                              "already imported from it stay in the directory; remove them there if they "
                              "no longer hold.", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                              self)  # fmt: skip
        confirm.button(QMessageBox.StandardButton.Yes).setText("Remove")
        confirm.setDefaultButton(QMessageBox.StandardButton.Cancel)
        calendars, url = self.calendars, sub.url
        confirm.accepted.connect(lambda: self.tasks.write(lambda: calendars.remove(url), self._removed,
                                                          self.refresher.say_error))  # fmt: skip
        confirm.finished.connect(confirm.deleteLater)
        self.confirm = confirm
        confirm.open()

    def _removed(self, gone) -> None:
        self.refresher.on_message(f"No longer fetching the calendar of {gone.owner}; its absences stay.", False)
        self.refresher.show_state()
        self.load()
