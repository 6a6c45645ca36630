"""`warroom vendors|escalate|coverage` end to end, on SQLite and on a fresh PostgreSQL database.

The expected answers were checked by hand against the calendars: 24 Dec 2013 was a Tuesday,
Christmas Eve is a de facto day off in Sweden (not a public holiday) and no holiday in Poland
until 2025; the vendors' own calendars close Baltic Perimeter 24-26 Dec and send Åsa and
Paweł on leave.
"""

from __future__ import annotations

import csv
import io

import pytest

from tests.data import SCENARIO as SCENARIO_DIR

SCENARIO = SCENARIO_DIR
CALENDARS = {
    "kronan-datacenter.ics": "Kronan Datacenter AB",
    "integra.ics": "Integra Meddelande AB",
    "baltic-perimeter.ics": "Baltic Perimeter Sp. z o.o.",
}
CHRISTMAS_EVE = "2013-12-24T10:00+01:00"
EXPECTED = {  # (vendor, contact): (reachable, reason)
    ("Kronan Datacenter AB", "Service desk"): (False, "Christmas Eve (SE)"),
    ("Kronan Datacenter AB", "Elin Sjöberg"): (True, "always on call"),
    ("Kronan Datacenter AB", "Göran Lindqvist"): (False, "Christmas Eve (SE)"),
    ("Integra Meddelande AB", "Support desk"): (False, "Christmas Eve (SE)"),
    ("Integra Meddelande AB", "Åsa Bergström"): (False, "Föräldraledig through 2014-01-06"),
    ("Nordvik Nät AB", "Network operations centre"): (True, "always on call"),
    ("Nordvik Nät AB", "Mikael Håkansson"): (True, ""),
    ("Baltic Perimeter Sp. z o.o.", "Ticket portal"): (False, "Office closed for Christmas through 2013-12-26"),
    ("Baltic Perimeter Sp. z o.o.", "Paweł Wiśniewski"): (False, "Annual leave through 2014-01-02"),
    ("Baltic Perimeter Sp. z o.o.", "Duty manager"): (True, "always on call"),
}


@pytest.fixture
def scenario_cli(cli):
    if not SCENARIO.exists():
        pytest.skip(f"scenario folder {SCENARIO} is not here")
    cli.run("vendors", "import", str(SCENARIO / "vendors.csv"))
    for name, vendor in CALENDARS.items():
        cli.run("vendors", "import", str(SCENARIO / name), "--vendor", vendor)
    return cli


def _reachable(cli, *extra):
    rows = cli.json("vendors", "reachable", "--at", CHRISTMAS_EVE, "--json", *extra)
    return {(r["vendor"], r["contact"]): r for r in rows}


def test_reachable_on_christmas_eve_and_reimport_changes_nothing(scenario_cli):
    rows = _reachable(scenario_cli)
    assert {key: (r["reachable"], r["reason"]) for key, r in rows.items()} == EXPECTED
    service_desk = rows[("Kronan Datacenter AB", "Service desk")]
    assert service_desk["local_time"] == "2013-12-24T10:00:00+01:00"
    assert service_desk["next_reachable_at"] == "2013-12-27T08:00:00+01:00"  # Friday after Boxing Day
    assert rows[("Baltic Perimeter Sp. z o.o.", "Paweł Wiśniewski")]["next_reachable_at"] == "2014-01-03T09:00:00+01:00"
    assert rows[("Nordvik Nät AB", "Mikael Håkansson")]["next_reachable_at"] is None

    again = scenario_cli.run("vendors", "import", str(SCENARIO / "vendors.csv"))
    assert "already up to date" in again.stderr and "new" not in again.stderr
    scenario_cli.run("vendors", "import", str(SCENARIO / "integra.ics"), "--vendor", "integra meddelande ab")
    assert _reachable(scenario_cli).keys() == rows.keys()
    listed = scenario_cli.json("vendors", "list", "--json")
    assert len(listed) == 4 and sum(len(v["contacts"]) for v in listed) == 10

    rows = _reachable(scenario_cli, "--vendor", "Baltic Perimeter Sp. z o.o.")
    assert [key[1] for key in rows] == ["Ticket portal", "Paweł Wiśniewski", "Duty manager"]
    assert [r["level"] for r in rows.values()] == [1, 2, 3]


def test_escalate_and_coverage(scenario_cli):
    """Escalation walks the path in order; coverage shows Integra's Christmas gap."""
    out = scenario_cli.json("escalate", "Kronan Datacenter AB", "--at", CHRISTMAS_EVE, "--json")
    assert [lv["level"] for lv in out["levels"]] == [1, 2, 3]
    assert [c["contact"] for c in out["levels"][0]["contacts"]] == ["Service desk"]
    assert [c["contact"] for c in out["call_now"]] == ["Elin Sjöberg"]
    assert out["call_level"] == 2 and out["passed_over"] == [1]
    assert out["escalate_at"] == "2013-12-24T09:45:00Z"  # 45 minutes to wait at level 2

    out = scenario_cli.json("escalate", "Integra Meddelande AB", "--at", CHRISTMAS_EVE, "--json")
    assert out["call_now"] == [] and out["call_level"] is None
    assert out["next_reachable_contact"] == "Support desk"
    assert out["next_reachable_at"] == "2013-12-27T06:00:00Z"

    out = scenario_cli.json("coverage", "--from", "2013-12-23", "--to", "2013-12-27", "--json")
    by_vendor = {v["vendor"]: v for v in out}
    assert set(by_vendor) == {v for v, _ in EXPECTED}
    integra = by_vendor["Integra Meddelande AB"]
    christmas = next(g for g in integra["gaps"] if g["start"] == "2013-12-23T18:00:00+01:00")
    assert christmas["end"] == "2013-12-27T07:00:00+01:00" and "Christmas Eve (SE)" in christmas["reason"]
    assert [d["status"] for d in integra["days"]] == ["partial", "none", "none", "none", "partial"]
    assert by_vendor["Kronan Datacenter AB"]["gaps"] == []  # Elin is always on call
    one = scenario_cli.json(
        "coverage", "--from", "2013-12-23", "--to", "2013-12-27", "--vendor", "Nordvik Nät AB", "--json"
    )
    assert [v["vendor"] for v in one] == ["Nordvik Nät AB"]


def test_export_round_trip_and_bad_input(scenario_cli, tmp_path):
    target = tmp_path / "out.csv"
    scenario_cli.run("vendors", "export", "--format", "csv", "-o", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert {r["contact"] for r in rows} >= {"Paweł Wiśniewski", "Åsa Bergström", "Göran Lindqvist"}
    data = scenario_cli.json("vendors", "export", "--format", "json")
    assert data["format"] == "warroom.directory" and len(data["vendors"]) == 4
    again = scenario_cli.run("vendors", "import", str(target))
    assert "new" not in again.stderr

    # bad input: one sentence on stderr, exit 1, and the directory unchanged
    calendar = scenario_cli.run("vendors", "import", str(SCENARIO / "integra.ics"), check=False)
    assert calendar.returncode == 1 and "name the vendor" in calendar.stderr and calendar.stdout == ""
    bad = tmp_path / "bad.csv"
    lines = (SCENARIO / "vendors.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("Mon-Fri 09:00-16:00", "Mon-Fri 09:00-25:00")
    bad.write_text(
        "\n".join(lines + ["Ny AB,x,Ọlá Adéwálé,,,,Europe/Stockholm,SE,,public,24/7,,,no,,"]), encoding="utf-8"
    )
    out = scenario_cli.run("vendors", "import", str(bad), check=False)
    assert out.returncode == 1 and "bad.csv line 4, column 'hours'" in out.stderr
    assert len(scenario_cli.json("vendors", "list", "--json")) == 4
    unknown = scenario_cli.run("escalate", "Nobody AB", check=False)
    assert unknown.returncode == 1 and "No vendor is named 'Nobody AB'" in unknown.stderr
    when = scenario_cli.run("vendors", "reachable", "--at", "2013-12-24 10:00", check=False)
    assert when.returncode == 1 and "--at" in when.stderr
    days = scenario_cli.run("coverage", "--from", "24/12/2013", "--to", "2013-12-27", check=False)
    assert days.returncode == 1 and "--from" in days.stderr
