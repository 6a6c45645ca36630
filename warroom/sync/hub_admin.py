"""Create or migrate a hub, and say what the everyday app role may do there.

Run `init_hub(url)` once with a role that owns the schema (an admin). The
laptops then connect as a separate role with no DDL rights at all; on
PostgreSQL it needs exactly:

    GRANT CONNECT ON DATABASE <db> TO <app>;
    GRANT USAGE ON SCHEMA public TO <app>;
    GRANT SELECT ON alembic_version TO <app>;          -- the app checks the schema version
    GRANT SELECT, INSERT ON local_meta TO <app>;       -- reads the hub's id
    GRANT SELECT, INSERT ON hub_changes TO <app>;      -- push appends, pull reads; never UPDATE/DELETE
    GRANT USAGE ON SEQUENCE <hub_changes seq> TO <app>;
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;        -- the default since PostgreSQL 15

LISTEN/NOTIFY, pg_current_xact_id() and pg_current_snapshot() need no grant.
The app role must not own any table (an owner may ALTER or DROP it). Use TLS
with `?sslmode=verify-full` (or at least `require`) in the hub URL; the
password lives in the OS keyring (warroom.integrations.secrets), never in
the URL that is saved or shown.

A SQLite file on a shared drive also works as a hub for a small team. It is
opened with the rollback journal (journal_mode=DELETE), not WAL: WAL keeps
its index in shared memory, which only works for processes on one machine,
so on a network file system it corrupts or refuses to open. The rollback
journal relies on the file system's byte-range locks instead; SMB shares
usually honour them, NFS often does not. For more than a handful of
laptops, use PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from warroom.domain.errors import ValidationError
from warroom.store import migrate
from warroom.store.db import describe, explain_connect_error, parse_url
from warroom.sync.hub import SQLITE_HUB_WARNING, HubError, ensure_hub_identity, hub_engine

ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,62}$")


@dataclass(frozen=True)
class HubInit:
    """What `init_hub` did, and what the admin should do next."""

    location: str
    migrated: bool
    grants: str  # SQL to run as the admin (PostgreSQL); "" for a SQLite hub
    warning: str | None

    def __str__(self) -> str:
        done = "created or migrated" if self.migrated else "already up to date"
        parts = [f"Hub at {self.location}: schema {done}."]
        if self.grants:
            parts.append("Give the app's everyday role least privilege (no DDL rights):\n" + self.grants)
        if self.warning:
            parts.append("Warning: " + self.warning)
        return "\n\n".join(parts)


def init_hub(url: str, app_role: str = "warroom_app") -> HubInit:
    """Create or migrate the hub's schema and give its identity; returns the GRANTs to run."""
    if not ROLE_NAME.match(app_role or ""):
        raise ValidationError(f"App role {app_role!r} is not a plain PostgreSQL role name (letters, digits, _).")
    parsed = parse_url(url)
    engine = hub_engine(parsed, autocommit=False)
    try:
        migrated = migrate.upgrade(engine)
        ensure_hub_identity(engine)
        if parsed.get_backend_name() != "postgresql":
            return HubInit(describe(parsed), migrated, "", SQLITE_HUB_WARNING)
        return HubInit(describe(parsed), migrated, grants_sql(engine, parsed.database, app_role), None)
    except SQLAlchemyError as exc:
        raise HubError(str(explain_connect_error(parsed, exc))) from None
    finally:
        engine.dispose()


def grants_sql(engine, database: str, app_role: str) -> str:
    with engine.connect() as conn:
        sequence = conn.execute(text("SELECT pg_get_serial_sequence('hub_changes', 'seq')")).scalar_one()
    db = '"' + database.replace('"', '""') + '"'
    return "\n".join(
        [
            f"CREATE ROLE {app_role} LOGIN PASSWORD '...';  -- if it does not exist yet",
            f"GRANT CONNECT ON DATABASE {db} TO {app_role};",
            f"GRANT USAGE ON SCHEMA public TO {app_role};",
            f"GRANT SELECT ON alembic_version TO {app_role};",
            f"GRANT SELECT, INSERT ON local_meta TO {app_role};",
            f"GRANT SELECT, INSERT ON hub_changes TO {app_role};",
            f"GRANT USAGE ON SEQUENCE {sequence} TO {app_role};",
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC;",
        ]
    )
