"""A store with the Christmas scenario and one incident, its archive, and the runners.

`batch(cases)` runs many cases in one driver process (see driver.py); `separate(...)` runs one
`python -m warroom` process with its own environment. Both use their own config, data and
state folders and the in-memory keyring, like tests/e2e/conftest.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.data import SCENARIO

ROOT = Path(__file__).resolve().parents[3]
DRIVER = Path(__file__).with_name("driver.py")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity_ok(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


@dataclass
class Outcome:
    name: str
    code: int
    stdout: str
    stderr: str
    hashes: dict


class Hostile:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.env = {
            **os.environ,
            "WARROOM_CONFIG_DIR": str(home / "config"),
            "WARROOM_DATA_DIR": str(home / "data"),
            "WARROOM_STATE_DIR": str(home / "state"),
            "WARROOM_KEYRING": "memory",
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHONPATH": str(ROOT),
        }

    def batch(self, cases: list[tuple[str, list[str]]], watch: list[Path]) -> dict[str, Outcome]:
        request = {"cases": [{"name": n, "argv": a} for n, a in cases], "watch": [str(p) for p in watch]}
        done = subprocess.run(
            [sys.executable, str(DRIVER)],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env,
            cwd=ROOT,
            timeout=30 + 5 * len(cases),
        )
        assert done.returncode == 0, done.stderr
        return {r["name"]: Outcome(**r) for r in json.loads(done.stdout)}

    def separate(self, *argv: str, env: dict | None = None, timeout: float = 30, **options):
        return subprocess.run(
            [sys.executable, "-m", "warroom", *argv],
            capture_output=True,
            env={**self.env, **(env or {})},
            cwd=ROOT,
            timeout=timeout,
            **options,
        )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Hostile:
    return Hostile(tmp_path_factory.mktemp("hostile-home"))


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """(store path, archive path, incident title): the scenario directory and one rich incident."""
    from tests.unit.services.postmortem_fixture import fixed_ctx, rich_incident
    from warroom.services.context import ServiceContext
    from warroom.services.postmortem.service import PostmortemService
    from warroom.store.store import Store

    folder = tmp_path_factory.mktemp("hostile-store")
    path = folder / "warroom.sqlite"
    store = Store(f"sqlite:///{path}")
    try:
        ctx = fixed_ctx(ServiceContext(store=store, user_name="Åsa Bergström", zone="Europe/Stockholm"))
        incident = rich_incident(ctx)
        [archive] = PostmortemService(ctx).export(incident.id, "json", folder / "INC-1.json")
    finally:
        store.close()
    assert SCENARIO.exists()
    return path, archive, incident.title
