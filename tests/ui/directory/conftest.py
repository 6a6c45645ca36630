"""The directory of the Christmas-release scenario, and a panel on it."""

from __future__ import annotations

import pytest

from tests.data import SCENARIO
from warroom.ui.directory.panel import DirectoryPanel

CALENDARS = {
    "kronan-datacenter.ics": "Kronan Datacenter AB",
    "integra.ics": "Integra Meddelande AB",
    "baltic-perimeter.ics": "Baltic Perimeter Sp. z o.o.",
}


@pytest.fixture
def directory(services):
    if not SCENARIO.exists():
        pytest.skip(f"scenario folder {SCENARIO} is not here")
    services.directory.import_file((SCENARIO / "vendors.csv").read_bytes(), "vendors.csv")
    for name, vendor in CALENDARS.items():
        services.directory.import_file((SCENARIO / name).read_bytes(), name, vendor_name=vendor)
    return services.directory


@pytest.fixture
def panel(qtbot, services, tasks, wait_idle, directory):
    widget = DirectoryPanel(services, tasks)
    qtbot.addWidget(widget)
    widget.resize(640, 760)
    widget.show()
    qtbot.waitExposed(widget)
    wait_idle(tasks)
    yield widget
    widget.close()
