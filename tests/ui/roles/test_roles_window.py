"""The Roles panel in the main window: assign roles, hand over, record a revert chain, open questions."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import activate, type_into
from tests.unit.services.roles.prepared import START, prepare_incident
from warroom.domain import handover as h
from warroom.domain.changes_record import ChangeKind, ChangeMark
from warroom.ui.roles.install import install_roles
from warroom.ui.roles.models import ChangesModel, HoldersModel

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
SHOTS = Path("/tmp/wr-ui")


@pytest.fixture
def roles_window(qtbot, services, open_window, tasks, wait_idle):
    prepared = prepare_incident(services.ctx)
    window, panel = open_window((1366, 768), install_roles)
    window.select_incident(prepared.incident_id)
    qtbot.waitUntil(lambda: panel.incident is not None and panel.incident.id == prepared.incident_id)
    wait_idle(tasks)
    window.roles = panel
    window.prepared = prepared
    return window


def test_models_pass_the_model_tester(qtmodeltester, services):
    prepared = prepare_incident(services.ctx)
    from warroom.services.roles.changes import ChangeService
    from warroom.services.roles.roles import RoleService

    holders = HoldersModel(lambda at: at.isoformat())
    holders.set_rows(RoleService(services.ctx).holders(prepared.incident_id))
    qtmodeltester.check(holders)
    changes = ChangesModel(lambda at: at.isoformat())
    changes.set_rows(ChangeService(services.ctx).list(prepared.incident_id))
    qtmodeltester.check(changes)
    assert [changes.data(changes.index(0, c)) for c in (1, 2)] == [
        "suspect", "deploy handshake 4.12\nrelease 4.12 (Åsa Bergström)",
    ]  # fmt: skip


def test_assign_roles_from_the_keyboard_and_see_them_in_the_header(qtbot, roles_window, tasks, wait_idle):
    panel = roles_window.roles
    activate(qtbot, roles_window)
    qtbot.keyClick(roles_window, Qt.Key.Key_R, CTRL_SHIFT)
    qtbot.waitUntil(lambda: panel.roles_tab.role.hasFocus())
    tab = panel.roles_tab
    tab.role.lineEdit().selectAll()
    qtbot.keyClicks(tab.role, "comms lead")
    qtbot.keyClick(tab.role, Qt.Key.Key_Tab)
    type_into(qtbot, tab.person, "Ọlá Adéwálé")
    qtbot.keyClick(tab.person, Qt.Key.Key_Return)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: any(a.role == "communications lead" for a in tab.model.holders()))
    wait_idle(tasks)
    assert [(a.title(), a.person) for a in tab.model.holders()] == [
        ("commander", "Åsa Bergström"), ("scribe", "Paweł Wiśniewski"), ("communications lead", "Ọlá Adéwálé"),
    ]  # fmt: skip
    header = roles_window.header.roles
    assert header.isVisible()
    assert header.text() == "Roles: Scribe Paweł Wiśniewski   ·   Communications lead Ọlá Adéwálé"
    tab.role.setCurrentText("vendor owner")
    assert tab.vendor.isEnabled()
    tab.vendor.setCurrentText("Nordic Firewall AB")
    tab.person.setText("Paweł Wiśniewski")
    qtbot.mouseClick(tab.assign_button, Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: "Vendor owner of Nordic Firewall AB Paweł Wiśniewski" in header.text())
    tab.role.setCurrentText("commander")
    tab.person.setText("")
    qtbot.keyClick(tab.person, Qt.Key.Key_Return)
    wait_idle(tasks)
    assert tab.message.text() == "An incident always has a commander: hand over to someone instead."
    SHOTS.mkdir(exist_ok=True)
    roles_window.grab().save(str(SHOTS / "roles-panel-1366.png"))


def test_hand_over_builds_the_brief_and_the_incoming_commander_accepts(qtbot, roles_window, tasks, wait_idle, tmp_path):
    panel = roles_window.roles
    activate(qtbot, roles_window)
    qtbot.keyClick(roles_window, Qt.Key.Key_H, CTRL_SHIFT)
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    dialog = panel.dialog
    type_into(qtbot, dialog.to, "Ọlá Adéwálé")
    dialog.note.setFocus()
    qtbot.keyClicks(dialog.note, "Lars promised a call-back at 11:00")
    qtbot.waitUntil(lambda: dialog.brief is not None and dialog.brief.section(h.NOTE).lines != (), timeout=5000)
    wait_idle(tasks)
    brief = dialog.brief
    section = {s.key: s.lines for s in brief.sections}
    assert section[h.STATUS][0] == "Investigating, SEV1"
    assert section[h.DURATIONS][1] == "Time to detect: 1 h"
    assert any(line.endswith("decision · Switch the integration off") for line in section[h.SINCE])
    assert section[h.CHANGES][0].startswith("Suspect: deploy handshake 4.12")
    assert section[h.QUESTIONS][0].startswith("Hypothesis: An undocumented firewall layer cuts large packages")
    assert section[h.VENDORS][0].startswith("Nordic Firewall AB: ticket NF-4711")
    assert "is unreachable: Christmas Eve" in section[h.VENDORS][1]
    assert section[h.CHECKLISTS] == ("Vendor escalation › Reach someone: Ask the vendor for the duty manager",)
    assert section[h.ACTIONS][0].startswith("Corrective: Put the firewall layer on the network diagram")
    assert section[h.UPDATES][0].startswith("Last internal update")
    assert section[h.NOTE] == ("Lars promised a call-back at 11:00",)
    assert "Vendors we are waiting on" in dialog.preview.toPlainText()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "handover-dialog.png"))

    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: dialog.handover is not None)
    assert dialog.message.text() == "Ọlá Adéwálé now commands INC-1; the brief is kept."
    qtbot.waitUntil(lambda: "Commander Ọlá Adéwálé" in roles_window.header.facts.text())
    wait_idle(tasks)
    kept = panel.handovers_tab.current()
    assert kept is not None and kept.brief.section(h.NOTE).lines == ("Lars promised a call-back at 11:00",)
    assert "Handover: Åsa Bergström handed command to Ọlá Adéwálé" in [
        e.text[:49] + e.text[49:].split(".")[0] for e in roles_window.services.timeline.entries(kept.incident_id)
    ]
    for fmt in ("md", "pdf"):
        dialog.save_to(tmp_path / f"brief.{fmt}", fmt)
    wait_idle(tasks)
    assert (tmp_path / "brief.md").read_text(encoding="utf-8").startswith("# INC-1 handover: Deploy package")
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(tmp_path / "brief.pdf"), str(SHOTS / "handover-brief")])


def test_record_a_revert_chain_and_mark_the_cause(qtbot, roles_window, tasks, wait_idle):
    panel = roles_window.roles
    activate(qtbot, roles_window)
    qtbot.keyClick(roles_window, Qt.Key.Key_G, CTRL_SHIFT)
    tab = panel.changes_tab
    qtbot.waitUntil(lambda: panel.tabs.currentWidget() is tab)

    def add(version: str, text: str, at, kind: ChangeKind = ChangeKind.DEPLOY, reverts: str | None = None) -> None:
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
        dialog = panel.dialog
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        qtbot.keyClicks(dialog.service, "handshake")
        qtbot.keyClicks(dialog.version, version)
        qtbot.keyClicks(dialog.text, text)
        qtbot.keyClicks(dialog.at, at.isoformat())
        if reverts:
            dialog.reverts.setCurrentIndex(dialog.reverts.findText(f"deploy handshake {reverts}"))
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
        wait_idle(tasks)
        panel.dialog = None

    add("4.10", "older release", START - timedelta(hours=30))
    add("4.11", "tax rounding", START - timedelta(hours=20))
    wait_idle(tasks)
    qtbot.waitUntil(lambda: len(tab.model.rows) == 3)
    add("r1", "back to 4.11", START + timedelta(hours=2), ChangeKind.REVERT, reverts="4.12")
    qtbot.waitUntil(lambda: len(tab.model.rows) == 4)
    add("r2", "back to 4.10", START + timedelta(hours=3), ChangeKind.REVERT, reverts="4.11")
    qtbot.waitUntil(lambda: len(tab.model.rows) == 5)
    assert [c.version for c in tab.model.rows] == ["4.10", "4.11", "4.12", "r1", "r2"]
    assert tab.chains.text() == (
        "Revert chain: deploy handshake 4.10 → deploy handshake 4.11 → deploy handshake 4.12 [suspect] → "
        "revert handshake r1 → revert handshake r2"
    )
    tab.table.setFocus()
    tab.table.selectRow(1)
    qtbot.mouseClick(tab.mark_buttons[2], Qt.MouseButton.LeftButton)  # the cause
    wait_idle(tasks)
    qtbot.waitUntil(lambda: tab.model.rows[1].mark is ChangeMark.CAUSE)
    assert "deploy handshake 4.11 [cause]" in tab.chains.text()
    SHOTS.mkdir(exist_ok=True)
    roles_window.grab().save(str(SHOTS / "what-changed-1366.png"))
    tab.hours.setValue(10)  # the window narrows: only 4.12 (1 h before the start) and the reverts
    wait_idle(tasks)
    qtbot.waitUntil(lambda: [c.version for c in tab.model.rows] == ["4.12", "r1", "r2"])


def test_open_questions_are_marked_from_the_timeline_and_settled(qtbot, roles_window, tasks, wait_idle):
    panel = roles_window.roles
    services = roles_window.services
    incident_id = roles_window.prepared.incident_id
    entries = services.timeline.entries(incident_id)
    ask = next(e for e in entries if e.text == "Switch the integration off")
    proof = next(e for e in entries if e.text == "Hospitals report missing handshakes")
    wait_idle(tasks)
    assert [q.text for q in panel.questions_tab.questions()] == ["An undocumented firewall layer cuts large packages"]
    assert roles_window.timeline.view.select_entry(ask.id)
    activate(qtbot, roles_window)
    qtbot.keyClick(roles_window, Qt.Key.Key_Q, CTRL_SHIFT)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: len(panel.questions_tab.questions()) == 2)
    tab = panel.questions_tab
    tab.list.setCurrentRow(next(i for i, q in enumerate(tab.questions()) if q.entry_id == ask.id))
    assert tab.current_question().entry_id == ask.id
    assert roles_window.timeline.view.select_entry(proof.id)
    tab.outcome.setCurrentIndex(tab.outcome.findText("answered"))
    qtbot.mouseClick(tab.settle_button, Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: len(tab.questions()) == 1)
    tab.show_settled.setChecked(True)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: len(tab.questions()) == 2)
    SHOTS.mkdir(exist_ok=True)
    panel.tabs.setCurrentWidget(tab)
    panel.grab().save(str(SHOTS / "questions-panel.png"))
    row = next(i for i, q in enumerate(tab.questions()) if q.entry_id == ask.id)
    assert row == 1  # settled ones after the open one
    assert tab.questions()[row].settled_by == proof.id
    assert (
        tab.list.item(row).text()
        == "Question answered: Switch the integration off  ← Hospitals report missing handshakes"
    )
