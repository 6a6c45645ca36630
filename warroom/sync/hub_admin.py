"""Create or migrate a hub, say what the everyday roles may do there, add a person, retire a change.

Run `init_hub(url)` once with a role that owns the schema (an admin). The
laptops then connect with login roles of their own, one per person (or
laptop), all members of a NOLOGIN app role that holds exactly:

    CREATE ROLE <app> NOLOGIN;
    GRANT CONNECT ON DATABASE <db> TO <app>;
    REVOKE TEMPORARY ON DATABASE <db> FROM PUBLIC;     -- no temp tables
    REVOKE CONNECT, TEMPORARY ON DATABASE <other> FROM PUBLIC;  -- each other database
    GRANT USAGE ON SCHEMA public TO <app>;
    GRANT SELECT ON alembic_version TO <app>;          -- the app checks the schema version
    GRANT SELECT, INSERT ON local_meta TO <app>;       -- reads the hub's id
    GRANT SELECT, INSERT ON hub_changes TO <app>;      -- push appends, pull reads; never UPDATE/DELETE
    GRANT USAGE ON SEQUENCE <hub_changes seq> TO <app>;
    GRANT SELECT ON hub_refused TO <app>;              -- changes an admin retired
    GRANT SELECT, INSERT ON hub_devices TO <app>;      -- a device is registered on its first push
    GRANT SELECT, INSERT ON hub_incident_numbers TO <app>;  -- the hub gives out incident numbers
    GRANT USAGE ON SEQUENCE <hub_incident_numbers seq> TO <app>;
    GRANT SELECT ON hub_snapshot, hub_compactions, hub_policy TO <app>;  -- what compaction kept, where the log starts
    GRANT EXECUTE ON FUNCTION warroom_compact_due(text) TO <app>;  -- applies the admin's policy when due
    REVOKE CREATE ON SCHEMA public FROM PUBLIC;        -- the default since PostgreSQL 15

and each person: `CREATE ROLE <name> LOGIN PASSWORD '...' IN ROLE <app>`
(`warroom hub add-user URL NAME` does it). The hub's guard trigger
(hub_guard.py) binds every device to the login role that first pushed for
it and refuses stamps far ahead of the server's clock. LISTEN/NOTIFY,
pg_current_xact_id() and pg_current_snapshot() need no grant. No app role
may own a table (an owner may ALTER or DROP it). Use TLS with
`?sslmode=verify-full` (or at least `require`) in the hub URL; the password
lives in the OS keyring (warroom.integrations.secrets), never in the URL
that is saved or shown.

A SQLite file on a shared drive also works as a hub for a small team. It is
opened with the rollback journal (journal_mode=DELETE), not WAL: WAL keeps
its index in shared memory, which only works for processes on one machine,
so on a network file system it corrupts or refuses to open. The rollback
journal relies on the file system's byte-range locks instead; SMB shares
usually honour them, NFS often does not. For more than a handful of
laptops, use PostgreSQL. A SQLite hub has no logins: anyone who can write
the file is trusted (each laptop still validates and bounds what it pulls).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from psycopg import sql
from sqlalchemy import insert, text
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from warroom.domain.errors import ValidationError
from warroom.store import migrate
from warroom.store.db import describe, explain_connect_error, parse_url
from warroom.store.models import HubRefusedRow
from warroom.sync import compaction_definer, hub_guard
from warroom.sync.hub import SQLITE_HUB_WARNING, HubError, ensure_hub_identity
from warroom.sync.hub_connect import hub_engine

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


def _check_role(name: str, what: str) -> str:
    if not ROLE_NAME.match(name or ""):
        raise ValidationError(f"{what} {name!r} is not a plain PostgreSQL role name (letters, digits, _).")
    return name


def init_hub(url: str, app_role: str = "warroom_app") -> HubInit:
    """Create or migrate the hub's schema and give its identity; returns the GRANTs to run."""
    _check_role(app_role, "App role")
    parsed = parse_url(url)
    engine = hub_engine(parsed, autocommit=False)
    try:
        migrated = migrate.upgrade(engine)
        ensure_hub_identity(engine)
        if parsed.get_backend_name() != "postgresql":
            return HubInit(describe(parsed), migrated, "", SQLITE_HUB_WARNING)
        with engine.begin() as conn:
            hub_guard.install(conn)
            compaction_definer.install(conn)
        return HubInit(describe(parsed), migrated, grants_sql(engine, parsed.database or "", app_role), None)
    except SQLAlchemyError as exc:
        raise HubError(str(explain_connect_error(parsed, exc))) from None
    finally:
        engine.dispose()


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def grants_sql(engine: Engine, database: str, app_role: str, other_databases: list[str] | None = None) -> str:
    """The admin's SQL for least privilege; `other_databases` defaults to every other one on the server."""
    with engine.connect() as conn:
        sequence = conn.execute(text("SELECT pg_get_serial_sequence('hub_changes', 'seq')")).scalar_one()
        numbers = conn.execute(text("SELECT pg_get_serial_sequence('hub_incident_numbers', 'number')")).scalar_one()
        if other_databases is None:
            other_databases = list(
                conn.execute(
                    text(
                        "SELECT datname FROM pg_database WHERE datallowconn AND NOT datistemplate "
                        "AND datname <> current_database() ORDER BY datname"
                    )
                ).scalars()
            )
    db = _quoted(database)
    others = [f"REVOKE CONNECT, TEMPORARY ON DATABASE {_quoted(d)} FROM PUBLIC;" for d in other_databases]
    if others:
        others.insert(0, "-- other databases on this server (grant CONNECT back to their own users):")
    return "\n".join(
        [
            "-- if it does not exist yet; people log in as its members:",
            f"CREATE ROLE {app_role} NOLOGIN;",
            f"GRANT CONNECT ON DATABASE {db} TO {app_role};",
            f"REVOKE TEMPORARY ON DATABASE {db} FROM PUBLIC;",
            *others,
            f"GRANT USAGE ON SCHEMA public TO {app_role};",
            f"GRANT SELECT ON alembic_version TO {app_role};",
            f"GRANT SELECT, INSERT ON local_meta TO {app_role};",
            f"GRANT SELECT, INSERT ON hub_changes TO {app_role};",
            f"GRANT USAGE ON SEQUENCE {sequence} TO {app_role};",
            f"GRANT SELECT ON hub_refused TO {app_role};",
            f"GRANT SELECT, INSERT ON hub_devices TO {app_role};",
            f"GRANT SELECT, INSERT ON hub_incident_numbers TO {app_role};",
            f"GRANT USAGE ON SEQUENCE {numbers} TO {app_role};",
            f"GRANT SELECT ON hub_snapshot, hub_compactions, hub_policy TO {app_role};",
            f"GRANT EXECUTE ON FUNCTION {compaction_definer.FUNCTION} TO {app_role};",
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC;",
            "-- one login per person (or laptop): warroom hub add-user URL NAME, i.e.",
            f"-- CREATE ROLE <name> LOGIN PASSWORD '...' IN ROLE {app_role};",
        ]
    )


def add_user(url: str, name: str, password: str, app_role: str = "warroom_app") -> str:
    """Create a login role for one person in the app role (run as the admin); returns what was done."""
    _check_role(name, "User name")
    _check_role(app_role, "App role")
    if not password:
        raise ValidationError("The new user needs a password: they keep it in their own keyring.")
    parsed = _postgres_only(url, "Users")
    engine = hub_engine(parsed, autocommit=False)
    try:
        with engine.begin() as conn:
            if conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first():
                raise ValidationError(f"A role named {name} already exists on {describe(parsed)}.")
            if not conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": app_role}).first():
                raise ValidationError(
                    f"The app role {app_role} does not exist yet: run the GRANTs 'warroom hub init' printed."
                )
            statement = sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                sql.Identifier(name), sql.Literal(password), sql.Identifier(app_role)
            )
            dbapi = conn.connection.dbapi_connection
            assert dbapi is not None, "an open connection"
            raw = dbapi.cursor()
            raw.execute(statement)
            raw.close()
    except SQLAlchemyError as exc:
        raise HubError(str(explain_connect_error(parsed, exc))) from None
    finally:
        engine.dispose()
    return (
        f"Created login role {name} in {app_role} on {describe(parsed)}. On their laptop: "
        f"warroom hub password postgresql://{name}@{parsed.host}/{parsed.database}"
    )


def retire_change(url: str, change_id: str, reason: str, by: str) -> str:
    """Mark a change on the hub as refused for every laptop (recorded, never deleted). Run as the admin."""
    change_id = (change_id or "").strip()
    if not change_id:
        raise ValidationError("Give the id of the change to retire (warroom sync problems lists them).")
    parsed = parse_url(url)
    engine = hub_engine(parsed, autocommit=False)
    try:
        with engine.begin() as conn:
            found = conn.execute(text("SELECT 1 FROM hub_changes WHERE change_id = :c"), {"c": change_id}).first()
            if not found:
                raise ValidationError(f"The hub at {describe(parsed)} has no change {change_id}.")
            conn.execute(
                insert(HubRefusedRow).values(
                    change_id=change_id,
                    reason=reason or "retired by an admin",
                    refused_by=by,
                    refused_at=datetime.now(UTC),
                )
            )
    except IntegrityError:
        return f"Change {change_id} was already retired on {describe(parsed)}."
    except SQLAlchemyError as exc:
        raise HubError(str(explain_connect_error(parsed, exc))) from None
    finally:
        engine.dispose()
    return f"Retired change {change_id} on {describe(parsed)}: laptops that have not pulled it will skip it."


def _postgres_only(url: str, what: str) -> URL:
    parsed = parse_url(url)
    if parsed.get_backend_name() != "postgresql":
        raise ValidationError(
            f"{what} exist only on a PostgreSQL hub: on a SQLite hub, anyone who can write the file is trusted."
        )
    return parsed
