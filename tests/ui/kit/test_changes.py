"""The change signal on the GUI thread: kinds of change, and who made it."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from warroom.ui.kit.changes import Changed, ChangeNote, listen_to_store


def test_a_write_for_an_origin_is_heard_with_that_origin(qtbot, services, tasks, wait_idle):
    owner = QWidget()
    qtbot.addWidget(owner)
    heard: list[ChangeNote] = []
    listen_to_store(owner, services, heard.append)
    incidents = services.incidents
    tasks.write(lambda: incidents.open("Betalning nere i Göteborg", "SEV2"), origin="incident header")
    tasks.write(lambda: incidents.open("Ett till", "SEV3"))
    wait_idle(tasks)
    qtbot.waitUntil(lambda: len(heard) == 2)
    assert [n.origin for n in heard] == ["incident header", None]
    assert all(n.what == Changed.INCIDENT for n in heard)


def test_listening_stops_when_the_owner_goes(qtbot, services, tasks, wait_idle):
    owner = QWidget()
    heard: list[ChangeNote] = []
    events = listen_to_store(owner, services, heard.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: events._unsubscribe is None)
    services.incidents.open("Nobody listens", "SEV4")
    qtbot.wait(50)
    assert heard == []
