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


def _imported_modules(path: Path) -> set[str]:
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_only_the_ui_imports_qt_widgets():
    """import-linter cannot name a subpackage of an external package, so check it here."""
    offenders = []
    for path in (ROOT / "warroom").rglob("*.py"):
        if (ROOT / "warroom" / "ui") in path.parents:
            continue
        if any(m == "PySide6.QtWidgets" or m.startswith("PySide6.QtWidgets.") for m in _imported_modules(path)):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
