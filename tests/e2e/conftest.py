import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Cli:
    """Runs the real `warroom` command in a subprocess, with its own config and data folders."""

    def __init__(self, db: str, home: Path) -> None:
        self.db = db
        self.env = {
            **os.environ,
            "WARROOM_CONFIG_DIR": str(home / "config"),
            "WARROOM_DATA_DIR": str(home / "data"),
            "WARROOM_STATE_DIR": str(home / "state"),
            "QT_QPA_PLATFORM": "offscreen",
            "WARROOM_KEYRING": "memory",
        }

    def run(self, *args: str, db: bool = True, check: bool = True, timeout: float = 120):
        cmd = [sys.executable, "-m", "warroom"] + (["--db", self.db] if db else []) + list(args)
        result = subprocess.run(
            cmd, capture_output=True, text=True, env=self.env, cwd=ROOT, timeout=timeout, encoding="utf-8"
        )
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(args)} failed ({result.returncode}): {result.stderr}")
        return result

    def json(self, *args: str):
        return json.loads(self.run(*args).stdout)


@pytest.fixture
def cli(db_url, tmp_path) -> Cli:
    return Cli(db_url, tmp_path)
