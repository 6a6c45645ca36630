"""Start-up figures (issue 13): how long a command or the window takes from launch.

Each is a whole process, timed from launch to exit (or to the painted window), best of a few
runs, beside a floor measured by the same Python in the same run:
- `warroom --version` against `python -c pass`: at most 1.5x the floor + 50 ms;
- `warroom incident list --json` on a 50-incident store against
  `python -c "import sqlalchemy, sqlite3"`: at most 2x;
- launch to the first painted main window (its frame: title, menus, dock places, "Opening
  the incident store…") on a 50,000-entry incident against a bare PySide6 QMainWindow shown by
  the same Python: at most 2x; from the checkout, and from the one-folder bundle when
  dist/warroom/ has been built (`make package`);
- launch to the window filled: the incident's rows painted (no bound; shown beside the same floor);
- the first paint again as a paired median: the bare window and `warroom` (or the bundle) launched
  in turn PAIRED_RUNS times, each ratio taken within its pair, so that the machine's load, which
  swings a best-of-3 by a third, weighs on both sides alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.bench.harness import Report

ROOT = Path(__file__).resolve().parents[2]
INCIDENTS = 50
WINDOW_ROWS = 50_000
RUNS = 7
WINDOW_RUNS = 3
PAIRED_RUNS = 7
BUNDLE = ROOT / "dist" / "warroom" / "warroom"

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QApplication.instance().quit()
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.resize(1366, 768)
watcher = Painted()
window.centralWidget().installEventFilter(watcher)
window.show()
app.exec()
"""


def _env(home: Path) -> dict[str, str]:
    """The children's environment. Bytecode caching stays on, as on users' machines: without it
    every launch compiles the project from source (the first, uncounted-by-best-of run writes it)."""
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {
        **inherited,
        "WARROOM_CONFIG_DIR": str(home / "config"),
        "WARROOM_DATA_DIR": str(home / "data"),
        "WARROOM_STATE_DIR": str(home / "state"),
        "WARROOM_KEYRING": "memory",
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }


def _warroom() -> list[str]:
    """The installed `warroom` script, as a user starts it (not `python -m`, which adds runpy)."""
    script = Path(sys.executable).with_name("warroom")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "warroom"]


def process_seconds(cmd: list[str], env: dict[str, str], runs: int = RUNS) -> float:
    """The fastest of `runs` launches-to-exit (the least disturbed by the machine's other work)."""
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t0)
    return best


def until_painted_seconds(cmd: list[str], env: dict[str, str], runs: int = WINDOW_RUNS) -> float:
    """The fastest of `runs` launches until the process prints its `painted` line."""
    return min(_launch_to_lines(cmd, env, ("painted",))[0] for _ in range(runs))


def until_filled_seconds(cmd: list[str], env: dict[str, str], runs: int = WINDOW_RUNS) -> tuple[float, float]:
    """The fastest of `runs` launches until `painted` (the frame), and until `filled ROWS`."""
    found = [_launch_to_lines(cmd, env, ("painted", "filled")) for _ in range(runs)]
    return min(f[0] for f in found), min(f[1] for f in found)


def paired_painted(cmd: list[str], floor_cmd: list[str], env: dict[str, str], runs: int = PAIRED_RUNS):
    """Launch-to-`painted` of `cmd` and of `floor_cmd` in turn, `runs` pairs (which goes first
    alternates); `cmd` is stopped once painted. Returns the medians and the per-pair ratios."""
    mine, floors = [], []
    for i in range(runs):
        pair = [(mine, cmd), (floors, floor_cmd)]
        for into, command in pair if i % 2 == 0 else reversed(pair):
            into.append(_launch_to_lines(command, env, ("painted",), stop=True)[0])
    ratios = [m / f for m, f in zip(mine, floors, strict=True)]
    return statistics.median(mine), statistics.median(floors), ratios


def _launch_to_lines(cmd: list[str], env: dict[str, str], expected: tuple[str, ...], stop: bool = False) -> list[float]:
    """Seconds from launch to each expected line the process prints, in order; `stop` ends the
    process then (a bare window quits by itself)."""
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert child.stdout is not None
    seen = []
    for word in expected:
        line = child.stdout.readline()
        if not line.startswith(word):
            child.kill()
            raise RuntimeError(f"{cmd[0]} did not print {word!r} (it printed {line!r})")
        seen.append(time.perf_counter() - t0)
    if stop:
        child.kill()
    child.wait(timeout=120)
    return seen


def fill_incidents(path: Path, count: int) -> None:
    from warroom.app import build_services
    from warroom.settings import Settings

    with build_services(f"sqlite:///{path}", settings=Settings(user_name="Bench", zone="UTC")) as services:
        for i in range(count):
            services.incidents.open(f"Bench incident {i} — Åsa's 東京 link", "SEV3")


def run(report: Report) -> None:
    from tests.bench.bench_timeline import fill_incident

    with tempfile.TemporaryDirectory(prefix="warroom-bench-startup-") as name:
        folder = Path(name)
        env = _env(folder)
        _command_figures(report, folder, env)
        db = folder / "window.sqlite"
        fill_incident(db, WINDOW_ROWS)
        _window_figures(report, db, env)


def _command_figures(report: Report, folder: Path, env: dict[str, str]) -> None:
    py = sys.executable
    bare = process_seconds([py, "-c", "pass"], env)
    version = process_seconds([*_warroom(), "--version"], env)
    report.add(
        "warroom --version (floor: python -c pass)",
        version * 1000,
        bare * 1000,
        "ms",
        max_value=1.5 * bare * 1000 + 50,
        note="bound 1.5x floor + 50 ms",
    )
    db = folder / "incidents.sqlite"
    fill_incidents(db, INCIDENTS)
    floor = process_seconds([py, "-c", "import sqlalchemy, sqlite3"], env)
    listed = process_seconds([*_warroom(), "--db", str(db), "incident", "list", "--json"], env)
    report.add(
        f"warroom incident list --json, {INCIDENTS} incidents (floor: import sqlalchemy)",
        listed * 1000,
        floor * 1000,
        "ms",
        max_ratio=2,
    )


def _window_figures(report: Report, db: Path, env: dict[str, str]) -> None:
    bare = until_painted_seconds([sys.executable, "-c", BARE_WINDOW], env)
    # `warroom` with no arguments, as a user starts it; the probe and the store come from the environment
    env = {**env, "WARROOM_DB": str(db), "WARROOM_STARTUP_PROBE": "1"}
    painted, filled = until_filled_seconds(_warroom(), env)
    report.add(
        f"launch to painted window, {WINDOW_ROWS:,}-entry incident (floor: bare QMainWindow)",
        painted,
        bare,
        "s",
        max_ratio=2,
    )
    report.add("launch to the window filled with the incident's rows", filled, bare, "s", note="no bound")
    if BUNDLE.is_file():
        painted, filled = until_filled_seconds([str(BUNDLE)], env)
        report.add("same, from the one-folder bundle (dist/warroom)", painted, bare, "s", max_ratio=2)
        report.add("filled, from the bundle", filled, bare, "s", note="no bound")
    else:
        print("     (no dist/warroom/warroom: run `make package` for the bundle's window figure)")
    floor_cmd = [sys.executable, "-c", BARE_WINDOW]
    for where, cmd in (("checkout", _warroom()), ("bundle", [str(BUNDLE)])):
        if where == "bundle" and not BUNDLE.is_file():
            continue
        mine, floor, ratios = paired_painted(cmd, floor_cmd, env)
        spread = f"pairs x{min(ratios):.2f} to x{max(ratios):.2f}, median x{statistics.median(ratios):.2f}"
        report.add(
            f"first paint, {where}, median of {len(ratios)} paired launches", mine, floor, "s", max_ratio=2, note=spread
        )
