"""Colours and small painted glyphs: kinds, milestones, severities, tones. No image files.

Text and background colours that differ between light and dark come from kit/theme.py; the
colours here mark kinds, milestones and severities and are the same in both themes."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from warroom.domain.checklist import ItemState
from warroom.domain.coverage import DayStatus
from warroom.domain.incident import Severity, Status
from warroom.domain.timeline import EntryKind
from warroom.ui.kit.theme import ink

KIND_COLOURS: dict[EntryKind, str] = {
    EntryKind.OBSERVATION: "#546e7a",
    EntryKind.ACTION: "#2e7d32",
    EntryKind.DECISION: "#6a1b9a",
    EntryKind.COMMUNICATION: "#1565c0",
    EntryKind.CONTACT: "#00838f",
    EntryKind.ESCALATION: "#c62828",
    EntryKind.STATUS: "#ef6c00",
    EntryKind.CHECKLIST: "#558b2f",
}

KIND_LABELS: dict[EntryKind, str] = {
    EntryKind.OBSERVATION: "Observation",
    EntryKind.ACTION: "Action",
    EntryKind.DECISION: "Decision",
    EntryKind.COMMUNICATION: "Message",
    EntryKind.CONTACT: "Contact",
    EntryKind.ESCALATION: "Escalation",
    EntryKind.STATUS: "Status",
    EntryKind.CHECKLIST: "Checklist",
}

MILESTONE_COLOURS: dict[str, str] = {
    "started": "#616161",
    "detected": "#f9a825",
    "acknowledged": "#1e88e5",
    "identified": "#8e24aa",
    "mitigated": "#00897b",
    "resolved": "#2e7d32",
}
CUSTOM_MILESTONE_COLOUR = "#5c6bc0"

SEVERITY_COLOURS: dict[Severity, str] = {
    Severity.SEV1: "#c62828",
    Severity.SEV2: "#bf4000",
    Severity.SEV3: "#f9a825",
    Severity.SEV4: "#546e7a",
}

STATUS_COLOURS: dict[Status, str] = {
    Status.INVESTIGATING: "#c62828",
    Status.IDENTIFIED: "#bf4000",
    Status.MONITORING: "#1565c0",
    Status.RESOLVED: "#2e7d32",
    Status.CLOSED: "#616161",
}

# A status as text on the window (the header's combo): readable in both themes.
STATUS_INKS: dict[Status, str] = {
    Status.INVESTIGATING: "error",
    Status.IDENTIFIED: "warn",
    Status.MONITORING: "info",
    Status.RESOLVED: "ok",
    Status.CLOSED: "muted",
}

CHECKLIST_STATE_COLOURS: dict[ItemState, str] = {
    ItemState.OPEN: "#78909c",
    ItemState.DONE: "#2e7d32",
    ItemState.SKIPPED: "#8d6e63",
}

# A day in the coverage grid; "outside" (not in the range asked about) follows the theme.
COVERAGE_COLOURS: dict[DayStatus, str] = {
    DayStatus.FULL: "#43a047",
    DayStatus.PARTIAL: "#ffb300",
    DayStatus.NONE: "#e53935",
}
COVERAGE_PARTIAL_TEXT = "#3e2723"  # hours uncovered, written on the amber cell


def coverage_colour(status: DayStatus) -> str:
    return COVERAGE_COLOURS.get(status) or ink("grid_outside")


TONE_INKS: dict[str, str] = {"ok": "ok", "warn": "tone_warn", "error": "error", "neutral": "neutral"}
STAR_COLOUR = "#f9a825"


def milestone_colour(name: str) -> str:
    return MILESTONE_COLOURS.get(name, CUSTOM_MILESTONE_COLOUR)


def tone_colour(tone: str) -> str:
    """A status-bar tone's colour in the current theme."""
    return ink(TONE_INKS.get(tone, "neutral"))


def badge_css(background: str, *, size_pt: int = 9) -> str:
    """A rounded coloured label; dark yellow gets dark text so it stays readable."""
    text = "#212121" if background in ("#f9a825",) else "white"
    return (
        f"QLabel {{ background: {background}; color: {text}; border-radius: 4px; "
        f"padding: 2px 8px; font-weight: 600; font-size: {size_pt}pt; }}"
    )


def crisp_icon(size: int, draw: Callable[[QPainter], None]) -> QIcon:
    """An icon drawn at 1x and 2x (logical coordinates either way): sharp on a HiDPI screen."""
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        try:
            draw(painter)
        finally:
            painter.end()
        icon.addPixmap(pixmap)
    return icon


@cache
def kind_icon(kind: EntryKind, size: int = 16) -> QIcon:
    colour = QColor(KIND_COLOURS[kind])

    def draw(painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        _GLYPHS[kind](painter, QRectF(1.5, 1.5, size - 3, size - 3), colour)

    return crisp_icon(size, draw)


def star_icon(filled: bool, size: int = 16) -> QIcon:
    return _star_icon(filled, size, ink("star_off"))


@cache
def _star_icon(filled: bool, size: int, off_colour: str) -> QIcon:
    colour = QColor(STAR_COLOUR if filled else off_colour)

    def draw(painter: QPainter) -> None:
        painter.setPen(QPen(colour, 1.2))
        painter.setBrush(colour if filled else Qt.BrushStyle.NoBrush)
        painter.drawPolygon(_star(QRectF(1, 1, size - 2, size - 2)))

    return crisp_icon(size, draw)


def _star(r: QRectF) -> QPolygonF:
    import math

    cx, cy, outer, inner = r.center().x(), r.center().y(), r.width() / 2, r.width() / 4.6
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return QPolygonF(points)


def _circle(p: QPainter, r: QRectF, c: QColor) -> None:
    p.drawEllipse(r.adjusted(1, 1, -1, -1))


def _play(p: QPainter, r: QRectF, c: QColor) -> None:
    p.drawPolygon(
        QPolygonF([r.topLeft() + QPointF(2, 0), r.bottomLeft() + QPointF(2, 0), QPointF(r.right(), r.center().y())])
    )


def _diamond(p: QPainter, r: QRectF, c: QColor) -> None:
    p.drawPolygon(
        QPolygonF(
            [
                QPointF(r.center().x(), r.top()),
                QPointF(r.right(), r.center().y()),
                QPointF(r.center().x(), r.bottom()),
                QPointF(r.left(), r.center().y()),
            ]
        )
    )


def _bubble(p: QPainter, r: QRectF, c: QColor) -> None:
    path = QPainterPath()
    path.addRoundedRect(QRectF(r.left(), r.top(), r.width(), r.height() * 0.72), 3, 3)
    path.addPolygon(
        QPolygonF(
            [
                QPointF(r.left() + 3, r.top() + r.height() * 0.6),
                QPointF(r.left() + 3, r.bottom()),
                QPointF(r.left() + 8, r.top() + r.height() * 0.6),
            ]
        )
    )
    p.drawPath(path.simplified())


def _ring(p: QPainter, r: QRectF, c: QColor) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(c, 2.4))
    p.drawEllipse(r.adjusted(1.5, 1.5, -1.5, -1.5))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(c)
    p.drawEllipse(QRectF(r.center().x() - 1.8, r.center().y() - 1.8, 3.6, 3.6))


def _up(p: QPainter, r: QRectF, c: QColor) -> None:
    p.drawPolygon(
        QPolygonF(
            [
                QPointF(r.center().x(), r.top()),
                QPointF(r.right(), r.center().y() + 1),
                QPointF(r.center().x() + 2.2, r.center().y() + 1),
                QPointF(r.center().x() + 2.2, r.bottom()),
                QPointF(r.center().x() - 2.2, r.bottom()),
                QPointF(r.center().x() - 2.2, r.center().y() + 1),
                QPointF(r.left(), r.center().y() + 1),
            ]
        )
    )


def _square(p: QPainter, r: QRectF, c: QColor) -> None:
    p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 2, 2)


def _check(p: QPainter, r: QRectF, c: QColor) -> None:
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(c, 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    p.drawPolyline(
        QPolygonF(
            [
                QPointF(r.left() + 1, r.center().y()),
                QPointF(r.left() + r.width() * 0.4, r.bottom() - 2),
                QPointF(r.right() - 1, r.top() + 2),
            ]
        )
    )


_GLYPHS = {
    EntryKind.OBSERVATION: _circle,
    EntryKind.ACTION: _play,
    EntryKind.DECISION: _diamond,
    EntryKind.COMMUNICATION: _bubble,
    EntryKind.CONTACT: _ring,
    EntryKind.ESCALATION: _up,
    EntryKind.STATUS: _square,
    EntryKind.CHECKLIST: _check,
}


@cache
def badge_icon(colour: str, size: int = 12) -> QIcon:
    """A filled dot, e.g. a severity colour in a list."""

    def draw(painter: QPainter) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))

    return crisp_icon(size, draw)
