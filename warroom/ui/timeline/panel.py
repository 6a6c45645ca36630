"""The centre of the window: filter bar, timeline table, entry box."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from warroom.domain.incident import Incident
from warroom.ui.kit.flow import ElidedLabel
from warroom.ui.kit.theme import paint
from warroom.ui.kit.time_display import TimeDisplay
from warroom.ui.timeline.entry_actions import TimelineActions
from warroom.ui.timeline.entry_box import EntryBox
from warroom.ui.timeline.filter_bar import FilterBar
from warroom.ui.timeline.model import TimelineModel
from warroom.ui.timeline.view import TimelineView

SAMPLE_DAY = datetime(2025, 12, 24, 14, 15, tzinfo=UTC)  # a wide date: sizes the Time column


class TimelinePanel(QWidget):
    def __init__(self, services, tasks, parent=None) -> None:
        super().__init__(parent)
        self._display = TimeDisplay(services.settings.zone)
        self.model = TimelineModel(services, tasks, self)
        self.view = TimelineView(self.model, self)
        self.filters = FilterBar(self)
        self.entry_box = EntryBox(services, tasks, self)
        self.actions = TimelineActions(services, tasks, self.view, lambda: self._display)
        self.summary = ElidedLabel(self)
        self.summary.setObjectName("timelineSummary")
        paint(self.summary, "color: $muted;")
        self.filters.filter_changed.connect(self.model.set_filter)
        self.model.loaded.connect(self._update_summary)
        self.model.rowsInserted.connect(self._update_summary)
        self.model.rowsRemoved.connect(self._update_summary)
        self.model.modelReset.connect(self._update_summary)
        self.entry_box.recorded.connect(lambda _entry: self.model.refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(6)
        layout.addWidget(self.filters)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        layout.addLayout(row)
        layout.addWidget(self.entry_box)

    def set_incident(self, incident: Incident | None) -> None:
        same = incident is not None and incident.id == self.model.incident_id
        self.entry_box.set_incident(incident)
        if not same:
            self.model.set_incident(incident.id if incident else None)
        self._update_summary()

    def set_time_display(self, display: TimeDisplay) -> None:
        self._display = display
        self.model.set_time_display(display)
        self.view.columns.time_sample = display.day_and_clock(SAMPLE_DAY)
        self.view.columns.fit()

    def time_display(self) -> TimeDisplay:
        return self._display

    def refresh(self) -> None:
        self.model.refresh()

    def on_store_changed(self, note) -> None:
        """Besides the entries (refresh), status updates' delivery states change on their own."""
        self.model.on_store_changed(note)

    def entry_actions(self) -> TimelineActions:
        """The entry actions (typed: `self.actions` shadows QWidget.actions() for type checkers)."""
        return self.actions

    def _update_summary(self, *_args) -> None:
        self.summary.setText(self.summary_text())
        self.summary.setToolTip(self.summary.text())

    def summary_text(self) -> str:
        model = self.model
        if model.incident_id is None:
            return ""
        if model.is_loading() and model.rowCount() == 0:
            return "Loading the timeline…"
        if model.total == 0:
            if self.filters.is_filtering():
                return "No entry matches the filter: Esc in a filter field clears it."
            return "No entries yet: type what happened in the box below and press Enter."
        shown = f"{model.total:,} entr{'y' if model.total == 1 else 'ies'}"
        if model.rowCount() < model.total:
            shown += f" ({model.rowCount():,} loaded; scroll for more)"
        if self.filters.is_filtering():
            shown += " match the filter" if model.total != 1 else " matches the filter"
        return shown + " · double-click or F2 edits · right-click for milestones, star, history"
