"""An unticked box can be seen in the dark theme, in a form and in a list of channels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QListWidget, QListWidgetItem, QStyle, QStyleOptionButton

from tests.ui.shell.test_contrast import contrast
from warroom.ui.kit.theme import apply_theme


@pytest.fixture
def dark(qtbot):
    apply_theme("dark")
    yield
    apply_theme("light")


def _brightest_contrast(image, rect, background) -> float:
    return max(
        contrast(image.pixelColor(x, y), background)
        for x in range(max(rect.left(), 0), min(rect.right() + 1, image.width()))
        for y in range(max(rect.top(), 0), min(rect.bottom() + 1, image.height()))
    )


def test_an_unticked_check_box_stands_out_from_the_dark_window(qtbot, dark):
    box = QCheckBox("Slack: #incidents")
    qtbot.addWidget(box)
    box.show()
    option = QStyleOptionButton()
    option.initFrom(box)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    assert _brightest_contrast(image, rect, window) >= 3.0  # WCAG's 3:1 for the parts of a control


def test_an_unticked_item_in_a_list_stands_out_too(qtbot, dark):
    channels = QListWidget()
    qtbot.addWidget(channels)
    item = QListWidgetItem("Statuspage")
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Unchecked)
    channels.addItem(item)
    channels.resize(240, 80)
    channels.show()
    row = channels.visualItemRect(item)
    image = channels.viewport().grab().toImage()
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    indicator = row.adjusted(0, 0, -(row.width() - row.height()), 0)  # the square at the row's start
    assert _brightest_contrast(image, indicator, base) >= 3.0
