"""`warroom handover` on the demo incident: the brief printed, written as PDF, and recorded."""

from __future__ import annotations

import shutil
import subprocess

import pytest


def test_handover_prints_records_and_writes_a_pdf(cli, tmp_path):
    cli.run("demo")
    dry = cli.run("handover", "INC-1", "--to", "Paweł Wiśniewski", "--dry-run")
    assert dry.stdout.startswith("# INC-1 handover: Discharge handshakes")
    assert "## Open action items\n\n- Preventive: Require a vendor-coverage check" in dry.stdout
    assert cli.json("role", "list", "INC-1", "--json")[0]["person"] != "Paweł Wiśniewski"  # nothing recorded

    pdf = tmp_path / "brief.pdf"
    note = "Firewall vendor promised a call-back before 09:00 | keep the rollback window open"
    done = cli.run("handover", "INC-1", "--to", "Paweł Wiśniewski", "--note", note, "-o", str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF") and "handed over" in done.stderr
    first = cli.json("role", "list", "INC-1", "--json")[0]
    assert (first["role"], first["person"]) == ("commander", "Paweł Wiśniewski")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Open checklist items" in text and "Firewall vendor promised a call-back" in text
    md = tmp_path / "INC-1.md"
    cli.run("export", "INC-1", "-o", str(md))
    handovers = md.read_text(encoding="utf-8").split("## Handovers", 1)[1].split("## Checklists", 1)[0]
    assert "| Paweł Wiśniewski | Firewall vendor promised a call-back before 09:00 \\| keep" in handovers


@pytest.mark.parametrize("args", [["--to", " "], ["--to", "X", "--format", "pdf"]])
def test_bad_handovers_are_one_sentence(cli, args):
    cli.run("incident", "open", "x")
    bad = cli.run("handover", "INC-1", *args, check=False)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and bad.stderr.startswith("warroom: ")
