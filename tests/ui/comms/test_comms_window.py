"""The Communications feature in the real main window, offscreen, against a real local HTTP server."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.comms.conftest import menu_action, open_channels_menu
from tests.ui.conftest import activate
from warroom.domain.comms import DeliveryStatus
from warroom.services.comms import ChannelService, CommsService
from warroom.ui.comms.composer import ComposerDialog
from warroom.ui.comms.dialogs import SnoozeDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def open_composer(qtbot, window) -> ComposerDialog:
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_M, CTRL | SHIFT)
    qtbot.waitUntil(lambda: window.comms.composer is not None)
    composer = window.comms.composer
    qtbot.waitUntil(lambda: composer.editor.toPlainText() != "", timeout=5000)
    return composer


def channel_labels(composer: ComposerDialog) -> dict[str, bool]:
    items = [composer.channels.item(i) for i in range(composer.channels.count())]
    return {i.text(): i.checkState() == Qt.CheckState.Checked for i in items}


def test_compose_preview_and_send_reaches_slack_and_shows_sent(qtbot, comms_window, http_server, incident, wait_idle):
    composer = open_composer(qtbot, comms_window)
    composer.audience.setCurrentIndex(0)  # internal
    qtbot.waitUntil(lambda: channel_labels(composer).get("ops-slack (slack)") is True)
    assert incident.title in composer.editor.toPlainText()
    labels = channel_labels(composer)
    assert labels["ops-slack (slack)"] is True
    assert labels["exec-teams (teams) — not set up on this laptop"] is False
    composer.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: composer.previews.count() == 1 and composer.previews.tabText(0) == "ops-slack")
    assert '"blocks"' in composer.previews.widget(0).toPlainText()
    composer.editor.moveCursor(composer.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(composer.editor, "Rollback done.")
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(http_server.requests) == 1, timeout=10_000)
    assert "Rollback done." in http_server.requests[0].json()["text"]
    panel = comms_window.comms.panel
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1 and "1 sent" in panel.tree.topLevelItem(0).text(1))
    child = panel.tree.topLevelItem(0).child(0)
    assert child.text(1).startswith("ops-slack: sent ")


def test_header_counts_down_warns_when_overdue_and_snooze_moves_it(qtbot, comms_window, tasks, wait_idle):
    button = comms_window.comms.countdown
    assert button.parent() is not None and comms_window.header.isAncestorOf(button)
    qtbot.waitUntil(lambda: button.text().startswith("⚠"))  # SEV2 started 3 h ago: overdue
    assert " late " in button.text()
    assert "status updates are overdue" in comms_window.status.currentMessage()  # all four fell due at once

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SnoozeDialog) and w.isVisible())
        dialog.minutes.setValue(240)
        dialog.reason.setText("Vendor root cause due in an hour")
        dialog.accept()

    for aud in ("internal", "executives", "customers", "vendors"):
        QTimer.singleShot(50, fill)
        dialog = comms_window.comms.snooze()
        assert dialog is not None
        wait_idle(tasks)
    qtbot.waitUntil(lambda: button.text().startswith("✉"), timeout=5000)
    assert "due in 3:" in button.toolTip()  # four hours of snooze: 3:59:xx left


def test_needs_approval_holds_until_approved_in_the_panel(
    qtbot, comms_window, http_server, services, incident, tasks, wait_idle
):
    composer = open_composer(qtbot, comms_window)
    composer.audience.setCurrentIndex(0)
    qtbot.waitUntil(lambda: channel_labels(composer).get("ops-slack (slack)") is True)
    composer.approval.setChecked(True)
    wait_idle(tasks)
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    panel = comms_window.comms.panel
    qtbot.waitUntil(lambda: panel.tree.topLevelItemCount() == 1)
    top = panel.tree.topLevelItem(0)
    assert top.text(1) == "waiting for approval"
    qtbot.wait(1500)
    assert http_server.requests == []  # held: nothing goes out
    panel.tree.setCurrentItem(top)
    assert panel.approve_button.isEnabled()
    qtbot.mouseClick(panel.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(http_server.requests) == 1, timeout=10_000)


def test_an_unknown_delivery_is_confirmed_by_a_person(qtbot, comms_window, services, incident, tasks, wait_idle):
    comms = CommsService(services.ctx)
    comms.set_policy("executives", needs_approval=True)  # held: the sender thread leaves it alone
    update = comms.send(incident.id, "executives", "Exec summary", ["exec-teams"])
    with services.store.unit_of_work() as uow:
        uow.writer.update(
            "comms_deliveries", update.deliveries[0].id, {"status": "unknown", "error": "may have been posted"}
        )
        uow.commit()
    panel = comms_window.comms.panel
    qtbot.waitUntil(
        lambda: panel.tree.topLevelItemCount() == 1 and "unknown" in panel.tree.topLevelItem(0).child(0).text(1)
    )
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0).child(0))
    assert panel.posted_button.isEnabled() and panel.resend_button.isEnabled()
    qtbot.mouseClick(panel.posted_button, Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    [after] = CommsService(services.ctx).updates(incident.id)
    assert after.deliveries[0].status is DeliveryStatus.SENT
    assert after.deliveries[0].error == "confirmed as posted"


def test_a_channel_added_in_the_window_keeps_its_secret_in_the_keyring(qtbot, comms_window, services, tasks, wait_idle):
    from warroom.integrations.channels import secrets
    from warroom.ui.comms.dialogs import ChannelDialog

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, ChannelDialog) and w.isVisible())
        qtbot.keyClicks(dialog.name, "status-mail")
        dialog.kind.setCurrentIndex(dialog.kind.findText("email"))
        dialog.audience.setCurrentIndex(1)  # executives
        dialog.fields["smtp_host"].setText("smtp.example.se")
        dialog.fields["smtp_port"].setText("587")
        dialog.fields["username"].setText("ic")
        dialog.fields["to"].setText("cto@example.se, ceo@example.se")
        qtbot.keyClicks(dialog.fields["secret:password"], "hunter2")
        dialog.accept()

    menu = open_channels_menu(qtbot, comms_window)
    QTimer.singleShot(50, fill)
    menu_action(menu, "Add a channel").trigger()
    wait_idle(tasks)
    channel = ChannelService(services.ctx).get("status-mail")
    assert (channel.kind.value, channel.audience.value) == ("email", "executives")
    assert channel.config == {
        "smtp_host": "smtp.example.se",
        "smtp_port": 587,
        "username": "ic",
        "to": ["cto@example.se", "ceo@example.se"],
    }
    assert secrets.load(channel.id) == {"password": "hunter2"}
    assert ChannelService(services.ctx).setup_state(channel) == "ready"


def test_audiences_falling_due_together_are_named_in_one_warning(qtbot, comms_window):
    button = comms_window.comms.countdown
    qtbot.waitUntil(lambda: button.text().startswith("⚠"))  # SEV2 started 3 h ago: all four are late
    message = comms_window.status.currentMessage()
    assert " status updates are overdue: write them, or snooze them with a reason." in message
    for aud in ("internal", "executives", "customers", "vendors"):
        assert aud in message


def test_a_snooze_without_a_reason_stays_open_and_says_why(qtbot, comms_window):
    dialog = SnoozeDialog(None, comms_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reason.setText("   ")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.text().startswith("Say why the update can wait")
    dialog.reason.setText("Vendor root cause due at 10:00")
    dialog.accept()
    assert not dialog.isVisible() and dialog.result() == dialog.DialogCode.Accepted


def test_closing_the_composer_while_its_draft_and_previews_are_read_is_quiet(qtbot, comms_window, tasks, wait_idle):
    composer = comms_window.comms.compose(None)
    composer.refresh_previews()
    composer.close()  # deleted on close: the reads come back to a composer that is gone
    wait_idle(tasks)  # pytest-qt fails the test on an exception raised in a callback


def test_a_channel_added_on_another_laptop_is_set_up_here_from_the_channels_menu(
    qtbot, comms_window, services, http_server, tasks, wait_idle
):
    from warroom.ui.comms.dialogs import SecretDialog

    menu = open_channels_menu(qtbot, comms_window)
    texts = [a.text() for a in menu.actions()]
    assert "Set up exec-teams (teams) on this laptop…" in texts
    assert not any("ops-slack" in t for t in texts)  # ready here: nothing to set up

    def fill() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, SecretDialog) and w.isVisible())
        qtbot.keyClicks(dialog.fields["url"], http_server.url("/teams"))
        dialog.accept()

    QTimer.singleShot(50, fill)
    menu_action(menu, "Set up exec-teams").trigger()
    wait_idle(tasks)
    channels = ChannelService(services.ctx)
    assert channels.setup_state(channels.get("exec-teams")) == "ready"
    assert "exec-teams is set up on this laptop" in comms_window.status.currentMessage()


def test_the_composer_names_who_approves_an_audiences_updates(qtbot, comms_window, services, tasks, wait_idle):
    composer = open_composer(qtbot, comms_window)
    composer.audience.setCurrentIndex(1)  # executives
    qtbot.waitUntil(lambda: not composer.approver.isEnabled() and composer.editor.toPlainText() != "")
    composer.approval.setChecked(True)
    assert composer.approver.isEnabled()
    qtbot.keyClicks(composer.approver, "Grace  Hopper")
    qtbot.keyClick(composer.approver, Qt.Key.Key_Return)  # finishes the name, does not send
    wait_idle(tasks)
    assert composer.isVisible()
    policy = CommsService(services.ctx).policy("executives")
    assert (policy.needs_approval, policy.approver) == (True, "Grace Hopper")
    composer.audience.setCurrentIndex(0)  # internal: its own policy, no approver
    qtbot.waitUntil(lambda: composer.approver.text() == "" and not composer.approver.isEnabled())
    composer.reject()
