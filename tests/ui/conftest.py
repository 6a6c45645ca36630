"""UI fixtures: real SQLite file, real services, real widgets offscreen; config kept in tmp."""

from __future__ import annotations

import pytest

USER = "Åsa Bergström"
ZONE = "Europe/Stockholm"


@pytest.fixture
def ui_dirs(tmp_path, monkeypatch):
    for name in ("CONFIG", "DATA", "STATE"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        monkeypatch.setenv(f"WARROOM_{name}_DIR", str(folder))
    return tmp_path


@pytest.fixture
def services(ui_dirs):
    from warroom.app import build_services
    from warroom.settings import Settings

    settings = Settings(user_name=USER, zone=ZONE)
    built = build_services(f"sqlite:///{ui_dirs / 'data' / 'warroom.sqlite'}", settings=settings)
    yield built
    built.close()


@pytest.fixture
def tasks(qtbot):
    from warroom.ui.kit.worker import Tasks

    made = Tasks()
    yield made
    made.shutdown()


@pytest.fixture
def wait_idle(qtbot):
    """Wait until every queued write and read has come back to the GUI thread."""

    def wait(tasks, timeout: int = 5000) -> None:
        qtbot.waitUntil(tasks.is_idle, timeout=timeout)

    return wait


@pytest.fixture
def incident(services):
    from datetime import timedelta

    from warroom.domain.clock import utc_now

    return services.incidents.open(
        "Checkout down for 東京 and Paweł Wiśniewski", "SEV2", started_at=utc_now() - timedelta(hours=3)
    )


@pytest.fixture
def open_window(qtbot, services, tasks, wait_idle):
    """`open_window(size, install)`: a real main window with a feature installed (`install(window)`,
    its result returned beside the window), shown at `size` once idle; closed after the test."""
    from warroom.ui.shell.main_window import MainWindow

    opened = []

    def open_(size: tuple[int, int] = (1400, 900), install=None):
        win = MainWindow(services, tasks)
        feature = install(win) if install is not None else None
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        qtbot.waitExposed(win)
        wait_idle(tasks)
        opened.append(win)
        return win, feature

    yield open_
    for win in opened:
        win.close()


@pytest.fixture
def window(open_window):
    return open_window()[0]


@pytest.fixture
def add_many(services):
    """Add n entries in one import (fast), a minute apart, ending an hour ago."""
    from datetime import timedelta

    from warroom.domain.clock import utc_now
    from warroom.services.timeline_import import TimelineImportService

    def add(incident, n: int, text: str = "entry") -> None:
        start = utc_now() - timedelta(hours=1, minutes=n)
        lines = ["occurred_at,kind,milestone,author,vendor,contact,text"]
        for i in range(n):
            at = (start + timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
            lines.append(f"{at},observation,,Paweł Wiśniewski,,,{text} {i:05d}")
        TimelineImportService(services.ctx).import_csv(incident.id, "\n".join(lines).encode("utf-8"))

    return add


def type_into(qtbot, line_edit, text: str) -> None:
    """Type like a person: ASCII as key presses; other scripts as the input method delivers
    them (QTest can only synthesise ASCII key events)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(line_edit, char)
        else:
            line_edit.insert(char)


def activate(qtbot, window) -> None:
    """Make `window` the active window, so its shortcuts answer key presses."""
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
