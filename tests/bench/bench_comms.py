"""Status updates in the window: the GUI thread while the sender drains 200 deliveries, and the
composer opening with its filled draft on a 10,000-entry incident. Each runs in a fresh process.

    python -m tests.bench comms
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WARROOM_KEYRING", "memory")

from tests.bench.harness import Report

CHANNELS = 20  # destinations; at most one request a second each, as in use
UPDATES = 10  # each to every channel: 200 deliveries
ENTRIES = 10_000


def _services(path: str):
    from warroom.app import build_services
    from warroom.settings import Settings

    return build_services(f"sqlite:///{path}", settings=Settings(user_name="Bench", zone="UTC"))


def drain_stall(path: str) -> tuple[float, float, float]:
    """(longest GUI stall ms while 200 queued deliveries drain, the same window idle after, drain seconds).

    The updates are queued before the window opens, as after a night offline: the window's
    sender thread starts draining them as soon as it is installed."""
    from tests.bench.bench_timeline_gui import _app, _longest_gap, _wait
    from tests.comms_servers import CaptureServer
    from warroom.services.comms import ChannelService, CommsService
    from warroom.ui.kit.worker import Tasks
    from warroom.ui.shell.docking import install_panels
    from warroom.ui.shell.main_window import MainWindow

    app = _app()
    server = CaptureServer()
    services = _services(path)
    incident = services.incidents.open("Bench: 200 deliveries", "SEV1")
    channels = ChannelService(services.ctx)
    for n in range(CHANNELS):
        channels.add(f"slack-{n:02d}", "slack", "internal", secret_values={"url": server.url(f"/c{n}")})
    comms = CommsService(services.ctx)
    for n in range(UPDATES):
        comms.send(incident.id, "internal", f"Update {n}: Ọlá reports the 東京 link is back")
    services.settings.last_incident_id = incident.id
    tasks = Tasks()
    window = MainWindow(services, tasks)
    window.panels = install_panels(window, "")
    window.resize(1366, 768)
    window.show()
    t0 = time.perf_counter()
    _wait(app, tasks.is_idle)  # the window's own first load and paint are not the drain's
    before = len(server.requests)
    worst = 0.0
    while len(server.requests) < CHANNELS * UPDATES and time.perf_counter() - t0 < 120:
        worst = max(worst, _longest_gap(app, 0.5))
    drained = time.perf_counter() - t0
    worst = max(worst, _longest_gap(app, 1.0))  # the panel's last reloads
    assert len(server.requests) == CHANNELS * UPDATES, f"only {len(server.requests)} delivered"
    idle = _longest_gap(app, 5.0)
    window.close()
    tasks.shutdown()
    services.close()
    server.stop()
    assert before < CHANNELS * UPDATES / 4, f"{before} were sent before the watch began"
    return max(worst, 0.0), max(idle, 0.0), drained


def _big_incident(path: str) -> str:
    from warroom.domain.clock import utc_now
    from warroom.services.timeline_import import TimelineImportService

    services = _services(path)
    incident = services.incidents.open("Bench: 10,000 entries", "SEV1")
    start = utc_now() - timedelta(hours=2, minutes=ENTRIES)
    lines = ["occurred_at,kind,milestone,author,vendor,contact,text"]
    kinds = ("observation", "action", "decision")
    for i in range(ENTRIES):
        at = (start + timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        lines.append(f"{at},{kinds[i % 3]},,Paweł Wiśniewski,,,entry {i:05d} about the 東京 link")
    TimelineImportService(services.ctx).import_csv(incident.id, "\n".join(lines).encode("utf-8"))
    services.close()
    return incident.id


def composer_open(path: str, incident_id: str) -> tuple[float, float]:
    """(ms from asking for the composer to its filled draft, ms of the draft's own service call)."""
    from tests.bench.bench_timeline_gui import _app, _wait
    from warroom.domain.comms import CommsAudience
    from warroom.services.comms import CommsService
    from warroom.ui.comms.composer import ComposerDialog
    from warroom.ui.kit.worker import Tasks

    app = _app()
    services = _services(path)
    incident = services.incidents.get(incident_id)
    floor = min(_timed(lambda: CommsService(services.ctx).draft(incident_id, "customers")) for _ in range(3))
    tasks = Tasks()
    times = []
    for _ in range(3):
        shown: list[bool] = []
        t0 = time.perf_counter()
        dialog = ComposerDialog(services, tasks, incident, CommsAudience.CUSTOMERS)
        dialog.draft_shown.connect(lambda: shown.append(True))
        dialog.show()
        _wait(app, lambda: bool(shown))
        times.append(time.perf_counter() - t0)
        assert "Bench: 10,000 entries" in dialog.editor.toPlainText()
        _wait(app, tasks.is_idle)
        dialog.close()
    tasks.shutdown()
    services.close()
    return min(times) * 1000, floor * 1000


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def _in_subprocess(call: str) -> tuple:
    code = f"from tests.bench.bench_comms import *; print(repr({call}))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "WARROOM_KEYRING": "memory"},
        cwd=Path(__file__).parents[2],
    )
    return eval(out.stdout.strip().splitlines()[-1])


def run(report: Report) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        drain = str(Path(tmp) / "drain.sqlite")
        stall, idle, seconds = _in_subprocess(f"drain_stall({drain!r})")
        report.add(
            f"GUI thread's longest stall while {CHANNELS * UPDATES} deliveries drain",
            stall,
            idle,
            "ms",
            max_value=50,
            note=f"(floor: the same window idle afterwards; drained in {seconds:.1f} s at 1 request/s per channel)",
        )
        big = str(Path(tmp) / "big.sqlite")
        incident_id = _big_incident(big)
        opened, floor = _in_subprocess(f"composer_open({big!r}, {incident_id!r})")
        report.add(
            f"composer open with its filled draft, {ENTRIES}-entry incident",
            opened,
            floor,
            "ms",
            max_value=100,
            note="(floor: the draft's service call alone)",
        )
