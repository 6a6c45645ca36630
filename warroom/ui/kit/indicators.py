"""Check boxes that can be seen on a dark window.

Fusion outlines a check box with the window colour darkened, which on a dark window is
near black on near black: an unticked box (in a form or a list of channels) vanished.
A proxy style draws a light outline over the indicator while the dark theme is on.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleFactory

_INDICATORS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck)
OUTLINE_ON_DARK = "#9aa0a6"


class VisibleIndicatorStyle(QProxyStyle):
    def __init__(self, is_dark) -> None:
        super().__init__(QStyleFactory.create(QApplication.style().name()))
        self._is_dark = is_dark

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in _INDICATORS and self._is_dark():
            _outline(painter, QRectF(option.rect).adjusted(1.5, 1.5, -1.5, -1.5))


def _outline(painter: QPainter, rect: QRectF) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(OUTLINE_ON_DARK), 1))
    painter.setBrush(QColor(0, 0, 0, 0))
    painter.drawRoundedRect(rect, 2, 2)
    painter.restore()


def install_visible_indicators(app: QApplication, is_dark) -> None:
    """Once per application: wrap its style so indicators get an outline in the dark theme."""
    if not isinstance(app.style(), VisibleIndicatorStyle):
        app.setStyle(VisibleIndicatorStyle(is_dark))
