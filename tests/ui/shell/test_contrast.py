"""Text meets a 4.5:1 contrast ratio against its background, light and dark, on every label
of the window (the header, the timeline's neighbours, each side panel in turn)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from warroom.ui.kit.theme import apply_theme
from warroom.ui.shell.docking import docks_by_name, install_panels
from warroom.ui.shell.main_window import MainWindow

MINIMUM = 4.5
COLOUR = r"(#[0-9a-fA-F]{6}|white|black)"


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def own_colour(css: str, prop: str) -> QColor | None:
    found = re.search(rf"(?<![-\w]){prop}\s*:\s*{COLOUR}", css)
    return QColor(found.group(1)) if found else None


def background_of(label: QLabel) -> QColor:
    widget: QWidget | None = label
    while widget is not None:
        found = own_colour(widget.styleSheet(), "background(?:-color)?")
        if found is not None:
            return found
        widget = widget.parentWidget()
    return QApplication.palette().color(QPalette.ColorRole.Window)


def pairs(label: QLabel) -> list[tuple[str, QColor, QColor]]:
    """(what, text colour, background) for the label and each styled span of its rich text."""
    background = background_of(label)
    text = own_colour(label.styleSheet(), "color") or label.palette().color(label.foregroundRole())
    found = [(label.text()[:40], text, background)]
    for style in re.findall(r"style=[\"']([^\"']*)[\"']", label.text()):
        colour = own_colour(style, "color")
        if colour is not None:
            found.append((f"{label.text()[:40]} [{style}]", colour, own_colour(style, "background") or background))
    return found


def failures(window: MainWindow) -> list[str]:
    bad = []
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text().strip() or label.visibleRegion().isEmpty():
            continue
        for what, text, background in pairs(label):
            ratio = contrast(text, background)
            if ratio < MINIMUM:
                bad.append(f"{label.objectName() or what!r}: {text.name()} on {background.name()} = {ratio:.2f}")
    return bad


@pytest.fixture(params=["light", "dark"])
def themed_window(request, qtbot, services, tasks, wait_idle):
    services.demo.load()
    services.settings.theme = request.param
    window = MainWindow(services, tasks)
    install_panels(window, "")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: window.timeline.model.rowCount() > 10)
    wait_idle(tasks)
    yield window
    window.close()
    apply_theme("light")


def test_every_label_is_readable_in_both_themes(qtbot, themed_window, tasks, wait_idle):
    assert QApplication.instance().property("warroomTheme") == themed_window.services.settings.theme
    bad = failures(themed_window)
    for name, dock in docks_by_name(themed_window).items():
        dock.raise_()
        wait_idle(tasks)
        qtbot.wait(20)
        bad += [f"{name}: {b}" for b in failures(themed_window)]
    assert not bad, "\n".join(sorted(set(bad)))


def test_every_severity_badge_is_readable():
    from warroom.ui.kit.style import SEVERITY_COLOURS, badge_css

    for severity, colour in SEVERITY_COLOURS.items():
        css = badge_css(colour)
        ratio = contrast(own_colour(css, "color"), own_colour(css, "background"))
        assert ratio >= MINIMUM, f"{severity.value}: {ratio:.2f}"
