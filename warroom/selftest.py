"""`warroom --self-test`: does this installation work? Checked on a throwaway store.

In a temporary folder (with its own config, data and state folders, and an in-memory keyring,
so nothing of the user's is read or changed) it migrates a new store, loads the demo, asks
who is reachable on Christmas Eve 2013, exports the postmortem as PDF and JSON, reads the
demo's timeline revisions as a laptop joining a hub does, and opens the main window offscreen
and closes it. One line per step; exit status 0 only if all pass.
The same checks cover a wheel and a PyInstaller bundle: data files left out show up here.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REACHABLE_AT = "2013-12-24T10:00+01:00"

Step = tuple[str, Callable[["SelfTest"], str]]


class SelfTest:
    """The state the steps share: the temporary folder, the services, the demo incident."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.services: Any = None
        self.incident: Any = None

    def close(self) -> None:
        if self.services is not None:
            self.services.close()


def _migrate(t: SelfTest) -> str:
    from warroom.app import build_services
    from warroom.settings import Settings
    from warroom.store.migrate import current_revision, head_revision

    db = t.folder / "data" / "selftest.sqlite"
    t.services = build_services(f"sqlite:///{db}", settings=Settings(user_name="Self-test", zone="UTC"))
    with t.services.store.engine.connect() as conn:
        revision = current_revision(conn)
    if revision != head_revision():
        raise RuntimeError(f"the store is at revision {revision}, not the head {head_revision()}")
    return f"new store at revision {revision}"


def _demo(t: SelfTest) -> str:
    t.incident = t.services.demo.load()
    entries = t.services.timeline.count(t.incident.id)
    if entries == 0:
        raise RuntimeError(f"{t.incident.reference} has no timeline entries")
    return f"{t.incident.reference} {t.incident.title!r}, {entries} timeline entries"


def _reachable(t: SelfTest) -> str:
    from warroom.domain.clock import parse_iso

    rows = t.services.directory.reachable(at=parse_iso(REACHABLE_AT))
    if not rows:
        raise RuntimeError("the demo directory has no contacts")
    unreachable = [r for r in rows if not r.reachable]
    reasons = sorted({r.reason for r in unreachable if r.reason})
    if not any("Christmas Eve" in reason for reason in reasons):
        raise RuntimeError(f"nobody is off for Christmas Eve at {REACHABLE_AT}; reasons: {reasons}")
    return f"at {REACHABLE_AT}: {len(rows) - len(unreachable)} of {len(rows)} contacts reachable"


def _export_pdf(t: SelfTest) -> str:
    from warroom.ui.shell.first_paint import widgets_app

    _qt_messages_to_the_log()
    widgets_app()  # the PDF paints with QtGui; the window step needs the same QApplication
    (path,) = t.services.postmortem.export(t.incident.id, "pdf", t.folder / "postmortem.pdf")
    data = path.read_bytes()
    if not data.startswith(b"%PDF") or len(data) < 2000:
        raise RuntimeError(f"{path.name} is not a PDF ({len(data)} bytes)")
    return f"{path.name}, {len(data) // 1024} KiB"


def _export_json(t: SelfTest) -> str:
    (path,) = t.services.postmortem.export(t.incident.id, "json", t.folder / "incident.json")
    text = path.read_text(encoding="utf-8")
    if t.incident.title not in json.dumps(json.loads(text), ensure_ascii=False):
        raise RuntimeError(f"{path.name} does not contain the incident")
    return f"{path.name}, {len(text) // 1024} KiB"


def _sync_decode(t: SelfTest) -> str:
    """A joining laptop reads the hub's timeline revisions with msgspec (a compiled module a bundle must carry)."""
    import msgspec

    from warroom.sync import revision_shape

    with t.services.store.engine.connect() as conn:
        sql = "SELECT payload FROM sync_outbox WHERE table_name = 'entry_revisions'"
        payloads = [p for (p,) in conn.exec_driver_sql(sql)]
    taken = sum(revision_shape.values(p) is not None for p in payloads)
    if not taken:
        raise RuntimeError(f"none of the demo's {len(payloads)} timeline revisions read as a joining laptop reads them")
    return f"{taken} of {len(payloads)} demo revisions read as a joining laptop does (msgspec {msgspec.__version__})"


def _window(t: SelfTest) -> str:
    from warroom.ui.shell.first_paint import open_and_close

    painted = open_and_close(t.services)
    return f"painted {painted.width}x{painted.height} with {painted.rows} timeline rows, closed"


def _qt_messages_to_the_log() -> None:
    """Qt's offscreen notes ("does not support propagateSizeHints") go to the log, not between the steps."""
    import logging

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("warroom.ui")

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        level = logging.WARNING if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg) else logging.DEBUG
        qt_log.log(level, "Qt: %s", message)

    qInstallMessageHandler(handler)


STEPS: tuple[Step, ...] = (
    ("migrate", _migrate),
    ("demo", _demo),
    ("reachable", _reachable),
    ("export pdf", _export_pdf),
    ("export json", _export_json),
    ("sync decode", _sync_decode),
    ("window", _window),
)


@contextmanager
def _throwaway_home() -> Iterator[Path]:
    """A temporary folder that stands in for the user's config, data and state, and keyring."""
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="warroom-selftest-") as name:
        folder = Path(name)
        for kind in ("config", "data", "state"):
            (folder / kind).mkdir()
            os.environ[f"WARROOM_{kind.upper()}_DIR"] = str(folder / kind)
        os.environ["WARROOM_KEYRING"] = "memory"
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        try:
            yield folder
        finally:
            os.environ.clear()
            os.environ.update(saved)


def run_self_test(out: Any = None) -> int:
    """Run every step in order, print one line each; 0 if all passed, 1 otherwise."""
    from warroom.build_info import version_line

    out = out or sys.stdout
    print(f"{version_line()}: self-test", file=out, flush=True)
    failed = False
    with _throwaway_home() as folder:
        state = SelfTest(folder)
        try:
            for name, step in STEPS:
                failed = _run_step(name, step, state, failed, out) or failed
        finally:
            state.close()
    print("self-test passed" if not failed else "self-test FAILED", file=out, flush=True)
    return 1 if failed else 0


def _run_step(name: str, step: Callable[[SelfTest], str], state: SelfTest, skip: bool, out: Any) -> bool:
    """Print the step's line; True if it failed. After a failure the rest are skipped."""
    if skip:
        print(f"skip {name:12} (an earlier step failed)", file=out, flush=True)
        return True
    started = time.perf_counter()
    try:
        detail = step(state)
    except Exception as exc:
        import logging

        logging.getLogger("warroom").error("self-test step %s failed:\n%s", name, traceback.format_exc())
        print(f"FAIL {name:12} {type(exc).__name__}: {exc}", file=out, flush=True)
        return True
    print(f"ok   {name:12} {detail} ({time.perf_counter() - started:.2f} s)", file=out, flush=True)
    return False
