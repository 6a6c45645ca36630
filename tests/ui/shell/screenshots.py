"""The README's and the review's pictures of the main window, taken offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.shell.screenshots resources/screenshots

Writes main-window-<width>x<height>-<theme>.png for each laptop size and theme, and
main-window.png (1366x768, light) for the README. Uses a throw-away store with the demo.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SIZES = ((960, 1000), (1366, 768), (1920, 1080))
THEMES = ("light", "dark")
README_SHOT = ((1366, 768), "light", "main-window.png")


def _settle(app, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _settle_until(app, ready, timeout: float = 20.0) -> None:
    end = time.monotonic() + timeout
    while not ready() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def take(folder: Path, sizes=SIZES, themes=THEMES) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from warroom.app import build_services
    from warroom.settings import Settings
    from warroom.ui.kit.theme import apply_theme
    from warroom.ui.kit.worker import Tasks
    from warroom.ui.shell.docking import install_panels
    from warroom.ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("CONFIG", "DATA", "STATE"):
            os.environ[f"WARROOM_{name}_DIR"] = str(Path(tmp) / name.lower())
        settings = Settings(user_name="Åsa Bergström", zone="Europe/Stockholm", name_confirmed=True)
        services = build_services(f"sqlite:///{Path(tmp) / 'shots.sqlite'}", settings=settings)
        services.demo.load()
        try:
            for theme in themes:
                for width, height in sizes:
                    settings.theme = theme
                    (Path(tmp) / "config" / "window.ini").unlink(missing_ok=True)  # the first-run layout
                    tasks = Tasks()  # closing a window shuts its tasks down
                    window = MainWindow(services, tasks)
                    install_panels(window, "")
                    window.resize(width, height)
                    window.show()
                    _settle_until(app, lambda w=window: w.timeline.model.rowCount() > 20 and tasks.is_idle())
                    _settle(app, 0.5)
                    window.timeline.entry_box.focus_entry()
                    _settle(app, 0.2)
                    path = folder / f"main-window-{width}x{height}-{theme}.png"
                    window.grab().save(str(path))
                    written.append(path)
                    if ((width, height), theme) == README_SHOT[:2]:
                        window.grab().save(str(folder / README_SHOT[2]))
                        written.append(folder / README_SHOT[2])
                    window.close()
                    window.deleteLater()
                    _settle(app, 0.2)
        finally:
            services.close()
            apply_theme("light")
    return written


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("WARROOM_KEYRING", "memory")
    for written_path in take(Path(sys.argv[1] if len(sys.argv) > 1 else "resources/screenshots")):
        print(written_path)
