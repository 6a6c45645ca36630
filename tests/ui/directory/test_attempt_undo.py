"""Ctrl+Z after logging an attempt in the directory: append-only, and it stops counting."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from tests.ui.conftest import activate
from tests.ui.directory.test_attempts import select_contact
from warroom.domain.clock import utc_now
from warroom.domain.directory import Channel, Outcome
from warroom.ui.directory.attempt_dialog import AttemptInput
from warroom.ui.directory.panel import install_directory_panel

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def counted(services, incident) -> tuple[int, int]:
    """Escalations due, and attempt rows in the postmortem's vendor section."""
    due = services.directory.escalation_due(incident.id)
    section = services.postmortem.postmortem(incident.id).vendors
    return len(due), sum(len(v.attempts) for v in section.vendors)


def test_undoing_an_attempt_retracts_its_entry_and_escalation_and_postmortem_skip_it(
    qtbot, window, services, tasks, wait_idle, incident, directory
):
    panel = install_directory_panel(window)  # as app.py docks it
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    activate(qtbot, window)
    status = select_contact(qtbot, panel, "Paweł Wiśniewski")  # level 2: escalate after 60 min
    two_hours_ago = utc_now() - timedelta(hours=2)
    panel.submit_attempt(status, AttemptInput(Channel.PHONE, Outcome.NO_ANSWER, "", "", at=two_hours_ago))
    wait_idle(tasks)
    (attempt,) = services.directory.attempts(incident.id)
    assert counted(services, incident) == (1, 1) and window.undo.undo_label() == "Log attempt"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    wait_idle(tasks)
    assert services.timeline.get(attempt.entry_id).retracted  # a retraction, not an erase
    assert services.directory.attempts(incident.id) == [attempt]  # the attempt stays in the history
    assert counted(services, incident) == (0, 0)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL_SHIFT)
    wait_idle(tasks)
    assert not services.timeline.get(attempt.entry_id).retracted and counted(services, incident) == (1, 1)
