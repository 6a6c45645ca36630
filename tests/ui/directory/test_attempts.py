"""Attempts as they happen: the contact's own channel in one click, and back-dating in the dialog."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from warroom.domain.clock import utc_now
from warroom.domain.directory import Channel, Outcome
from warroom.ui.directory.model import VALUE_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier


def select_contact(qtbot, panel, name: str):
    contact_id = next(c.contact.id for v in panel.all_statuses for c in v.contacts if c.contact.name == name)
    panel.tree.setCurrentIndex(panel.find("contact", contact_id))
    return panel.find("contact", contact_id).data(VALUE_ROLE)


def test_no_answer_uses_the_contacts_own_channel_and_says_which(qtbot, panel, services, tasks, wait_idle, incident):
    panel.set_incident(incident)
    status = select_contact(qtbot, panel, "Ticket portal")  # Baltic Perimeter: no phone, an e-mail address
    assert not status.contact.phones and panel.card.quick.text() == "✉ No answer (email)"
    qtbot.mouseClick(panel.card.quick, Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    select_contact(qtbot, panel, "Elin Sjöberg")
    assert panel.card.quick.text() == "☎ No answer (phone)"
    qtbot.mouseClick(panel.card.quick, Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    attempts = services.directory.attempts(incident.id)
    assert [(a.channel, a.outcome) for a in attempts] == [
        (Channel.EMAIL, Outcome.NO_ANSWER),
        (Channel.PHONE, Outcome.NO_ANSWER),
    ]


def test_an_attempt_can_be_back_dated_in_the_dialog(qtbot, panel, services, tasks, wait_idle, incident):
    panel.set_incident(incident)
    status = select_contact(qtbot, panel, "Paweł Wiśniewski")
    panel.log_attempt(status, quick=False)
    dialog = panel.attempt_dialog
    earlier = (utc_now() - timedelta(minutes=40)).replace(second=0, microsecond=0)
    dialog.when.set_instant(earlier)
    assert dialog.when.zone == "Europe/Stockholm"  # the commander's zone, said in the label
    qtbot.keyClick(dialog.ticket, Qt.Key.Key_Return, CTRL)
    wait_idle(tasks)
    (attempt,) = services.directory.attempts(incident.id)
    assert attempt.at == earlier
    (entry,) = services.timeline.entries(incident.id)
    assert entry.occurred_at == earlier and "Paweł Wiśniewski" in entry.text
