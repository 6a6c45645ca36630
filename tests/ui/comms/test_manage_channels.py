"""Manage channels… in the window: edit a channel in place (same id), remove one after a confirmation."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.comms.conftest import menu_action, open_channels_menu
from warroom.integrations.channels import secrets
from warroom.services.comms import ChannelService
from warroom.ui.comms.dialogs import ChannelDialog
from warroom.ui.comms.manage import ManageChannelsDialog


def open_manage(qtbot, window, wait_idle, tasks, count: int = 2) -> ManageChannelsDialog:
    menu = open_channels_menu(qtbot, window)
    menu_action(menu, "Manage channels").trigger()
    dialog = window.comms.manage_dialog
    assert dialog is not None and dialog.isVisible()
    wait_idle(tasks)
    qtbot.waitUntil(lambda: dialog.list.count() == count)
    return dialog


def select(dialog: ManageChannelsDialog, name: str) -> None:
    row = next(i for i in range(dialog.list.count()) if dialog.list.item(i).text().startswith(name + " "))
    dialog.list.setCurrentRow(row)


def later(action) -> None:
    """Answer the modal dialog that the next call opens."""
    QTimer.singleShot(50, action)


def visible(kind):
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def test_the_list_says_which_channels_this_laptop_cannot_send_to(qtbot, comms_window, tasks, wait_idle):
    dialog = open_manage(qtbot, comms_window, wait_idle, tasks)
    texts = sorted(dialog.list.item(i).text() for i in range(dialog.list.count()))
    assert texts == ["exec-teams (teams, executives) — not set up on this laptop", "ops-slack (slack, internal)"]


def test_editing_a_statuspage_channel_keeps_its_id_components_and_secret(
    qtbot, comms_window, services, tasks, wait_idle
):
    channels = ChannelService(services.ctx)
    before = channels.add(
        "status-page",
        "statuspage",
        "customers",
        {"page_id": "p1", "components": {"c1": "major_outage"}},
        {"api_key": "k-1"},
    )
    dialog = open_manage(qtbot, comms_window, wait_idle, tasks, count=3)
    select(dialog, "status-page")

    def fill() -> None:
        editor = visible(ChannelDialog)
        assert not editor.kind.isEnabled() and editor.fields["page_id"].text() == "p1"
        assert editor.fields["secret:api_key"].text() == ""  # never read back out of the keyring
        editor.name.setText("Status page ÅÄÖ")
        editor.audience.setCurrentIndex(editor.audience.findData("vendors"))
        editor.fields["page_id"].setText("p2")
        editor.fields["base_url"].setText("http://127.0.0.1:9/")
        editor.accept()

    later(fill)
    dialog.edit_button.click()
    wait_idle(tasks)
    after = channels.get("Status page ÅÄÖ")
    assert after.id == before.id and after.audience.value == "vendors"
    assert after.config == {"page_id": "p2", "base_url": "http://127.0.0.1:9/", "components": {"c1": "major_outage"}}
    assert secrets.load(after.id) == {"api_key": "k-1"}  # left empty: kept
    qtbot.waitUntil(lambda: any(dialog.list.item(i).text().startswith("Status page ÅÄÖ (") for i in range(3)))


def test_an_edit_refused_by_the_service_is_shown_and_nothing_changes(qtbot, comms_window, services, tasks, wait_idle):
    dialog = open_manage(qtbot, comms_window, wait_idle, tasks)
    select(dialog, "ops-slack")

    def fill() -> None:
        editor = visible(ChannelDialog)
        editor.name.setText("exec-teams")  # taken
        editor.accept()

    later(fill)
    dialog.edit_button.click()
    wait_idle(tasks)
    qtbot.waitUntil(lambda: "exists already" in dialog.error.text())
    assert ChannelService(services.ctx).get("ops-slack").audience.value == "internal"


def test_removing_asks_first_and_no_keeps_the_channel(qtbot, comms_window, services, tasks, wait_idle):
    kept = ChannelService(services.ctx).get("ops-slack")
    dialog = open_manage(qtbot, comms_window, wait_idle, tasks)
    select(dialog, "ops-slack")

    def answer(button: QMessageBox.StandardButton) -> None:
        box = visible(QMessageBox)
        assert "ops-slack" in box.text()
        box.button(button).click()

    later(lambda: answer(QMessageBox.StandardButton.No))
    dialog.remove_button.click()
    wait_idle(tasks)
    assert sorted(c.name for c in ChannelService(services.ctx).list()) == ["exec-teams", "ops-slack"]
    later(lambda: answer(QMessageBox.StandardButton.Yes))
    dialog.remove_button.click()
    wait_idle(tasks)
    assert [c.name for c in ChannelService(services.ctx).list()] == ["exec-teams"]
    assert secrets.load(kept.id) == {}  # its secret left this laptop's keyring too
    qtbot.waitUntil(lambda: dialog.list.count() == 1)
