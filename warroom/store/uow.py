"""One user action = one unit of work: a session, the replicated writer, repositories."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from warroom.domain.clock import HybridClock
from warroom.store.replication import Change, Replicator
from warroom.store.repositories import Repositories


class UnitOfWork:
    """`with store.unit_of_work() as uow: ...; uow.commit()` — repositories never commit."""

    session: Session | None
    writer: Replicator  # raw replicated writes: the sync engine and tests; services write through repos
    repos: Repositories

    def __init__(
        self, sessions: sessionmaker[Session], clock: HybridClock, on_commit: Callable[[Iterable[str]], None]
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._on_commit = on_commit
        self._touched: set[str] = set()
        self.session = None

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.writer = _TrackingReplicator(self.session, self._clock, self._touched)
        self.repos = Repositories(self.session, self.writer)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.session is not None
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        assert self.session is not None
        self.session.commit()
        touched, self._touched = set(self._touched), set()
        self._on_commit(touched)

    def touch(self, *tables: str) -> None:
        self._touched.update(tables)


class _TrackingReplicator(Replicator):
    """Remembers which tables a unit of work wrote, to tell open views after commit."""

    def __init__(self, session: Session, clock: HybridClock, touched: set[str]) -> None:
        super().__init__(session, clock)
        self._touched_tables = touched

    def create(self, table_name: str, row: dict[str, Any]) -> str:
        self._touched_tables.add(table_name)
        return super().create(table_name, row)

    def create_many(self, table_name: str, rows: list[dict[str, Any]]) -> None:
        self._touched_tables.add(table_name)
        super().create_many(table_name, rows)

    def update_if_present(self, table_name: str, row_id: str, values: dict[str, Any]) -> bool | None:
        self._touched_tables.add(table_name)
        return super().update_if_present(table_name, row_id, values)

    def append(self, table_name: str, row: dict[str, Any], *, new_entry: bool = False) -> str:
        self._touched_tables.add(table_name)
        return super().append(table_name, row, new_entry=new_entry)

    def apply(self, change: Change) -> None:
        self._touched_tables.add(change.table_name)
        super().apply(change)
