"""The incident header: title, severity, status, elapsed time and milestone durations, live."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.clock import as_utc, utc_now
from warroom.domain.incident import Incident, Status
from warroom.domain.metrics import Duration, Metrics, format_duration
from warroom.ui.kit.flow import ElidedLabel, FlowLayout
from warroom.ui.kit.style import SEVERITY_COLOURS, STATUS_INKS, badge_css
from warroom.ui.kit.theme import ink, paint
from warroom.ui.kit.time_display import TimeDisplay

FINISHED = (Status.RESOLVED, Status.CLOSED)


def running_text(seconds: float) -> str:
    """Elapsed time with seconds, ticking: '2 h 04 min 09 s'."""
    total = max(0, int(seconds))
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours} h {minutes:02d} min {secs:02d} s" if hours or days else f"{minutes} min {secs:02d} s"
    return f"{days} d {text}" if days else text


class _DurationChip(QLabel):
    def show_duration(self, duration: Duration, instants: dict[str, datetime], live: bool, now: datetime) -> None:
        value, tip = format_duration(duration.seconds), f"{duration.start} → {duration.end}"
        style = f"color: {ink('text')};"
        if duration.warning:
            value, tip, style = "out of order", duration.warning, f"color: {ink('warn')};"
        elif duration.seconds is None and live and _known(duration.start, instants):
            value = format_duration((now - _known(duration.start, instants)).total_seconds()) + " …"
            tip += " (still running)"
            style = f"color: {ink('faint')}; font-style: italic;"
        self.setText(
            f"<span style='color:{ink('faint')}; font-size:8pt'>{html.escape(duration.name)}</span><br>"
            f"<span style='font-size:11pt; font-weight:600'>{html.escape(value)}</span>"
        )
        css = f"QLabel {{ {style} padding: 2px 14px 2px 0; }}"
        if css != self.styleSheet():  # each tick: a style sheet set again re-polishes, ~3 ms a second
            self.setStyleSheet(css)
        self.setToolTip(tip)


def _known(name: str, instants: dict[str, datetime]) -> datetime | None:
    wanted = name.casefold()
    return next((at for key, at in instants.items() if key.casefold() == wanted), None)


class IncidentHeader(QFrame):
    status_requested = Signal(object)  # Status chosen in the combo
    edit_requested = Signal()  # the title was double-clicked: edit the incident's details

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentHeader")
        paint(self, "#incidentHeader { border-bottom: 1px solid $rule; }")
        self.incident: Incident | None = None
        self.metrics: Metrics | None = None
        self._display = TimeDisplay()
        self.reference = QLabel(self)
        paint(self.reference, "color: $muted; font-size: 11pt;")
        self.title = ElidedLabel(self)
        self.title.setObjectName("incidentTitle")
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # A long title must not widen the window: it is cut with "…", and whole in the tooltip.
        self.title.installEventFilter(self)
        self.severity = QLabel(self)
        self.severity.setObjectName("severityBadge")
        self.status = QComboBox(self)
        self.status.setObjectName("statusCombo")
        self.status.setAccessibleName("Incident status")
        for status in Status:
            self.status.addItem(status.value.capitalize(), status)
        self.status.setToolTip("Incident status (Ctrl+I)")
        self.status.activated.connect(lambda i: self.status_requested.emit(self.status.itemData(i)))
        self.checklist = QLabel(self)
        self.checklist.setObjectName("checklistProgress")
        paint(self.checklist, "color: $strong; font-weight: 600; padding: 0 6px;")
        self.checklist.setVisible(False)
        self.elapsed = QLabel(self)
        self.elapsed.setObjectName("elapsed")
        self.elapsed.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.facts = QLabel(self)
        paint(self.facts, "color: $strong;")
        self.facts.setWordWrap(True)
        self.roles = QLabel(self)
        self.roles.setObjectName("roleHolders")
        paint(self.roles, "color: $strong;")
        self.roles.setWordWrap(True)
        self.roles.setVisible(False)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("durationWarnings")
        self.warnings.setWordWrap(True)
        paint(self.warnings, "color: $warn;")
        self._durations = FlowLayout()  # chips sit together on the left and wrap on a narrow window
        self._chips: list[_DurationChip] = []
        self._layout()
        self.set_incident(None)

    def _layout(self) -> None:
        top = self._top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.severity)
        top.addWidget(self.reference)
        top.addWidget(self.title, 1)
        top.addWidget(self.checklist)
        top.addWidget(self.status)
        # The elapsed time sits under the status, not beside the title: a narrow window keeps the title.
        second = QHBoxLayout()
        second.setSpacing(16)
        second.addWidget(self.elapsed)
        second.addWidget(self.facts, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.roles)
        layout.addLayout(self._durations)
        layout.addWidget(self.warnings)

    def add_widget(self, widget: QWidget) -> None:
        """A feature's own control in the title row, just before the status (e.g. the next-update countdown)."""
        self._top.insertWidget(self._top.indexOf(self.status), widget)

    def set_display(self, display: TimeDisplay) -> None:
        self._display = display
        self._show_facts()

    def set_incident(self, incident: Incident | None) -> None:
        if incident is None or self.incident is None or incident.id != self.incident.id:
            self.metrics = None
        self.incident = incident
        self.setVisible(incident is not None)
        if incident is None:
            return
        self.reference.setText(incident.reference)
        self.title.setText(incident.title)
        self.title.setToolTip(f"{incident.title}\n(double-click to edit the details: Ctrl+Shift+E)")
        self.severity.setText(incident.severity.value)
        self.severity.setStyleSheet(badge_css(SEVERITY_COLOURS[incident.severity], size_pt=10))
        self.status.setCurrentIndex(list(Status).index(incident.status))
        paint(self.status, f"QComboBox {{ color: ${STATUS_INKS[incident.status]}; font-weight: 600; }}")
        self._show_facts()
        self.tick()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.title and event.type() == QEvent.Type.MouseButtonDblClick:
            self.edit_requested.emit()
            return True
        return super().eventFilter(watched, event)

    def set_checklist_progress(self, finished: int, total: int) -> None:
        """'Checklists 7/15': done and skipped items count as finished."""
        self.checklist.setVisible(total > 0)
        self.checklist.setText(f"☑ {finished}/{total}")
        self.checklist.setToolTip(f"Checklists: {finished} of {total} items done or skipped")

    def set_role_holders(self, holders: list[tuple[str, str]]) -> None:
        """Who holds which role now, as (role, person) pairs: 'Scribe Paweł · Vendor owner of X Åsa'."""
        self.roles.setText(
            "Roles: " + "   ·   ".join(f"{role[:1].upper()}{role[1:]} {person}" for role, person in holders)
        )
        self.roles.setVisible(bool(holders))

    def set_metrics(self, metrics: Metrics | None) -> None:
        self.metrics = metrics
        self.warnings.setText(
            "\n".join(f"⚠ Milestones out of order: {w}" for w in (metrics.warnings if metrics else ()))
        )
        self.warnings.setVisible(bool(metrics and metrics.warnings))
        self.tick()

    def _show_facts(self) -> None:
        incident = self.incident
        if incident is None:
            return
        parts = [f"Started {self._display.full(incident.started_at)}", f"Commander {incident.commander or '—'}"]
        if incident.impacted_services:
            parts.append("Impacted: " + ", ".join(incident.impacted_services))
        self.facts.setText("   ·   ".join(parts))

    def tick(self, now: datetime | None = None) -> None:
        """Called each second: elapsed time and still-running durations move on."""
        incident = self.incident
        if incident is None:
            return
        now = as_utc(now) if now else utc_now()
        live = incident.status not in FINISHED
        instants = self.metrics.milestones if self.metrics else {}
        if live:
            self.elapsed.setText(f"Elapsed {running_text((now - incident.started_at).total_seconds())}")
        else:
            end = _known("resolved", instants)
            lasted = format_duration((end - incident.started_at).total_seconds()) if end else "—"
            self.elapsed.setText(f"{incident.status.value.capitalize()} · lasted {lasted}")
        durations = list(self.metrics.standard()) + list(self.metrics.custom) if self.metrics else []
        self._ensure_chips(len(durations))
        for chip, duration in zip(self._chips, durations):
            chip.show_duration(duration, instants, live, now)

    def _ensure_chips(self, count: int) -> None:
        while len(self._chips) < count:
            chip = _DurationChip(self)
            chip.setTextFormat(Qt.TextFormat.RichText)
            self._durations.addWidget(chip)
            self._chips.append(chip)
        for i, chip in enumerate(self._chips):
            chip.setVisible(i < count)

    def duration_texts(self) -> dict[str, str]:
        """Each visible duration's name -> shown value (for tests and accessibility)."""
        result = {}
        durations = list(self.metrics.standard()) + list(self.metrics.custom) if self.metrics else []
        for chip, duration in zip(self._chips, durations):
            plain = chip.text().split("<br>")[1]
            result[duration.name] = html.unescape(plain.split(">", 1)[1].rsplit("<", 1)[0])
        return result
