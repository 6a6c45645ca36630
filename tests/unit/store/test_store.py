"""The store opens, migrates and round-trips on SQLite and PostgreSQL alike."""

from datetime import datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from warroom.domain.errors import StoreError
from warroom.store.models import metadata
from warroom.store.store import Store


def test_migrations_produce_exactly_the_models_schema(db_url):
    store = Store(db_url)
    try:
        with store.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(ctx, metadata)
        assert diff == []
    finally:
        store.close()


def test_utc_instants_round_trip_with_offsets(db_url):
    from warroom.services.context import ServiceContext
    from warroom.services.incidents import IncidentService

    store = Store(db_url)
    try:
        svc = IncidentService(ServiceContext(store, "Paweł Wiśniewski"))
        started = datetime(2013, 12, 18, 20, 30, tzinfo=timezone(timedelta(hours=1)))
        inc = svc.open("Ọlá Adéwálé 東京 🚒 אבג", "SEV1", started_at=started)
        again = svc.get(inc.reference)
        assert again.started_at == started
        assert again.started_at.utcoffset() == timedelta(0)
        assert again.title == "Ọlá Adéwálé 東京 🚒 אבג"
        assert again.commander == "Paweł Wiśniewski"
    finally:
        store.close()


def test_reopening_does_not_migrate_again(sqlite_url, tmp_path):
    Store(sqlite_url).close()
    Store(sqlite_url).close()
    assert not list(tmp_path.glob("*.bak-*"))


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError, match="not a Warroom database"):
        Store(f"sqlite:///{bogus}")
    assert bogus.read_text() == "these are my notes, not a database\n"


def test_a_newer_schema_is_refused(sqlite_url):
    Store(sqlite_url).close()
    s = Store(sqlite_url)
    with s.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    s.close()
    with pytest.raises(StoreError, match="newer version of Warroom"):
        Store(sqlite_url)


def test_a_data_folder_that_cannot_be_made_is_explained(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="Cannot create the data folder"):
        Store(f"sqlite:///{blocker / 'sub' / 'w.sqlite'}", create_folder=True)


def test_unreachable_postgres_is_one_sentence():
    with pytest.raises(StoreError, match="Cannot reach PostgreSQL") as info:
        Store("postgresql://warroom:s3cret@127.0.0.1:1/nowhere")
    assert "s3cret" not in str(info.value)


def test_malformed_url_is_one_sentence():
    with pytest.raises(StoreError, match="not a database URL"):
        Store("postgresql://user:pw@host:notaport/db")
