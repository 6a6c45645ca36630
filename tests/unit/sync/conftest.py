"""Hubs for the sync unit tests: a SQLite file and a fresh PostgreSQL database."""

from __future__ import annotations

import pytest

from warroom.sync.hub import Hub
from warroom.sync.hub_admin import init_hub


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def hub_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'hub' / 'hub.sqlite'}"
    else:
        url = request.getfixturevalue("postgres_factory").new_database()
    init_hub(url)
    return url


@pytest.fixture
def hub(hub_url):
    h = Hub(hub_url)
    yield h
    h.close()


@pytest.fixture
def pg_hub(pg_url):
    init_hub(pg_url)
    h = Hub(pg_url)
    yield h
    h.close()
