"""Roles from the command line."""

from __future__ import annotations


def test_assign_and_list_roles(cli):
    cli.run("incident", "open", "Ọlá's 東京 checkout", "--commander", "Åsa Bergström")
    cli.run("role", "assign", "INC-1", "scribe", "Paweł Wiśniewski")
    cli.run("role", "assign", "INC-1", "Database whisperer", "Paweł Wiśniewski")
    cli.run("role", "assign", "INC-1", "ic", "Ọlá Adéwálé")
    now = cli.json("role", "list", "INC-1", "--json")
    assert [(r["role"], r["person"]) for r in now] == [
        ("commander", "Ọlá Adéwálé"), ("scribe", "Paweł Wiśniewski"), ("Database whisperer", "Paweł Wiśniewski"),
    ]  # fmt: skip
    history = cli.json("role", "list", "INC-1", "--history", "--json")
    assert [(t["role"], t["person"], t["until"] is None) for t in history][:2] == [
        ("commander", "Åsa Bergström", False), ("commander", "Ọlá Adéwálé", True),
    ]  # fmt: skip
    assert cli.json("incident", "show", "INC-1", "--json")["commander"] == "Ọlá Adéwálé"
    bad = cli.run("role", "assign", "INC-1", "", "Paweł", check=False)
    assert bad.returncode == 1 and bad.stderr.startswith("warroom: Name the role")
