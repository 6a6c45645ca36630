"""The layering in DESIGN.md, enforced: import-linter's contracts in pyproject.toml must hold."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold():
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "broken" not in result.stdout.lower().replace("0 broken", "")


def test_domain_imports_no_third_party_framework():
    """A direct check too, so a misconfigured contract cannot hide a violation."""
    bad = ("PySide6", "sqlalchemy", "alembic", "psycopg", "requests", "keyring")
    for path in (ROOT / "warroom" / "domain").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in bad:
            assert f"import {name}" not in text and f"from {name}" not in text, f"{path.name} imports {name}"
