"""The vendor's clock in the directory panel, live, and the window's evidence pack action."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from warroom.domain.directory import Channel, Outcome
from warroom.ui.directory.attempt_dialog import AttemptInput
from warroom.ui.directory.clock_pane import NO_INCIDENT, NOBODY_YET
from warroom.ui.directory.evidence_action import FILTERS, evidence_format, suggested_name
from warroom.ui.directory.model import VALUE_ROLE

WARSAW = ZoneInfo("Europe/Warsaw")
BALTIC = "Baltic Perimeter Sp. z o.o."
MONDAY_10 = datetime(2025, 11, 17, 10, 0, tzinfo=WARSAW)  # a working Monday in Warsaw


@pytest.fixture
def old_incident(services):
    return services.incidents.open("Deploy package truncated", "SEV2", started_at=MONDAY_10.replace(hour=9))


def _status(panel, name: str):
    for row in range(panel.model.rowCount()):
        vendor = panel.model.index(row, 0)
        for child in range(panel.model.rowCount(vendor)):
            index = panel.model.index(child, 0, vendor)
            if index.data() == name:
                return index.data(VALUE_ROLE)
    raise AssertionError(f"{name} is not in the directory")


def _log(panel, tasks, wait_idle, name: str, values: AttemptInput) -> None:
    panel.submit_attempt(_status(panel, name), values)
    wait_idle(tasks)
    wait_idle(tasks)  # the clock's reload after the write


def test_the_clock_follows_the_incident_and_each_logged_attempt(qtbot, panel, tasks, wait_idle, old_incident):
    assert panel.tabs.tabText(2) == "Vendor clock" and panel.clocks.note.text() == NO_INCIDENT
    panel.show_clocks()
    panel.set_incident(old_incident)
    wait_idle(tasks)
    assert panel.clocks.note.text() == NOBODY_YET and panel.clocks.cards == []
    filed = AttemptInput(Channel.PORTAL, Outcome.TICKET_FILED, "BP-4471", "", MONDAY_10)
    _log(panel, tasks, wait_idle, "Ticket portal", filed)
    card = panel.clocks.card(BALTIC)
    assert card is not None and not panel.clocks.note.isVisible()
    # a filed ticket starts the clock but is no answer: it runs on, and is long over 240 min by now
    assert card.sla.text().startswith("never answered: SLA 240 min breached by ")
    assert "BP-4471" in card.facts.text() and "not yet" in card.facts.text()
    reached = AttemptInput(Channel.PHONE, Outcome.REACHED, "BP-4471", "", MONDAY_10.replace(hour=11, minute=40))
    _log(panel, tasks, wait_idle, "Duty manager", reached)
    card = panel.clocks.card(BALTIC)
    assert (
        card.sla.text() == "responded in 1 h 40 min: within the SLA of 240 min (counted in the vendor's business hours)"
    )
    assert panel.display.day_and_clock(MONDAY_10) in card.facts.text()  # first attempt, in the viewer's zone


def test_hidden_clocks_are_read_when_their_tab_is_shown_not_on_every_arrival(
    qtbot, panel, tasks, wait_idle, old_incident, monkeypatch
):
    panel.set_incident(old_incident)
    wait_idle(tasks)
    _log(
        panel, tasks, wait_idle, "Ticket portal", AttemptInput(Channel.PORTAL, Outcome.TICKET_FILED, "", "", MONDAY_10)
    )
    assert panel.tabs.currentWidget() is not panel.clocks and panel.clocks.cards == []  # nobody looked: no read
    panel.show_clocks()
    wait_idle(tasks)
    assert panel.tabs.currentWidget() is panel.clocks and panel.clocks.card(BALTIC) is not None


def test_another_incident_has_its_own_clocks(panel, tasks, wait_idle, old_incident, services):
    panel.show_clocks()
    panel.set_incident(old_incident)
    _log(
        panel, tasks, wait_idle, "Ticket portal", AttemptInput(Channel.PORTAL, Outcome.TICKET_FILED, "", "", MONDAY_10)
    )
    other = services.incidents.open("Something else", "SEV3", started_at=MONDAY_10)
    panel.set_incident(other)
    wait_idle(tasks)
    assert panel.clocks.cards == [] and panel.clocks.note.text() == NOBODY_YET


def test_evidence_pack_is_saved_from_the_window_off_the_gui_thread(
    qtbot, panel, tasks, wait_idle, old_incident, tmp_path
):
    panel.show_clocks()
    panel.set_incident(old_incident)
    filed = AttemptInput(Channel.PORTAL, Outcome.TICKET_FILED, "BP-4471", "", MONDAY_10)
    _log(panel, tasks, wait_idle, "Ticket portal", filed)
    qtbot.mouseClick(panel.clocks.card(BALTIC).evidence, Qt.MouseButton.LeftButton)
    dialog = panel.evidence.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.selectedFiles()[0].endswith(suggested_name(old_incident.reference, BALTIC))
    dialog.selectNameFilter(FILTERS["csv"])
    dialog.selectFile(str(tmp_path / "baltic"))  # no ending: the chosen filter says CSV
    dialog.accept()
    wait_idle(tasks)
    written = tmp_path / "baltic.csv"
    assert panel.message.text() == f"Evidence pack for {BALTIC} saved to {written}"
    text = written.read_text(encoding="utf-8")
    assert "ticket filed" in text and "BP-4471" in text and "Kronan" not in text


def test_evidence_pack_as_pdf_and_a_refusal_in_one_sentence(panel, tasks, wait_idle, old_incident, tmp_path):
    panel.show_clocks()
    panel.set_incident(old_incident)
    _log(
        panel, tasks, wait_idle, "Ticket portal", AttemptInput(Channel.PORTAL, Outcome.TICKET_FILED, "", "", MONDAY_10)
    )
    vendor_id = panel.clocks.clocks[0].vendor_id
    panel.evidence.write(old_incident.id, vendor_id, BALTIC, tmp_path / "pack.pdf")
    wait_idle(tasks)
    assert (tmp_path / "pack.pdf").read_bytes().startswith(b"%PDF")
    panel.evidence.write(old_incident.id, vendor_id, BALTIC, tmp_path / "missing" / "pack.md")
    wait_idle(tasks)
    assert panel.message.text().startswith(f"Cannot write {tmp_path / 'missing' / 'pack.md'}")


def test_no_incident_no_evidence(panel):
    panel.save_evidence("some-vendor", BALTIC)
    assert panel.message.text() == "Open an incident first: the evidence pack is about one incident."
    assert panel.evidence.dialog is None


@pytest.mark.parametrize(
    ("name", "chosen", "expected"),
    [
        ("a.md", "", ("md", "a.md")),
        ("a.PDF", FILTERS["csv"], ("pdf", "a.PDF")),
        ("a", FILTERS["md"], ("md", "a.md")),
        ("a", "", ("pdf", "a.pdf")),
    ],
)
def test_the_format_follows_the_ending_then_the_filter(tmp_path, name, chosen, expected):
    fmt, path = evidence_format(tmp_path / name, chosen)
    assert (fmt, path.name) == expected
