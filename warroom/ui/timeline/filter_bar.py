"""The timeline's filter bar: kind, author, vendor, text, starred. Filtering runs in SQL."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QToolButton, QWidget

from warroom.domain.timeline import EntryFilter, EntryKind
from warroom.ui.kit.style import KIND_LABELS, kind_icon

TYPING_PAUSE_MS = 250


class FilterBar(QWidget):
    filter_changed = Signal(object)  # EntryFilter

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.kind = QComboBox(self)
        self.kind.setObjectName("filterKind")
        self.kind.setAccessibleName("Filter by kind")
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind.setMinimumContentsLength(8)
        self.kind.addItem("All kinds", None)
        for kind in EntryKind:
            self.kind.addItem(kind_icon(kind), KIND_LABELS[kind], kind.value)
        self.text = self._field("filterText", "Search text (Ctrl+F)", 3)
        self.author = self._field("filterAuthor", "Author", 1)
        self.vendor = self._field("filterVendor", "Vendor or contact", 1)
        self.starred = QCheckBox("Starred", self)
        self.starred.setObjectName("filterStarred")
        self.starred.setToolTip("Show starred entries only")
        self.starred.setAccessibleName("Starred only")
        self.retracted = QCheckBox("Retracted", self)
        self.retracted.setObjectName("filterRetracted")
        self.retracted.setToolTip("Show retracted entries too")
        self.retracted.setAccessibleName("Show retracted")
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Clear every filter (Esc in a filter field)")
        self.clear_button.clicked.connect(self.clear)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self._emit)
        self.kind.currentIndexChanged.connect(self._emit)
        self.starred.toggled.connect(self._emit)
        self.retracted.toggled.connect(self._emit)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.kind)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.author, 1)
        layout.addWidget(self.vendor, 1)
        layout.addWidget(self.starred)
        layout.addWidget(self.retracted)
        layout.addWidget(self.clear_button)
        self._last = EntryFilter()

    def _field(self, name: str, placeholder: str, stretch: int) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setPlaceholderText(placeholder)
        field.setAccessibleName(placeholder.split(" (")[0])  # a screen reader's name for the field
        field.setClearButtonEnabled(True)
        field.setMinimumWidth(60)  # the window may be half a laptop screen wide
        field.textChanged.connect(lambda _text: self._timer.start())
        field.returnPressed.connect(self._emit)
        return field

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)

    def current(self) -> EntryFilter:
        kind = self.kind.currentData()
        return EntryFilter(
            kinds=(kind,) if kind else (),
            author=self.author.text().strip() or None,
            vendor=self.vendor.text().strip() or None,
            text=self.text.text().strip() or None,
            starred_only=self.starred.isChecked(),
            include_retracted=self.retracted.isChecked(),
        )

    def is_filtering(self) -> bool:
        return self.current() != EntryFilter()

    def clear(self) -> None:
        for widget in (self.kind, self.text, self.author, self.vendor, self.starred, self.retracted):
            widget.blockSignals(True)
        self.kind.setCurrentIndex(0)
        for field in (self.text, self.author, self.vendor):
            field.clear()
        self.starred.setChecked(False)
        self.retracted.setChecked(False)
        for widget in (self.kind, self.text, self.author, self.vendor, self.starred, self.retracted):
            widget.blockSignals(False)
        self._timer.stop()
        self._emit()

    def focus_search(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text.selectAll()

    def _emit(self) -> None:
        self._timer.stop()
        current = self.current()
        if current != self._last:
            self._last = current
            self.filter_changed.emit(current)
