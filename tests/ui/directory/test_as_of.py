"""Plan ahead: the directory and its escalation advice for another instant, with a banner."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from warroom.ui.directory.model import KIND_ROLE, VALUE_ROLE

CHRISTMAS_EVE_10 = datetime(2013, 12, 24, 9, 0, tzinfo=UTC)  # 10:00 in Stockholm


def shown_reachability(panel) -> dict[tuple[str, str], bool]:
    model, found = panel.model, {}
    for row in range(model.rowCount()):
        vendor = model.index(row, 0)
        for child in range(model.rowCount(vendor)):
            status = model.index(child, 0, vendor).data(VALUE_ROLE)
            found[(status.vendor.name, status.contact.name)] = status.reachable
    return found


def test_typed_as_of_answers_like_the_cli_and_says_so_in_a_banner(qtbot, panel, services, tasks, wait_idle):
    assert not panel.as_of.banner.isVisible()
    field = panel.as_of.when
    field.setFocus()  # as a person would: Tab or a click into the field
    field.set_instant(CHRISTMAS_EVE_10)  # as typed in the commander's zone (Stockholm)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: not panel._loading)
    cli = {(s.vendor.name, s.contact.name): s.reachable for s in services.directory.reachable(CHRISTMAS_EVE_10)}
    assert shown_reachability(panel) == cli  # what `warroom vendors reachable --at` prints
    assert shown_reachability(panel) != {
        (s.vendor.name, s.contact.name): s.reachable for s in services.directory.reachable()
    }
    assert panel.as_of.banner.isVisible() and "2013-12-24 10:00:00" in panel.as_of.banner.text()
    assert panel.model.headerData(1, Qt.Orientation.Horizontal) == "Reachable Tue 24 Dec 10:00"
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: not panel._loading)
    assert not panel.as_of.banner.isVisible() and panel.as_of.instant() is None
    assert panel.model.headerData(1, Qt.Orientation.Horizontal) == "Reachable now"


def test_plus_a_day_moves_the_escalation_advice_too(qtbot, panel, services, tasks, wait_idle):
    vendor = next(r for r in range(panel.model.rowCount()) if panel.model.index(r, 0).data(KIND_ROLE) == "vendor")
    panel.tree.setCurrentIndex(panel.model.index(vendor, 0))
    wait_idle(tasks)
    panel.as_of.set_at(CHRISTMAS_EVE_10)
    qtbot.mouseClick(panel.as_of.day_button, Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    assert panel.as_of.instant() == datetime(2013, 12, 25, 9, 0, tzinfo=UTC)
    name = panel.model.index(vendor, 0).data(VALUE_ROLE).vendor.id
    expected = services.directory.escalate(name, panel.as_of.instant())
    assert panel.escalation.label.text() and panel.display.day_and_clock(expected.at) in panel.escalation.label.text()


def test_the_banner_and_the_escalation_tab_give_the_same_advice(qtbot, panel, services, tasks, wait_idle, incident):
    from datetime import timedelta

    from warroom.domain.clock import utc_now

    desk = next(c.contact.id for v in panel.all_statuses for c in v.contacts if c.contact.name == "Service desk")
    services.directory.log_attempt(incident.id, desk, "phone", "no answer", at=utc_now() - timedelta(minutes=31))
    panel.set_incident(incident)
    wait_idle(tasks)
    (due,) = panel.watcher.current
    row = next(r for r in range(panel.model.rowCount()) if panel.model.index(r, 0).data() == "Kronan Datacenter AB")
    panel.tree.setCurrentIndex(panel.model.index(row, 0))
    wait_idle(tasks)
    tab = panel.escalation.label.text()
    who = ", ".join(s.contact.name for s in due.view.call_now)
    assert f"call now: {who} (level {due.view.call_level})." in panel.banner_message()
    assert f"<b>Call now</b> (level {due.view.call_level})" in tab and who in tab
