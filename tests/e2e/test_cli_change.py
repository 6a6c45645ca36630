"""The change record from the command line: the Thanksgiving story, CSV import and bad input."""

from __future__ import annotations

THANKSGIVING = [
    ("2026-11-24T10:00Z", "1.4.0", "cart rewrite"),  # deploy -2: the version that works
    ("2026-11-25T09:00Z", "1.4.1", "tax rounding"),  # deploy -1: the real fault
    ("2026-11-25T17:30Z", "1.4.2", "promo banner"),  # deploy: the obvious suspect
]


def _story(cli) -> dict[str, str]:
    cli.run("incident", "open", "Checkout totals wrong before Thanksgiving", "--started-at", "2026-11-25T17:45Z")
    ids = {}
    for at, version, text in THANKSGIVING:
        ids[version] = cli.run(
            "change", "add", "INC-1", text, "--service", "checkout", "--version", version, "--at", at
        ).stdout.strip()
    cli.run(
        "timeline", "add", "INC-1", "Orders show wrong totals", "--at", "2026-11-25T18:20Z", "--milestone", "detected"
    )
    cli.run(
        "change", "add", "INC-1", "revert to 1.4.1", "--service", "checkout", "--kind", "revert",
        "--reverts", "1.4.2", "--at", "2026-11-25T18:40Z",
    )  # fmt: skip
    cli.run("change", "mark", "INC-1", "1.4.2", "ruled-out", "--note", "totals still wrong after the revert")
    cli.run(
        "change", "add", "INC-1", "revert to 1.4.0", "--service", "checkout", "--kind", "revert",
        "--reverts", ids["1.4.1"], "--at", "2026-11-25T19:10Z",
    )  # fmt: skip
    cli.run("timeline", "add", "INC-1", "Totals right again", "--at", "2026-11-25T19:15Z", "--milestone", "mitigated")
    cli.run("change", "mark", "INC-1", ids["1.4.1"][-8:], "cause", "--note", "rounding broke the totals")
    return ids


def test_thanksgiving_revert_chain_with_the_cause_marked(cli, tmp_path):
    ids = _story(cli)
    listed = cli.json("change", "list", "INC-1", "--json")
    changes = listed["changes"]
    assert [(c["kind"], c["version"] or c["text"]) for c in changes] == [
        ("deploy", "1.4.0"), ("deploy", "1.4.1"), ("deploy", "1.4.2"),
        ("revert", "revert to 1.4.1"), ("revert", "revert to 1.4.0"),
    ]  # fmt: skip
    by_version = {c["version"]: c for c in changes if c["version"]}
    assert by_version["1.4.1"]["mark"] == "cause" and by_version["1.4.2"]["mark"] == "ruled out"
    assert by_version["1.4.0"]["mark"] is None
    assert [m["note"] for m in by_version["1.4.2"]["marks"]] == ["totals still wrong after the revert"]
    reverts = [c for c in changes if c["kind"] == "revert"]
    assert [r["reverts_id"] for r in reverts] == [ids["1.4.2"], ids["1.4.1"]]
    assert listed["chains"] == [[c["id"] for c in changes]]  # deploy -2 … revert to -2: one chain

    out = tmp_path / "INC-1.md"
    cli.run("export", "INC-1", "-o", str(out))
    markdown = out.read_text(encoding="utf-8")
    changes_part = markdown.split("## Changes", 1)[1].split("## Root cause", 1)[0]
    assert "**Cause:** deploy checkout 1.4.1" in changes_part
    assert (
        "**Revert chain:** deploy checkout 1.4.0 → deploy checkout 1.4.1 \\[cause\\] → "
        "deploy checkout 1.4.2 \\[ruled out\\] → revert checkout (revert to 1.4.1) → revert checkout (revert to 1.4.0)"
    ) in changes_part
    assert "| revert to 1.4.0 _(reverts deploy checkout 1.4.1)_ |" in changes_part
    entries = cli.json("timeline", "list", "INC-1", "--json")
    assert any(e["text"] == "Change deploy checkout 1.4.1 marked cause: rounding broke the totals" for e in entries)
    assert any(e["text"].startswith("Revert checkout: revert to 1.4.0") for e in entries)


def test_window_import_and_errors(cli, tmp_path):
    cli.run("incident", "open", "Ọlá's 東京 checkout", "--started-at", "2026-11-25T18:00Z")
    csv = tmp_path / "changes.csv"
    csv.write_text(
        "occurred_at,service,kind,version,author,link,text\n"
        "2026-11-20T10:00Z,checkout,deploy,1.3.9,Paweł Wiśniewski,https://git.example/pr/1,old release\n"
        "2026-11-25T16:00+01:00,edge,flag,on,Åsa Bergström,,new_cart=on for 東京\n",
        encoding="utf-8",
    )
    assert len(cli.json("change", "import", "INC-1", str(csv), "--json")) == 2
    assert cli.json("change", "import", "INC-1", str(csv), "--json") == []  # a second import adds nothing
    recent = cli.json("change", "list", "INC-1", "--window", "48", "--json")["changes"]
    assert [(c["service"], c["author"], c["text"]) for c in recent] == [
        ("edge", "Åsa Bergström", "new_cart=on for 東京")
    ]
    bad = tmp_path / "bad.csv"
    bad.write_text("occurred_at,service,kind,version,author,link,text\nyesterday,checkout,deploy,1,,,x\n")
    result = cli.run("change", "import", "INC-1", str(bad), check=False)
    assert result.returncode == 1 and result.stderr.startswith("warroom: bad.csv line 2: occurred_at 'yesterday'")
    result = cli.run("change", "mark", "INC-1", "nothing-like-it", "cause", check=False)
    assert result.returncode == 1 and "No change of this incident matches" in result.stderr
    result = cli.run("change", "mark", "INC-1", "1.3.9", "guilty", check=False)
    assert result.returncode == 1 and "suspect, ruled-out, cause" in result.stderr
    assert len(cli.json("change", "list", "INC-1", "--json")["changes"]) == 2
