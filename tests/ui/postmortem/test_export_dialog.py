"""File > Export… from the window: the demo incident to all four formats, driven with keys and clicks."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QRadioButton

from tests.ui.conftest import activate
from warroom.ui.postmortem.export_dialog import ExportDialog
from warroom.ui.postmortem.panel import PostmortemPanel, install_postmortem

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHOTS = Path("/tmp/wr-ui")


@pytest.fixture
def demo(services):
    return services.demo.load()


@pytest.fixture
def export_window(qtbot, open_window, demo):
    window, _ = open_window(install=lambda w: w.panels.setdefault("postmortem", install_postmortem(w)))
    qtbot.waitUntil(lambda: window.current_incident is not None)
    return window


def open_dialog(qtbot, window, wait_idle, tasks) -> ExportDialog:
    activate(qtbot, window)
    assert window.actions_by_name["export"].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL)
    dialog = window.panels["postmortem"].export_dialog
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    activate(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.preview_note.text() == "Preview:", timeout=10_000)
    wait_idle(tasks)
    return dialog


def press_mnemonic(qtbot, dialog, key) -> None:
    """Alt+letter: a button 'animates' its click, so it toggles a moment later."""
    qtbot.keyClick(dialog, key, ALT)
    qtbot.wait(250)


def export_to(qtbot, dialog: ExportDialog, tasks, wait_idle, path: Path) -> list[Path]:
    dialog.path.setText(str(path))  # the file chooser is the platform's: the path is set as it would be
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.busy and dialog.progress.isVisible() and not dialog.export_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    wait_idle(tasks)
    assert dialog.open_folder.isVisible(), dialog.result.text()
    return dialog.written


def test_the_preview_shows_the_document_with_its_chart(qtbot, export_window, wait_idle, tasks):
    dialog = open_dialog(qtbot, export_window, wait_idle, tasks)
    text = dialog.preview.toPlainText()
    for section in ("POSTMORTEM", "Summary", "Timeline", "Vendor engagement", "Lessons learned"):
        assert section in text
    assert "Föräldraledig through 2014-01-06" in text  # Åsa Bergström on leave, from Integra's calendar
    chart = dialog.preview.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("warroom-chart.png"))
    assert chart is not None and not chart.isNull()
    assert dialog.format() == "pdf" and dialog.path.text().endswith("INC-1-postmortem.pdf")
    press_mnemonic(qtbot, dialog, Qt.Key.Key_S)  # &Starred entries only
    assert dialog.starred.isChecked()
    qtbot.waitUntil(lambda: "No entry is starred." in dialog.preview.toPlainText(), timeout=10_000)
    dialog.resize(980, 760)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "export-dialog.png"))


def test_export_the_demo_to_all_four_formats(qtbot, export_window, services, demo, wait_idle, tasks, tmp_path: Path):
    dialog = open_dialog(qtbot, export_window, wait_idle, tasks)

    [pdf] = export_to(qtbot, dialog, tasks, wait_idle, tmp_path / "INC-1.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and str(tmp_path) in dialog.result.text()
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Vendor engagement" in text and "Paweł Wiśniewski" in text and "Baltic Perimeter" in text

    press_mnemonic(qtbot, dialog, Qt.Key.Key_M)  # &Markdown
    assert dialog.format() == "md" and dialog.path.text() == str(tmp_path / "INC-1.md")  # the suffix follows
    md, png = export_to(qtbot, dialog, tasks, wait_idle, tmp_path / "INC-1.md")
    assert png.name == "INC-1-timeline.png" and png.read_bytes()[:4] == b"\x89PNG"
    tokens = MarkdownIt("commonmark").enable("table").parse(md.read_text(encoding="utf-8"))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert {"Summary", "Timeline", "Durations", "Vendor engagement", "Lessons learned"} <= set(headings)

    html_button = dialog.findChild(QRadioButton, "format_html")
    qtbot.mouseClick(html_button, Qt.MouseButton.LeftButton, pos=QPoint(8, html_button.height() // 2))  # its circle
    assert dialog.format() == "html"
    [html] = export_to(qtbot, dialog, tasks, wait_idle, tmp_path / "INC-1.html")
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Kronan Datacenter AB" in page and "data:image/png;base64," in page

    press_mnemonic(qtbot, dialog, Qt.Key.Key_J)  # &JSON
    assert not dialog.starred.isEnabled()  # the archive always holds every entry
    [archive] = export_to(qtbot, dialog, tasks, wait_idle, tmp_path / "INC-1.json")
    data = json.loads(archive.read_text(encoding="utf-8"))
    assert data["incident"]["id"] == demo.id and len(data["entries"]) == services.timeline.count(demo.id)


def test_a_folder_that_does_not_exist_is_said_plainly(qtbot, export_window, wait_idle, tasks, tmp_path: Path):
    dialog = open_dialog(qtbot, export_window, wait_idle, tasks)
    target = tmp_path / "missing" / "INC-1.pdf"
    dialog.path.setText(str(target))
    qtbot.keyClick(dialog.path, Qt.Key.Key_Return)  # Export is the default button
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    wait_idle(tasks)
    assert dialog.result.text() == f"Cannot write {target}: the folder {target.parent} does not exist."
    assert not dialog.open_folder.isVisible() and dialog.export_button.isEnabled() and not target.exists()


def test_open_folder_shows_where_the_file_went(qtbot, export_window, wait_idle, tasks, tmp_path: Path, monkeypatch):
    opened: list[QUrl] = []
    monkeypatch.setattr(
        "warroom.ui.postmortem.export_dialog.QDesktopServices.openUrl", lambda url: opened.append(url) or True
    )
    dialog = open_dialog(qtbot, export_window, wait_idle, tasks)
    export_to(qtbot, dialog, tasks, wait_idle, tmp_path / "INC-1.pdf")
    assert "INC-1.pdf" in dialog.result.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "export-dialog-done.png"))
    qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]


def test_the_tab_export_button_opens_the_same_dialog(qtbot, export_window, wait_idle, tasks):
    panel = export_window.findChild(PostmortemPanel)
    assert panel.export_button.isEnabled()
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert isinstance(panel.export_dialog, ExportDialog) and panel.export_dialog.isVisible()
    qtbot.waitUntil(lambda: panel.export_dialog.preview_note.text() == "Preview:", timeout=10_000)
    wait_idle(tasks)
