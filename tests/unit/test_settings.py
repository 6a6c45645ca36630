"""A malformed settings file is reported with its path and key; the app starts with defaults."""

from __future__ import annotations

import json
import logging

import pytest

from warroom.settings import Settings


def _notices(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "warroom.notice.settings"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("[1, 2]", "holds list, not a JSON object; using the defaults"),
        ("{not json", "cannot be read"),
        ("null", "holds NoneType, not a JSON object"),
    ],
)
def test_a_file_that_is_not_an_object_gives_defaults_and_keeps_a_copy(tmp_path, caplog, content, problem):
    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="warroom.notice"):
        settings = Settings.load(path)
    assert settings == Settings(user_name=settings.user_name, zone=settings.zone)
    (message,) = _notices(caplog)
    assert message.startswith(f"the settings file {path} {problem}")
    assert (tmp_path / "settings.json.bad").read_text(encoding="utf-8") == content


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("user_name", 42),
        ("user_name", None),
        ("user_name", "\x1b[31mroot"),
        ("zone", 5),
        ("zone", "Mars/Olympus"),
        ("show_utc", "yes"),
        ("theme", "neon"),
        ("name_confirmed", "yes"),
    ],
)
def test_a_bad_key_gets_its_default_and_the_good_ones_stay(tmp_path, caplog, key, value):
    path = tmp_path / "settings.json"
    good = {"user_name": "Åsa Bergström", "zone": "Europe/Stockholm", "show_utc": True, "hub_url": ""}
    path.write_text(json.dumps({**good, key: value}), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="warroom.notice"):
        settings = Settings.load(path)
    default = getattr(Settings(), key)
    assert getattr(settings, key) == default
    for other, kept in good.items():
        if other != key:
            assert getattr(settings, other) == kept
    (message,) = _notices(caplog)
    assert f"has a bad value for '{key}'" in message and str(path) in message


def test_a_good_file_loads_silently(tmp_path, caplog):
    path = tmp_path / "settings.json"
    Settings(user_name="Paweł", zone="Europe/Warsaw").save(path)
    with caplog.at_level(logging.WARNING, logger="warroom.notice"):
        assert Settings.load(path).user_name == "Paweł"
    assert _notices(caplog) == []
    assert not (tmp_path / "settings.json.bad").exists()


@pytest.mark.parametrize(
    ("content", "theme"),
    [
        ('{"theme": "dark", "zone": "Europe/Oslo", "user_name": "Åsa Bergström"}', "dark"),
        ('{"theme": "light", "zone": "Not/A_Zone"}', "light"),  # the zone is not checked here
        ('{"theme": "sepia"}', "system"),
        ('{"zone": "Asia/Tokyo"}', "system"),
        ("[1, 2]", "system"),
        ("{not json", "system"),
    ],
)
def test_the_frame_reads_only_the_theme_and_reports_nothing(tmp_path, caplog, content, theme):
    from warroom.settings import read_theme

    path = tmp_path / "settings.json"
    path.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        assert read_theme(path) == theme
    assert _notices(caplog) == []  # Settings.load reports a bad file once the store opens
    assert not (tmp_path / "settings.json.bad").exists()


def test_no_settings_file_is_the_system_theme(tmp_path):
    from warroom.settings import read_theme

    assert read_theme(tmp_path / "missing.json") == "system"
