"""The incident chart: phases between milestones as a bar, contact attempts per vendor.

Drawn with QImage + QPainter (QtGui only, safe in a worker thread once a
QGuiApplication exists) and returned as PNG bytes for embedding in HTML and
PDF, or writing beside the Markdown.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPolygonF

from warroom.domain.postmortem import ChartData
from warroom.export.chart_scale import TICK_GAP, _Scale, _step_at, _ticks
from warroom.export.qt_app import ensure_gui_app

WIDTH = 1200
LEFT, RIGHT = 260, 40
TITLE_H, LABEL_ROW_H = 44, 17
BAR_H, LANE_H, AXIS_H = 40, 34, 56
PHASE_COLOURS = {
    "detected": "#d9534f",  # until detected: users hurt, nobody knew
    "acknowledged": "#f0883e",
    "identified": "#e3b341",
    "mitigated": "#4a90d9",
    "resolved": "#3fa66b",
    "started": "#9e9e9e",
}
OUTCOME_STYLE = {  # outcome -> (colour, shape)
    "no answer": ("#d9534f", "cross"),
    "voicemail": ("#f0883e", "triangle"),
    "ticket filed": ("#8e6bbf", "square"),
    "reached": ("#4a90d9", "circle"),
    "acknowledged": ("#3fa66b", "diamond"),
    "not recorded": ("#8a8a8a", "ring"),
    "change": ("#607d8b", "ring"),  # the change record's lane
    "change: suspect": ("#f0883e", "diamond"),
    "change: ruled out": ("#b0bec5", "ring"),
    "change: cause": ("#b71c1c", "diamond"),
}


def render_chart(chart: ChartData, *, width: int = WIDTH) -> bytes:
    """The chart as PNG bytes; an incident with nothing to draw gets a one-line picture saying so."""
    ensure_gui_app()
    instants = [at for _, at in chart.milestones] + [m.at for lane in chart.lanes for m in lane.marks]
    if chart.empty or not instants:
        return _message_png("No milestones or contact attempts were recorded, so there is nothing to chart.", width)
    scale = _Scale(min(instants), max(instants), LEFT, width - RIGHT, tuple(instants))
    labels = _place_labels(chart, scale)
    top = TITLE_H + LABEL_ROW_H * (1 + max((row for _, _, row in labels), default=0)) + 8
    legend_rows = 2 + (len(chart.phases) + 2) // 3
    bottom = top + BAR_H + 16 + LANE_H * len(chart.lanes)
    height = bottom + AXIS_H + 26 * legend_rows + 10
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        _draw_title(painter, chart, width)
        _draw_axis(painter, scale, ZoneInfo(chart.zone), top - 4, bottom)
        _draw_milestones(painter, labels, top, bottom)
        _draw_phases(painter, chart, scale, top)
        _draw_lanes(painter, chart, scale, width, top + BAR_H + 16)
        _draw_legend(painter, chart, bottom + AXIS_H, width)
    finally:
        painter.end()
    return _png(image)


def _font(pixels: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _draw_title(painter: QPainter, chart: ChartData, width: int) -> None:
    painter.setFont(_font(22, bold=True))
    painter.setPen(QColor("#222222"))
    painter.drawText(QRectF(20, 8, width - 40, 30), Qt.AlignmentFlag.AlignLeft, "Incident timeline")
    painter.setFont(_font(15))
    painter.setPen(QColor("#555555"))
    painter.drawText(QRectF(20, 10, width - 40, 30), Qt.AlignmentFlag.AlignRight, f"times in {chart.zone}")


def _tick_text(at: datetime, step: timedelta, multi_day: bool, multi_year: bool) -> str:
    if step >= timedelta(days=365):
        return at.strftime("%Y")
    if step >= timedelta(days=28):
        return at.strftime("%b %Y")
    if step >= timedelta(days=1):
        return at.strftime("%d %b %Y" if multi_year else "%a %d %b")
    if multi_day:
        return at.strftime("%d %b %Y %H:%M" if multi_year else "%d %b %H:%M")
    return at.strftime("%H:%M")


def tick_labels(scale: _Scale, zone: ZoneInfo, bottom: float) -> list[tuple[float, QRectF, str]]:
    """(x, box, text) of each tick label drawn; one that would touch the previous is left out."""
    ticks = _ticks(scale, zone)
    start, end = scale.start.astimezone(zone), scale.end.astimezone(zone)
    multi_day, multi_year = start.date() != end.date(), start.year != end.year
    metrics = QFontMetricsF(_font(14))
    placed: list[tuple[float, QRectF, str]] = []
    for previous, at in zip([None, *ticks], ticks):
        step = (at - previous) if previous is not None and len(scale.segments) == 1 else _step_at(scale, at)
        text = _tick_text(at, step, multi_day, multi_year)
        x, width = scale.x(at), metrics.horizontalAdvance(text) + 4
        box = QRectF(x - width / 2, bottom + 6, width, 20)
        if placed and box.left() < placed[-1][1].right() + TICK_GAP:
            continue
        placed.append((x, box, text))
    return placed


def _draw_axis(painter: QPainter, scale: _Scale, zone: ZoneInfo, top: float, bottom: float) -> None:
    painter.setFont(_font(14))
    for x, box, text in tick_labels(scale, zone, bottom):
        painter.setPen(QPen(QColor("#e4e4e4"), 1))
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        painter.setPen(QColor("#444444"))
        painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, text)
    painter.setPen(QPen(QColor("#888888"), 1.5))
    edges = [scale.left, *[x for pair in scale.breaks for x in pair], scale.right]
    for x0, x1 in zip(edges[::2], edges[1::2]):
        painter.drawLine(QPointF(x0, bottom), QPointF(x1, bottom))
    for x0, x1 in scale.breaks:  # the axis is cut here: a long quiet stretch left out
        middle = (x0 + x1) / 2
        painter.setPen(QPen(QColor("#888888"), 1.5))
        for dx in (-4, 4):
            painter.drawLine(QPointF(middle + dx - 4, bottom + 6), QPointF(middle + dx + 4, bottom - 6))
        painter.setPen(QColor("#666666"))
        painter.drawText(QRectF(middle - 30, bottom + 26, 60, 18), Qt.AlignmentFlag.AlignHCenter, "…")


def milestone_label_boxes(chart: ChartData, width: int = WIDTH) -> list[QRectF]:
    """Where each milestone's name is drawn (for tests: none may overlap another or a tick label)."""
    instants = [at for _, at in chart.milestones] + [m.at for lane in chart.lanes for m in lane.marks]
    scale = _Scale(min(instants), max(instants), LEFT, width - RIGHT, tuple(instants))
    metrics = QFontMetricsF(_font(13))
    labels = _place_labels(chart, scale)
    top = TITLE_H + LABEL_ROW_H * (1 + max((row for _, _, row in labels), default=0)) + 8
    boxes = []
    for name, x, row in labels:
        half = metrics.horizontalAdvance(name) / 2
        boxes.append(QRectF(x - half, top - 4 - LABEL_ROW_H * (row + 1), 2 * half, LABEL_ROW_H))
    return boxes


def chart_scale(chart: ChartData, width: int = WIDTH) -> _Scale:
    instants = [at for _, at in chart.milestones] + [m.at for lane in chart.lanes for m in lane.marks]
    return _Scale(min(instants), max(instants), LEFT, width - RIGHT, tuple(instants))


def _place_labels(chart: ChartData, scale: _Scale) -> list[tuple[str, float, int]]:
    """Milestone names above the bar, each on the lowest row where it overlaps nothing."""
    metrics = QFontMetricsF(_font(13))
    rows_right: list[float] = []
    placed = []
    for name, at in chart.milestones:
        x = scale.x(at)
        half = metrics.horizontalAdvance(name) / 2 + 4
        row = next((i for i, right in enumerate(rows_right) if x - half > right), len(rows_right))
        if row == len(rows_right):
            rows_right.append(0.0)
        rows_right[row] = x + half
        placed.append((name, x, row))
    return placed


def _draw_milestones(painter: QPainter, labels: list[tuple[str, float, int]], top: float, bottom: float) -> None:
    painter.setFont(_font(13))
    for name, x, row in labels:
        painter.setPen(QPen(QColor("#555555"), 1.2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, top - 4 - LABEL_ROW_H * row), QPointF(x, bottom))
        painter.setPen(QColor("#333333"))
        y = top - 4 - LABEL_ROW_H * (row + 1)
        painter.drawText(QRectF(x - 150, y, 300, LABEL_ROW_H), Qt.AlignmentFlag.AlignCenter, name)


def _draw_phases(painter: QPainter, chart: ChartData, scale: _Scale, top: float) -> None:
    painter.setFont(_font(14, bold=True))
    metrics = QFontMetricsF(painter.font())
    painter.setPen(QColor("#333333"))
    painter.drawText(QRectF(16, top, LEFT - 28, BAR_H), Qt.AlignmentFlag.AlignVCenter, "Phases")
    for phase in chart.phases:
        left, right = scale.x(phase.start), scale.x(phase.end)
        rect = QRectF(left, top, max(right - left, 2.0), BAR_H)
        painter.fillRect(rect, QColor(PHASE_COLOURS.get(phase.end_name, "#7e57c2")))
        if metrics.horizontalAdvance(phase.label) + 10 < rect.width():
            painter.setPen(QColor("white"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, phase.label)


def _draw_lanes(painter: QPainter, chart: ChartData, scale: _Scale, width: int, top: float) -> None:
    for index, lane in enumerate(chart.lanes):
        y = top + LANE_H * index
        if index % 2 == 0:
            painter.fillRect(QRectF(10, y, width - 20, LANE_H), QColor("#f5f7fa"))
        painter.setFont(_font(14))
        painter.setPen(QColor("#222222"))
        name = QFontMetricsF(painter.font()).elidedText(lane.vendor, Qt.TextElideMode.ElideRight, LEFT - 30)
        painter.drawText(QRectF(16, y, LEFT - 28, LANE_H), Qt.AlignmentFlag.AlignVCenter, name)
        for mark in lane.marks:
            _draw_mark(painter, QPointF(scale.x(mark.at), y + LANE_H / 2), mark.outcome)


def _draw_mark(painter: QPainter, centre: QPointF, outcome: str, size: float = 8.0) -> None:
    colour, shape = OUTCOME_STYLE.get(outcome, OUTCOME_STYLE["not recorded"])
    painter.setPen(QPen(QColor(colour).darker(130), 1.5))
    painter.setBrush(QColor(colour))
    x, y = centre.x(), centre.y()
    if shape == "cross":
        painter.setPen(QPen(QColor(colour), 3.5))
        painter.drawLine(QPointF(x - size, y - size), QPointF(x + size, y + size))
        painter.drawLine(QPointF(x - size, y + size), QPointF(x + size, y - size))
    elif shape == "triangle":
        painter.drawPolygon(QPolygonF([QPointF(x, y - size), QPointF(x + size, y + size), QPointF(x - size, y + size)]))
    elif shape == "diamond":
        painter.drawPolygon(
            QPolygonF([QPointF(x, y - size), QPointF(x + size, y), QPointF(x, y + size), QPointF(x - size, y)])
        )
    elif shape == "square":
        painter.drawRect(QRectF(x - size * 0.8, y - size * 0.8, size * 1.6, size * 1.6))
    elif shape == "ring":
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, size, size)
    else:
        painter.drawEllipse(centre, size, size)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _draw_legend(painter: QPainter, chart: ChartData, top: float, width: int) -> None:
    painter.setFont(_font(14))
    x, y = 20.0, top
    outcomes = ["no answer", "voicemail", "ticket filed", "reached", "acknowledged", "not recorded"]
    if any(m.outcome.startswith("change") for lane in chart.lanes for m in lane.marks):
        outcomes.append("change: cause")
    for outcome in outcomes:
        _draw_mark(painter, QPointF(x + 8, y + 10), outcome, size=7)
        painter.setPen(QColor("#333333"))
        text = "change, the cause" if outcome == "change: cause" else outcome
        painter.drawText(QRectF(x + 24, y, 200, 20), Qt.AlignmentFlag.AlignVCenter, text)
        x += 165  # seven entries (with the change record) fit in the 1200 px width
    y += 30
    for index, phase in enumerate(chart.phases):
        column, row = index % 3, index // 3
        left, line = 20 + column * (width - 40) / 3, y + row * 26
        painter.fillRect(QRectF(left, line + 3, 26, 14), QColor(PHASE_COLOURS.get(phase.end_name, "#7e57c2")))
        painter.setPen(QColor("#333333"))
        text = f"{phase.start_name} → {phase.end_name}: {phase.label}"
        painter.drawText(QRectF(left + 34, line, (width - 40) / 3 - 40, 20), Qt.AlignmentFlag.AlignVCenter, text)


def _message_png(message: str, width: int) -> bytes:
    image = QImage(width, 90, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(_font(18))
        painter.setPen(QColor("#555555"))
        painter.drawText(QRectF(20, 0, width - 40, 90), Qt.AlignmentFlag.AlignVCenter, message)
    finally:
        painter.end()
    return _png(image)


def _png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
