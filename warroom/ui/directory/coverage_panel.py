"""The coverage forecast: every vendor over the next 14 days (or a chosen range), as a grid.

panel = install_coverage_panel(window)   # docks it at the bottom; re-reads on directory changes

The range starts at the "as of" day: the same As-of bar as the directory's (Now, +1 h, +1 d, a
typed date and time), with the same banner while not showing now. Picking a From day is the
same question asked by day, so the bar follows it (that day's midnight, or now for today).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.clock import utc_now
from warroom.domain.coverage import DayStatus
from warroom.ui.directory.as_of import AsOfBar
from warroom.ui.directory.coverage_grid import CoverageGrid
from warroom.ui.kit.changes import Changed, ChangeNote
from warroom.ui.kit.changes import listen_to_store as listen_to_store_on_my_own
from warroom.ui.kit.host import PanelHost
from warroom.ui.kit.theme import paint
from warroom.ui.kit.time_display import TimeDisplay

DEFAULT_DAYS = 14


class CoveragePanel(QWidget):
    def __init__(self, services, tasks, parent=None, *, listen_to_store: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("coveragePanel")
        self.services, self.tasks = services, tasks
        self.display = TimeDisplay(services.settings.zone)
        self.views: list = []
        self._loading = self._load_again = False
        self._build()
        self._events = listen_to_store_on_my_own(self, services, self.on_store_changed) if listen_to_store else None
        self.refresh()

    def _build(self) -> None:
        self.as_of = AsOfBar(self.display, self, showing="coverage from")
        self.as_of.changed.connect(self._on_as_of)
        today = self.display.day(utc_now())
        self.first = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.first.setObjectName("coverageFrom")
        self.first.setAccessibleName("Coverage from")
        self.first.setCalendarPopup(True)
        self.first.setDisplayFormat("yyyy-MM-dd")
        self.days = QSpinBox(self)
        self.days.setObjectName("coverageDays")
        self.days.setAccessibleName("Coverage days")
        self.days.setRange(1, 92)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(" days")
        self.today_button = QPushButton("Today", self)
        self.today_button.setToolTip("Start the range today")
        self.summary = QLabel(self)
        self.summary.setObjectName("coverageSummary")
        self.summary.setWordWrap(True)
        self.grid = CoverageGrid(self)
        scroll = QScrollArea(self)
        scroll.setWidget(self.grid)
        scroll.setWidgetResizable(False)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.first.dateChanged.connect(self._on_first_day)
        self.days.valueChanged.connect(lambda _n: self.refresh())
        self.today_button.clicked.connect(self.go_today)
        controls = QHBoxLayout()
        controls.addWidget(QLabel("From", self))
        controls.addWidget(self.first)
        controls.addWidget(self.days)
        controls.addWidget(self.today_button)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.as_of)
        layout.addLayout(controls)
        layout.addWidget(self.summary)  # its own line: a narrow dock keeps the sentence whole
        layout.addWidget(scroll, 1)

    # -- what the window calls ---------------------------------------------------------------
    def set_range(self, first: date, days: int = DEFAULT_DAYS) -> None:
        self.days.blockSignals(True)
        self.days.setValue(days)
        self.days.blockSignals(False)
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.refresh()

    def go_today(self) -> None:
        self.as_of.set_at(None)  # back to now: the range starts today

    def set_time_display(self, display: TimeDisplay) -> None:
        self.display = display
        self.as_of.set_display(display)

    def _on_as_of(self, at: datetime | None) -> None:
        day = self.display.day(at or utc_now())
        self.first.blockSignals(True)  # one refresh, below
        self.first.setDate(QDate(day.year, day.month, day.day))
        self.first.blockSignals(False)
        self.refresh()

    def _on_first_day(self, _day: QDate) -> None:
        """A From day picked by hand moves the As-of bar with it, so the banner never lies."""
        first = self.first.date().toPython()
        at = None if first == self.display.day(utc_now()) else _midnight(first, self.display)
        self.as_of.blockSignals(True)  # the range is already chosen: no second refresh
        self.as_of.set_at(at)
        self.as_of.blockSignals(False)
        self.refresh()

    def on_store_changed(self, note: ChangeNote) -> None:
        if note.touches(Changed.DIRECTORY):
            self.refresh()

    def chosen_range(self) -> tuple[date, date]:
        first = self.first.date().toPython()
        return first, first + timedelta(days=self.days.value() - 1)

    def refresh(self) -> None:
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        first, last = self.chosen_range()
        directory = self.services.directory
        self.summary.setText("Working out who is reachable…")
        self.tasks.read(lambda: directory.coverage(first, last), self._on_loaded, self._on_failed)

    # -- results ------------------------------------------------------------------------------
    def _on_loaded(self, views: list) -> None:
        self._loading = False
        if self._load_again:
            self._load_again = False
            self.refresh()
            return
        self.views = list(views)
        self.grid.show_views(self.views, today=self.display.day(utc_now()))
        paint(self.summary, "color: $strong;")
        self.summary.setText(summary_text(self.views))

    def _on_failed(self, message: str) -> None:
        self._loading = self._load_again = False
        paint(self.summary, "color: $error;")
        self.summary.setText(message)

    def closeEvent(self, event) -> None:
        if self._events is not None:
            self._events.close()
        super().closeEvent(event)


def _midnight(day: date, display: TimeDisplay) -> datetime:
    """The instant (UTC) a day starts in the display's zone."""
    return datetime.combine(day, time(), tzinfo=display.tz).astimezone(UTC)


def summary_text(views) -> str:
    if not views:
        return "No vendors in the directory yet: import vendors.csv to see coverage."
    dark = [v.vendor.name for v in views if any(d.status is DayStatus.NONE for d in v.days)]
    gaps = [v for v in views if v.coverage.gaps]
    if not gaps:
        return "Someone is reachable at every vendor for the whole range."
    if dark:
        return f"Whole days with nobody reachable: {', '.join(dark)}. Hover a cell for the reasons."
    return f"{len(gaps)} of {len(views)} vendors have hours with nobody reachable. Hover a cell for the reasons."


def install_coverage_panel(window: PanelHost, name: str = "Coverage") -> CoveragePanel:
    panel = CoveragePanel(window.services, window.tasks, listen_to_store=False)
    window.add_panel(name, panel)
    window.store_changed.connect(panel.on_store_changed)
    return panel
