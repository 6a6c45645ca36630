"""The directory tree's model: vendors over their contacts, cells made when a view asks."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.data import SCENARIO
from warroom.ui.directory.model import KIND_ROLE, VALUE_ROLE, Col, DirectoryModel


def test_the_model_passes_the_model_tester_and_answers_each_rows_value(qtmodeltester, services):
    directory = services.directory
    directory.import_file((SCENARIO / "vendors.csv").read_bytes(), "vendors.csv")
    model = DirectoryModel()
    model.show(directory.overview())
    qtmodeltester.check(model, force_py=True)
    vendor = model.index(0, 0)
    first = model.index(0, Col.REACHABLE, vendor)
    assert vendor.data(KIND_ROLE) == "vendor" and first.data(KIND_ROLE) == "contact"
    assert model.value(first) is vendor.data(VALUE_ROLE).contacts[0]
    assert model.rowCount(vendor) == len(vendor.data(VALUE_ROLE).contacts) and model.rowCount(first) == 0
    assert first.data().startswith(("Yes", "No")) and first.parent() == vendor
    model.set_reachable_heading("Tue 24 Dec 10:00")
    assert model.headerData(Col.REACHABLE, Qt.Orientation.Horizontal) == "Reachable Tue 24 Dec 10:00"


def test_showing_other_statuses_resets_the_cells_it_made(qtbot, services):
    directory = services.directory
    vendor = directory.add_vendor("Nordvik Nät AB", country="SE", timezone="Europe/Stockholm", hours="24/7")
    directory.add_contact(vendor.id, "Elin Sjöberg", role="Network engineer")
    model = DirectoryModel()
    model.show(directory.overview())
    assert model.index(0, Col.ROLE, model.index(0, 0)).data() == "Network engineer"
    directory.edit_contact("Nordvik", "Elin", role="Duty manager")
    model.show(directory.overview())
    assert model.index(0, Col.ROLE, model.index(0, 0)).data() == "Duty manager"
