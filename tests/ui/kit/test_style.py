"""Painted icons come at 1x and 2x, so they stay crisp on a HiDPI screen."""

from __future__ import annotations

from PySide6.QtCore import QSize

from warroom.domain.timeline import EntryKind
from warroom.ui.kit.style import badge_icon, kind_icon, star_icon


def test_icons_have_a_2x_pixmap(qtbot):
    for icon, size in ((kind_icon(EntryKind.DECISION), 16), (star_icon(True), 16), (badge_icon("#c62828"), 12)):
        sharp = icon.pixmap(QSize(size, size), 2.0)
        assert sharp.devicePixelRatio() == 2.0 and sharp.width() == 2 * size
        assert not icon.pixmap(QSize(size, size), 1.0).isNull()
