"""Hub passwords live in the keyring (in memory under the test suite), never in a shown URL."""

from __future__ import annotations

import keyring
import pytest

from warroom.domain.errors import ValidationError
from warroom.integrations import secrets


def test_the_suite_uses_the_memory_keyring():
    secrets.password_for("postgresql://hub.example:5432/warroom", "nobody")
    assert isinstance(keyring.get_keyring(), secrets.MemoryKeyring)


def test_url_gets_the_password_from_the_keyring():
    secrets.store_password("postgresql://åsa@hub.example:5432/warroom", "åsa", "p@ss:wörd/東京")
    filled = secrets.url_with_password("postgresql://åsa@hub.example:5432/warroom?sslmode=verify-full")
    assert (
        filled
        == "postgresql://åsa:p%40ss%3Aw%C3%B6rd%2F%E6%9D%B1%E4%BA%AC@hub.example:5432/warroom?sslmode=verify-full"
    )
    assert secrets.password_for("postgresql+psycopg://hub.example:5432/warroom", "åsa") == "p@ss:wörd/東京"


def test_without_a_kept_password_the_url_is_unchanged():
    url = "postgresql://someone@other.example/warroom"
    assert secrets.url_with_password(url) == url
    assert secrets.url_with_password("sqlite:////mnt/share/hub.sqlite") == "sqlite:////mnt/share/hub.sqlite"


def test_passwords_are_kept_per_database_and_user():
    secrets.store_password("postgresql://db1.example/warroom", "ops", "one")
    secrets.store_password("postgresql://db1.example/other", "ops", "two")
    assert secrets.password_for("postgresql://db1.example/warroom", "ops") == "one"
    assert secrets.password_for("postgresql://db1.example/other", "ops") == "two"
    assert secrets.password_for("postgresql://db1.example/warroom", "dev") is None
    secrets.forget_password("postgresql://db1.example/warroom", "ops")
    assert secrets.password_for("postgresql://db1.example/warroom", "ops") is None


def test_shown_urls_never_carry_the_password():
    url = "postgresql://ops:Sup3r-s3cret@hub.example:5432/warroom"
    assert "Sup3r-s3cret" not in secrets.redact(url)
    assert secrets.url_without_password(url) == "postgresql://ops@hub.example:5432/warroom"


def test_errors_name_the_field_and_hide_the_password():
    with pytest.raises(ValidationError, match="Hub user"):
        secrets.store_password("postgresql://hub.example/warroom", "", "x")
    with pytest.raises(ValidationError) as info:
        secrets.service_name("postgresql://ops:Sup3r-s3cret@/warroom")
    assert "Sup3r-s3cret" not in str(info.value)
