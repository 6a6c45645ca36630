"""`warroom checklist ...` end to end, on a SQLite file and on a fresh PostgreSQL database."""

RUNBOOK = """# Pharmacy API: non-ASCII names

Runbook for the 東京 pharmacy API.

## Reproduce

- [ ] Search for "Paracétamol" and "Åkerbär 🍓"
  Hint: https://example.org/runbook#unicode
- [ ] Check the logs for UnicodeEncodeError
"""


def test_start_tick_skip_undo_and_show(cli):
    cli.run("incident", "open", "Christmas release 🎄", "--severity", "SEV1")
    templates = cli.json("checklist", "templates", "--json")
    assert [t["name"] for t in templates][:2] == ["Production down: the first 15 minutes", "Rollback"]
    assert all(t["builtin"] for t in templates) and templates[1]["item_count"] == 19

    started = cli.json("checklist", "start", "INC-1", "ROLLBACK", "--json")
    assert started["title"] == "Rollback" and started["progress"] == {"finished": 0, "total": 19}
    second_item = started["items"][1]
    cli.run("checklist", "tick", "INC-1", "1", "--by", "Åsa Bergström")
    cli.run("checklist", "tick", "INC-1", second_item["id"], "--skip", "target checked by the vendor")
    skipped = cli.json("checklist", "tick", "INC-1", "check data MIGRATIONS", "--json")
    assert skipped["state"] == "done"
    cli.run("checklist", "tick", "INC-1", "3", "--undo", "--by", "Paweł Wiśniewski")

    shown = cli.json("checklist", "show", "INC-1", "--json")
    assert shown["incident"] == "INC-1" and shown["progress"] == {"finished": 2, "total": 19}
    checklist = shown["checklists"][0]
    assert checklist["id"] == started["id"] and checklist["progress"]["finished"] == 2
    first, second, third = checklist["items"][:3]
    assert set(first) >= {"id", "section", "text", "state", "assignee", "done_at", "done_by", "note"}
    assert (first["number"], first["state"], first["done_by"]) == (1, "done", "Åsa Bergström")
    assert first["done_at"].endswith("Z") and first["section"] == "Choose the target"
    assert (second["state"], second["note"]) == ("skipped", "Skipped: target checked by the vendor")
    assert (third["state"], third["done_at"], third["done_by"]) == ("open", None, None)

    entries = [e for e in cli.json("timeline", "list", "INC-1", "--json") if e["kind"] == "checklist"]
    assert [e["text"].split(" (by ")[0] for e in entries] == [
        f"✓ {first['text']}",
        f"Skipped: {second['text']}",
        f"✓ {third['text']}",
        f"Un-ticked: {third['text']}",
    ]
    assert "(by Paweł Wiśniewski)" in entries[-1]["text"]

    text = cli.run("checklist", "show", "INC-1").stdout
    assert "Rollback  2/19" in text and "  1 [x] Find the first faulty change" in text


def test_blank_checklist_add_assign_and_errors(cli):
    cli.run("incident", "open", "DB host", "--severity", "SEV2")
    empty = cli.run("checklist", "add", "INC-1", "x", check=False)
    assert empty.returncode == 1 and "has no checklist to add to" in empty.stderr
    cli.run("checklist", "start", "INC-1", "--title", "Ọlá's list")
    cli.run("checklist", "add", "INC-1", "Call the 東京 data centre ☎️", "--section", "Vendors")
    cli.run("checklist", "assign", "INC-1", "1", "Ọlá Adéwálé")
    item = cli.json("checklist", "show", "INC-1", "--json")["checklists"][0]["items"][0]
    assert (item["section"], item["assignee"]) == ("Vendors", "Ọlá Adéwálé")
    gone = cli.run("checklist", "tick", "INC-1", "7", check=False)
    assert gone.returncode == 1 and gone.stderr.startswith("warroom: There is no item 7")
    unknown = cli.run("checklist", "start", "INC-1", "Firewall", check=False)
    assert unknown.returncode == 1 and "No checklist template is called 'Firewall'" in unknown.stderr
    no_reason = cli.run("checklist", "tick", "INC-1", "1", "--skip", " ", check=False)
    assert no_reason.returncode == 1 and "Skip reason is empty" in no_reason.stderr


def test_import_and_export_templates(cli, tmp_path):
    runbook = tmp_path / "pharmacy.md"
    runbook.write_text(RUNBOOK, encoding="utf-8")
    imported = cli.json("checklist", "import", str(runbook), "--json")
    assert imported["name"] == "Pharmacy API: non-ASCII names" and imported["item_count"] == 2
    assert imported["sections"] == ["Reproduce"] and not imported["builtin"]

    out = tmp_path / "out.md"
    cli.run("checklist", "export", "pharmacy api: NON-ASCII names", "-o", str(out))
    assert out.read_text(encoding="utf-8") == RUNBOOK  # already canonical: byte for byte
    printed = cli.run("checklist", "export", "rollback").stdout
    assert printed.startswith("# Rollback\n") and "- [ ] Verify with every public host name" in printed

    again = cli.run("checklist", "import", str(out), check=False)
    assert again.returncode == 1 and "a template named 'Pharmacy API: non-ASCII names' exists already" in again.stderr
    bad = tmp_path / "notes.md"
    bad.write_text("# Notes\n\nNo tasks at all.\n", encoding="utf-8")
    refused = cli.run("checklist", "import", str(bad), check=False)
    assert refused.returncode == 1 and "notes.md has no task items" in refused.stderr
    assert len(cli.json("checklist", "templates", "--json")) == 6
    missing = cli.run("checklist", "import", str(tmp_path / "nope.md"), check=False)
    assert missing.returncode == 1 and "Cannot read" in missing.stderr
