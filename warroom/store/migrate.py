"""Apply the Alembic chain at start-up: locked on PostgreSQL, backed up on SQLite."""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from warroom.domain.errors import StoreError

log = logging.getLogger("warroom.store")

MIGRATIONS = Path(__file__).with_name("migrations")
# Any constant works; it only has to be the same on every laptop.
ADVISORY_LOCK_KEY = 0x5741_5252_4F4F_4D  # "WARROOM"


def alembic_config():
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@lru_cache(maxsize=1)
def _chain() -> tuple[frozenset[str], str]:
    """(every revision, the head), read from the version files' own declarations.

    Reading them as text lets a start-up on an up-to-date store skip importing
    Alembic, which is most of the CLI's start-up time.
    """
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = re.search(r"^revision = ['\"]([^'\"]+)['\"]", source, re.M)
        if found:
            revisions.add(found.group(1))
        parent = re.search(r"^down_revision = ['\"]([^'\"]+)['\"]", source, re.M)
        if parent:
            parents.add(parent.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise StoreError(f"The migration chain is broken: {len(heads)} heads ({', '.join(sorted(heads))}).")
    return frozenset(revisions), heads.pop()


def head_revision() -> str:
    return _chain()[1]


def current_revision(conn: Connection) -> str | None:
    try:
        with conn.begin_nested():
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None  # no version table yet: a new, empty store


def _check_not_newer(current: str | None) -> None:
    if current is not None and current not in _chain()[0]:
        raise StoreError(
            "This database was made by a newer version of Warroom: "
            "update the app before opening it; nothing was changed."
        )


def _refuse_foreign(conn: Connection, engine: Engine) -> None:
    """A database with tables but no Warroom schema is someone else's: never migrate it."""
    from sqlalchemy import inspect

    from warroom.store.db import describe, foreign_tables

    conn.rollback()
    names = inspect(conn).get_table_names()
    conn.rollback()
    foreign_tables(describe(engine.url), sorted(names))


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """Copy the SQLite file (consistently, WAL included) before changing its schema."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.bak-{revision or 'empty'}-{stamp}")
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()
    log.info("backed up %s to %s before migrating", path, target)
    return target


def _run_upgrade(conn: Connection) -> None:
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def upgrade(engine: Engine) -> bool:
    """Bring the store to the newest schema. Returns True if anything was applied."""
    head = head_revision()
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": ADVISORY_LOCK_KEY})
            conn.commit()
        try:
            current = current_revision(conn)
            _check_not_newer(current)
            if current is None:
                _refuse_foreign(conn, engine)
            if current == head:
                return False
            if engine.dialect.name == "sqlite" and current is not None:
                db = engine.url.database
                if db and db != ":memory:":
                    backup_sqlite(Path(db), current)
            conn.rollback()
            _run_upgrade(conn)
            conn.commit()
            log.info("migrated store from %s to %s", current, head)
            return True
        finally:
            if engine.dialect.name == "postgresql":
                conn.rollback()
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_LOCK_KEY})
                conn.commit()
