"""`warroom vendor|contact|absence` end to end: typing the directory in, people who work elsewhere."""

from __future__ import annotations

ELECTION_DAY = "2025-11-04T11:00-06:00"  # a Tuesday; Election Day is a New York holiday, not an Illinois one


def _reachable(cli, at: str) -> dict[str, dict]:
    rows = cli.json("vendors", "reachable", "--vendor", "lakeshore", "--at", at, "--json")
    return {r["contact"]: r for r in rows}


def test_a_new_yorker_under_a_chicago_vendor_is_off_on_a_new_york_holiday(cli):
    cli.run("vendor", "add", "Lakeshore Networks", "--country", "US", "--subdivision", "IL", "--zone", "America/Denver")
    vendor = cli.json("vendor", "edit", "lakeshore", "--zone", "America/Chicago", "--sla-min", "60", "--json")
    assert (vendor["timezone"], vendor["sla_response_min"], vendor["sla_clock"]) == ("America/Chicago", 60, "business")
    cli.run(
        "contact", "add", "Lakeshore", "Chicago desk", "--role", "NOC", "--level", "1", "--escalate-after-min", "30"
    )
    dana = cli.json(
        "contact", "add", "LAKESHORE NETWORKS", "Dana Reyes", "--role", "Network engineer",
        "--phone", "+1 212 555 0143", "--zone", "America/New_York", "--subdivision", "NY", "--level", "2", "--json",
    )  # fmt: skip
    assert (dana["country"], dana["subdivision"], dana["timezone"]) == (None, "NY", "America/New_York")
    rows = _reachable(cli, ELECTION_DAY)
    assert (rows["Chicago desk"]["reachable"], rows["Chicago desk"]["reason"]) == (True, "")
    assert (rows["Dana Reyes"]["reachable"], rows["Dana Reyes"]["reason"]) == (False, "Election Day (US-NY)")
    assert rows["Dana Reyes"]["next_reachable_at"] == "2025-11-05T09:00:00-05:00"
    advice = cli.json("escalate", "lakeshore", "--at", ELECTION_DAY, "--json")
    assert [(lv["level"], [c["contact"] for c in lv["contacts"]]) for lv in advice["levels"]] == [
        (1, ["Chicago desk"]),
        (2, ["Dana Reyes"]),
    ]
    cli.run("contact", "edit", "lakeshore", "dana", "--subdivision", "IL")
    assert _reachable(cli, ELECTION_DAY)["Dana Reyes"]["reachable"] is True


def test_absences_are_added_listed_and_removed(cli):
    cli.run("vendor", "add", "Łódź Łącza", "--country", "PL", "--layers", "fibre")
    cli.run("contact", "add", "lodz", "Paweł Nowak", "--phone", "+48 22 555 61 23")
    leave = cli.json(
        "absence", "add", "lodz", "pawel", "--from", "2025-12-22T00:00+01:00", "--to", "2026-01-02T00:00+01:00",
        "--reason", "Urlop", "--json",
    )  # fmt: skip
    listed = cli.json("absence", "list", "--vendor", "Lodz", "--json")
    assert [(a["id"], a["contact"], a["reason"]) for a in listed] == [(leave["id"], "Paweł Nowak", "Urlop")]
    row = cli.json("vendors", "reachable", "--vendor", "lodz", "--at", "2025-12-23T10:00+01:00", "--json")[0]
    assert (row["reachable"], row["reason"]) == (False, "Urlop through 2026-01-01")
    cli.run("absence", "remove", leave["id"][:13])
    assert cli.json("absence", "list", "--json") == []


def test_bad_input_gets_one_sentence_and_no_traceback(cli):
    cli.run("vendor", "add", "Lakeshore Networks", "--country", "US", "--zone", "America/Chicago")
    for args, message in [
        (("vendor", "add", "Acme", "--country", "US"), "Time zone: name the vendor's zone (US has"),
        (("vendor", "add", "Acme", "--country", "XX", "--zone", "UTC"), "Country: 'XX' is not a country"),
        (("contact", "add", "nobody", "Dana"), "No vendor is named 'nobody'"),
        (
            ("contact", "add", "lake", "Dana", "--subdivision", "Narnia"),
            "Subdivision: 'Narnia' is not a subdivision of US",
        ),
        (("vendor", "edit", "lake", "--sla-clock", "sometimes"), "'sometimes' is not an SLA clock"),
        (("absence", "remove", "0000"), "No absence has the id '0000'"),
    ]:
        result = cli.run(*args, check=False)
        assert result.returncode == 1, args
        assert message in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_removing_who_an_incident_called_keeps_the_record(cli, tmp_path):
    cli.run("demo")
    removed = cli.run("contact", "remove", "baltic", "pawel")
    assert "inactive and off the path" in removed.stderr
    assert "is inactive" in cli.run("vendor", "remove", "firewall").stderr
    assert "Baltic" not in cli.run("vendors", "list").stdout
    cli.run("vendor", "add", "Acme Cables", "--country", "SE")  # one zone: Europe/Stockholm
    assert "Removed Acme Cables" in cli.run("vendor", "remove", "acme").stderr
    cli.run("export", "INC-1", "--format", "md", "-o", str(tmp_path / "pm.md"))
    assert "Baltic Perimeter Sp. z o.o. / Paweł Wiśniewski" in (tmp_path / "pm.md").read_text(encoding="utf-8")


def test_the_evidence_pack_holds_only_that_vendors_attempts(cli, tmp_path):
    import csv
    import io
    import subprocess

    from tests.unit.export.test_pdf import poppler

    cli.run("demo")
    cli.run("vendor", "evidence", "INC-1", "baltic", "-o", str(tmp_path / "baltic.csv"))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "baltic.csv").read_text(encoding="utf-8"))))
    assert [(r["UTC"], r["Contact"], r["Channel"], r["Outcome"], r["Ticket"]) for r in rows] == [
        ("2013-12-27 09:30 UTC", "Ticket portal", "portal", "ticket filed", "BP-20131227-04"),
        ("2013-12-27 09:40 UTC", "Paweł Wiśniewski", "phone", "no answer", "BP-20131227-04"),
        ("2013-12-27 10:20 UTC", "Duty manager", "phone", "reached", "BP-20131227-04"),
    ]
    assert rows[1]["Vendor's time"] == "2013-12-27 10:40 CET" and rows[1]["Number or address"] == "+48225556123"
    cli.run("vendor", "evidence", "1", "firewall", "--format", "md", "-o", str(tmp_path / "baltic.md"))
    text = (tmp_path / "baltic.md").read_text(encoding="utf-8")
    # A ticket filed on the portal is not a response: the clock runs to the duty manager at 11:20 CET.
    assert "- **SLA clock:** responded in 50 min: SLA 30 min breached by 20 min" in text
    assert "BP-20131227-04" in text
    assert "- **Restored:** 2013-12-27 15:00 UTC" in text
    for other in ("Kronan", "Integra", "Nordvik", "Service desk", "Åsa"):
        assert other not in text
    cli.run("vendor", "evidence", "INC-1", "baltic", "-o", str(tmp_path / "baltic.pdf"))
    pdf_text = subprocess.run(
        [poppler("pdftotext"), "-enc", "UTF-8", str(tmp_path / "baltic.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "Evidence: Baltic Perimeter Sp. z o.o. in INC-1" in pdf_text and "Page 1 of 1" in pdf_text
    assert "Kronan" not in pdf_text
    for whole in ("BP-20131227-04", "Wiśniewski", "commander", "Channel", "Outcome"):  # no word broken in a cell
        assert whole in pdf_text, whole
    bad = cli.run("vendor", "evidence", "INC-1", "baltic", "-o", str(tmp_path / "baltic.txt"), check=False)
    assert "'txt' is not an evidence format: use md, pdf or csv." in bad.stderr


def test_vendor_clock_lists_each_engaged_vendor_against_its_sla(cli):
    cli.run("demo")
    clocks = {c["vendor_name"]: c for c in cli.json("vendor", "clock", "INC-1", "--json")}
    assert list(clocks) == [
        "Kronan Datacenter AB",
        "Integra Meddelande AB",
        "Nordvik Nät AB",
        "Baltic Perimeter Sp. z o.o.",
    ]
    baltic = clocks["Baltic Perimeter Sp. z o.o."]
    assert (baltic["first_attempt"], baltic["first_reached"]) == ("2013-12-27T09:30:00Z", "2013-12-27T10:20:00Z")
    assert (
        baltic["summary"] == "responded in 50 min: SLA 30 min breached by 20 min" and baltic["sla_clock"] == "business"
    )
    assert baltic["tickets"] == ["BP-20131227-04"]
    assert clocks["Kronan Datacenter AB"]["tickets"] == ["KDC-2013-1220-117"]
    assert clocks["Integra Meddelande AB"]["summary"] == "responded in 5 min: within the SLA of 120 min"
