"""Adding a vendor and a contact who works elsewhere in the window, checked as typed."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from warroom.ui.directory.panel import DirectoryPanel

ELECTION_DAY = datetime(2025, 11, 4, 11, 0, tzinfo=ZoneInfo("America/Chicago"))  # a New York-only holiday


@pytest.fixture
def panel(qtbot, services, tasks, wait_idle):
    widget = DirectoryPanel(services, tasks)
    qtbot.addWidget(widget)
    widget.resize(640, 760)
    widget.show()
    qtbot.waitExposed(widget)
    wait_idle(tasks)
    yield widget
    widget.close()


def _type(qtbot, edit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def _ok(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_add_a_vendor_and_a_new_yorker_and_see_reachability_change(qtbot, panel, services, tasks, wait_idle):
    panel.editor.add_vendor_action.trigger()
    vendor_dialog = panel.editor.dialog
    qtbot.waitExposed(vendor_dialog)
    _type(qtbot, vendor_dialog.name, "Lakeshore Networks")
    _type(qtbot, vendor_dialog.country, "US")
    _type(qtbot, vendor_dialog.subdivision, "Narnia")
    assert "'Narnia' is not a subdivision of US" in vendor_dialog.problem.text() and not _ok(vendor_dialog).isEnabled()
    _type(qtbot, vendor_dialog.subdivision, "IL")
    _type(qtbot, vendor_dialog.zone, "America/Chikago")
    assert "not a known time zone" in vendor_dialog.problem.text()
    _type(qtbot, vendor_dialog.zone, "America/Chicago")
    _type(qtbot, vendor_dialog.hours, "Mon-Fri 08:00-17:00")
    assert vendor_dialog.problem.text() == "" and _ok(vendor_dialog).isEnabled()
    qtbot.keyClick(vendor_dialog.hours, Qt.Key.Key_Return)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: panel.count.text() == "1 vendor, 0 contacts", timeout=3000)

    panel.tree.setCurrentIndex(panel.model.index(0, 0))
    for name, subdivision, zone in (("Chicago desk", "", ""), ("Dana Reyes", "NY", "America/New_York")):
        panel.editor.add_contact_action.trigger()
        dialog = panel.editor.dialog
        qtbot.waitExposed(dialog)
        _type(qtbot, dialog.name, name)
        _type(qtbot, dialog.zone, zone)
        _type(qtbot, dialog.subdivision, subdivision)
        dialog.level.setValue(1 if name == "Chicago desk" else 2)
        assert _ok(dialog).isEnabled(), dialog.problem.text()
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
        wait_idle(tasks)
    qtbot.waitUntil(lambda: panel.count.text() == "1 vendor, 2 contacts", timeout=3000)

    rows = {r.contact.name: r for r in services.directory.reachable(at=ELECTION_DAY)}
    assert rows["Chicago desk"].reachable
    assert (rows["Dana Reyes"].reachable, rows["Dana Reyes"].reason) == (False, "Election Day (US-NY)")
    advice = services.directory.escalate("lakeshore", at=ELECTION_DAY)
    assert [[s.contact.name for s in lv.contacts] for lv in advice.levels] == [["Chicago desk"], ["Dana Reyes"]]


def test_leave_typed_in_the_window_makes_a_contact_unreachable(qtbot, panel, services, tasks, wait_idle):
    vendor = services.directory.add_vendor(
        "Nordic Fibre AB", country="SE", timezone="Europe/Stockholm", hours="Mon-Fri 08:00-17:00"
    )
    person = services.directory.add_contact(vendor.id, "Åsa Berg")
    panel.refresh()
    wait_idle(tasks)
    panel.tree.setCurrentIndex(panel.find("contact", person.id))
    panel.editor.absence_action.trigger()
    dialog = panel.editor.dialog
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Add an absence: Åsa Berg"
    dialog.first.setDate(dialog.first.date().addDays(3))
    assert dialog.problem.text() == "Through: the last day is before the first." and not _ok(dialog).isEnabled()
    dialog.first.setDate(dialog.last.date())
    dialog.last.setDate(dialog.last.date().addDays(14))
    qtbot.keyClicks(dialog.reason, "Parental leave")  # QTest types ASCII only
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    (absence,) = services.directory.absences("nordic")
    assert (absence.contact_id, absence.reason) == (person.id, "Parental leave")
    assert absence.starts_at.astimezone(ZoneInfo("Europe/Stockholm")).hour == 0
    during = absence.starts_at + (absence.ends_at - absence.starts_at) / 2
    row = {r.contact.name: r for r in services.directory.reachable(at=during, vendor="nordic")}["Åsa Berg"]
    assert not row.reachable and row.reason.startswith("Parental leave through ")


def test_remove_asks_first_and_keeps_whom_an_incident_called(qtbot, panel, services, tasks, wait_idle, incident):
    vendor = services.directory.add_vendor(
        "Nordic Fibre AB", country="SE", timezone="Europe/Stockholm", hours="Mon-Fri 08:00-17:00"
    )
    called = services.directory.add_contact(vendor.id, "Called Person", phones=("+46705551234",))
    spare = services.directory.add_contact(vendor.id, "Spare Person")
    services.directory.log_attempt(incident.id, called.id, "phone", "no answer")
    panel.refresh()
    wait_idle(tasks)
    for person, said in ((spare, "Removed Spare Person"), (called, "is inactive and off the path")):
        panel.tree.setCurrentIndex(panel.find("contact", person.id))
        panel.editor.remove_action.trigger()
        box = panel.editor.confirm
        qtbot.waitExposed(box)
        qtbot.keyClick(box, Qt.Key.Key_Escape)  # cancel: nothing happens
        wait_idle(tasks)
        assert panel.find("contact", person.id).isValid()
        panel.editor.remove_action.trigger()
        box = panel.editor.confirm
        qtbot.waitExposed(box)
        qtbot.mouseClick(box.button(box.StandardButton.Yes), Qt.MouseButton.LeftButton)
        wait_idle(tasks)
        qtbot.waitUntil(lambda p=person: not panel.find("contact", p.id).isValid(), timeout=3000)
        assert said in panel.message.text()
    assert services.directory.contact(called.id).active is False  # kept for the record
