"""The "what changed" view: the changes in a window before the start (or detection), marks, chains."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.changes_record import Change, ChangeMark
from warroom.ui.roles.models import ChangesModel

MARK_BUTTONS = (
    ("Mark &suspect", ChangeMark.SUSPECT),
    ("R&uled out", ChangeMark.RULED_OUT),
    ("The &cause", ChangeMark.CAUSE),
    ("C&lear mark", ChangeMark.CLEARED),
)


class WhatChangedTab(QWidget):
    window_changed = Signal()  # hours or anchor changed: reload
    add_requested = Signal()
    mark_requested = Signal(str, object)  # change id, ChangeMark

    def __init__(self, when, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("whatChangedTab")
        self.hours = QSpinBox(self)
        self.hours.setObjectName("changeWindowHours")
        self.hours.setAccessibleName("Hours before the incident to look at")
        self.hours.setRange(1, 24 * 90)
        self.hours.setValue(48)
        self.hours.setSuffix(" h before")
        self.anchor = QComboBox(self)
        self.anchor.setObjectName("changeWindowAnchor")
        self.anchor.setAccessibleName("Look back from")
        self.anchor.addItem("the start", "started")
        self.anchor.addItem("detection", "detected")
        self.hours.valueChanged.connect(lambda _v: self.window_changed.emit())
        self.anchor.currentIndexChanged.connect(lambda _i: self.window_changed.emit())
        self.model = ChangesModel(when, self)
        self.table = QTableView(self)
        self.table.setObjectName("changesTable")
        self.table.setAccessibleName("Changes in the window")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the text wraps instead
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(self.model.columns) - 1, QHeaderView.ResizeMode.Stretch)  # the change's text
        self.chains = QLabel(self)
        self.chains.setObjectName("revertChains")
        self.chains.setAccessibleName("Revert chains")
        self.chains.setWordWrap(True)
        self.add_button = QPushButton("&Add change…", self)
        self.add_button.clicked.connect(self.add_requested)
        self.mark_buttons = []
        for text, mark in MARK_BUTTONS:
            button = QPushButton(text, self)
            button.clicked.connect(lambda _c=False, m=mark: self._mark(m))
            self.mark_buttons.append(button)
        self._layout()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Changes from", self))
        top.addWidget(self.hours)
        top.addWidget(self.anchor)
        top.addStretch(1)
        marks = QGridLayout()  # two rows of two: the dock stays narrow enough for a 960 px window
        marks.addWidget(self.add_button, 0, 0)
        for index, button in enumerate(self.mark_buttons):
            marks.addWidget(button, index // 2, 1 + index % 2)
        marks.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(marks)
        layout.addWidget(self.chains)
        self.setFocusProxy(self.table)

    def window_span(self) -> tuple[int, str]:
        return self.hours.value(), str(self.anchor.currentData())

    def set_changes(self, changes: tuple[Change, ...], chains: tuple[tuple[Change, ...], ...]) -> None:
        selected = self.current_change()
        self.model.set_rows(changes)
        texts = [" → ".join(c.label() + (f" [{c.mark.value}]" if c.mark else "") for c in chain) for chain in chains]
        self.chains.setText("\n".join(f"Revert chain: {t}" for t in texts))
        self.chains.setVisible(bool(texts))
        if selected is not None:
            for row, change in enumerate(changes):
                if change.id == selected.id:
                    self.table.selectRow(row)

    def current_change(self) -> Change | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def _mark(self, mark: ChangeMark) -> None:
        change = self.current_change()
        if change is not None:
            self.mark_requested.emit(change.id, mark)
