"""The delivery sender on its own thread: the GUI thread never waits on a channel or the store."""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QThread

from warroom.services.comms import DeliverySender

log = logging.getLogger("warroom.ui")

BREATHE_S = 0.02  # per request; the per-channel limit (1 s) bounds throughput far more
IDLE_WAIT = 30.0  # seconds between looks when nothing is queued (a new update wakes it at once)


class SenderThread(QThread):
    def __init__(self, ctx, parent=None, *, min_interval: float = 1.0) -> None:
        super().__init__(parent)
        self.setObjectName("commsSender")
        self.sender_ = DeliverySender(ctx, min_interval=min_interval)
        self._wake = threading.Event()
        self._stopping = False

    def run(self) -> None:
        try:
            self.sender_.recover()
        except Exception:
            log.exception("could not settle deliveries left by a crash")
        while not self._stopping:
            wait = IDLE_WAIT
            try:
                self.sender_.drain_once(between=self._breathe)
                next_in = self.sender_.seconds_to_next()
                if next_in is not None:
                    wait = min(max(next_in, 0.05), IDLE_WAIT)
            except Exception:
                log.exception("the status-update sender failed; trying again shortly")
                wait = 5.0
            self._wake.wait(wait)
            self._wake.clear()

    def _breathe(self) -> None:
        """Between two deliveries, let the GUI thread have the interpreter for a moment."""
        time.sleep(BREATHE_S)

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout_ms: int = 20_000) -> None:
        self._stopping = True
        self._wake.set()
        self.wait(timeout_ms)
