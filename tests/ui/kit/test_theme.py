"""One table of colours, light and dark; style sheets painted from it follow a theme change live."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QLabel

from warroom.ui.kit.theme import INKS, apply_theme, current_theme, ink, paint


@pytest.fixture
def light_again(qtbot):
    yield
    apply_theme("light")


def test_every_ink_has_a_light_and_a_dark_colour():
    for role, pair in INKS.items():
        assert len(pair) == 2 and all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in pair), role


def test_a_painted_label_follows_the_theme_live(qtbot, light_again):
    label = QLabel("Vänta på leverantören")
    qtbot.addWidget(label)
    paint(label, "color: $muted; font-size: 8pt;")
    assert label.styleSheet() == f"color: {INKS['muted'][0]}; font-size: 8pt;"
    assert apply_theme("dark") == "dark" and current_theme() == "dark"
    assert label.styleSheet() == f"color: {INKS['muted'][1]}; font-size: 8pt;"
    assert ink("error") == INKS["error"][1]
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 60
    apply_theme("light")
    assert label.styleSheet() == f"color: {INKS['muted'][0]}; font-size: 8pt;"
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 180
