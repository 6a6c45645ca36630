import pytest

from warroom.services.context import ServiceContext
from warroom.store.store import Store


class FakeNow:
    """A settable clock for services: tests move time explicitly."""

    def __init__(self, start):
        self.value = start

    def __call__(self):
        return self.value


@pytest.fixture
def any_ctx(db_url):
    store = Store(db_url)
    yield ServiceContext(store=store, user_name="Ọlá Adéwálé", zone="Europe/Stockholm")
    store.close()
