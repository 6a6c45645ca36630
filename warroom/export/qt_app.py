"""A QGuiApplication for painting and PDF output, made only when none exists.

QImage text and QTextDocument need a QGuiApplication (fonts). The window
already has one; the CLI and tests get an offscreen one here. It must be
created on the main thread; workers then paint and print freely.
"""

from __future__ import annotations

import os
import sys
import threading

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication

from warroom.domain.errors import WarroomError

_app: QGuiApplication | None = None  # keeps the application made here alive


def _has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def ensure_gui_app() -> QGuiApplication:
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    global _app
    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    if existing is not None:
        raise WarroomError(
            "PDF and chart export need a QGuiApplication, but this process runs a plain QCoreApplication."
        )
    if threading.current_thread() is not threading.main_thread():
        raise WarroomError(
            "PDF and chart export need a Qt application: create it on the main thread before exporting "
            "from a worker (warroom.export.qt_app.ensure_gui_app())."
        )
    if not _has_display():
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication([sys.argv[0] if sys.argv and sys.argv[0] else "warroom"])
    return _app
