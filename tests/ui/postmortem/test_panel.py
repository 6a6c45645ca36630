"""The postmortem tab in the main window: narrative saved as you type, action items, from an entry."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import activate
from warroom.domain.action_items import ActionKind, ActionStatus
from warroom.ui.postmortem.action_item_dialog import ActionItemDialog
from warroom.ui.postmortem.action_items import ActionItemsModel, Col
from warroom.ui.postmortem.panel import PostmortemPanel, install_postmortem

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
SHOTS = Path("/tmp/wr-ui")


@pytest.fixture
def demo(services):
    return services.demo.load()


@pytest.fixture
def pm_window(qtbot, open_window, tasks, wait_idle, demo):
    window, panel = open_window((1500, 950), install_postmortem)
    qtbot.waitUntil(lambda: panel.incident is not None and panel.incident.id == demo.id)
    wait_idle(tasks)
    window.postmortem = panel
    return window


def type_text(qtbot, editor, text: str) -> None:
    """ASCII as key presses; other scripts as an input method delivers them."""
    for char in text:
        if char.isascii() and char != "\n":
            qtbot.keyClicks(editor, char)
        else:
            editor.insertPlainText(char)


def click_field(qtbot, panel: PostmortemPanel, label: str) -> None:
    fields = panel.narrative.fields
    item = fields.findItems(label, Qt.MatchFlag.MatchStartsWith)[0]
    qtbot.mouseClick(fields.viewport(), Qt.MouseButton.LeftButton, pos=fields.visualItemRect(item).center())


def narrative(services, demo, field: str) -> str:
    return services.incidents.get(demo.reference).narrative[field]


def test_typing_a_narrative_field_saves_it_and_previews_the_markdown(
    qtbot, pm_window, services, tasks, wait_idle, demo
):
    panel = pm_window.postmortem
    click_field(qtbot, panel, "Root cause")
    editor = panel.narrative.editor
    assert panel.narrative.field == "root_cause" and editor.toPlainText().startswith("A status-mapping defect")
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    type_text(qtbot, editor, "The **firewall** of Paweł Wiśniewski cut the package; 東京 saw it first.")
    assert panel.narrative.state.text() == "Not saved yet…"
    qtbot.waitUntil(lambda: narrative(services, demo, "root_cause").startswith("The **firewall**"), timeout=5000)
    wait_idle(tasks)
    assert (
        narrative(services, demo, "root_cause")
        == "The **firewall** of Paweł Wiśniewski cut the package; 東京 saw it first."
    )
    qtbot.waitUntil(lambda: panel.narrative.state.text().startswith("Saved"))
    preview = panel.narrative.preview
    assert "The firewall of Paweł Wiśniewski" in preview.toPlainText() and "**" not in preview.toPlainText()
    assert "font-weight" in preview.toHtml() or "<b>" in preview.toHtml()


def test_nothing_typed_is_lost_when_switching_fields_or_closing(qtbot, pm_window, services, tasks, wait_idle, demo):
    panel = pm_window.postmortem
    click_field(qtbot, panel, "What went well")
    editor = panel.narrative.editor
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    type_text(qtbot, editor, " Ọlá Adéwálé kept the log.")
    click_field(qtbot, panel, "Lessons learned")  # at once, before the save delay ran out
    wait_idle(tasks)
    assert narrative(services, demo, "went_well").endswith("answered within the SLA. Ọlá Adéwálé kept the log.")
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor, Qt.Key.Key_A, CTRL)
    type_text(qtbot, editor, "Åsa Bergström: check calendars before Christmas")
    pm_window.close()  # the last words are written before the worker stops
    assert narrative(services, demo, "lessons") == "Åsa Bergström: check calendars before Christmas"


def test_a_field_written_elsewhere_appears_unless_you_are_typing_in_it(
    qtbot, pm_window, services, tasks, wait_idle, demo
):
    panel = pm_window.postmortem
    click_field(qtbot, panel, "Workaround")
    services.incidents.update(demo.id, workaround="Fax, then the 東京 backup line")  # another laptop, the CLI
    qtbot.waitUntil(lambda: panel.narrative.editor.toPlainText() == "Fax, then the 東京 backup line", timeout=5000)
    editor = panel.narrative.editor
    qtbot.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(editor, Qt.Key.Key_End, CTRL)
    qtbot.keyClicks(editor, " (mine)")
    services.incidents.update(demo.id, summary="Summary rewritten by Åsa")
    wait_idle(tasks)
    qtbot.waitUntil(lambda: panel.narrative.texts.get("summary") == "Summary rewritten by Åsa", timeout=5000)
    assert editor.toPlainText() == "Fax, then the 東京 backup line (mine)"
    qtbot.waitUntil(lambda: narrative(services, demo, "workaround").endswith("(mine)"), timeout=5000)


def test_add_edit_and_remove_an_action_item_with_the_keyboard(qtbot, pm_window, services, tasks, wait_idle, demo):
    panel = pm_window.postmortem
    activate(qtbot, pm_window)
    panel.tabs.setCurrentWidget(panel.actions)
    table = panel.actions.table
    qtbot.waitUntil(lambda: panel.actions.model.rowCount() == 3)
    assert [r.kind.value for r in panel.actions.model.items] == ["corrective", "preventive", "preventive"]
    qtbot.mouseClick(panel.actions.add_button, Qt.MouseButton.LeftButton)
    dialog = panel.actions.dialog
    assert isinstance(dialog, ActionItemDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.text, "Call list for vendors on Christmas leave")
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    qtbot.keyClicks(dialog.owner, "Pawe")
    dialog.owner.insert("ł Wiśniewski")  # as an input method delivers it
    qtbot.mouseClick(dialog.has_due, Qt.MouseButton.LeftButton)
    dialog.due.setDate(dialog.due.date().fromString("2014-02-14", "yyyy-MM-dd"))
    qtbot.keyClicks(dialog.tracker, "https://tracker.example/OPS-400")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: panel.actions.model.rowCount() == 4)
    added = next(i for i in services.actions.action_items(demo.id) if i.text.startswith("Call list"))
    assert added.kind is ActionKind.PREVENTIVE and added.owner == "Paweł Wiśniewski"
    assert added.due_date == date(2014, 2, 14) and added.tracker_url == "https://tracker.example/OPS-400"

    row = next(i for i, item in enumerate(panel.actions.model.items) if item.id == added.id)
    table.setFocus()
    table.selectRow(row)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    dialog = panel.actions.dialog
    assert dialog.text.text() == added.text and dialog.has_due.isChecked()
    dialog.status.setFocus()
    qtbot.keyClick(dialog.status, Qt.Key.Key_End)  # "won't do"
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    qtbot.waitUntil(
        lambda: (
            services.actions.action_items(demo.id)
            and next(i for i in services.actions.action_items(demo.id) if i.id == added.id).status
            is ActionStatus.WONT_DO
        )
    )

    table.setFocus()
    table.selectRow(next(i for i, item in enumerate(panel.actions.model.items) if item.id == added.id))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    box = panel.actions.dialog
    assert isinstance(box, QMessageBox) and "Call list for vendors" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: panel.actions.model.rowCount() == 3)
    assert all(i.id != added.id for i in services.actions.action_items(demo.id))


def test_an_empty_action_is_refused_in_the_dialog(qtbot, pm_window, tasks, wait_idle):
    panel = pm_window.postmortem
    dialog = panel.actions.add()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == "An action item needs some text: say what will be done."


def test_add_an_action_item_from_a_timeline_entry(qtbot, pm_window, services, tasks, wait_idle, demo):
    activate(qtbot, pm_window)
    entry = next(e for e in services.timeline.entries(demo.id) if e.text.startswith("A firewall layer"))
    qtbot.waitUntil(lambda: pm_window.timeline.view.select_entry(entry.id), timeout=5000)
    pm_window.timeline.view.setFocus()
    qtbot.keyClick(pm_window.timeline.view, Qt.Key.Key_A, CTRL | SHIFT)
    dialog = pm_window.postmortem.action_item_dialog
    assert dialog.isVisible() and "A firewall layer that is not on the network diagram" in dialog.source.text()
    assert dialog.text.text().startswith("Follow up: A firewall layer")
    qtbot.keyClick(dialog.text, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(dialog.text, "Draw the firewall layer on the network diagram")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    wait_idle(tasks)
    added = next(i for i in services.actions.action_items(demo.id) if i.text.startswith("Draw the firewall"))
    assert added.entry_id == entry.id and added.kind is ActionKind.CORRECTIVE
    qtbot.waitUntil(lambda: pm_window.postmortem.actions.model.rowCount() == 4)  # the store told the tab


def test_action_items_model(qtmodeltester, demo, services):
    model = ActionItemsModel()
    model.set_items(services.actions.action_items(demo.id))
    qtmodeltester.check(model)
    assert model.index(0, Col.KIND).data() == "corrective"
    assert model.index(2, Col.DUE).data() == "2014-03-01" and model.index(2, Col.LINK).data() == ""


def test_screenshot_of_the_postmortem_tab(qtbot, pm_window, wait_idle, tasks):
    panel = pm_window.postmortem
    click_field(qtbot, panel, "Summary")
    panel.resize(760, 620)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "postmortem-narrative.png"))
    panel.tabs.setCurrentWidget(panel.actions)
    qtbot.waitUntil(lambda: panel.actions.model.rowCount() == 3)
    assert panel.grab().save(str(SHOTS / "postmortem-actions.png"))
