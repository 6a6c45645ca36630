"""Keep a store live on a hub from a background thread, whatever the network does.

The loop pushes after every local commit and pulls as soon as the hub says
something is new: no fixed waits on that path. Wake-ups that arrive while a
round runs are merged into the next round, so under load batches grow by
themselves. Pushed changes are dropped from the outbox once the loop has been
idle a moment (or many have gathered), off the path between an edit and the
hub. While changes are held back by an old open transaction (see
hub_cursor), it re-pulls after a pause growing to a second, and at once
whenever the hub says something new arrived. When the hub goes away it
reports "offline", keeps counting the changes waiting, and reconnects with
backoff; every reconnect starts with a full pull. It never raises into the
caller: every failure becomes a state.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from warroom.store.db import describe, parse_url
from warroom.store.replication import REPLICATED
from warroom.store.store import Store
from warroom.sync import quarantine
from warroom.sync.engine import ApplyError, SyncEngine
from warroom.sync.hub import Hub, HubError
from warroom.sync.listener import PollingListener, Waker
from warroom.sync.sync_state import Backoff as Backoff
from warroom.sync.sync_state import HeldBackPause as HeldBackPause
from warroom.sync.sync_state import SyncPhase as SyncPhase
from warroom.sync.sync_state import SyncState as SyncState

log = logging.getLogger("warroom.sync")

FORGET_IDLE = 0.05  # forget pushed changes after this long without a wake-up...
FORGET_AT = 500  # ...or once this many have gathered


class SyncRunner:
    """`SyncRunner(store, hub_url, on_state).start()`; `.sync_now()`; `.stop()`.

    `on_state(SyncState)` is called from the sync thread whenever the state
    changes; a UI must hand it over to its own thread (e.g. a queued signal).
    """

    def __init__(
        self,
        store: Store,
        hub_url: str,
        on_state: Callable[[SyncState], None] | None = None,
        *,
        backoff: Backoff = Backoff(),
    ) -> None:
        self.store = store
        self._url = parse_url(hub_url)
        self._on_state = on_state or (lambda state: None)
        self._backoff = backoff
        self._wake = Waker()
        self._stopping = threading.Event()
        self._flags_lock = threading.Lock()
        self._want_push = self._want_pull = True
        self._lost: str | None = None
        self._force = False
        self._hub: Hub | None = None
        self._engine: SyncEngine | None = None
        self._listener: PollingListener | None = None
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self.state = SyncState(SyncPhase.OFFLINE, hub=describe(self._url), reason="not started")
        self.rounds = 0  # completed push/pull rounds, for tests and diagnostics
        self._pulled_before = 0  # by engines of earlier connections
        self._refused_seen = -1  # the engine's refused count when the quarantine was last counted

    # -- control from any thread -------------------------------------------------
    def start(self) -> SyncRunner:
        self._unsubscribe = self.store.subscribe(self._on_local_commit)
        self._thread = threading.Thread(target=self._run, name="warroom-sync", daemon=True)
        self._thread.start()
        return self

    def sync_now(self) -> None:
        """A full round now; when offline, a reconnect attempt now instead of after the backoff."""
        self._force = True
        self._request(push=True, pull=True)

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._unsubscribe:
            self._unsubscribe()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def pulled(self) -> int:
        """Changes from other replicas applied here since start (for tests and diagnostics)."""
        engine = self._engine
        return self._pulled_before + (engine.applied if engine is not None else 0)

    @property
    def held_back(self) -> bool:
        """True while committed changes on the hub wait for an older transaction to end (see hub_cursor)."""
        engine = self._engine
        return engine is not None and engine.last_held_back

    def _on_local_commit(self, tables: frozenset[str]) -> None:
        # Commits on the sync thread itself apply pulled changes: nothing to push.
        if tables & REPLICATED and threading.current_thread() is not self._thread:
            engine = self._engine
            if engine is not None and "incidents" in tables:
                engine.numbers_due = True  # a new incident waits for its number from the hub
            self._request(push=True)

    def _on_hub_wake(self) -> None:
        self._request(pull=True)

    def _on_note(self, device: str) -> None:
        if device != self.store.device_id:  # one's own pushes need no pull
            self._request(pull=True)

    def _on_lost(self, reason: str) -> None:
        with self._flags_lock:
            self._lost = reason
        self._wake.set()

    def _request(self, *, push: bool = False, pull: bool = False) -> None:
        with self._flags_lock:
            self._want_push |= push
            self._want_pull |= pull
        self._wake.set()

    def _take_flags(self) -> tuple[bool, bool, str | None]:
        with self._flags_lock:
            flags = (self._want_push, self._want_pull, self._lost)
            self._want_push = self._want_pull = False
            self._lost = None
        return flags

    # -- the sync thread -----------------------------------------------------------
    def _run(self) -> None:
        delay = self._backoff.first
        while not self._stopping.is_set():
            try:
                if self._engine is None:
                    self._connect()
                    delay = self._backoff.first
                self._serve()
            except HubError as exc:
                self._disconnect()
                phase = SyncPhase.OFFLINE if exc.offline else SyncPhase.FAILED
                self._wait_offline(phase, str(exc), delay)
                delay = min(delay * 2, self._backoff.most)
            except Exception as exc:  # never let the thread die: report and retry slowly
                log.exception("sync round failed")
                self._disconnect()
                reason = str(exc) if isinstance(exc, ApplyError) else f"unexpected {type(exc).__name__}"
                self._wait_offline(SyncPhase.FAILED, reason, self._backoff.most)
        self._disconnect()
        self._wake.close()

    def _connect(self) -> None:
        self._take_flags()
        hub = Hub(self._url)
        listener = None
        try:  # listen first, so nothing pushed during the full pull is missed
            if hub.is_postgres:
                hub.listen(self._on_note)
                self._wake.watch(hub.fileno(), hub.poll)
            else:
                listener = PollingListener(hub, self._on_hub_wake, self._on_lost)
                listener.start()
        except Exception:
            self._wake.watch(None)
            hub.close()
            raise
        self._hub, self._listener = hub, listener
        self._engine = SyncEngine(self.store, hub, keep_connection=True)
        self._request(push=True, pull=True)  # after every reconnect: a full round

    def _serve(self) -> None:
        """Rounds until stopped or disconnected (a HubError escapes to `_run`).

        The flags, not the waker, say what to do: the waker only ends a wait,
        and a request sets its flag before it wakes. So clearing the waker after
        any wait loses nothing, and a re-read that is due sets no flag (which
        would end the next pause at once and spin while changes are held back).
        """
        assert self._engine is not None
        next_periodic = time.monotonic() + self._backoff.periodic
        held = HeldBackPause()
        while not self._stopping.is_set():
            push, pull, lost = self._take_flags()
            if lost:
                raise HubError(lost)
            now = time.monotonic()
            periodic = now >= next_periodic
            retry = held.due(now)
            if push or pull or periodic or retry:
                self._round(push or periodic, pull or periodic or retry, announce=self._force)
                self._force = False
                next_periodic = time.monotonic() + self._backoff.periodic
            if self._engine.last_held_back:  # re-read after a growing pause; a wake-up still pulls at once
                if retry or not held.active:
                    held.schedule(time.monotonic())
                self._wake.wait(held.left(time.monotonic()))
                self._wake.clear()
                continue
            held.reset()
            self._idle(max(0.0, next_periodic - time.monotonic()))

    def _idle(self, longest: float) -> None:
        """Wait for a wake-up; forget pushed changes once nothing happens for a moment."""
        assert self._engine is not None
        if self._engine.unforgotten:
            many = self._engine.unforgotten >= FORGET_AT
            if many or not self._wake.wait(min(longest, FORGET_IDLE)):
                self._engine.forget_pushed()
                return
        else:
            self._wake.wait(longest)
        self._wake.clear()

    def _round(self, push: bool, pull: bool, announce: bool = False) -> None:
        """One push and/or pull. Only long rounds (reconnect, Sync now) show 'syncing'."""
        assert self._engine is not None
        if announce or self.state.phase is not SyncPhase.LIVE:
            self._set_state(SyncPhase.SYNCING)
        if push:
            self._engine.push_once(forget=not self.store.is_sqlite)  # see push_once
        if pull:
            self._engine.pull_once()
        if self._engine.number_incidents():
            self._request(push=True)  # the numbers are local writes of this thread: push them next
        if pull and self._engine.compact_if_due():
            self._request(pull=True)  # the log now starts at a new point: read on from there
        self.rounds += 1
        self._set_state(SyncPhase.LIVE)

    def _wait_offline(self, phase: SyncPhase, reason: str, delay: float) -> None:
        """Wait before reconnecting, keeping the 'changes waiting' count current."""
        deadline = time.monotonic() + delay
        self._set_state(phase, reason)
        while not self._stopping.is_set():
            left = deadline - time.monotonic()
            if left <= 0 or not self._wake.wait(left):
                return
            self._wake.clear()
            if self._force:
                self._force = False
                return
            self._set_state(phase, reason)

    def _disconnect(self) -> None:
        listener, hub, engine = self._listener, self._hub, self._engine
        self._listener = self._hub = self._engine = None
        self._wake.watch(None)
        if engine is not None:
            self._pulled_before += engine.applied
            try:
                engine.close()  # forgets what was pushed: the outbox then counts what is really waiting
            except Exception:  # the store is closing or busy; they are pushed again next time
                log.debug("could not close the sync engine", exc_info=True)
        if listener is not None:
            listener.stop()
        if hub is not None:
            hub.close()

    def _set_state(self, phase: SyncPhase, reason: str = "") -> None:
        try:
            waiting = 0 if phase is SyncPhase.LIVE else self.store.outbox_size()
        except Exception:  # the local store is busy or closing; the count can wait
            waiting = self.state.waiting
        refused = self.state.refused
        if self._engine is None or self._engine.refused != self._refused_seen:
            try:
                refused = quarantine.count(self.store)
                self._refused_seen = self._engine.refused if self._engine is not None else -1
            except Exception:  # as above
                pass
        state = SyncState(phase, waiting, reason, describe(self._url), refused)
        if state == self.state:
            return
        self.state = state
        try:
            self._on_state(state)
        except Exception:
            log.exception("sync state callback failed")
