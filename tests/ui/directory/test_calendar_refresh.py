"""Calendar URLs in the directory panel: subscribe, refresh now, offline, the schedule."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from tests.comms_servers import Reply
from tests.unit.services.directory.test_calendar_sync import CLOSED, LEAVE, _calendar

BALTIC = "Baltic Perimeter Sp. z o.o."


def _serve(http_server, *events: str) -> None:
    http_server.default = Reply(200, _calendar(*events).decode("utf-8"), {"Content-Type": "text/calendar"})


def _select_vendor(panel, name: str) -> None:
    for row in range(panel.model.rowCount()):
        index = panel.model.index(row, 0)
        if index.data() == name:
            panel.tree.setCurrentIndex(index)
            return
    raise AssertionError(name)


def _reasons(services) -> list[str]:
    return sorted(a.reason for a in services.directory.absences(BALTIC) if a.source and a.source.startswith("http"))


def test_subscribe_refresh_and_offline_from_the_window(qtbot, panel, services, tasks, wait_idle, http_server):
    wait_idle(tasks)
    assert not panel.calendars.state.isVisible()
    _serve(http_server, CLOSED.format(summary="Closed"), LEAVE)
    url = http_server.url("/baltic.ics")
    _select_vendor(panel, BALTIC)
    panel.editor.subscribe_calendar()
    ask = panel.calendars.ask
    assert ask.isVisible() and BALTIC in ask.labelText()
    ask.setTextValue(url)
    ask.accept()
    wait_idle(tasks)
    assert panel.message.text() == f"{url}: 2 new absences, 0 updated."
    assert _reasons(services) == ["Annual leave", "Closed"]
    assert panel.calendars.state.isVisible()
    assert panel.calendars.state.text().startswith("1 calendar by URL, last fetched ")
    _serve(http_server, CLOSED.format(summary="Closed"))  # the leave was cancelled
    panel.editor.refresh_calendars()
    wait_idle(tasks)
    assert "1 absence removed (gone from the calendar)" in panel.message.text()
    assert _reasons(services) == ["Closed"]
    fetched = panel.calendars.state.text().removeprefix("1 calendar by URL, last fetched ")
    http_server.default = Reply(503, "down")
    panel.editor.refresh_calendars()
    wait_idle(tasks)
    said = f"{BALTIC}: 127.0.0.1 failed to serve the calendar (HTTP 503); try again later (the copy fetched {fetched} stands)."
    assert panel.message.text() == said
    assert panel.calendars.state.text() == "1 calendar by URL: " + said.rstrip(".")
    assert _reasons(services) == ["Closed"]  # the last good copy stands


def test_the_schedule_fetches_only_what_is_due(qtbot, panel, services, tasks, wait_idle, http_server):
    _serve(http_server, CLOSED.format(summary="Closed"))
    services.calendars.add("baltic", None, http_server.url())
    asked = len(http_server.requests)
    panel.calendars.refresh_due()
    wait_idle(tasks)
    assert len(http_server.requests) == asked  # fetched moments ago: not due for six hours
    (sub,) = services.calendars.list()
    services.calendars._save((replace(sub, checked_at=sub.checked_at - timedelta(hours=6, minutes=1)),))
    panel.calendars.refresh_due()
    wait_idle(tasks)
    assert len(http_server.requests) == asked + 1  # six hours on, the schedule fetches it again
    assert panel.calendars.timer.isActive() and panel.calendars.timer.interval() == 6 * 60 * 60 * 1000


def test_a_bad_url_is_one_sentence_and_no_subscription(qtbot, panel, services, tasks, wait_idle):
    _select_vendor(panel, BALTIC)
    panel.editor.subscribe_calendar()
    panel.calendars.ask.setTextValue("ftp://example.net/x.ics")
    panel.calendars.ask.accept()
    wait_idle(tasks)
    assert (
        panel.message.text()
        == "'ftp://example.net/x.ics' is not a calendar URL: give an http://, https:// or webcal:// address."
    )
    assert services.calendars.list() == ()


def _open_subscriptions(qtbot, panel, tasks, wait_idle):
    panel.editor.calendars_action.trigger()
    dialog = panel.editor.calendars_dialog
    assert dialog is not None and dialog.isVisible()
    wait_idle(tasks)
    return dialog


def test_the_subscriptions_dialog_lists_refreshes_and_removes(qtbot, panel, services, tasks, wait_idle, http_server):
    _serve(http_server, CLOSED.format(summary="Closed"), LEAVE)
    url = http_server.url("/baltic.ics")
    services.calendars.add("baltic", None, url)
    dialog = _open_subscriptions(qtbot, panel, tasks, wait_idle)
    assert dialog.table.rowCount() == 1 and not dialog.empty.isVisible()
    assert [dialog.table.item(0, c).text() for c in range(2)] == [BALTIC, url]
    assert dialog.table.item(0, 2).text().startswith("fetched ")
    http_server.default = Reply(503, "down")
    dialog.refresh_button.click()
    wait_idle(tasks)
    qtbot.waitUntil(lambda: "HTTP 503" in dialog.table.item(0, 2).text())
    assert "stands" in dialog.table.item(0, 2).text()  # the last good copy, as the panel says

    dialog.remove_button.click()
    assert url in dialog.confirm.text() and "stay in the directory" in dialog.confirm.text()
    dialog.confirm.button(dialog.confirm.StandardButton.Cancel).click()
    wait_idle(tasks)
    assert services.calendars.list() != ()
    dialog.remove_button.click()
    remove = next(b for b in dialog.confirm.buttons() if b.text() == "Remove")
    remove.click()
    wait_idle(tasks)
    qtbot.waitUntil(lambda: dialog.empty.isVisible())
    assert services.calendars.list() == () and not dialog.remove_button.isEnabled()
    assert panel.message.text() == f"No longer fetching the calendar of {BALTIC}; its absences stay."
    assert _reasons(services) == ["Annual leave", "Closed"]  # the imported absences are kept
    qtbot.waitUntil(lambda: not panel.calendars.state.isVisible())
