"""The checklist panel driven with the keyboard, on real services and a real SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from warroom.domain.checklist import ItemState
from warroom.domain.timeline import EntryKind
from warroom.ui.checklists.panel import ChecklistPanel, install_checklist_panel
from warroom.ui.checklists.tree import KIND_ROLE, NO_CHECKLIST_TEXT, Col

CTRL = Qt.KeyboardModifier.ControlModifier
FIRST_15 = "Production down: the first 15 minutes"
SHOTS = Path("/tmp/wr-ui")


class Answers:
    """Stands in for the panel's dialogs: hands out prepared answers and records the questions."""

    def __init__(self) -> None:
        self.queue: list = []
        self.asked: list[str] = []

    def text(self, title: str, label: str, value: str = ""):
        self.asked.append(title)
        return self.queue.pop(0)

    note = text

    def confirm(self, title: str, question: str) -> bool:
        self.asked.append(title)
        return self.queue.pop(0)


@pytest.fixture
def panel(qtbot, services, tasks, wait_idle):
    widget = ChecklistPanel(services, tasks)
    widget.prompts = Answers()
    qtbot.addWidget(widget)
    widget.resize(520, 640)  # about as wide as a dock beside the timeline
    widget.show()
    qtbot.waitExposed(widget)
    wait_idle(tasks)
    return widget


def press(qtbot, panel, tasks, wait_idle, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(panel.tree, key, modifier)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: not panel._loading)


def current_item(panel):
    kind, value = panel.tree.current()
    assert kind == "item"
    return value


def start(qtbot, panel, tasks, wait_idle, name: str) -> None:
    panel.templates.setCurrentIndex(panel.templates.findText(name))
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: not panel._loading)


def test_start_a_builtin_then_tick_and_skip_with_the_keyboard(qtbot, panel, services, tasks, wait_idle, incident):
    assert not panel.templates.isEnabled()
    panel.set_incident(incident)
    wait_idle(tasks)
    assert panel.tree.topLevelItem(0).text(0) == NO_CHECKLIST_TEXT
    labels = [panel.templates.itemText(i) for i in range(panel.templates.count())]
    assert labels[0] == FIRST_15 and labels[-1] == "Blank checklist" and len(labels) == 6

    start(qtbot, panel, tasks, wait_idle, FIRST_15)
    checklist = services.checklists.checklists(incident.id)[0]
    assert checklist.title == FIRST_15 and panel.progress.text() == "0/16"
    assert panel.tree.hasFocus() and current_item(panel).id == checklist.items[0].id

    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Space)  # tick item 1
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Down)
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Down)
    third = current_item(panel)
    assert third.id == checklist.items[2].id  # the section heading between was stepped over
    panel.prompts.queue = ["no customers on this path — Ọlá checked"]
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_S)
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Down)
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Space)  # tick item 4
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Up)
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Up)
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Up)
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Space)  # un-tick item 1

    items = services.checklists.checklist(checklist.id).items
    assert [i.state for i in items[:4]] == [ItemState.OPEN, ItemState.OPEN, ItemState.SKIPPED, ItemState.DONE]
    assert panel.progress.text() == "2/16"
    entries = services.timeline.entries(incident.id)
    assert [e.kind for e in entries] == [EntryKind.CHECKLIST] * 4
    assert [e.text for e in entries] == [
        f"✓ {items[0].text} (by Åsa Bergström)",
        f"Skipped: {items[2].text} (by Åsa Bergström) — reason: no customers on this path — Ọlá checked",
        f"✓ {items[3].text} (by Åsa Bergström)",
        f"Un-ticked: {items[0].text} (by Åsa Bergström)",
    ]
    top = panel.tree.topLevelItem(0)
    rows = [top.child(c) for c in range(top.childCount())]
    index = next(n for n, r in enumerate(rows) if r.text(Col.ITEM).startswith("3. "))
    row, note = rows[index], rows[index + 1]
    assert row.text(Col.DONE).startswith("Åsa Bergström · ")
    local = panel.display.clock(items[2].done_at)
    assert row.text(Col.DONE).endswith(local)  # shown in the viewer's zone (Europe/Stockholm)
    assert note.data(0, KIND_ROLE) == "note"
    assert note.text(Col.ITEM).strip() == "↳ Skipped: no customers on this path — Ọlá checked"


def test_assign_note_add_move_and_remove(qtbot, panel, services, tasks, wait_idle, incident):
    panel.set_incident(incident)
    wait_idle(tasks)
    start(qtbot, panel, tasks, wait_idle, "Rollback")
    first = current_item(panel)
    panel.prompts.queue = ["Ọlá Adéwálé", "ticket 4711\nvendor: 東京 DC"]
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_A)
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_N)
    item = services.checklists.item(first.id)
    assert item.assignee == "Ọlá Adéwálé" and item.note == "ticket 4711\nvendor: 東京 DC"
    assert panel.tree.currentItem().text(Col.ASSIGNEE) == "Ọlá Adéwálé"

    panel.prompts.queue = ["Ask the firewall vendor for their change log"]
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Insert)
    added = current_item(panel)
    assert added.text == "Ask the firewall vendor for their change log"
    order = [i.id for i in services.checklists.checklists(incident.id)[0].items]
    assert order[:2] == [first.id, added.id] and added.section == first.section

    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Up, CTRL)
    order = [i.id for i in services.checklists.checklists(incident.id)[0].items]
    assert order[:2] == [added.id, first.id] and current_item(panel).id == added.id

    panel.prompts.queue = ["Write the versions in the timeline"]
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Return, CTRL)
    assert current_item(panel).text == "Write the versions in the timeline"

    panel.prompts.queue = [False, True]
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Delete)  # said no
    assert len(services.checklists.checklists(incident.id)[0].items) == 21
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Delete)
    assert len(services.checklists.checklists(incident.id)[0].items) == 20
    assert panel.prompts.asked == ["Assign item", "Note", "Add item", "Add item", "Remove item", "Remove item"]
    assert services.timeline.entries(incident.id) == []  # only ticks go to the timeline


def test_changes_from_elsewhere_show_up(qtbot, panel, services, incident, tasks, wait_idle):
    panel.set_incident(incident)
    wait_idle(tasks)
    checklist = services.checklists.start(incident.id, "vendor-escalation")  # not through the panel
    qtbot.waitUntil(lambda: panel.progress.text() == "0/14")
    services.checklists.tick(checklist.items[1].id, by="Paweł Wiśniewski")
    qtbot.waitUntil(lambda: panel.progress.text() == "1/14")
    services.checklists.remove_item(checklist.items[5].id)
    qtbot.waitUntil(lambda: panel.progress.text() == "1/13")


def test_ticking_an_item_removed_on_another_laptop_says_so(qtbot, services, tasks, wait_idle, incident):
    deaf = ChecklistPanel(services, tasks, listen_to_store=False)  # has not heard of the removal yet
    qtbot.addWidget(deaf)
    deaf.show()
    deaf.set_incident(incident)
    wait_idle(tasks)
    start(qtbot, deaf, tasks, wait_idle, "Rollback")
    gone = current_item(deaf)
    services.checklists.remove_item(gone.id)
    press(qtbot, deaf, tasks, wait_idle, Qt.Key.Key_Space)
    assert deaf.message.isVisible()
    assert deaf.message.text() == (
        "This checklist item no longer exists: it was removed, perhaps on another laptop; nothing was changed."
    )
    assert deaf.progress.text() == "0/18" and current_item(deaf).id != gone.id
    assert services.timeline.entries(incident.id) == []


def test_the_panel_lives_in_the_main_window_and_follows_its_incident(
    qtbot, window, services, tasks, wait_idle, incident
):
    panel = install_checklist_panel(window)
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: panel.incident_id == incident.id)
    services.checklists.start(incident.id, "closing-incident-postmortem")
    qtbot.waitUntil(lambda: panel.progress.text() == "0/13")
    kinds = [
        panel.tree.topLevelItem(0).child(c).data(0, KIND_ROLE) for c in range(panel.tree.topLevelItem(0).childCount())
    ]
    assert kinds.count("item") == 13 and "section" in kinds


def test_screenshot(qtbot, panel, services, tasks, wait_idle, incident):
    panel.set_incident(incident)
    wait_idle(tasks)
    start(qtbot, panel, tasks, wait_idle, FIRST_15)
    items = services.checklists.checklists(incident.id)[0].items
    services.checklists.tick(items[0].id)
    services.checklists.tick(items[1].id, by="Paweł Wiśniewski", note="posted in #incident with a screenshot")
    services.checklists.skip(items[2].id, "status page is down too", by="Ọlá Adéwálé")
    services.checklists.assign(items[4].id, "שרה כהן")
    qtbot.waitUntil(lambda: panel.progress.text() == "3/16")
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "checklist.png"))


def test_the_panel_reloads_once_after_its_own_tick_and_once_after_anyone_elses(
    qtbot, panel, services, tasks, wait_idle, incident
):
    panel.set_incident(incident)
    wait_idle(tasks)
    start(qtbot, panel, tasks, wait_idle, "Rollback")
    reloads: list[str] = []
    real_refresh = panel.refresh
    panel.refresh = lambda: (reloads.append("reload"), real_refresh())
    press(qtbot, panel, tasks, wait_idle, Qt.Key.Key_Space)
    qtbot.wait(100)  # the store's note of the panel's own write has arrived by now
    assert panel.progress.text() == "1/19" and reloads == ["reload"]
    services.checklists.tick(panel.checklists[0].items[1].id, by="Paweł Wiśniewski")  # another laptop
    qtbot.waitUntil(lambda: panel.progress.text() == "2/19")
    assert reloads == ["reload", "reload"]
