"""Off the GUI thread: one serial writer, a pool for reads; results come back by signal.

    tasks = Tasks()
    tasks.write(lambda: services.timeline.add_typed(incident_id, text),
                on_done=lambda added: ..., on_error=lambda message: ...)
    tasks.read(lambda: services.timeline.page(incident_id, 0, 500), on_done=...)

Writes run one at a time in the order they were asked for (so two entries typed quickly land
in order); reads run in parallel on a QThreadPool. `on_done(result)` and `on_error(message)`
run on the GUI thread, unless they are methods of a widget deleted meanwhile (a dialog closed
while its read ran): that answer is dropped. Without `on_error` the one-sentence message goes to the `failed`
signal, which the main window shows in its status bar. A write refused because another
program holds the store is retried until it lands, with `waiting` emitted (the status bar
says "Waiting for the store") and `resumed` once it is through. Tests wait with
`qtbot.waitUntil(tasks.is_idle)`.
"""

from __future__ import annotations

import logging
import queue
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal, Slot
from shiboken6 import isValid

from warroom.domain.changes import changes_from
from warroom.domain.errors import WarroomError
from warroom.domain.failures import explain, is_busy

log = logging.getLogger("warroom.ui")

WAITING = "Waiting for the store: another Warroom or program is writing; your change is queued"
BUSY_RETRY_MAX_S = 2.0

Done = Callable[[Any], None]
Failed = Callable[[str], None]


def error_sentence(exc: BaseException) -> str:
    """The sentence a person sees: a WarroomError's own, or a short generic one."""
    if isinstance(exc, WarroomError):
        return str(exc)
    known = explain(exc)
    if known:
        return known
    return f"Something went wrong ({type(exc).__name__}: {exc}); the log file has the details."


class _Relay(QObject):
    """Lives on the GUI thread; a worker thread emits, the GUI thread runs the callback."""

    delivered = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.delivered.connect(self._run)

    @Slot(object)
    def _run(self, job: Callable[[], None]) -> None:
        job()


class _Job:
    def __init__(
        self,
        tasks: Tasks,
        fn: Callable[[], Any],
        on_done: Done | None,
        on_error: Failed | None,
        *,
        wait_when_busy: bool = False,
        origin: str | None = None,
    ) -> None:
        self.tasks, self.fn, self.on_done, self.on_error = tasks, fn, on_done, on_error
        self.wait_when_busy = wait_when_busy
        self.origin = origin

    def execute(self) -> None:
        """Runs on a worker thread; hands the outcome to the GUI thread."""
        try:
            with changes_from(self.origin):  # the store's change note names who wrote
                result = self._run_waiting_for_the_store() if self.wait_when_busy else self.fn()
        except Exception as exc:
            if not isinstance(exc, WarroomError):
                log.exception("background task failed")
            message = error_sentence(exc)
            self.tasks._relay.delivered.emit(lambda: self.tasks._finish(self.on_error, message, failed=True))
            return
        self.tasks._relay.delivered.emit(lambda: self.tasks._finish(self.on_done, result))

    def _run_waiting_for_the_store(self) -> Any:
        """A write another program's lock refused is run again (its unit of work was rolled
        back, so nothing is doubled) until it lands: what the user typed is never lost."""
        attempt = 0
        while True:
            try:
                result = self.fn()
            except Exception as exc:
                if not is_busy(exc) or self.tasks._closed:
                    raise
                if attempt == 0:
                    log.warning("the store is busy; the write is queued and will be retried")
                    self.tasks._relay.delivered.emit(lambda: self.tasks.waiting.emit(WAITING))
                attempt += 1
                time.sleep(min(0.25 * attempt, BUSY_RETRY_MAX_S))
                continue
            if attempt:
                self.tasks._relay.delivered.emit(self.tasks.resumed.emit)
            return result


class _Runnable(QRunnable):
    def __init__(self, job: _Job) -> None:
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job.execute()


class _WriterThread(QThread):
    """Runs queued writes strictly in order."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: queue.Queue[_Job | None] = queue.Queue()

    def run(self) -> None:
        while True:
            job = self.jobs.get()
            if job is None:
                return
            job.execute()


class Tasks(QObject):
    failed = Signal(str)  # an error nobody handled: show it
    idle = Signal()  # nothing queued or running any more
    waiting = Signal(str)  # a write waits for another program's lock on the store: show it
    resumed = Signal()  # the store let the waiting write through

    def __init__(self, parent: QObject | None = None, *, readers: int = 2) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(readers)
        self._writer = _WriterThread()
        self._writer.start()
        self._pending = 0
        self._closed = False

    def write(
        self,
        fn: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        *,
        origin: str | None = None,
    ) -> None:
        """Queue a write; writes run one after another in this order. The store's change note for
        it carries `origin`, so the panel that asked can ignore the echo of its own write."""
        if self._closed:
            return
        self._pending += 1
        self._writer.jobs.put(_Job(self, fn, on_done, on_error, wait_when_busy=True, origin=origin))

    def read(self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None) -> None:
        """Run a read (or export) on the pool; reads may run side by side."""
        if self._closed:
            return
        self._pending += 1
        self._pool.start(_Runnable(_Job(self, fn, on_done, on_error)))

    @property
    def pending(self) -> int:
        return self._pending

    @property
    def closed(self) -> bool:
        """Shut down: later requests are ignored (the window is going away)."""
        return self._closed

    def is_idle(self) -> bool:
        return self._pending == 0

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Finish queued writes, wait for reads; later requests are ignored."""
        if self._closed:
            return
        self._closed = True
        self._writer.jobs.put(None)
        self._writer.wait(timeout_ms)
        self._pool.waitForDone(timeout_ms)

    def _finish(self, callback: Callable[[Any], None] | None, value: Any, *, failed: bool = False) -> None:
        self._pending -= 1
        if self._closed:
            return  # the window is going away: its widgets may already be gone
        try:
            if callback is not None:
                if _owner_gone(callback):
                    return
                callback(value)
            elif failed:
                self.failed.emit(value)
        finally:
            if self._pending == 0:
                self.idle.emit()


def _owner_gone(callback: Callable[[Any], None]) -> bool:
    """The callback is a method of a widget deleted since it asked (a dialog closed while its
    read ran): its answer has nowhere to go."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not isValid(owner)
