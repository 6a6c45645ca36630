"""A status update's timeline row shows its delivery state live: queued, sent at, failed and why.

The real main window with the Communications feature (its sender thread), a real local HTTP
server as the Slack webhook, offscreen.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.comms_servers import CaptureServer, Reply, free_port
from warroom.services.comms import ChannelService, CommsService
from warroom.ui.comms.install import install_comms
from warroom.ui.timeline.cells import Column
from warroom.ui.timeline.model import DELIVERY_ROLE


@pytest.fixture
def port():
    return free_port()


@pytest.fixture
def comms_window(qtbot, services, tasks, wait_idle, incident, port):
    from warroom.ui.shell.main_window import MainWindow

    ChannelService(services.ctx).add(
        "ops-slack", "slack", "internal", secret_values={"url": f"http://127.0.0.1:{port}/ops"}
    )
    window = MainWindow(services, tasks)
    window.comms = install_comms(window)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(tasks)
    yield window
    window.close()


def delivery_line(window, entry_id: str):
    model = window.timeline.model
    row = model.row_of(entry_id)
    return model.index(row, Column.TEXT).data(DELIVERY_ROLE) if row >= 0 else None


def update_entry_id(services, incident_id: str) -> str:
    return next(iter(CommsService(services.ctx).delivery_states(incident_id)))


def test_the_row_says_queued_then_sent_at_when_the_server_answers(qtbot, comms_window, services, incident, port):
    services.timeline.add_typed(incident.id, "Rolled back checkout to 4.11")
    CommsService(services.ctx).send(incident.id, "internal", "Rollback started; next update at 10:30.")
    entry_id = update_entry_id(services, incident.id)
    qtbot.waitUntil(
        lambda: (delivery_line(comms_window, entry_id) or ("",))[0].startswith("ops-slack: queued"), timeout=10_000
    )
    assert delivery_line(comms_window, entry_id)[2] == "pending"
    plain = next(e for e in comms_window.timeline.model._rows if e.id != entry_id)
    assert delivery_line(comms_window, plain.id) is None  # only status updates' rows carry a line

    server = CaptureServer(port)  # the network is back
    try:
        qtbot.waitUntil(lambda: delivery_line(comms_window, entry_id)[0].startswith("ops-slack: sent "), timeout=20_000)
    finally:
        server.stop()
    sent = CommsService(services.ctx).delivery_states(incident.id)[entry_id][0]
    clock = comms_window.time_display().clock(sent.sent_at)
    assert delivery_line(comms_window, entry_id) == (f"ops-slack: sent {clock}", f"ops-slack: sent {clock}", "ok")
    tip = comms_window.timeline.model.index(comms_window.timeline.model.row_of(entry_id), Column.TEXT).data(
        Qt.ItemDataRole.ToolTipRole
    )
    assert f"ops-slack: sent {clock}" in tip
    assert len(server.requests) == 1
    row = comms_window.timeline.model.row_of(entry_id)
    view = comms_window.timeline.view
    view.scrollTo(comms_window.timeline.model.index(row, Column.TEXT))
    qtbot.waitUntil(lambda: view.rowHeight(row) > view.one_line_height())  # room for the delivery line
    assert not view.viewport().grab().isNull()  # painted through the delegate without an error


def test_a_410_makes_the_row_say_failed_and_why(qtbot, comms_window, services, incident, port):
    server = CaptureServer(port)
    server.default = Reply(410, "no_service")
    try:
        CommsService(services.ctx).send(incident.id, "internal", "Checkout is down; we are rolling back.")
        entry_id = update_entry_id(services, incident.id)
        qtbot.waitUntil(
            lambda: (delivery_line(comms_window, entry_id) or ("",))[0].startswith("ops-slack: failed"), timeout=10_000
        )
    finally:
        server.stop()
    text, short, tone = delivery_line(comms_window, entry_id)
    assert "HTTP 410" in text and "no_service" in text
    assert short == "ops-slack: failed"  # for a narrow row    assert tone == "error"
    assert len(server.requests) == 1  # final: never retried
