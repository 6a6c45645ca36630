"""A store: the engine, this device's identity and clock, and units of work."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from warroom.domain.changes import ChangeNote, change_origin
from warroom.domain.clock import HybridClock, Stamp
from warroom.domain.errors import StoreError
from warroom.domain.ids import new_id
from warroom.store import migrate
from warroom.store.changes import changes_in
from warroom.store.db import create_store_engine, describe, explain_connect_error, parse_url
from warroom.store.kept import KeptConnections
from warroom.store.models import LocalMetaRow, OutboxRow
from warroom.store.uow import UnitOfWork

log = logging.getLogger("warroom.store")

Listener = Callable[[frozenset[str]], None]  # table names: for sync, which works in tables
ChangeListener = Callable[[ChangeNote], None]  # what changed and who changed it: for views

CLOCK_HIGH_KEY = "clock_high"  # newest stamp pushed or pulled; the sync engine keeps it

# A commit touches one of a few sets of tables (an append: entry_revisions): each set's kinds
# of change are worked out once, not on every commit.
_changes_in = lru_cache(maxsize=256)(changes_in)


class Store:
    """Everything that talks to one database lives behind this object."""

    def __init__(self, url: URL | str, *, apply_migrations: bool = True, create_folder: bool = False) -> None:
        """`create_folder` makes a missing folder (the default store); a folder the user named must exist."""
        self.url = parse_url(url) if isinstance(url, str) else url
        self.engine = create_store_engine(self.url, create_folder=create_folder)
        self._listeners: list[Listener] = []
        self._change_listeners: list[ChangeListener] = []
        self._lock = threading.Lock()
        self._connections = KeptConnections(self.engine, keep=self.is_sqlite)
        try:
            if apply_migrations:
                migrate.upgrade(self.engine)
            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
            self.device_id = self._meta("device_id", default=lambda: new_id().replace("-", "")[-16:])
            self.clock = HybridClock(self.device_id, self._last_stamp())
        except StoreError:
            self.engine.dispose()
            raise
        except SQLAlchemyError as exc:
            self.engine.dispose()
            raise explain_connect_error(self.url, exc) from None

    @property
    def location(self) -> str:
        return describe(self.url)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self._connections, self.clock, self._notify)

    def session(self):
        """A raw session for the sync engine and tests; services use unit_of_work()."""
        return self._sessions()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """`listener(table_names)` after each commit, on the committing thread."""
        return self._add(self._listeners, listener)

    def subscribe_changes(self, listener: ChangeListener) -> Callable[[], None]:
        """`listener(ChangeNote)` after each commit that changed something, on the committing thread."""
        return self._add(self._change_listeners, listener)

    def _add(self, listeners: list, listener: Callable) -> Callable[[], None]:
        with self._lock:
            listeners.append(listener)
        return lambda: self._remove(listeners, listener)

    def _remove(self, listeners: list, listener: Callable) -> None:
        with self._lock:
            if listener in listeners:
                listeners.remove(listener)

    def _notify(self, tables: Iterable[str]) -> None:
        touched = frozenset(tables)
        if not touched:
            return
        note = ChangeNote(_changes_in(touched), change_origin.get())
        with self._lock:
            calls: list[tuple[Callable[[Any], None], object]] = [(listener, touched) for listener in self._listeners]
            if note.what:
                calls += [(listener, note) for listener in self._change_listeners]
        for listener, value in calls:
            try:
                listener(value)
            except Exception:  # a broken view must never break a write
                log.exception("store listener failed")

    def notify_changed(self, tables: Iterable[str]) -> None:
        self._notify(tables)

    def outbox_size(self) -> int:
        with self._sessions() as s:
            return s.execute(select(func.count()).select_from(OutboxRow)).scalar_one()

    def meta(self, key: str) -> str | None:
        with self._sessions() as s:
            row = s.get(LocalMetaRow, key)
            return row.value if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._sessions() as s:
            row = s.get(LocalMetaRow, key)
            if row is None:
                s.add(LocalMetaRow(key=key, value=value))
            else:
                row.value = value
            s.commit()

    def _meta(self, key: str, default: Callable[[], str]) -> str:
        value = self.meta(key)
        if value is None:
            value = default()
            self.set_meta(key, value)
        return value

    def _last_stamp(self) -> Stamp | None:
        """The newest stamp this store has written or seen, so a restart never stamps behind it."""
        with self._sessions() as s:
            top = s.execute(select(func.max(OutboxRow.stamp))).scalar_one_or_none()
            seen = s.get(LocalMetaRow, CLOCK_HIGH_KEY)
        candidates = [v for v in (top, seen.value if seen else None) if v]
        return Stamp.decode(max(candidates)) if candidates else None

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def close(self) -> None:
        self._connections.close()
        self.engine.dispose()
