"""Transient failures (the store busy) are raised to be retried; lasting ones quarantine only the change at fault."""

from __future__ import annotations

import sqlite3

import pytest

from tests.integration.sync_support import replica
from warroom.sync.apply import _in_savepoint
from warroom.sync.local import LocalLink


def test_a_busy_store_is_raised_for_a_retry_and_nothing_is_refused(tmp_path):
    store = replica(tmp_path, "a")
    refused: list = []
    try:
        with pytest.raises(sqlite3.OperationalError), LocalLink(store).transaction() as tx:

            def busy() -> None:
                raise sqlite3.OperationalError("database is locked")

            _in_savepoint(tx, busy, refused, object())
        assert refused == []
    finally:
        store.close()


def test_a_lasting_failure_rolls_back_only_its_own_savepoint(tmp_path):
    store = replica(tmp_path, "a")
    refused: list = []
    try:
        with LocalLink(store).transaction() as tx:
            tx.run("INSERT INTO local_meta (key, value) VALUES ('kept', 'yes')")

            def broken() -> None:
                tx.run("INSERT INTO local_meta (key, value) VALUES ('half', 'done')")
                tx.run("INSERT INTO local_meta (key, value) VALUES ('kept', 'again')")  # primary key clash

            assert _in_savepoint(tx, broken, refused, "the change") is False
        assert store.meta("kept") == "yes" and store.meta("half") is None
        [(change, reason)] = refused
        assert change == "the change" and reason.startswith("This store could not keep it (IntegrityError")
    finally:
        store.close()
