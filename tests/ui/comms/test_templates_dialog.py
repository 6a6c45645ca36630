"""Audience templates… in the window: read, edit and save, fall back to the built-in one, import and export .md."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from warroom.domain.comms import CommsAudience
from warroom.services.comms import CommsService
from warroom.services.comms.templates import builtin_template
from warroom.ui.comms.templates_dialog import BUILT_IN, YOURS, TemplatesDialog


def open_templates(qtbot, window, tasks, wait_idle) -> TemplatesDialog:
    qtbot.mouseClick(window.comms.panel.templates_button, Qt.MouseButton.LeftButton)
    dialog = window.comms.templates_dialog
    assert dialog is not None and dialog.isVisible()
    wait_idle(tasks)
    qtbot.waitUntil(dialog.editor.isEnabled)
    return dialog


def choose(qtbot, dialog, audience: CommsAudience, tasks, wait_idle) -> None:
    dialog.audience.setCurrentIndex(dialog.audience.findData(audience.value))
    wait_idle(tasks)
    qtbot.waitUntil(dialog.editor.isEnabled)


def test_an_edited_template_is_saved_and_starts_the_next_draft(
    qtbot, comms_window, services, incident, tasks, wait_idle
):
    dialog = open_templates(qtbot, comms_window, tasks, wait_idle)
    choose(qtbot, dialog, CommsAudience.CUSTOMERS, tasks, wait_idle)
    assert dialog.editor.toPlainText() == builtin_template(CommsAudience.CUSTOMERS)
    assert dialog.origin.text() == BUILT_IN and not dialog.save_button.isEnabled()
    dialog.editor.setPlainText("## {title} — Störung\n\nWir arbeiten daran: {what_we_are_doing}\n")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: dialog.origin.text() == YOURS and not dialog.save_button.isEnabled())
    comms = CommsService(services.ctx)
    assert comms.template("customers").startswith("## {title} — Störung")
    assert comms.draft(incident.id, "customers").startswith(f"## {incident.title} — Störung")
    assert comms.template("internal") == builtin_template(CommsAudience.INTERNAL)  # the others untouched


def test_an_unknown_placeholder_is_refused_and_said(qtbot, comms_window, services, tasks, wait_idle):
    dialog = open_templates(qtbot, comms_window, tasks, wait_idle)
    choose(qtbot, dialog, CommsAudience.VENDORS, tasks, wait_idle)
    dialog.editor.setPlainText("## {title}\n{eta}\n")
    dialog.save()
    wait_idle(tasks)
    qtbot.waitUntil(lambda: "{eta}" in dialog.message.text())
    assert CommsService(services.ctx).policy("vendors").template == ""
    assert dialog.save_button.isEnabled()  # the typing is still there to fix


def test_export_then_import_a_markdown_file(qtbot, comms_window, services, tasks, wait_idle, tmp_path):
    dialog = open_templates(qtbot, comms_window, tasks, wait_idle)
    choose(qtbot, dialog, CommsAudience.EXECUTIVES, tasks, wait_idle)
    out = tmp_path / "exec.md"
    dialog.export_to(out)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: "Exported" in dialog.message.text())
    assert out.read_text(encoding="utf-8") == builtin_template(CommsAudience.EXECUTIVES)
    out.write_text("## {severity} {title}\n\nÉtat : {status}\n", encoding="utf-8")
    choose(qtbot, dialog, CommsAudience.INTERNAL, tasks, wait_idle)
    dialog.import_from(out)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: dialog.editor.toPlainText() == "## {severity} {title}\n\nÉtat : {status}\n")
    assert CommsService(services.ctx).policy("internal").template == ""  # imported, not saved yet
    dialog.save()
    wait_idle(tasks)
    assert CommsService(services.ctx).template("internal") == "## {severity} {title}\n\nÉtat : {status}\n"


def test_a_file_that_is_not_utf8_is_refused_and_the_editor_kept(qtbot, comms_window, tasks, wait_idle, tmp_path):
    dialog = open_templates(qtbot, comms_window, tasks, wait_idle)
    before = dialog.editor.toPlainText()
    bad = tmp_path / "latin1.md"
    bad.write_bytes("## {title} — Störung".encode("latin-1", errors="replace"))
    dialog.import_from(bad)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: "not UTF-8" in dialog.message.text())
    assert dialog.editor.toPlainText() == before


def test_built_in_puts_the_shipped_template_back_and_save_keeps_it(qtbot, comms_window, services, tasks, wait_idle):
    comms = CommsService(services.ctx)
    comms.set_policy("internal", template="## {title}\n")
    dialog = open_templates(qtbot, comms_window, tasks, wait_idle)
    choose(qtbot, dialog, CommsAudience.INTERNAL, tasks, wait_idle)
    qtbot.waitUntil(lambda: dialog.editor.toPlainText() == "## {title}\n" and dialog.origin.text() == YOURS)
    qtbot.mouseClick(dialog.builtin_button, Qt.MouseButton.LeftButton)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: dialog.editor.toPlainText() == builtin_template(CommsAudience.INTERNAL))
    dialog.save()
    wait_idle(tasks)
    assert comms.template("internal") == builtin_template(CommsAudience.INTERNAL)


def answer_the_question(qtbot, dialog, button: QMessageBox.StandardButton) -> list[str]:
    """Click `button` on the question the dialog is about to ask; returns the question's text once asked."""
    asked: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, click)
    return asked


def test_switching_audience_with_unsaved_edits_asks_and_cancel_keeps_them(qtbot, comms_window, tasks, wait_idle):
    dialog = open_templates(qtbot, comms_window, tasks, wait_idle)
    choose(qtbot, dialog, CommsAudience.CUSTOMERS, tasks, wait_idle)
    dialog.editor.setPlainText("## {title} — ändrad\n")
    asked = answer_the_question(qtbot, dialog, QMessageBox.StandardButton.Cancel)
    dialog.audience.setCurrentIndex(dialog.audience.findData(CommsAudience.VENDORS.value))
    assert asked == [f"The {CommsAudience.CUSTOMERS.label} template has changes that are not saved."]
    assert dialog.chosen() is CommsAudience.CUSTOMERS
    assert dialog.editor.toPlainText() == "## {title} — ändrad\n" and dialog.save_button.isEnabled()


def test_save_on_switching_keeps_the_edits_of_the_audience_left(qtbot, comms_window, services, tasks, wait_idle):
    dialog = open_templates(qtbot, comms_window, tasks, wait_idle)
    choose(qtbot, dialog, CommsAudience.CUSTOMERS, tasks, wait_idle)
    dialog.editor.setPlainText("## {title} — sparad\n")
    asked = answer_the_question(qtbot, dialog, QMessageBox.StandardButton.Save)
    choose(qtbot, dialog, CommsAudience.VENDORS, tasks, wait_idle)
    assert asked and dialog.editor.toPlainText() == builtin_template(CommsAudience.VENDORS)
    comms = CommsService(services.ctx)
    assert comms.template("customers") == "## {title} — sparad\n"
    assert comms.policy("vendors").template == ""


def test_discard_on_switching_drops_the_edits(qtbot, comms_window, services, tasks, wait_idle):
    dialog = open_templates(qtbot, comms_window, tasks, wait_idle)
    dialog.editor.setPlainText("## {title} — kastad\n")
    answer_the_question(qtbot, dialog, QMessageBox.StandardButton.Discard)
    choose(qtbot, dialog, CommsAudience.EXECUTIVES, tasks, wait_idle)
    choose(qtbot, dialog, CommsAudience.INTERNAL, tasks, wait_idle)  # unchanged now: no question
    assert dialog.editor.toPlainText() == builtin_template(CommsAudience.INTERNAL)
    assert CommsService(services.ctx).policy("internal").template == ""


def test_closing_with_unsaved_edits_asks_first(qtbot, comms_window, tasks, wait_idle):
    dialog = open_templates(qtbot, comms_window, tasks, wait_idle)
    dialog.editor.setPlainText("## {title} — osparad\n")
    asked = answer_the_question(qtbot, dialog, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()
    answer_the_question(qtbot, dialog, QMessageBox.StandardButton.Discard)
    dialog.close()
    assert not dialog.isVisible()
