"""Audience templates…: each audience's Markdown template, edited in the window, imported from and
exported to a .md file (what `warroom update template` does on the CLI). The store and the
files are read and written through the window's tasks, never on the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from warroom.atomic_file import write_atomic
from warroom.domain.comms import CommsAudience
from warroom.domain.comms_templates import PLACEHOLDERS
from warroom.services.comms import CommsService
from warroom.services.comms.templates import builtin_template, check_template, read_template_file
from warroom.ui.kit.folders import default_folder
from warroom.ui.kit.theme import paint

MD_FILTER = "Markdown (*.md);;All files (*)"
YOURS = "Your template (the same on every synced laptop)"
BUILT_IN = "The built-in template"


class TemplatesDialog(QDialog):
    def __init__(self, services, tasks, parent=None, audience: CommsAudience = CommsAudience.INTERNAL) -> None:
        super().__init__(parent)
        self.setObjectName("commsTemplates")
        self.setWindowTitle("Audience templates")
        self.tasks, self.services = tasks, services
        self.comms = CommsService(services.ctx)
        self.loaded = ""  # the text as last read or saved: what "changed" compares with
        self.shown = audience  # whose template the editor holds
        self.audience = QComboBox(self)
        self.audience.setAccessibleName("Audience")
        for aud in CommsAudience:
            self.audience.addItem(aud.label, aud.value)
        self.audience.setCurrentIndex(self.audience.findData(audience.value))
        self.audience.currentIndexChanged.connect(self._audience_chosen)
        self.origin = QLabel(self)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("commsTemplateEditor")
        self.editor.setAccessibleName("Template (Markdown)")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.textChanged.connect(self._update_buttons)
        fields = QLabel("Placeholders: " + " ".join("{" + p + "}" for p in PLACEHOLDERS), self)
        fields.setWordWrap(True)
        paint(fields, "color: $muted;")
        self.message = QLabel(self)
        self.message.setObjectName("commsTemplateMessage")
        self.message.setWordWrap(True)
        self.save_button = QPushButton("&Save", self)
        self.builtin_button = QPushButton("&Built-in", self)
        self.builtin_button.setToolTip("Put the built-in template in the editor (Save to keep it)")
        self.import_button = QPushButton("&Import…", self)
        self.export_button = QPushButton("&Export…", self)
        close = QPushButton("Close", self)
        self.save_button.clicked.connect(self.save)
        self.builtin_button.clicked.connect(self.use_builtin)
        self.import_button.clicked.connect(self.choose_import)
        self.export_button.clicked.connect(self.choose_export)
        close.clicked.connect(self.reject)
        self._layout(fields, close)
        self.resize(640, 520)
        self.load()

    def _layout(self, fields: QLabel, close: QPushButton) -> None:
        top = QHBoxLayout()
        label = QLabel("&Audience", self)
        label.setBuddy(self.audience)
        top.addWidget(label)
        top.addWidget(self.audience)
        top.addWidget(self.origin, 1)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.builtin_button, self.import_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.editor, 1)
        layout.addWidget(fields)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def chosen(self) -> CommsAudience:
        return CommsAudience(self.audience.currentData())

    def _audience_chosen(self, _index: int) -> None:
        leaving_edits = self.chosen() is not self.shown and self.editor.isEnabled() and self.changed()
        if leaving_edits and not self._keep_or_drop_edits(self.shown):
            self.audience.blockSignals(True)  # back to the audience whose edits stay in the editor
            self.audience.setCurrentIndex(self.audience.findData(self.shown.value))
            self.audience.blockSignals(False)
            return
        self.load()

    def _keep_or_drop_edits(self, aud: CommsAudience) -> bool:
        """Ask before the editor's unsaved text is replaced; False when the person cancels."""
        answer = QMessageBox.question(
            self,
            "Unsaved template",
            f"The {aud.label} template has changes that are not saved.",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            self._save_for(aud, self.editor.toPlainText())
        return answer != QMessageBox.StandardButton.Cancel

    def reject(self) -> None:
        if self.editor.isEnabled() and self.changed() and not self._keep_or_drop_edits(self.shown):
            return
        super().reject()

    def load(self) -> None:
        aud, comms = self.chosen(), self.comms
        self.editor.setEnabled(False)
        self.tasks.read(lambda: (aud, comms.policy(aud).template, comms.template(aud)), self._show, self._failed)

    def _show(self, read) -> None:
        aud, custom, text = read
        if aud is not self.chosen():
            return  # the audience changed while it was read: its own read follows
        self.loaded, self.shown = text, aud
        self.editor.setPlainText(text)
        self.editor.setEnabled(True)
        self.origin.setText(YOURS if custom else BUILT_IN)
        self.message.clear()
        self._update_buttons()

    def changed(self) -> bool:
        return self.editor.toPlainText() != self.loaded

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.editor.isEnabled() and self.changed())

    def save(self) -> None:
        self._save_for(self.chosen(), self.editor.toPlainText())

    def _save_for(self, aud: CommsAudience, text: str) -> None:
        comms = self.comms
        self.tasks.write(lambda: comms.set_policy(aud, template=text), lambda _p: self._saved(aud, text), self._failed)

    def _saved(self, aud: CommsAudience, text: str) -> None:
        self._said(f"Saved: the next {aud.value} update starts from this template.")
        if aud is self.chosen():
            self.loaded = text
            self.origin.setText(YOURS)
            self._update_buttons()

    def use_builtin(self) -> None:
        aud = self.chosen()
        self.tasks.read(lambda: builtin_template(aud), self.editor.setPlainText, self._failed)

    def choose_import(self) -> None:
        folder = str(default_folder(self.services.settings.export_folder))
        path, _ = QFileDialog.getOpenFileName(self, "Import a template", folder, MD_FILTER)
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        """Into the editor, checked (UTF-8, known placeholders); Save keeps it."""
        self.tasks.read(lambda: read_template_file(path), lambda text: self._imported(path, text), self._failed)

    def _imported(self, path: Path, text: str) -> None:
        self.editor.setPlainText(text)
        self._said(f"Imported {path.name}: Save to use it.")

    def choose_export(self) -> None:
        name = f"{self.chosen().value}-update-template.md"
        folder = default_folder(self.services.settings.export_folder)
        path, _ = QFileDialog.getSaveFileName(self, "Export the template", str(folder / name), MD_FILTER)
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """What the editor shows, saved or not: the file is what the person sees."""
        text = self.editor.toPlainText()
        self.tasks.read(
            lambda: write_atomic(path, check_template(text)),
            lambda p: self._said(f"Exported to {p}."),
            self._failed,
        )

    def _said(self, text: str) -> None:
        paint(self.message, "color: $strong;")
        self.message.setText(text)

    def _failed(self, message: str) -> None:
        paint(self.message, "color: $error;")
        self.message.setText(message)
