"""Opening a store never adopts what is not Warroom's, and says what it found."""

from __future__ import annotations

import hashlib
import logging
import sqlite3

import pytest

from tests.read_only import read_only
from warroom.domain.errors import StoreError
from warroom.store.store import Store


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_another_programs_sqlite_file_is_refused_byte_identical(tmp_path):
    foreign = tmp_path / "photos.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT)")
        conn.execute("INSERT INTO albums (title) VALUES ('Sommar')")
    before = _sha(foreign)
    with pytest.raises(StoreError, match=r"not a Warroom store: it holds another program's tables \(albums\)"):
        Store(f"sqlite:///{foreign}")
    assert _sha(foreign) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["photos.db"]


def test_a_folder_named_as_the_store_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a folder, not a store file"):
        Store(f"sqlite:///{tmp_path}")


def test_a_missing_folder_is_refused_unless_asked_to_create(tmp_path):
    target = tmp_path / "new" / "w.sqlite"
    with pytest.raises(StoreError, match="does not exist: create it first, or add --create"):
        Store(f"sqlite:///{target}")
    assert not target.parent.exists()
    Store(f"sqlite:///{target}", create_folder=True).close()
    assert target.exists()


def test_a_new_file_becomes_a_store_and_an_empty_one_says_so(tmp_path, caplog):
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with caplog.at_level(logging.WARNING, logger="warroom.notice"):
        Store(f"sqlite:///{empty}").close()
        Store(f"sqlite:///{tmp_path / 'fresh.sqlite'}").close()
    notices = [r.getMessage() for r in caplog.records if r.name.startswith("warroom.notice")]
    assert notices == [f"{empty} was empty; made a new store in it"]
    assert (tmp_path / "fresh.sqlite").stat().st_size > 0
    assert empty.stat().st_size > 0


def test_a_read_only_store_is_one_sentence(tmp_path):
    path = tmp_path / "w.sqlite"
    Store(f"sqlite:///{path}").close()
    with read_only(path), pytest.raises(StoreError, match="is read-only"):
        Store(f"sqlite:///{path}")


@pytest.mark.postgres
def test_a_postgres_database_with_other_tables_is_refused(pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id serial PRIMARY KEY)")
    with pytest.raises(StoreError, match=r"not a Warroom store: it holds another program's tables \(invoices\)"):
        Store(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    assert tables == ["invoices"]
