"""`warroom calendar` end to end, against a real local HTTP server serving a vendor's calendar."""

from __future__ import annotations

import pytest

from tests.comms_servers import Reply
from tests.data import SCENARIO
from tests.e2e.conftest import Cli
from tests.unit.services.directory.test_calendar_sync import CLOSED, LEAVE, _calendar


@pytest.fixture
def cli(tmp_path) -> Cli:  # the calendar code is the same on either store: SQLite keeps this short
    return Cli(f"sqlite:///{tmp_path / 'warroom.sqlite'}", tmp_path)


def _serve(http_server, *events: str) -> None:
    http_server.default = Reply(200, _calendar(*events).decode("utf-8"), {"Content-Type": "text/calendar"})


def _reasons(cli) -> list[str]:
    return sorted(a["reason"] for a in cli.json("absence", "list", "--vendor", "baltic", "--json"))


def test_subscribe_refresh_and_work_offline(cli, http_server):
    cli.run("vendors", "import", str(SCENARIO / "vendors.csv"))
    _serve(http_server, CLOSED.format(summary="Closed"), LEAVE)
    url = http_server.url("/baltic.ics")
    added = cli.run("vendors", "import", url, "--vendor", "firewall")  # a URL subscribes, as `calendar add` does
    assert f"Subscribed Baltic Perimeter Sp. z o.o. to {url}. {url}: 2 new absences, 0 updated." in added.stderr
    _serve(http_server, CLOSED.format(summary="Closed"))  # the leave was cancelled
    again = cli.run("calendar", "refresh", "--vendor", "baltic")
    assert "1 absence removed (gone from the calendar)" in again.stderr
    assert _reasons(cli) == ["Closed"]
    http_server.default = Reply(404, "gone")
    failed = cli.run("calendar", "refresh", check=False)
    assert failed.returncode == 1
    assert "127.0.0.1 has no calendar at that address: it was moved or unpublished (HTTP 404) (the copy fetched" in (
        failed.stderr
    )
    (listed,) = cli.json("calendar", "list", "--json")
    assert (listed["url"], listed["vendor_name"], listed["contact_name"]) == (url, "Baltic Perimeter Sp. z o.o.", None)
    assert listed["fetched_at"].endswith("Z") and "stands" in listed["state"]
    assert _reasons(cli) == ["Closed"]  # a failed fetch removes nothing
    cli.run("calendar", "remove", url)
    assert cli.json("calendar", "list", "--json") == []


def test_a_contacts_calendar_and_the_usage_sentences(cli, http_server):
    cli.run("vendors", "import", str(SCENARIO / "vendors.csv"))
    _serve(http_server, CLOSED.format(summary="Dentist"))
    cli.run("calendar", "add", "baltic", "paweł", http_server.url("/pawel.ics"))
    (absence,) = cli.json("absence", "list", "--vendor", "baltic", "--json")
    assert absence["reason"] == "Dentist" and absence["contact"] == "Paweł Wiśniewski"
    bad = cli.run("calendar", "add", "baltic", "file:///etc/passwd", check=False)
    assert bad.returncode == 1 and "'file:///etc/passwd' is not a calendar URL" in bad.stderr
    no_vendor = cli.run("vendors", "import", http_server.url(), check=False)
    assert no_vendor.returncode == 1 and "A calendar URL belongs to a vendor: add --vendor NAME." in no_vendor.stderr
