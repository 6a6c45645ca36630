"""`warroom export` and `warroom incident import`, end to end on the demo incident (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.e2e.conftest import Cli


@pytest.fixture
def demo(cli) -> str:
    return cli.run("--user", "Incident commander", "demo").stdout.strip()


def fresh_cli(request, tmp_path: Path, name: str) -> Cli:
    if request.node.callspec.params.get("db_url") == "postgres":
        url = request.getfixturevalue("postgres_factory").new_database()
    else:
        url = f"sqlite:///{tmp_path / (name + '.sqlite')}"
    return Cli(url, tmp_path / name)


def test_the_demo_exports_to_all_four_formats(cli, demo, tmp_path: Path):
    out = tmp_path / "out"
    out.mkdir()
    md = cli.run("export", demo, "--format", "md", "-o", str(out / "INC-1.md")).stdout.split()
    assert md == [str(out / "INC-1.md"), str(out / "INC-1-timeline.png")]
    text = (out / "INC-1.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert sum(t.type == "table_open" for t in tokens) >= 6  # facts, timeline, durations, vendors...
    assert "Discharge handshakes to care homes" in text and "Baltic Perimeter Sp. z o.o." in text
    assert "Paweł Wiśniewski" in text and "Annual leave through 2014-01-02" in text
    assert (out / "INC-1-timeline.png").read_bytes()[:4] == b"\x89PNG"

    html = cli.json("export", demo, "-o", str(out / "INC-1.html"), "--starred-only", "--json")
    assert html == [str(out / "INC-1.html")]
    page = (out / "INC-1.html").read_text(encoding="utf-8")
    assert "No entry is starred." in page and "data:image/png;base64," in page  # the demo stars none

    cli.run("export", demo, "-f", "pdf", "-o", str(out / "INC-1.pdf"), "--zone", "Asia/Tokyo")
    assert (out / "INC-1.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        pdf_text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(out / "INC-1.pdf"), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Asia/Tokyo" in pdf_text and "Vendor engagement" in pdf_text and "Wiśniewski" in pdf_text

    cli.run("export", demo, "--format", "json", "-o", str(out / "INC-1.json"))
    data = json.loads((out / "INC-1.json").read_text(encoding="utf-8"))
    assert data["format"] == "warroom-incident" and data["incident"]["number"] == 1
    assert len(data["attempts"]) == 7 and len(data["action_items"]) == 3


def test_json_round_trip_through_a_fresh_store(request, cli, demo, tmp_path: Path):
    first = tmp_path / "first.json"
    cli.run("export", demo, "-o", str(first))
    other = fresh_cli(request, tmp_path, "other")
    imported = other.run("incident", "import", str(first))
    assert imported.stdout.strip() == "INC-1" and "Imported INC-1" in imported.stderr
    second = tmp_path / "second.json"
    other.run("export", "INC-1", "-o", str(second))
    assert second.read_bytes() == first.read_bytes()

    again = other.run("incident", "import", str(first), check=False)
    assert again.returncode == 1
    assert "INC-1 with this id is already in this store" in again.stderr
    assert len(other.json("incident", "list", "--json")) == 1


def test_clear_errors(cli, demo, tmp_path: Path):
    def error(*args: str) -> str:
        result = cli.run(*args, check=False)
        assert result.returncode == 1 and result.stdout == ""
        return result.stderr.strip()

    assert error("export", demo, "--format", "docx", "-o", str(tmp_path / "x.docx")) == (
        "warroom: Unknown export format 'docx': use md, html, pdf or json."
    )
    assert error("export", demo, "-o", str(tmp_path / "x.txt")) == (
        "warroom: --format is missing and 'x.txt' does not say which: use --format md, html, pdf or json."
    )
    missing = tmp_path / "no such folder" / "INC-1.pdf"
    assert error("export", demo, "-o", str(missing)) == (
        f"warroom: Cannot write {missing}: the folder {missing.parent} does not exist."
    )
    assert error("export", "INC-99", "-o", str(tmp_path / "x.md")).startswith("warroom: No incident INC-99")
    assert "Unknown time zone 'Mars/Base'" in error("export", demo, "-o", str(tmp_path / "x.md"), "--zone", "Mars/Base")
    assert not list(tmp_path.glob("x.*"))
