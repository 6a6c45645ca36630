"""Repositories read rows and hand back domain values. They never commit."""

from __future__ import annotations

from functools import cached_property

from sqlalchemy.orm import Session


class Repositories:
    def __init__(self, session: Session) -> None:
        self.session = session

    @cached_property
    def incidents(self):
        from warroom.store.repositories.incidents import IncidentRepository

        return IncidentRepository(self.session)

    @cached_property
    def timeline(self):
        from warroom.store.repositories.timeline import TimelineRepository

        return TimelineRepository(self.session)

    @cached_property
    def directory(self):
        from warroom.store.repositories.directory import DirectoryRepository

        return DirectoryRepository(self.session)

    @cached_property
    def checklists(self):
        from warroom.store.repositories.checklists import ChecklistRepository

        return ChecklistRepository(self.session)

    @cached_property
    def actions(self):
        from warroom.store.repositories.action_items import ActionRepository

        return ActionRepository(self.session)

    @cached_property
    def comms(self):
        from warroom.store.repositories.comms import CommsRepository

        return CommsRepository(self.session)
