"""Opening a store: URL checks, SQLite pragmas, and errors a person can read."""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from warroom.domain.errors import StoreError

log = logging.getLogger("warroom.store")

SQLITE_MAGIC = b"SQLite format 3\x00"


def parse_url(text: str) -> URL:
    """Accept a SQLAlchemy URL or a bare path to a SQLite file."""
    raw = (text or "").strip()
    if not raw:
        raise StoreError("The database URL is empty: give a path to a .sqlite file or a postgresql:// URL.")
    if "://" not in raw:
        return make_url("sqlite:///" + str(Path(raw).expanduser().resolve()))
    try:
        url = make_url(raw)
    except (ArgumentError, ValueError):
        raise StoreError(
            f"'{redact(raw)}' is not a database URL: use sqlite:///PATH or postgresql://USER@HOST/DB."
        ) from None
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise StoreError(f"Warroom stores data in SQLite or PostgreSQL, not '{url.get_backend_name()}'.")
    if url.get_backend_name() == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
        if not url.database:
            raise StoreError("The PostgreSQL URL names no database: add /DBNAME at the end.")
    return url


def redact(text: str) -> str:
    """A URL as it may be shown or logged: never with its password."""
    try:
        return make_url(text).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return text.split("@")[-1] if "@" in text else text


def describe(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True).replace("postgresql+psycopg", "postgresql")


def check_sqlite_file(url: URL) -> None:
    """Refuse a file that exists but is not SQLite, and a folder we cannot write."""
    path = url.database
    if not path or path == ":memory:":
        return
    file = Path(path)
    folder = file.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"Cannot create the data folder {folder}: {exc.strerror}.") from None
    if not os.access(folder, os.W_OK):
        raise StoreError(f"The data folder {folder} is not writable: choose another with --db.")
    if file.exists() and file.stat().st_size > 0:
        with open(file, "rb") as fh:
            head = fh.read(16)
        if head != SQLITE_MAGIC:
            raise StoreError(f"{file} is not a Warroom database (not a SQLite file); nothing was changed.")


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def _set_sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record) -> None:
    # SQLite's own lower() folds ASCII only, so 'ÅSA' would never find 'Åsa'.
    dbapi_conn.create_function("lower", 1, _unicode_lower, deterministic=True)
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def create_store_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        check_sqlite_file(url)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
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
        if "not a database" in text or "malformed" in text:
            return StoreError(f"{where} is not a Warroom database (not a SQLite file); nothing was changed.")
        return StoreError(f"Cannot open {where}: {text}.")
    return StoreError(f"Cannot open {where}: {text or type(exc).__name__}.")
