"""Opening a store: URL checks, SQLite pragmas, and errors a person can read."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from warroom.domain.errors import StoreError
from warroom.domain.failures import BUSY
from warroom.store.busy import busy_timeout_s, watched_connection_class

log = logging.getLogger("warroom.store")
notice = logging.getLogger("warroom.notice.store")

SQLITE_MAGIC = b"SQLite format 3\x00"
KEYWORD_DSN = re.compile(r"^\s*[A-Za-z_]+\s*=")  # libpq's "host=... dbname=..." form
_PASSWORD_KEYWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S*)", re.IGNORECASE)
_PASSWORD_QUERY = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)


def parse_url(text: str) -> URL:
    """Accept a SQLAlchemy URL, a libpq keyword DSN (PostgreSQL), or a bare path to a SQLite file.

    A password given in the query (`?password=`) or as a keyword is refused
    with the keyring hint: such a URL ends up in settings, logs and messages.
    """
    raw = (text or "").strip()
    if not raw:
        raise StoreError("The database URL is empty: give a path to a .sqlite file or a postgresql:// URL.")
    if "://" not in raw:
        if KEYWORD_DSN.match(raw):
            return _keyword_url(raw)
        return make_url("sqlite:///" + str(Path(raw).expanduser().resolve()))
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):
        raise StoreError(
            f"'{redact(raw)}' is not a database URL: use sqlite:///PATH or postgresql://USER@HOST/DB."
        ) from None
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"Warroom stores data in SQLite or PostgreSQL, not '{url.get_backend_name()}'.")
    if any(key.lower() == "password" for key in url.query):
        _refuse_password(url.difference_update_query([k for k in url.query if k.lower() == "password"]))
    if url.get_backend_name() == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
        if not url.database:
            raise StoreError("The PostgreSQL URL names no database: add /DBNAME at the end.")
    return url


def as_url_text(text: str) -> str:
    """A keyword DSN written as a postgresql:// URL (so the keyring can key it); anything else as given."""
    raw = (text or "").strip()
    if "://" in raw or not KEYWORD_DSN.match(raw):
        return text
    url = _keyword_url(raw)
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _keyword_url(raw: str) -> URL:
    """'host=db.example dbname=warroom user=ic' as a postgresql URL; never a file name."""
    try:
        from psycopg.conninfo import conninfo_to_dict  # psycopg only for a keyword DSN

        given = conninfo_to_dict(raw)
    except Exception:  # psycopg.ProgrammingError, whatever the driver version calls it
        raise StoreError(
            f"'{redact(raw)}' is not a PostgreSQL connection string: use host=HOST dbname=DB user=USER."
        ) from None
    fields = {k: str(v) for k, v in given.items() if v is not None}
    port = fields.pop("port", None)
    url = URL.create(
        "postgresql+psycopg",
        username=fields.pop("user", None),
        host=fields.pop("host", None),
        port=int(port) if port and port.isdigit() else None,
        database=fields.pop("dbname", None),
    )
    password = fields.pop("password", None)
    url = url.update_query_dict(fields)
    if password is not None:
        _refuse_password(url)
    if not url.database:
        raise StoreError("The PostgreSQL connection string names no database: add dbname=DB.")
    return url


def _refuse_password(without: URL) -> None:
    shown = without.set(drivername=without.get_backend_name()).render_as_string(hide_password=True)
    raise StoreError(
        f"The database address carries its password; keep the password in the keyring: warroom hub password {shown}"
    )


def redact(text: str) -> str:
    """A URL (or keyword DSN) as it may be shown or logged: never with its password."""
    masked = _PASSWORD_QUERY.sub(r"\1***", _PASSWORD_KEYWORD.sub(r"\1***", text))
    try:
        return make_url(masked).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return masked.split("@")[-1] if "@" in masked else masked


def describe(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True).replace("postgresql+psycopg", "postgresql")


def check_sqlite_file(url: URL, *, create_folder: bool = False) -> None:
    """Refuse what is not ours to open: a folder, a missing folder, another program's file.

    `create_folder` is for the default store in the data folder and for --create; a
    path the user named is otherwise only made into a new store where its folder
    already exists. A zero-byte file becomes a store with a notice on the
    `warroom.notice` logger, which the CLI prints and the window shows.
    """
    path = url.database
    if not path or path == ":memory:":
        return
    file = Path(path)
    if file.is_dir():
        raise StoreError(f"{file} is a folder, not a store file: name a file in it, e.g. {file / 'warroom.sqlite'}.")
    _check_folder(file.parent, create_folder)
    if not file.exists():
        log.info("making a new store at %s", file)
        return
    if file.stat().st_size == 0:
        # a zero-byte file may be a store that lost its content: never adopt it silently
        notice.warning(f"{file} was empty; made a new store in it")
        return
    if not os.access(file, os.W_OK):
        raise StoreError(f"The store {file} is read-only: Warroom must write it; check its permissions.")
    with open(file, "rb") as fh:
        head = fh.read(16)
    if head != SQLITE_MAGIC:
        raise StoreError(f"{file} is not a Warroom database (not a SQLite file); nothing was changed.")
    refuse_foreign_sqlite(file)


def _check_folder(folder: Path, create: bool) -> None:
    if not folder.exists():
        if not create:
            raise StoreError(f"The folder {folder} does not exist: create it first, or add --create to make it.")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            log.info("made the folder %s for the store", folder)
        except OSError as exc:
            raise StoreError(f"Cannot create the data folder {folder}: {exc.strerror}.") from None
    if not folder.is_dir():
        raise StoreError(f"{folder} is a file, not a folder: the store must be inside a folder.")
    if not os.access(folder, os.W_OK):
        raise StoreError(f"The data folder {folder} is not writable: choose another with --db.")


def refuse_foreign_sqlite(file: Path) -> None:
    """A SQLite file with tables but no Warroom schema belongs to someone else: leave it alone."""
    conn = sqlite3.connect(file, timeout=busy_timeout_s())  # reads only: the file stays as it is
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    except sqlite3.DatabaseError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(BUSY + ".") from None
        raise StoreError(f"{file} is not a Warroom database ({exc}); nothing was changed.") from None
    finally:
        conn.close()
    foreign_tables(str(file), names)


def foreign_tables(where: str, names: list[str]) -> None:
    """Raise if `names` (the tables found) are another program's, not Warroom's."""
    names = [n for n in names if not n.startswith("sqlite_")]
    if names and "alembic_version" not in names:
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        raise StoreError(
            f"{where} is not a Warroom store: it holds another program's tables ({shown}); nothing was changed."
        )


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def _set_sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record) -> None:
    # SQLite's own lower() folds ASCII only, so 'ÅSA' would never find 'Åsa'.
    dbapi_conn.create_function("lower", 1, _unicode_lower, deterministic=True)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_s() * 1000)}")
    cur.close()


def create_store_engine(url: URL, *, create_folder: bool = False) -> Engine:
    if url.get_backend_name() == "sqlite":
        check_sqlite_file(url, create_folder=create_folder)
        connect_args = {
            "check_same_thread": False,
            "timeout": busy_timeout_s(),
            "factory": watched_connection_class(describe(url)),
        }
        engine = create_engine(url, connect_args=connect_args)
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    from warroom.store.types import teach_postgres_reflection

    teach_postgres_reflection()
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=4,
        max_overflow=4,
        connect_args={"connect_timeout": 5, "application_name": "warroom"},
    )


def explain_connect_error(url: URL, exc: Exception) -> StoreError:
    """Turn a driver error into one sentence that names the store, not the password."""
    where = describe(url)
    text = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else ""
    if isinstance(exc, (OperationalError, DBAPIError)):
        if url.get_backend_name() == "postgresql":
            if "does not exist" in text:
                return StoreError(
                    f"PostgreSQL at {where}: the database does not exist (create it, or run 'warroom hub init')."
                )
            if "password" in text or "authentication" in text:
                return StoreError(
                    f"PostgreSQL at {where} refused the login: check the user and the password in the keyring."
                )
            return StoreError(f"Cannot reach PostgreSQL at {where}: is the server running and reachable?")
        if "database is locked" in text:
            return StoreError(BUSY + ".")
        if "readonly database" in text:
            return StoreError(f"The store {where} is read-only: Warroom must write it; check its permissions.")
        if "not a database" in text or "malformed" in text:
            return StoreError(f"{where} is not a Warroom database (not a SQLite file); nothing was changed.")
        return StoreError(f"Cannot open {where}: {text}.")
    return StoreError(f"Cannot open {where}: {text or type(exc).__name__}.")
