"""The christmas-release scenario files, loaded through DirectoryService (helpers for the other tests)."""

from __future__ import annotations

import pytest

from tests.data import SCENARIO as SCENARIO_DIR
from warroom.services.directory.service import DirectoryService

SCENARIO = SCENARIO_DIR
CALENDARS = {
    "kronan-datacenter.ics": "Kronan Datacenter AB",
    "integra.ics": "Integra Meddelande AB",
    "baltic-perimeter.ics": "Baltic Perimeter Sp. z o.o.",
}


def scenario_bytes(name: str) -> bytes:
    path = SCENARIO / name
    if not path.exists():
        pytest.skip(f"scenario file {path} is not here")
    return path.read_bytes()


def load_scenario(ctx) -> DirectoryService:
    directory = DirectoryService(ctx)
    directory.import_file(scenario_bytes("vendors.csv"), source_name="vendors.csv")
    for name, vendor in CALENDARS.items():
        directory.import_file(scenario_bytes(name), source_name=name, vendor_name=vendor)
    return directory


def test_scenario_loads_with_one_summary_per_file(ctx):
    directory = DirectoryService(ctx)
    first = directory.import_file(scenario_bytes("vendors.csv"), source_name="vendors.csv")
    assert first.describe() == (
        "vendors.csv: 4 new vendors, 0 updated; 10 new contacts, 0 updated; 10 escalation levels written."
    )
    assert first.vendor_names == (
        "Kronan Datacenter AB",
        "Integra Meddelande AB",
        "Nordvik Nät AB",
        "Baltic Perimeter Sp. z o.o.",
    )
    calendar = directory.import_file(
        scenario_bytes("kronan-datacenter.ics"), "kronan-datacenter.ics", vendor_name="Kronan Datacenter AB"
    )
    assert calendar.describe() == "kronan-datacenter.ics: 1 new absence, 0 updated."  # the patch window is transparent
