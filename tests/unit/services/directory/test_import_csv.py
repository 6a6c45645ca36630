"""A directory CSV imported as it streams: vendors whose rows are apart, batches, all or nothing."""

from __future__ import annotations

import pytest

from tests.unit.integrations.test_directory_csv import csv_text, second
from warroom.domain.errors import ValidationError
from warroom.services.directory import import_csv
from warroom.services.directory.service import DirectoryService

NORDIC = {
    "vendor": "Nordic Firewall AB",
    "contact": "Paweł Wiśniewski",
    "email": "pawel@nordic.example",
    "phone": "+46 8 555 020 00",
    "escalation_level": "1",
}
# Kronan's second contact comes after Nordic's row; a vendor-only row names Integra.
APART = csv_text(
    {},
    NORDIC,
    second(),
    {
        "vendor": "Integra AB",
        "contact": "",
        "role": "",
        "phone": "",
        "email": "",
        "escalation_level": "",
        "escalate_after_min": "",
    },
).encode()


def _directory(directory: DirectoryService) -> dict:
    snap = directory.snapshot()
    names = {c.id: c.name for c in snap.contacts}
    return {
        v.name: (
            sorted(c.name for c in snap.contacts_of(v.id)),
            [(lv.level, [names[i] for i in lv.contact_ids], lv.wait_min) for lv in snap.levels_of(v.id)],
        )
        for v in snap.vendors
    }


def test_a_vendor_whose_rows_are_apart_is_one_vendor_with_its_whole_path(ctx):
    directory = DirectoryService(ctx)
    summary = directory.import_file(APART, "apart.csv")
    assert summary.vendor_names == ("Kronan Datacenter AB", "Nordic Firewall AB", "Integra AB")
    assert (summary.vendors_created, summary.contacts_created, summary.levels_changed) == (3, 3, 3)
    assert _directory(directory) == {
        "Integra AB": ([], []),
        "Kronan Datacenter AB": (
            ["Elin Sjöberg", "Service desk"],
            [(1, ["Service desk"], 30), (2, ["Elin Sjöberg"], 45)],
        ),
        "Nordic Firewall AB": (["Paweł Wiśniewski"], [(1, ["Paweł Wiśniewski"], 30)]),
    }
    again = directory.import_file(APART, "apart.csv")
    assert (again.vendors_created, again.contacts_created, again.contacts_updated, again.levels_changed) == (0, 0, 0, 0)
    assert again.unchanged == 3 + 3 + 3


def test_an_update_in_a_later_run_of_rows_changes_the_stored_contact(ctx):
    directory = DirectoryService(ctx)
    directory.import_file(APART, "apart.csv")
    moved = APART.replace(b"+46705551234", b"+46705559999")
    summary = directory.import_file(moved, "apart.csv")
    assert summary.contacts_updated == 1 and summary.contacts_created == 0
    elin = next(c for c in directory.snapshot().contacts if c.name == "Elin Sjöberg")
    assert elin.phones == ("+46705559999",)


def test_batches_report_progress_and_a_bad_last_row_leaves_nothing(ctx, monkeypatch):
    monkeypatch.setattr(import_csv, "BATCH_ROWS", 2)
    directory = DirectoryService(ctx)
    reports: list[tuple[int, int]] = []
    directory.import_file(APART, "apart.csv", on_progress=lambda done, total: reports.append((done, total)))
    assert reports == [(1, 4), (2, 4), (3, 4), (3, 3)]  # four lines after the header, three contacts
    bad = csv_text(
        {"vendor": "Lakeshore"},
        {**NORDIC, "vendor": "Nordvik"},
        {"vendor": "Lakeshore", "contact": "Dana", "email": "", "timezone": "Mars/Olympus"},
    )
    written: list[int] = []
    with pytest.raises(ValidationError, match=r"bad\.csv line 4, column 'timezone'"):
        directory.import_file(bad.encode(), "bad.csv", on_progress=lambda done, total: written.append(done))
    assert written == [1, 2]  # lines 2 and 3 were written before line 4 was read: the rollback took them back
    assert not {"Lakeshore", "Nordvik"} & set(_directory(directory))
