"""Fast start: a command imports only what it needs (issue 13). Checked in a fresh interpreter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("PySide6", "alembic", "holidays", "jinja2", "psycopg", "keyring", "icalendar", "phonenumbers", "requests")

PROBE = """
import contextlib, io, json, sys
from warroom.__main__ import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
heavy = {HEAVY!r}
print(json.dumps({{"code": code, "loaded": sorted(m for m in sys.modules if m.split(".")[0] in heavy),
                  "orm": "sqlalchemy.orm" in sys.modules, "pg": "sqlalchemy.dialects.postgresql" in sys.modules,
                  "argparse": "argparse" in sys.modules}}))
"""


def _run_probe(tmp_path: Path, code: str, *args: str, **extra_env: str) -> dict:
    """Run `code` in a fresh Python with a throwaway user's folders; its last line of JSON."""
    env = {
        **os.environ,
        "WARROOM_CONFIG_DIR": str(tmp_path / "config"),
        "WARROOM_DATA_DIR": str(tmp_path / "data"),
        "WARROOM_STATE_DIR": str(tmp_path / "state"),
        "WARROOM_KEYRING": "memory",
        **extra_env,
    }
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def _modules_after(tmp_path: Path, *args: str) -> dict:
    return _run_probe(tmp_path, PROBE.format(HEAVY=HEAVY), *args)


@pytest.fixture
def current_store(tmp_path: Path) -> str:
    """A store already at the newest schema, with one incident."""
    db = str(tmp_path / "current.sqlite")
    first = _modules_after(tmp_path, "--db", db, "incident", "open", "Checkout down for 東京")
    assert first["code"] == 0
    return db


def test_version_imports_neither_argparse_nor_any_library(tmp_path):
    seen = _modules_after(tmp_path, "--version")
    assert seen == {"code": 0, "loaded": [], "orm": False, "pg": False, "argparse": False}


def test_incident_list_on_a_current_store_skips_alembic_qt_and_the_rest(tmp_path, current_store):
    seen = _modules_after(tmp_path, "--db", current_store, "incident", "list", "--json")
    assert seen["code"] == 0
    assert seen["loaded"] == []  # no Alembic: the stored revision equals the head read from the files
    assert seen["pg"] is False  # a SQLite store never loads the PostgreSQL dialect
    assert seen["orm"] is False  # listing reads with SQLAlchemy Core: no ORM, no models


def test_incident_open_still_uses_the_orm(tmp_path, current_store):
    seen = _modules_after(tmp_path, "--db", current_store, "incident", "open", "Payments down — Ọlá on call")
    assert seen["code"] == 0
    assert seen["orm"] is True  # the check above would pass vacuously if no command loaded the ORM


def test_a_new_store_is_migrated_with_alembic(tmp_path):
    seen = _modules_after(tmp_path, "--db", str(tmp_path / "new.sqlite"), "incident", "list")
    assert seen["code"] == 0
    assert "alembic" in seen["loaded"]  # the check above would pass vacuously if Alembic never ran


FIRST_PAINT = """
import builtins, io, json, sys
from warroom.__main__ import main

class Lines(io.StringIO):
    # what was imported when the probe said its window was painted
    def write(self, text):
        if text.startswith("painted"):
            heavy = ("sqlalchemy", "warroom.store", "warroom.services", "warroom.cli", "logging.handlers",
                     "warroom.ui.kit.indicators", "warroom.ui.shell.menus", "zoneinfo", "getpass")
            seen["at_first_paint"] = sorted(m for m in heavy if m in sys.modules)
            seen["pyside_hook"] = builtins.__import__ is not getattr(builtins, "__orig_import__", None)
        if text.startswith("filled"):
            seen["filled"] = text.split()[1]
            if "warroom.ui.kit.indicators" in sys.modules:  # the dark theme's outlined check boxes
                from PySide6.QtWidgets import QApplication
                from warroom.ui.kit.indicators import VisibleIndicatorStyle
                seen["outlined"] = isinstance(QApplication.instance().style(), VisibleIndicatorStyle)
        return super().write(text)

seen = {}
out, sys.stdout = sys.stdout, Lines()
code = main(sys.argv[1:])
sys.stdout = out
print(json.dumps({"code": code, **seen}))
"""


def _first_paint(tmp_path: Path, *args: str, **extra_env: str) -> dict:
    return _run_probe(tmp_path, FIRST_PAINT, *args, QT_QPA_PLATFORM="offscreen", **extra_env)


def test_the_window_paints_before_sqlalchemy_or_the_store_is_imported(tmp_path, current_store):
    seen = _first_paint(tmp_path, "--db", current_store, "--startup-probe")
    # the CLI parsed the options (no command module), no log file before the paint
    # then the store opened; PySide's import hook was set aside on this path too
    assert seen == {"code": 0, "at_first_paint": ["warroom.cli"], "pyside_hook": False, "filled": "0"}


def test_warroom_without_arguments_paints_without_the_cli(tmp_path, current_store):
    """The launch users make (and the start-up benchmark times): the store from $WARROOM_DB."""
    seen = _first_paint(tmp_path, WARROOM_DB=current_store, WARROOM_STARTUP_PROBE="1")
    # no proxy style, menus, zone or user look-up either; PySide's import hook set aside (ui/kit/feature_hook.py)
    assert seen == {"code": 0, "at_first_paint": [], "pyside_hook": False, "filled": "0"}
    assert (tmp_path / "state" / "warroom.log").is_file()  # the log file, set up after the paint


def test_a_first_launch_with_no_incident_is_filled_when_its_empty_state_is_painted(tmp_path):
    """A new user's first launch: the default store is made, no incident, the empty state stands
    where the timeline would be (the probe waited on the hidden timeline until its timeout)."""
    seen = _first_paint(tmp_path, WARROOM_STARTUP_PROBE="1")
    assert seen["code"] == 0 and seen["filled"] == "0"


def test_a_dark_frame_is_painted_without_the_outline_style_which_comes_with_the_store(tmp_path, current_store):
    """The proxy style that outlines check boxes on a dark window sends every primitive Qt draws
    through Python: the frame, which has no check box, is painted without it."""
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "settings.json").write_text('{"theme": "dark"}', encoding="utf-8")
    seen = _first_paint(tmp_path, WARROOM_DB=current_store, WARROOM_STARTUP_PROBE="1")
    assert seen == {"code": 0, "at_first_paint": [], "pyside_hook": False, "filled": "0", "outlined": True}
