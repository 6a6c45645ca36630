"""The header's countdown to the next status update due, and the overdue warning."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtWidgets import QSizePolicy, QToolButton

from warroom.domain.clock import as_utc, utc_now
from warroom.domain.comms_cadence import Due

OVERDUE_CSS = "QToolButton { color: white; background: #c62828; font-weight: 600; padding: 2px 8px; }"
NORMAL_CSS = "QToolButton { font-weight: 600; padding: 2px 8px; }"
SHORT_AUDIENCE = {"internal": "int.", "executives": "exec.", "customers": "cust.", "vendors": "vend."}
# The incident's title is cut before anything else in its row: the button asks for no more than
# this share of the row, so at 960 px the title keeps a readable width and the button an audience.
ROW_SHARE = 0.25


def clock_text(seconds: float) -> str:
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def countdown_texts(due: Due | None, now: datetime) -> tuple[str, ...]:
    """The button's text, longest first: a narrow header drops 'in', then shortens the audience,
    and drops it last (the tooltip always names it); the clock is always there."""
    if due is None:
        return ("✉ Update",)
    left = (due.due_at - now).total_seconds()
    aud, clock = due.audience.value, clock_text(left)
    short = SHORT_AUDIENCE[aud]
    if left >= 0:
        return (f"✉ {aud} in {clock}", f"✉ {aud} {clock}", f"✉ {short} {clock}", f"✉ {clock}")
    return (f"⚠ {aud} late {clock}", f"⚠ {aud} {clock}", f"⚠ {short} {clock}", f"⚠ late {clock}")


class NextUpdateButton(QToolButton):
    """'✉ customers in 12:34', the audience due next (words dropped when the header is narrow, and
    everything in the tooltip); when overdue, red and `overdue(dues)` once per due time, with every
    audience that fell due since the last tick (one warning, not one each)."""

    compose_requested = Signal(object)  # the audience to write to
    overdue = Signal(object)  # list[Due]: those that have just passed

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("nextUpdateButton")
        self.setToolTip("Write the next status update (Ctrl+Shift+M)")
        self.dues: list[Due] = []
        self.texts: tuple[str, ...] = ("✉ Update",)
        # Shrinks below its full text before the incident's title does: the tooltip says it all.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._warned: set[tuple] = set()
        self.clicked.connect(self._compose)
        self._timer = QTimer(self, interval=1000)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.set_dues([])

    def set_dues(self, dues: list[Due]) -> None:
        self.dues = sorted(dues, key=lambda d: d.due_at)
        self.tick()

    def soonest(self) -> Due | None:
        return self.dues[0] if self.dues else None

    def tick(self, now: datetime | None = None) -> None:
        now = as_utc(now) if now else utc_now()
        due = self.soonest()
        self._set_texts(countdown_texts(due, now))
        if due is None:
            self._style(NORMAL_CSS)
            return
        left = (due.due_at - now).total_seconds()
        if left >= 0:
            self._tip(f"The next {due.audience.value} update is due in {clock_text(left)}: click to write it")
            self._style(NORMAL_CSS)
            return
        self._tip(f"The {due.audience.value} update is overdue by {clock_text(left)}: click to write it")
        self._style(OVERDUE_CSS)
        late = [d for d in self.dues if d.due_at < now and (d.audience, d.due_at) not in self._warned]
        if late:
            self._warned.update((d.audience, d.due_at) for d in late)
            self.overdue.emit(late)

    def _set_texts(self, texts: tuple[str, ...]) -> None:
        if texts != self.texts:
            grows = len(texts) != len(self.texts) or len(texts[0]) != len(self.texts[0])
            self.texts = texts
            if grows:
                self.updateGeometry()
        self._fit()

    def _fit(self) -> None:
        """The longest text that fits the width the header gave; the shortest when none does."""
        room = self.width() - self._padding()
        metrics = self.fontMetrics()
        text = next((t for t in self.texts if metrics.horizontalAdvance(t) <= room), self.texts[-1])
        if text != self.text():
            self.setText(text)

    def _padding(self) -> int:
        return super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())

    def _hint_for(self, text: str) -> QSize:
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance(text) + self._padding(), hint.height())

    def sizeHint(self) -> QSize:
        """The longest text within its share of the row (all of it before it is placed in one)."""
        row = self.parentWidget()
        budget = row.width() * ROW_SHARE if row is not None and row.isVisible() else float("inf")
        hints = [self._hint_for(t) for t in self.texts]
        return next((h for h in hints if h.width() <= budget), hints[-1])

    def minimumSizeHint(self) -> QSize:
        return self._hint_for(self.texts[-1])

    def event(self, event) -> bool:
        row = self.parentWidget()
        if event.type() == QEvent.Type.ParentChange and row is not None:
            row.installEventFilter(self)  # to follow the row's width
        return super().event(event)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.updateGeometry()  # its share of the row changed
        return False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _tip(self, text: str) -> None:
        self.setToolTip(f"{text} (Ctrl+Shift+M)")

    def _style(self, css: str) -> None:
        if self.styleSheet() != css:
            self.setStyleSheet(css)

    def _compose(self) -> None:
        due = self.soonest()
        self.compose_requested.emit(due.audience if due else None)
