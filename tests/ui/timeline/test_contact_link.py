"""'~Paweł …' in the entry box records a contact attempt linked to Paweł."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from tests.data import SCENARIO
from tests.ui.conftest import type_into
from warroom.domain.directory import Channel, Outcome
from warroom.domain.errors import AmbiguousError
from warroom.domain.timeline import EntryKind
from warroom.ui.timeline.contact_link import link_contact


@pytest.fixture
def scenario_directory(services):
    services.directory.import_file((SCENARIO / "vendors.csv").read_bytes(), "vendors.csv")
    return services.directory


def people(*names: str) -> list:
    return [SimpleNamespace(name=n, id=f"id-{n}") for n in names]


def test_names_match_with_or_without_diacritics_and_by_unique_prefix():
    contacts = people("Paweł Wiśniewski", "Elin Sjöberg", "Åsa Bergström", "Paula Berg")
    found = link_contact("Pawel Wisniewski no answer", contacts)
    assert found.named.name == "Paweł Wiśniewski" and found.outcome is Outcome.NO_ANSWER
    assert link_contact("Wiśn, left a message", contacts).outcome is Outcome.VOICEMAIL
    assert link_contact("asa: will send logs", contacts).named.name == "Åsa Bergström"
    assert link_contact("asa: will send logs", contacts).outcome is Outcome.REACHED
    assert link_contact("Elin", contacts).outcome is Outcome.NO_ANSWER and link_contact("Nobody", contacts) is None
    filed = link_contact("Elin ticket ES-4471 filed on the portal", contacts)
    assert (filed.outcome, filed.ticket) == (Outcome.TICKET_FILED, "ES-4471")  # a queue is not a person reached
    with pytest.raises(AmbiguousError, match="could be more than one contact or vendor: Paweł Wiśniewski; Paula Berg"):
        link_contact("Pa rang", contacts)


def test_tilde_name_in_the_entry_box_records_a_linked_attempt(
    qtbot, live, services, tasks, wait_idle, incident, scenario_directory
):
    box = live.timeline.entry_box
    box.load_contacts()
    wait_idle(tasks)
    assert "~Paweł Wiśniewski " in box._names.stringList()  # offered as you type '~Pa'
    type_into(qtbot, box.line, "~Pawel no answer, mobile off")
    qtbot.keyClick(box.line, Qt.Key.Key_Return)
    wait_idle(tasks)
    (attempt,) = services.directory.attempts(incident.id)
    assert attempt.outcome is Outcome.NO_ANSWER and attempt.note == "no answer, mobile off"
    contact = services.directory.contact(attempt.contact_id)
    assert contact.name == "Paweł Wiśniewski" and attempt.channel is Channel.PHONE
    (entry,) = services.timeline.entries(incident.id)
    assert entry.kind is EntryKind.CONTACT and entry.contact_id == contact.id and entry.id == attempt.entry_id
    assert box.line.text() == "" and "Attempt logged: Paweł Wiśniewski" in box.message.text()


def test_an_ambiguous_name_keeps_the_text_and_says_what_to_type(
    qtbot, live, services, tasks, wait_idle, incident, scenario_directory
):
    box = live.timeline.entry_box
    box.load_contacts()
    wait_idle(tasks)
    names = [c.name for c in box._contacts]
    assert "Service desk" in names and "Support desk" in names
    type_into(qtbot, box.line, "~S rang")
    qtbot.keyClick(box.line, Qt.Key.Key_Return)
    wait_idle(tasks)
    assert box.line.text() == "~S rang" and "Type more of the name" in box.message.text()
    assert services.directory.attempts(incident.id) == []


def test_tilde_vendor_records_an_attempt_on_whom_the_escalation_advice_says_to_call(
    qtbot, live, services, tasks, wait_idle, incident, scenario_directory
):
    box = live.timeline.entry_box
    box.load_contacts()
    wait_idle(tasks)
    assert "~Baltic Perimeter Sp. z o.o. " in box._names.stringList()  # vendors are offered too
    type_into(qtbot, box.line, "~Baltic no answer")
    qtbot.keyClick(box.line, Qt.Key.Key_Return)
    wait_idle(tasks)
    (attempt,) = services.directory.attempts(incident.id)
    advised = services.directory.escalate("Baltic", at=attempt.at).call_now[0].contact
    assert attempt.contact_id == advised.id and attempt.outcome is Outcome.NO_ANSWER
    vendor = services.directory.find_vendor("Baltic")
    (entry,) = services.timeline.entries(incident.id)
    assert entry.vendor_id == vendor.id and entry.contact_id == advised.id and entry.id == attempt.entry_id
    assert f"Attempt logged: {advised.name}" in box.message.text()


def test_tilde_vendor_nobody_can_be_advised_for_falls_back_to_its_first_contact(
    qtbot, live, services, tasks, wait_idle, incident
):
    vendor = services.directory.add_vendor(
        "Łódź Kable", country="PL", timezone="Europe/Warsaw", hours="Mon 03:00-03:01"
    )
    services.directory.add_contact(vendor.id, "Zofia Nowak", email="zofia@kable.example")
    services.directory.add_contact(vendor.id, "Jan Kowalski", email="jan@kable.example")
    (listed,) = [v for v in services.directory.overview() if v.vendor.id == vendor.id]
    first = listed.contacts[0].contact  # the vendor's first contact as the directory lists it
    assert services.directory.escalate(vendor.id).call_now == ()  # no path: the advice names nobody
    box = live.timeline.entry_box
    box.load_contacts()
    wait_idle(tasks)
    type_into(qtbot, box.line, "~lodz voicemail")  # without the diacritics
    qtbot.keyClick(box.line, Qt.Key.Key_Return)
    wait_idle(tasks)
    (attempt,) = services.directory.attempts(incident.id)
    assert attempt.contact_id == first.id and attempt.vendor_id == vendor.id
    assert attempt.outcome is Outcome.VOICEMAIL and attempt.channel is Channel.EMAIL


def test_a_name_naming_a_vendor_links_the_vendor():
    vendor = SimpleNamespace(name="Baltic Perimeter Sp. z o.o.", id="v1")
    found = link_contact("baltic: ticket opened", [*people("Paweł Wiśniewski"), vendor])
    assert found.named is vendor and found.note == "ticket opened" and found.outcome is Outcome.REACHED
