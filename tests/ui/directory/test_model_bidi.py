"""Names in the directory list show bidirectional controls instead of obeying them."""

from __future__ import annotations

from warroom.ui.directory.model import DirectoryModel


def test_a_vendor_and_contact_named_with_an_override_read_in_typed_order(qtbot, services):
    directory = services.directory
    vendor = directory.add_vendor(
        "Invoices\u202egnp.exe AB", country="SE", timezone="Europe/Stockholm", hours="Mon-Fri 08:00-17:00"
    )
    directory.add_contact(vendor.id, "Åsa \u2067Berg\u2069", role="Duty \u202emanager")
    model = DirectoryModel()
    model.show(directory.overview())
    row = model.index(0, 0)
    assert row.data() == "Invoices⟨RLO⟩gnp.exe AB"
    assert model.index(0, 0, row).data() == "Åsa ⟨RLI⟩Berg⟨PDI⟩"
    assert model.index(0, model.columnCount() - 1, row).data() == "Duty ⟨RLO⟩manager"
