"""Start-up wiring: settings -> store -> services -> window or CLI. Nothing at import time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService
from warroom.settings import Settings, is_default_store, resolve_db_url
from warroom.store.store import Store

if TYPE_CHECKING:  # imported when first used: a CLI command loads only what it needs
    from warroom.services.action_items import ActionService
    from warroom.services.checklists import ChecklistService
    from warroom.services.demo import DemoService
    from warroom.services.directory.calendar_urls import CalendarService
    from warroom.services.directory.service import DirectoryService
    from warroom.services.postmortem.service import PostmortemService
    from warroom.services.sync import SyncService
    from warroom.services.timeline_import import TimelineImportService


@dataclass
class Services:
    """Every use case the window and the CLI call; they never see a Session."""

    ctx: ServiceContext
    settings: Settings
    _sync: SyncService | None = None  # one per window: it owns the background runner

    @property
    def store(self) -> Store:
        return self.ctx.store

    @property
    def incidents(self) -> IncidentService:
        return IncidentService(self.ctx)

    @property
    def timeline(self) -> TimelineService:
        return TimelineService(self.ctx)

    @property
    def timeline_import(self) -> TimelineImportService:
        from warroom.services.timeline_import import TimelineImportService

        return TimelineImportService(self.ctx)

    @property
    def actions(self) -> ActionService:
        from warroom.services.action_items import ActionService

        return ActionService(self.ctx)

    @property
    def directory(self) -> DirectoryService:
        from warroom.services.directory.service import DirectoryService

        return DirectoryService(self.ctx)

    @property
    def calendars(self) -> CalendarService:
        """Calendar URLs: subscriptions and cached copies in this laptop's data folder, per store."""
        from warroom.services.directory.calendar_urls import CalendarService
        from warroom.settings import data_dir

        return CalendarService(self.ctx, data_dir() / "calendars" / self.ctx.store.device_id)

    @property
    def checklists(self) -> ChecklistService:
        from warroom.services.checklists import ChecklistService

        return ChecklistService(self.ctx)

    @property
    def postmortem(self) -> PostmortemService:
        from warroom.services.postmortem.service import PostmortemService

        return PostmortemService(self.ctx)

    @property
    def demo(self) -> DemoService:
        from warroom.services.demo import DemoService

        return DemoService(self.ctx)

    @property
    def sync(self) -> SyncService:
        if self._sync is None:
            from warroom.services.sync import SyncService

            self._sync = SyncService(self.ctx)
        return self._sync

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._sync is not None:
            self._sync.stop()
        self.ctx.store.close()


def build_services(
    db_url: str | None = None, settings: Settings | None = None, user_name: str | None = None, create: bool = False
) -> Services:
    """`create` makes a missing folder for a store the user named; the default store's is always made."""
    settings = settings or Settings.load()
    store = Store(resolve_db_url(db_url), create_folder=create or is_default_store(db_url))
    ctx = ServiceContext(store=store, user_name=user_name or settings.user_name, zone=settings.zone)
    return Services(ctx=ctx, settings=settings)
