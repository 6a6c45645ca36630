"""`warroom incident list`: the incidents, read without the ORM (see warroom.store.incident_list)."""

from __future__ import annotations

from warroom.domain.incident import Incident
from warroom.settings import is_default_store, resolve_db_url
from warroom.store.incident_list import list_incidents as read_incidents


def list_incidents(db_url: str | None, *, create: bool = False) -> list[Incident]:
    """What IncidentService.list returns, from the store `--db`/$WARROOM_DB/the default names."""
    return read_incidents(resolve_db_url(db_url), create_folder=create or is_default_store(db_url))
