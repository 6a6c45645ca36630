"""Shared fixtures: real SQLite files, a real PostgreSQL database per run, Qt offscreen."""

from __future__ import annotations

import os
import uuid

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WARROOM_KEYRING", "memory")

import pytest

PG_DEFAULT = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def http_server():
    """A real local HTTP server that records every request and answers as the test scripts it
    (tests/comms_servers.py): webhooks, Slack, Teams, Statuspage, calendar URLs."""
    from tests.comms_servers import CaptureServer

    server = CaptureServer()
    yield server
    server.stop()


def _admin_url() -> str:
    return os.environ.get("WARROOM_TEST_POSTGRES_URL", PG_DEFAULT)


def _postgres_reachable(url: str) -> str | None:
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3, autocommit=True):
            return None
    except Exception as exc:
        return str(exc).strip().splitlines()[0] if str(exc) else type(exc).__name__


def pytest_collection_modifyitems(config, items):
    """Skip PostgreSQL tests when no server answers, unless CI demands them."""
    wanted = [
        i
        for i in items
        if "postgres" in i.keywords or {"pg_url", "postgres_factory"} & set(getattr(i, "fixturenames", ()))
    ]
    if not wanted:
        return
    reason = _postgres_reachable(_admin_url())
    if reason is None:
        return
    message = (
        f"PostgreSQL not reachable at {_admin_url()} ({reason}); start one or set "
        "WARROOM_TEST_POSTGRES_URL to a server where this user may CREATE DATABASE"
    )
    if os.environ.get("WARROOM_REQUIRE_POSTGRES") == "1":
        raise pytest.UsageError("WARROOM_REQUIRE_POSTGRES=1 but " + message)
    for item in wanted:
        item.add_marker(pytest.mark.skip(reason=message))


class PostgresFactory:
    """Creates uniquely named databases on the test server and drops them at the end."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.created: list[str] = []

    def new_database(self, prefix: str = "warroom_test") -> str:
        import psycopg
        from psycopg.conninfo import conninfo_to_dict

        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.created.append(name)
        info = conninfo_to_dict(self.admin_url)
        user = info.get("user", "postgres")
        host = info.get("host", "127.0.0.1")
        port = info.get("port", "5432")
        pw = f":{info['password']}" if info.get("password") else ""
        return f"postgresql://{user}{pw}@{host}:{port}/{name}"

    def drop_all(self) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            for name in self.created:
                conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        self.created.clear()


@pytest.fixture(scope="session", autouse=True)
def _one_qapplication_for_the_session(qapp):
    """pytest-qt's QApplication, made first: export code run by a non-widget test (a PDF) would
    otherwise make a bare QGuiApplication, and every later widget test in the session would abort."""
    return qapp


@pytest.fixture(scope="session")
def postgres_factory():
    factory = PostgresFactory(_admin_url())
    yield factory
    factory.drop_all()


@pytest.fixture
def pg_url(postgres_factory, request) -> str:
    """A fresh, empty PostgreSQL database for one test; marks the test as a postgres test."""
    return postgres_factory.new_database()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """Run a test once on a SQLite file and once on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'warroom.sqlite'}"
    return request.getfixturevalue("postgres_factory").new_database()


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'warroom.sqlite'}"


@pytest.fixture
def store(sqlite_url):
    from warroom.store.store import Store

    s = Store(sqlite_url)
    yield s
    s.close()


@pytest.fixture
def ctx(store):
    from warroom.services.context import ServiceContext

    return ServiceContext(store=store, user_name="Åsa Bergström", zone="Europe/Stockholm")
