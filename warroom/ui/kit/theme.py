"""Every colour the window paints with, light and dark, in one table; the theme applied live.

    paint(label, "color: $muted; font-size: 8pt;")   # a style sheet re-coloured on theme change
    ink("error")                                     # the current value, for HTML and QColor
    apply_theme("dark")                              # "system", "light" or "dark"

The current theme lives on the QApplication (a property), not in a module global. Style sheets
set with `paint` are re-rendered by `apply_theme`; HTML built with `ink()` is current from the
next refresh of its view. Status and kind colours (badges, icons) are the same in both themes:
they sit on their own coloured background, with white or near-black text chosen for contrast.
"""

from __future__ import annotations

from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

THEMES = ("system", "light", "dark")
_TEMPLATE_PROPERTY = "warroomPaint"
_THEME_PROPERTY = "warroomTheme"

# role: (light, dark). Light values are the app's colours before there was a dark theme.
INKS: dict[str, tuple[str, str]] = {
    "text": ("#212121", "#e8eaed"),
    "strong": ("#424242", "#d5d8dc"),
    "muted": ("#616161", "#bdc1c6"),
    "faint": ("#666666", "#a8adb4"),  # #757575 until the contrast test: 4.0:1 on the window grey
    "heading": ("#37474f", "#cfd8dc"),
    "subtle": ("#546e7a", "#b0bec5"),
    "unwritten": ("#666666", "#a8adb4"),
    "rule": ("#d0d0d0", "#3c4043"),
    "window": ("#ffffff", "#202124"),
    "section_bg": ("#eceff1", "#2c3035"),
    "preview_bg": ("#f7f8fa", "#26282c"),
    "chip_border": ("#c5cbd3", "#5f6368"),
    "selected": ("#2f6fb0", "#3d6fb4"),
    "ok": ("#2e7d32", "#81c995"),
    "ok_strong": ("#1b5e20", "#a8dab5"),
    "ok_bg": ("#e8f5e9", "#1e3a26"),
    "error": ("#c62828", "#f28b82"),
    "error_strong": ("#b71c1c", "#f6aea9"),
    "error_bg": ("#ffebee", "#3c1f1e"),
    "warn": ("#9a6200", "#fdd663"),
    "tone_warn": ("#9a6200", "#fcc934"),
    "neutral": ("#555555", "#bdc1c6"),
    "info": ("#1565c0", "#8ab4f8"),
    "banner_bg": ("#fff3e0", "#3a2a10"),
    "banner_border": ("#ffb74d", "#b06000"),
    "banner_text": ("#8a3c00", "#ffcc80"),
    "asof_bg": ("#e3f2fd", "#10293f"),
    "asof_text": ("#0d47a1", "#a8c7fa"),
    "grid_weekend": ("#f3f3f3", "#2a2c30"),
    "grid_text": ("#424242", "#d5d8dc"),
    "grid_outside": ("#eeeeee", "#2f3237"),
    "star_off": ("#b0b0b0", "#80868b"),
}


def current_theme() -> str:
    """'light' or 'dark': what is painted now."""
    app = QApplication.instance()
    value = app.property(_THEME_PROPERTY) if app is not None else None
    return value if value in ("light", "dark") else "light"


def is_dark() -> bool:
    return current_theme() == "dark"


def ink(role: str) -> str:
    light, dark = INKS[role]
    return dark if is_dark() else light


def inks() -> dict[str, str]:
    return {role: ink(role) for role in INKS}


def paint(widget: QWidget, template: str) -> None:
    """Set a style sheet whose $roles follow the theme (re-rendered by apply_theme)."""
    widget.setProperty(_TEMPLATE_PROPERTY, template)
    css = Template(template).substitute(inks())
    if css != widget.styleSheet():  # setting it again re-polishes: skip when nothing changed
        widget.setStyleSheet(css)


def resolve_theme(name: str) -> str:
    """'system' becomes what the desktop asks for; anything unknown is 'light'."""
    if name == "system":
        hints = QGuiApplication.styleHints()
        return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"
    return name if name in ("light", "dark") else "light"


def apply_theme(name: str, *, outlines: bool = True) -> str:
    """Paint the whole application in a theme now; returns 'light' or 'dark'. `outlines=False`
    leaves the dark theme's check box outlines for `outline_indicators` (the frame `warroom`
    paints first has no check box)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return "light"
    chosen = resolve_theme(name)
    app.setProperty(_THEME_PROPERTY, chosen)
    if outlines:
        outline_indicators()
    app.setPalette(dark_palette() if chosen == "dark" else light_palette())
    for widget in app.allWidgets():
        template = widget.property(_TEMPLATE_PROPERTY)
        if isinstance(template, str):
            paint(widget, template)
    return chosen


def outline_indicators() -> None:
    """Outlined check boxes on a dark window (ui/kit/indicators.py). Installed only once the
    theme is dark: the proxy style sends every primitive the style draws through Python and
    loads QStyle's enums, which a light window, where it draws nothing, need not pay for."""
    app = QApplication.instance()
    if isinstance(app, QApplication) and current_theme() == "dark":
        from warroom.ui.kit.indicators import install_visible_indicators

        install_visible_indicators(app, lambda: app.property(_THEME_PROPERTY) == "dark")


def light_palette() -> QPalette:
    app = QApplication.instance()
    palette = app.style().standardPalette() if isinstance(app, QApplication) else QPalette()
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b6b6b"))
    return palette


def dark_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181a",
        QPalette.ColorRole.AlternateBase: "#25272a",
        QPalette.ColorRole.ToolTipBase: "#303134",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2d2f33",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Light: "#3c4043",
        QPalette.ColorRole.Midlight: "#34373b",
        QPalette.ColorRole.Mid: "#2a2c30",
        QPalette.ColorRole.Dark: "#111213",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#3d6fb4",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ab4f8",
        QPalette.ColorRole.LinkVisited: "#c58af9",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a8f96"))
    return p
