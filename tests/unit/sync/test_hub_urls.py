"""Hub addresses: keyword DSNs are PostgreSQL, passwords in the address are refused, never shown."""

from __future__ import annotations

import logging

import pytest

from warroom.domain.errors import StoreError
from warroom.store.db import as_url_text, describe, parse_url, redact
from warroom.sync.hub import Hub, HubError


def test_a_keyword_dsn_is_a_postgresql_url(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    url = parse_url("host=db.example port=6543 dbname=warroom user=åsa sslmode=verify-full")
    assert url.get_backend_name() == "postgresql"
    assert (url.host, url.port, url.database, url.username) == ("db.example", 6543, "warroom", "åsa")
    assert url.query == {"sslmode": "verify-full"}
    assert list(tmp_path.iterdir()) == []  # never taken for a file name
    assert as_url_text("host=h dbname=d user=u") == "postgresql://u@h/d"
    assert as_url_text("/tmp/hub.sqlite") == "/tmp/hub.sqlite"


@pytest.mark.parametrize(
    "address",
    [
        "postgresql://app@h:5432/hub?password=hunter2",
        "postgresql://app@h:5432/hub?sslmode=require&PASSWORD=hunter2",
        "host=h port=5432 dbname=hub user=app password=hunter2",
        "host=h port=5432 dbname=hub user=app password='hunter2'",
    ],
)
def test_a_password_in_the_address_is_refused_with_the_keyring_hint(address):
    with pytest.raises(StoreError) as caught:
        parse_url(address)
    message = str(caught.value)
    assert "keep the password in the keyring: warroom hub password postgresql://app@h:5432/hub" in message
    assert "hunter2" not in message


def test_redact_masks_every_spelling_of_a_password():
    for text in (
        "postgresql://app:hunter2@h/hub",
        "postgresql://app@h/hub?password=hunter2&sslmode=require",
        "host=h password=hunter2 dbname=hub",
        "host=h password='hunter 2' dbname=hub",
    ):
        assert "hunter" not in redact(text), text


def test_an_unreachable_hub_with_a_password_says_so_without_it(caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(HubError) as caught:
        Hub("postgresql://app:hunter2@127.0.0.1:1/hub")
    assert "hunter2" not in str(caught.value)
    assert "hunter2" not in caplog.text
    assert describe(parse_url("postgresql://app:hunter2@127.0.0.1:1/hub")) == "postgresql://app:***@127.0.0.1:1/hub"
