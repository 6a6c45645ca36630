"""The CLI twin, on a SQLite file and on a fresh PostgreSQL database."""

from pathlib import Path

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"


def test_open_list_show_status(cli):
    out = cli.run(
        "incident",
        "open",
        "Ọlá's 東京 checkout",
        "--severity",
        "SEV2",
        "--started-at",
        "2026-11-20T10:00:00+01:00",
        "--commander",
        "Åsa Bergström",
    )
    assert out.stdout.strip() == "INC-1"
    assert "Opened INC-1" in out.stderr
    listed = cli.json("incident", "list", "--json")
    assert [(i["reference"], i["title"], i["severity"]) for i in listed] == [("INC-1", "Ọlá's 東京 checkout", "SEV2")]
    shown = cli.json("incident", "show", "INC-1", "--json")
    assert shown["started_at"] == "2026-11-20T09:00:00Z" and shown["commander"] == "Åsa Bergström"
    assert cli.json("incident", "show", listed[0]["id"], "--json")["reference"] == "INC-1"
    cli.run("incident", "status", "INC-1", "monitoring")
    assert cli.json("incident", "show", "1", "--json")["status"] == "monitoring"


def test_errors_are_one_sentence_on_stderr_with_nonzero_exit(cli):
    bad = cli.run("incident", "show", "INC-3", check=False)
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.startswith("warroom: No incident INC-3")
    bad = cli.run("incident", "open", "x", "--severity", "SEV7", check=False)
    assert bad.returncode == 1 and "SEV1, SEV2" in bad.stderr


def test_timeline_import_list_and_metrics(cli):
    cli.run("incident", "open", "Christmas release", "--severity", "SEV1", "--started-at", "2013-12-18T20:30+01:00")
    cli.run("timeline", "import", "INC-1", str(DEMO / "timeline.csv"))
    cli.run(
        "timeline", "add", "INC-1", "Postmortem scheduled", "--at", "2013-12-30T10:00+01:00", "--kind", "communication"
    )
    entries = cli.json("timeline", "list", "INC-1", "--json")
    assert len(entries) == 19 + 1 + 3  # imported, added, and three status changes from milestones
    first = entries[0]
    assert set(first) >= {"id", "occurred_at", "kind", "author", "text", "milestone", "vendor", "contact", "revision"}
    assert first["occurred_at"] == "2013-12-18T19:30:00Z" and first["milestone"] == "started"
    metrics = cli.json("metrics", "INC-1", "--json")
    assert metrics["time_to_detect_s"] == 40200 and metrics["impact_s"] == 763800
    assert metrics["warnings"] == []


def test_bad_database_urls_are_explained(tmp_path):
    from tests.e2e.conftest import Cli

    notes = tmp_path / "notes.sqlite"
    notes.write_text("not a database")
    bad = Cli(str(notes), tmp_path).run("incident", "list", check=False)
    assert bad.returncode == 1 and "not a Warroom database" in bad.stderr
    assert notes.read_text() == "not a database"
    bad = Cli("postgresql://u:hunter2@127.0.0.1:1/x", tmp_path).run("incident", "list", check=False)
    assert bad.returncode == 1 and "Cannot reach PostgreSQL" in bad.stderr and "hunter2" not in bad.stderr
    bad = Cli("mysql://h/db", tmp_path).run("incident", "list", check=False)
    assert bad.returncode == 1 and "SQLite or PostgreSQL" in bad.stderr
