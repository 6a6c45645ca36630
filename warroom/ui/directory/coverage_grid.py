"""Vendors by day, painted: green someone reachable all day, amber part of the day, red nobody.

Read at a glance when planning a change window before a holiday: a red column is a day with a
layer nobody can be reached for. Hovering a cell lists that day's gaps with their reasons.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from warroom.domain.coverage import DayStatus
from warroom.ui.kit.style import COVERAGE_PARTIAL_TEXT, coverage_colour
from warroom.ui.kit.theme import ink

WORDS = {
    DayStatus.FULL: "someone reachable all day",
    DayStatus.PARTIAL: "nobody reachable part of the day",
    DayStatus.NONE: "nobody reachable all day",
    DayStatus.OUTSIDE: "outside the range",
}
CELL_W, CELL_H, HEADER_H, LEGEND_H, PAD = 34, 26, 36, 26, 6


def hours_text(minutes: int) -> str:
    return f"{minutes / 60:.0f}h" if minutes >= 60 else f"{minutes}m"


def day_gaps(view, day: date) -> list[str]:
    """The gaps touching local `day` of the vendor, as 'Tue 24 Dec 18:00 – Fri 27 Dec 07:00: reason'."""
    zone = ZoneInfo(view.vendor.timezone)
    start = datetime.combine(day, time(), tzinfo=zone)
    end = start + timedelta(days=1)
    lines = []
    for gap in view.coverage.gaps:
        s, e = gap.start.astimezone(zone), gap.end.astimezone(zone)
        if s < end and e > start:
            lines.append(f"{s:%a %d %b %H:%M} – {e:%a %d %b %H:%M}: {gap.reason}")
    return lines


class CoverageGrid(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("coverageGrid")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        self.views: list = []
        self.days: list[date] = []
        self.today: date | None = None
        self.name_w = 160

    def show_views(self, views, today: date | None = None) -> None:
        self.views = list(views)
        self.days = [d.day for d in self.views[0].days] if self.views else []
        self.today = today
        metrics = QFontMetrics(self.font())
        widest = max((metrics.horizontalAdvance(v.vendor.name) for v in self.views), default=80)
        self.name_w = min(max(widest + 3 * PAD, 120), 280)
        self.resize(self.sizeHint())  # inside a scroll area that does not resize it
        self.updateGeometry()
        self.update()

    # -- geometry -------------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(
            self.name_w + CELL_W * max(len(self.days), 1) + PAD,
            HEADER_H + CELL_H * max(len(self.views), 1) + LEGEND_H + PAD,
        )

    minimumSizeHint = sizeHint

    def cell_rect(self, row: int, col: int) -> QRect:
        return QRect(self.name_w + col * CELL_W, HEADER_H + row * CELL_H, CELL_W, CELL_H)

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        col = (pos.x() - self.name_w) // CELL_W
        row = (pos.y() - HEADER_H) // CELL_H
        if (
            pos.x() < self.name_w
            or pos.y() < HEADER_H
            or not (0 <= row < len(self.views) and 0 <= col < len(self.days))
        ):
            return None
        return row, col

    def tooltip_at(self, row: int, col: int) -> str:
        view, cell = self.views[row], self.views[row].days[col]
        head = f"{view.vendor.name} · {cell.day:%a %d %b %Y}: {WORDS[cell.status]}"
        if cell.status is DayStatus.PARTIAL:
            head += f" ({hours_text(cell.uncovered_min)} uncovered)"
        gaps = day_gaps(view, cell.day) if cell.status in (DayStatus.PARTIAL, DayStatus.NONE) else []
        return "\n".join([head, *gaps]) + (f"\n(times in {view.vendor.timezone})" if gaps else "")

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            hit = self.cell_at(event.pos())
            if hit is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(event.globalPos(), self.tooltip_at(*hit), self)
            return True
        return super().event(event)

    # -- painting ---------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), self.palette().base())
        self._paint_header(p)
        for row, view in enumerate(self.views):
            self._paint_row(p, row, view)
        self._paint_legend(p)
        p.end()

    def _paint_header(self, p: QPainter) -> None:
        small = QFont(self.font())
        small.setPointSizeF(max(self.font().pointSizeF() - 1.5, 6.5))
        p.setFont(small)
        for col, day in enumerate(self.days):
            rect = QRect(self.name_w + col * CELL_W, 0, CELL_W, HEADER_H - 2)
            if day.weekday() >= 5:
                p.fillRect(rect, QColor(ink("grid_weekend")))
            p.setPen(QColor(ink("error")) if day == self.today else QColor(ink("strong")))
            first = f"{day:%b} {day.day}" if col == 0 or day.day == 1 else str(day.day)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{first}\n{day:%a}")
        p.setFont(self.font())

    def _paint_row(self, p: QPainter, row: int, view) -> None:
        name = QRect(PAD, HEADER_H + row * CELL_H, self.name_w - 2 * PAD, CELL_H)
        p.setPen(QColor(ink("text")))
        elided = p.fontMetrics().elidedText(view.vendor.name, Qt.TextElideMode.ElideRight, name.width())
        p.drawText(name, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
        for col, cell in enumerate(view.days):
            rect = self.cell_rect(row, col).adjusted(1, 1, -1, -1)
            p.fillRect(rect, QColor(coverage_colour(cell.status)))
            if cell.status is DayStatus.PARTIAL:
                p.setPen(QColor(COVERAGE_PARTIAL_TEXT))
                p.drawText(rect, Qt.AlignmentFlag.AlignCenter, hours_text(cell.uncovered_min))
            if cell.day == self.today:
                p.setPen(QPen(QColor(ink("text")), 2))
                p.drawRect(rect.adjusted(1, 1, -1, -1))

    def _paint_legend(self, p: QPainter) -> None:
        y = HEADER_H + len(self.views) * CELL_H + PAD
        x = PAD
        p.setPen(QColor(ink("strong")))
        for status, label in (
            (DayStatus.FULL, "someone reachable all day"),
            (DayStatus.PARTIAL, "gaps (hours uncovered)"),
            (DayStatus.NONE, "nobody all day"),
        ):
            p.fillRect(QRect(x, y + 4, 14, 14), QColor(coverage_colour(status)))
            x += 18
            width = p.fontMetrics().horizontalAdvance(label)
            p.drawText(QRect(x, y, width + 4, 22), Qt.AlignmentFlag.AlignVCenter, label)
            x += width + 16
