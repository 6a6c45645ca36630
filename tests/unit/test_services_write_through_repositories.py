"""The outbox rule, kept: services write domain values through repositories, never through the
unit of work's replicated writer (issue #10). Repositories name the intent; one path writes."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "warroom" / "services"


def writer_uses(source: str) -> list[int]:
    """Lines that touch a `.writer` attribute (uow.writer.create(...), write = uow.writer, ...)
    or name a bare `writer`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Attribute) and node.attr == "writer") or (
            isinstance(node, ast.Name) and node.id == "writer"
        ):
            lines.append(node.lineno)
    return sorted(set(lines))


def test_the_check_finds_each_way_of_reaching_the_writer():
    source = (
        "def a(uow):\n"
        "    uow.writer.create('vendors', {})\n"
        "def b(uow):\n"
        "    write = uow.writer\n"
        "    write.update('vendors', 'x', {})\n"
        "def c(writer):\n"
        "    writer.append('status_updates', {})\n"
        "def d(uow):\n"
        "    uow.repos.directory.add_vendor(None)  # the right way: not reported\n"
    )
    assert writer_uses(source) == [2, 4, 7]


def test_no_service_writes_through_the_replicator_directly():
    files = sorted(SERVICES.rglob("*.py"))
    assert len(files) > 20  # the services package was found
    offenders = {
        str(path.relative_to(ROOT)): lines for path in files if (lines := writer_uses(path.read_text(encoding="utf-8")))
    }
    assert not offenders, (
        f"services reach the replicated writer directly (write through a repository method named for the intent "
        f"instead): {offenders}"
    )
