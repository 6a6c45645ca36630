"""Apply the Alembic chain at start-up: locked on PostgreSQL, backed up on SQLite."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from warroom.domain.errors import StoreError

log = logging.getLogger("warroom.store")

MIGRATIONS = Path(__file__).with_name("migrations")
# Any constant works; it only has to be the same on every laptop.
ADVISORY_LOCK_KEY = 0x5741_5252_4F4F_4D  # "WARROOM"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _check_not_newer(current: str | None) -> None:
    if current is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    try:
        script.get_revision(current)
    except Exception:
        raise StoreError(
            "This database was made by a newer version of Warroom: update the app before opening it; nothing was changed."
        ) from None


def backup_sqlite(path: Path, revision: str | None) -> Path:
    """Copy the SQLite file (consistently, WAL included) before changing its schema."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
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
