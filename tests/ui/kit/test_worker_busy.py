"""A write while another program holds the store waits, says so, and lands: nothing typed is lost."""

from __future__ import annotations

import sqlite3

import pytest

from warroom.ui.kit.worker import WAITING


@pytest.fixture
def services(tmp_path, monkeypatch):
    from warroom.app import build_services

    monkeypatch.setenv("WARROOM_BUSY_TIMEOUT", "0.3")
    made = build_services(f"sqlite:///{tmp_path / 'w.sqlite'}", user_name="Åsa Bergström")
    yield made
    made.close()


def test_a_busy_store_queues_the_write_and_shows_waiting(qtbot, tasks, wait_idle, services, tmp_path):
    incident = services.incidents.open("Checkout down", "SEV2")
    holder = sqlite3.connect(tmp_path / "w.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a long import in another Warroom
    added, shown = [], []
    tasks.waiting.connect(shown.append)
    try:
        with qtbot.waitSignal(tasks.waiting, timeout=5000):
            tasks.write(lambda: services.timeline.add(incident.id, "Vendor called back: Åsa"), added.append)
            tasks.write(lambda: services.timeline.add(incident.id, "Second note, typed while waiting"), added.append)
        assert shown == [WAITING] and added == [] and not tasks.is_idle()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with qtbot.waitSignal(tasks.resumed, timeout=5000):
        pass
    wait_idle(tasks)
    texts = [e.text for e in services.timeline.entries(incident.id)]
    assert texts[-2:] == ["Vendor called back: Åsa", "Second note, typed while waiting"]
    assert len(added) == 2


def test_an_os_error_is_one_sentence():
    from warroom.ui.kit.worker import error_sentence

    assert error_sentence(IsADirectoryError(21, "Is a directory", "/tmp/x")) == (
        "/tmp/x is a folder, not a file: name a file instead."
    )
