"""The GUI half of the timeline benchmark; each function runs in its own fresh process."""

from __future__ import annotations

import os
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WARROOM_KEYRING", "memory")

ARRIVALS = 10  # entries, one a second, while the GUI thread's stalls are measured
WATCH_S = ARRIVALS + 1.5  # both watches (idle, arrivals) last this long: maxima of equal samples


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _services(path: str):
    from warroom.app import build_services
    from warroom.settings import Settings

    return build_services(f"sqlite:///{path}", settings=Settings(user_name="Bench", zone="UTC"))


def _wait(app, done, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not done() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    if not done():
        raise TimeoutError("the timeline did not load in time")


def time_first_screen(path: str, incident_id: str) -> float:
    """Seconds from asking the model for an incident until its first screen of rows is there."""
    from warroom.ui.kit.worker import Tasks
    from warroom.ui.timeline.model import TimelineModel

    app = _app()
    services = _services(path)
    tasks = Tasks()
    model = TimelineModel(services, tasks)
    loaded = []
    model.loaded.connect(lambda: loaded.append(True))
    t0 = time.perf_counter()
    model.set_incident(incident_id)
    _wait(app, lambda: bool(loaded))
    elapsed = time.perf_counter() - t0
    assert model.rowCount() > 0
    tasks.shutdown()
    services.close()
    return elapsed


def _longest_gap(app, seconds: float) -> float:
    """The longest time the GUI thread went without running its 5 ms timer, in ms."""
    last = time.perf_counter()
    worst = 0.0
    deadline = last + seconds
    while time.perf_counter() < deadline:
        app.processEvents()
        now = time.perf_counter()
        worst = max(worst, now - last)
        last = now
        time.sleep(0.005)
    return worst * 1000 - 5


def window_memory_and_stall(path: str, incident_id: str) -> tuple[float, float, float, float]:
    """(resident MB with the window open, bare-QApplication MB, longest stall ms, idle stall ms)."""
    from warroom.ui.kit.worker import Tasks
    from warroom.ui.shell.docking import install_panels
    from warroom.ui.shell.main_window import MainWindow

    app = _app()
    base = _rss_mb()
    services = _services(path)
    services.settings.last_incident_id = incident_id
    tasks = Tasks()
    window = MainWindow(services, tasks)
    window.panels = install_panels(window, "")
    window.resize(1400, 900)
    window.show()
    _wait(app, lambda: window.timeline.model.rowCount() > 0 and tasks.is_idle())
    idle = _longest_gap(app, WATCH_S)
    stop = threading.Event()

    def arrivals() -> None:
        for i in range(ARRIVALS):
            if stop.wait(1.0):
                return
            services.timeline.add(incident_id, f"arrival {i}: Ọlá reports the 東京 link is back")

    writer = threading.Thread(target=arrivals, daemon=True)
    writer.start()
    stall = _longest_gap(app, WATCH_S)
    stop.set()
    writer.join()
    _wait(app, tasks.is_idle)
    rss = _rss_mb()
    window.close()
    tasks.shutdown()
    services.close()
    return rss, base, max(stall, 0.0), max(idle, 0.0)
