"""Naming vendors on the CLI as people type them: prefixes, layers, no diacritics; and search."""

from __future__ import annotations

import pytest

from tests.data import SCENARIO


@pytest.fixture
def directory_cli(cli):
    if not SCENARIO.exists():
        pytest.skip(f"scenario folder {SCENARIO} is not here")
    cli.run("vendors", "import", str(SCENARIO / "vendors.csv"))
    return cli


def test_prefix_layer_and_bare_letters_name_a_vendor(directory_cli):
    rows = directory_cli.json("vendors", "reachable", "--vendor", "baltic", "--json")
    assert {r["vendor"] for r in rows} == {"Baltic Perimeter Sp. z o.o."}
    advice = directory_cli.json("escalate", "firewall", "--json")
    assert advice["vendor"] == "Baltic Perimeter Sp. z o.o."
    rows = directory_cli.json("vendors", "reachable", "--vendor", "nordvik nat", "--json")
    assert {r["vendor"] for r in rows} == {"Nordvik Nät AB"}


def test_an_ambiguous_name_lists_the_candidates(directory_cli):
    result = directory_cli.run("escalate", "AB", check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "could be more than one vendor: Integra Meddelande AB; Kronan Datacenter AB; Nordvik Nät AB" in result.stderr


def test_search_finds_names_layers_and_roles_without_diacritics(directory_cli):
    found = directory_cli.json("vendors", "search", "goran", "--json")
    assert [(v["vendor"], [c["name"] for c in v["contacts"]]) for v in found] == [
        ("Kronan Datacenter AB", ["Göran Lindqvist"])
    ]
    found = directory_cli.json("vendors", "search", "pawel", "--json")
    assert [c["name"] for v in found for c in v["contacts"]] == ["Paweł Wiśniewski"]
    by_layer = directory_cli.json("vendors", "search", "packet", "--json")
    assert [v["vendor"] for v in by_layer] == ["Baltic Perimeter Sp. z o.o."]
    assert by_layer[0]["layers"] == ["internal firewall", "packet inspection"]
    by_role = directory_cli.json("vendors", "search", "technician", "--json")
    assert [(c["name"], c["role"]) for v in by_role for c in v["contacts"]] == [
        ("Paweł Wiśniewski", "Firewall technician")
    ]
