"""Helpers for the sync tests: replicas, their comparable state, and bounded waits."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from warroom.services.context import ServiceContext
from warroom.services.incidents import IncidentService
from warroom.services.timeline import TimelineService
from warroom.store import migrate
from warroom.store.db import create_store_engine, parse_url
from warroom.store.models import MergeHistoryRow, TimelineHeadRow, metadata
from warroom.store.replication import REPLICATED
from warroom.store.store import Store

COMPARED = sorted(REPLICATED) + ["timeline_heads"]


_TEMPLATE: Path | None = None


def migrated_template() -> Path:
    """An empty, migrated SQLite file with no device id yet: copying it beats migrating each replica."""
    global _TEMPLATE
    if _TEMPLATE is None or not _TEMPLATE.exists():
        folder = Path(tempfile.mkdtemp(prefix="warroom-sync-template-"))
        path = folder / "template.sqlite"
        engine = create_store_engine(parse_url(str(path)))
        migrate.upgrade(engine)
        engine.dispose()
        _TEMPLATE = path
    return _TEMPLATE


def replica(folder: Path, name: str) -> Store:
    """A new replica (its own device id) as a SQLite file in `folder`."""
    path = folder / (name + ".sqlite")
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(migrated_template(), path)
    return Store(f"sqlite:///{path}")


def services(store: Store, user: str) -> tuple[IncidentService, TimelineService]:
    ctx = ServiceContext(store, user, "Europe/Stockholm")
    return IncidentService(ctx), TimelineService(ctx)


def snapshot(store: Store, tables=COMPARED) -> dict[str, list[tuple]]:
    """Every replicated table and the derived timeline heads, in a comparable form."""
    out = {}
    with store.session() as s:
        for name in tables:
            table = metadata.tables[name]
            key = table.c.id if "id" in table.c else table.c.entry_id
            out[name] = [tuple(r) for r in s.execute(select(table).order_by(key))]
    return out


def history(store: Store) -> set[tuple]:
    with store.session() as s:
        return {(r.table_name, r.row_id, r.field, r.stamp, repr(r.value)) for r in s.scalars(select(MergeHistoryRow))}


def entry_texts(store: Store) -> list[str]:
    with store.session() as s:
        return sorted(s.scalars(select(TimelineHeadRow.text)))


def wait_until(check: Callable[[], bool], timeout: float, what: str, interval: float = 0.02) -> float:
    """Poll `check` until true; returns the seconds it took, fails the test at the deadline."""
    start = time.monotonic()
    while True:
        if check():
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise AssertionError(f"after {timeout:.1f} s: {what}")
        time.sleep(interval)


def apply_grants(admin, grants: str, own_database: str) -> None:
    """Run what `hub init` printed, as the admin: every statement but CREATE ROLE and comments, and
    none that touches another database (on a shared test server those belong to other people)."""
    for line in grants.splitlines():
        statement = line.strip()
        if not statement or statement.startswith(("--", "CREATE ROLE")):
            continue
        if " ON DATABASE " in statement and f'"{own_database}"' not in statement:
            continue
        admin.execute(statement)
