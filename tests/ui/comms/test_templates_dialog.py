"""Audience templates… in the window: read, edit and save, fall back to the built-in one, import and export .md."""

from __future__ import annotations

from PySide6.QtCore import Qt

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
