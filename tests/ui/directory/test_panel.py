"""The directory panel on real services and a real SQLite store, driven with keys and clicks."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QToolButton

from tests.ui.directory.conftest import SCENARIO
from warroom.domain.clock import utc_now
from warroom.domain.directory import Outcome
from warroom.domain.timeline import EntryKind
from warroom.ui.directory.model import KIND_ROLE, VALUE_ROLE, Col, reachable_text
from warroom.ui.directory.panel import DirectoryPanel

SHOTS = Path("/tmp/wr-ui")
CTRL = Qt.KeyboardModifier.ControlModifier


def _names(panel) -> list[tuple[str, list[str]]]:
    model = panel.model
    out = []
    for row in range(model.rowCount()):
        vendor = model.index(row, 0)
        out.append((vendor.data(), [model.index(i, 0, vendor).data() for i in range(model.rowCount(vendor))]))
    return out


def _shot(widget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def test_typing_firewall_finds_who_operates_it(qtbot, panel, tasks, wait_idle, qtmodeltester):
    assert len(_names(panel)) == 4 and panel.count.text() == "4 vendors, 10 contacts"
    qtmodeltester.check(panel.model)
    panel.search_box.setFocus()
    qtbot.keyClicks(panel.search_box, "firewall")
    qtbot.waitUntil(lambda: len(_names(panel)) == 1, timeout=2000)
    assert _names(panel) == [("Baltic Perimeter Sp. z o.o.", ["Ticket portal", "Paweł Wiśniewski", "Duty manager"])]
    _shot(panel, "directory-firewall.png")
    panel.search_box.clear()
    qtbot.keyClicks(panel.search_box, "goran")  # accents need not be typed
    qtbot.waitUntil(lambda: _names(panel) == [("Kronan Datacenter AB", ["Göran Lindqvist"])], timeout=2000)
    qtbot.keyClick(panel.search_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(_names(panel)) == 4, timeout=2000)


def test_contact_rows_show_local_time_and_reachability(panel):
    model = panel.model
    kronan = next(
        model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == "Kronan Datacenter AB"
    )
    elin = next(
        model.index(i, 0, kronan)
        for i in range(model.rowCount(kronan))
        if model.index(i, 0, kronan).data() == "Elin Sjöberg"
    )
    status = elin.data(VALUE_ROLE)
    assert elin.data(KIND_ROLE) == "contact" and status.reachable  # always on call
    assert elin.siblingAtColumn(Col.REACHABLE).data() == "Yes (always on call)"
    assert elin.siblingAtColumn(Col.LEVEL).data() == "L2"
    assert re.fullmatch(r"\w{3} \d\d:\d\d CES?T", elin.siblingAtColumn(Col.LOCAL).data())
    assert "(Europe/Stockholm)" in elin.siblingAtColumn(Col.LOCAL).data(Qt.ItemDataRole.ToolTipRole)


def test_log_an_attempt_with_keys_and_see_it_in_the_timeline(qtbot, panel, services, tasks, wait_idle, incident):
    panel.set_incident(incident)
    wait_idle(tasks)
    index = panel.find("contact", _contact_id(panel, "Elin Sjöberg"))
    panel.tree.setCurrentIndex(index)
    assert panel.card.title.text() == "Elin Sjöberg"
    wait_idle(tasks)
    _shot(panel, "directory.png")
    qtbot.mouseClick(panel.card.log, Qt.MouseButton.LeftButton)
    dialog = panel.attempt_dialog
    qtbot.waitExposed(dialog)
    _shot(dialog, "directory-log-attempt.png")
    qtbot.keyClicks(dialog.ticket, "4711")
    qtbot.keyClick(dialog.ticket, Qt.Key.Key_Return, CTRL)
    wait_idle(tasks)
    qtbot.mouseClick(panel.card.quick, Qt.MouseButton.LeftButton)  # one click: phone, no answer
    wait_idle(tasks)
    texts = [(e.kind, e.text) for e in services.timeline.entries(incident.id)]
    assert texts == [
        (EntryKind.CONTACT, "Called Elin Sjöberg (Kronan Datacenter AB) by phone: no answer; ticket 4711"),
        (EntryKind.CONTACT, "Called Elin Sjöberg (Kronan Datacenter AB) by phone: no answer"),
    ]
    assert panel.message.text() == "Logged: phone, no answer"


def test_outcome_button_logs_in_one_click(qtbot, panel, services, tasks, wait_idle, incident):
    panel.set_incident(incident)
    status = panel.find("contact", _contact_id(panel, "Paweł Wiśniewski")).data(VALUE_ROLE)
    panel.log_attempt(status, quick=False)
    dialog = panel.attempt_dialog
    dialog.channel.setCurrentIndex(dialog.channel.findText("Email"))
    qtbot.mouseClick(dialog._button(Outcome.ACKNOWLEDGED), Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    (entry,) = services.timeline.entries(incident.id)
    assert entry.text == "Emailed Paweł Wiśniewski (Baltic Perimeter Sp. z o.o.): acknowledged"


def test_copy_and_links(qtbot, panel):
    panel.tree.setCurrentIndex(panel.find("contact", _contact_id(panel, "Göran Lindqvist")))
    opened = []
    panel.card.open_link = opened.append  # the desktop's phone app is not here
    button = panel.card.findChild(QToolButton, "copy:+46705559876")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "+46705559876"
    assert panel.message.text() == "Copied +46705559876"
    link = panel.card.findChild(QLabel, "link:tel:+46705559876")
    assert 'href="tel:+46705559876"' in link.text() and "+46 70 555 98 76" in link.text()


def test_escalation_due_shows_a_banner_and_notifies_once(qtbot, panel, services, tasks, wait_idle, incident):
    desk = _contact_id(panel, "Service desk")
    services.directory.log_attempt(incident.id, desk, "phone", "no answer", at=utc_now() - timedelta(minutes=31))
    panel.set_incident(incident)
    wait_idle(tasks)
    assert panel.banner.isVisible()
    assert (
        "Kronan Datacenter AB: no acknowledgement from level 1 (Service desk) within 30 min; "
        "call now: Elin Sjöberg (level 2)." in panel.banner_message()
    )
    assert [title for title, _ in panel.notifier.sent] == ["Escalation due"]
    _shot(panel, "directory-escalation-due.png")
    panel.watcher.check_now()
    wait_idle(tasks)
    assert len(panel.notifier.sent) == 1 and panel.banner.isVisible()  # announced once, banner stays
    panel.dismiss_banner()
    panel.watcher.check_now()
    wait_idle(tasks)
    assert not panel.banner.isVisible()
    services.directory.log_attempt(incident.id, _contact_id(panel, "Elin Sjöberg"), "phone", "acknowledged")
    panel.watcher.check_now()
    wait_idle(tasks)
    assert not panel.banner.isVisible()


def test_vendor_selection_shows_its_escalation_path(qtbot, panel, tasks, wait_idle):
    panel.tree.setCurrentIndex(panel.find("vendor", panel.all_statuses[0].vendor.id))
    wait_idle(tasks)
    assert panel.tabs.currentWidget() is panel.escalation
    text = panel.escalation.label.text()
    assert "Level 1" in text and "Baltic Perimeter" in text
    _shot(panel, "directory-escalation.png")


def _contact_id(panel, name: str) -> str:
    return next(c.contact.id for v in panel.all_statuses for c in v.contacts if c.contact.name == name)


def test_reachable_text_says_when_back():
    from datetime import datetime
    from types import SimpleNamespace
    from zoneinfo import ZoneInfo

    local = datetime(2013, 12, 24, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
    back = datetime(2013, 12, 27, 7, 0, tzinfo=ZoneInfo("UTC"))
    status = SimpleNamespace(reachable=False, reason="Christmas Eve (SE)", next_reachable_at=back, local_time=local)
    assert reachable_text(status) == "No — Christmas Eve (SE); back Fri 27 Dec 08:00"


def test_installs_in_the_main_window_and_follows_its_incident(qtbot, window, services, tasks, wait_idle, directory):
    from warroom.ui.directory.coverage_panel import install_coverage_panel
    from warroom.ui.directory.panel import install_directory_panel

    panel = install_directory_panel(window)
    coverage = install_coverage_panel(window)
    incident = services.incidents.open("Christmas release", "SEV1", started_at=utc_now() - timedelta(hours=1))
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: panel.incident_id == incident.id, timeout=3000)
    assert panel.card.can_log and len(panel.all_statuses) == 4 and len(coverage.grid.views) == 4
    elin = next(c for v in panel.all_statuses for c in v.contacts if c.contact.name == "Elin Sjöberg")
    assert elin.reachable  # always on call
    services.directory.add_absence(
        elin.vendor.id,
        utc_now() - timedelta(minutes=5),
        utc_now() + timedelta(days=1),
        "Sick",
        contact_id=elin.contact.id,
    )  # as if from the CLI or another laptop
    qtbot.waitUntil(
        lambda: panel.find("contact", elin.contact.id).data(VALUE_ROLE).reason.startswith("Sick"), timeout=5000
    )
    wait_idle(tasks)
    _shot(window, "window-with-directory.png")


def test_import_from_the_panel_puts_a_calendar_on_the_selected_vendor(qtbot, services, tasks, wait_idle):
    if not SCENARIO.exists():
        pytest.skip(f"scenario folder {SCENARIO} is not here")
    widget = DirectoryPanel(services, tasks)
    qtbot.addWidget(widget)
    wait_idle(tasks)
    widget.import_paths([str(SCENARIO / "integra.ics")])  # nothing selected: the service asks for a vendor
    wait_idle(tasks)
    assert "integra.ics is a calendar, so name the vendor" in widget.message.text()
    widget.import_paths([str(SCENARIO / "vendors.csv")])
    wait_idle(tasks)
    assert widget.message.text().startswith("vendors.csv: 4 new vendors")
    qtbot.waitUntil(lambda: len(widget.all_statuses) == 4, timeout=3000)
    integra = next(v.vendor.id for v in widget.all_statuses if v.vendor.name == "Integra Meddelande AB")
    widget.tree.setCurrentIndex(widget.find("vendor", integra))
    widget.import_paths([str(SCENARIO / "integra.ics")])
    wait_idle(tasks)
    assert widget.message.text() == "integra.ics: 1 new absence, 0 updated."
    assert [a.reason for a in services.directory.absences("Integra Meddelande AB")] == ["Föräldraledig"]
    widget.close()


def test_context_menu_offers_logging_and_copying(qtbot, panel, incident):
    from warroom.ui.directory.card import contact_menu

    status = panel.find("contact", _contact_id(panel, "Paweł Wiśniewski")).data(VALUE_ROLE)
    logged, copied = [], []
    menu = contact_menu(panel, status, False, lambda s, quick: logged.append(quick), copied.append)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts == [
        "Log attempt…",
        "Phone: no answer",
        "Copy +48225556123",
        "Copy pawel.wisniewski@baltic-perimeter.example",
    ]
    assert not menu.actions()[0].isEnabled()  # no incident yet
    menu.actions()[2 + 1].trigger()
    assert copied == ["+48225556123"]
