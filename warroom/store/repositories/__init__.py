"""Repositories read rows and hand back domain values, and write domain values back.

Every write goes through the unit of work's replicator (the outbox rule: one path for
every replicated write). Repositories never commit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy.orm import Session

if TYPE_CHECKING:  # the replicator imports timeline_heads from this package
    from warroom.store.replication import Replicator
    from warroom.store.repositories.action_items import ActionRepository
    from warroom.store.repositories.checklists import ChecklistRepository
    from warroom.store.repositories.comms import CommsRepository
    from warroom.store.repositories.directory import DirectoryRepository
    from warroom.store.repositories.incidents import IncidentRepository
    from warroom.store.repositories.roles import RoleRepository
    from warroom.store.repositories.timeline import TimelineRepository


T = TypeVar("T")


class lazy(Generic[T]):
    """Made on first use, then an attribute: a unit of work is one thread's, so no lock is needed
    (functools.cached_property's lock cost a timeline append more than the repository itself)."""

    def __init__(self, make: Callable[[Any], T]) -> None:
        self._make = make
        self._name = make.__name__

    def __get__(self, obj: Any, owner: Any = None) -> T:
        value = obj.__dict__[self._name] = self._make(obj)
        return value


class Repositories:
    def __init__(self, session_of: Callable[[], Session], writer: Replicator) -> None:
        self.session = session_of  # the unit of work's Session, made when first asked for
        self.writer = writer

    @lazy
    def incidents(self) -> IncidentRepository:
        from warroom.store.repositories.incidents import IncidentRepository

        return IncidentRepository(self.session, self.writer)

    @lazy
    def timeline(self) -> TimelineRepository:
        from warroom.store.repositories.timeline import TimelineRepository

        return TimelineRepository(self.session, self.writer)

    @lazy
    def directory(self) -> DirectoryRepository:
        from warroom.store.repositories.directory import DirectoryRepository

        return DirectoryRepository(self.session, self.writer)

    @lazy
    def checklists(self) -> ChecklistRepository:
        from warroom.store.repositories.checklists import ChecklistRepository

        return ChecklistRepository(self.session, self.writer)

    @lazy
    def actions(self) -> ActionRepository:
        from warroom.store.repositories.action_items import ActionRepository

        return ActionRepository(self.session, self.writer)

    @lazy
    def comms(self) -> CommsRepository:
        from warroom.store.repositories.comms import CommsRepository

        return CommsRepository(self.session, self.writer)

    @lazy
    def roles(self) -> RoleRepository:
        from warroom.store.repositories.roles import RoleRepository

        return RoleRepository(self.session, self.writer)
