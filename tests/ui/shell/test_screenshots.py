"""The screenshot script still takes a picture of the size asked for (README, review)."""

from __future__ import annotations

from PySide6.QtGui import QImage

from tests.ui.shell.screenshots import take


def test_a_dark_half_screen_picture(qtbot, ui_dirs, tmp_path, monkeypatch):
    for name in ("CONFIG", "DATA", "STATE"):
        monkeypatch.setenv(f"WARROOM_{name}_DIR", str(ui_dirs / name.lower()))  # put back afterwards
    written = take(tmp_path / "shots", sizes=((960, 1000),), themes=("dark",))
    image = QImage(str(written[0]))
    assert written[0].name == "main-window-960x1000-dark.png"
    assert (image.width(), image.height()) == (960, 1000)
    assert image.pixelColor(5, 500).lightness() < 80  # dark, not the light theme
