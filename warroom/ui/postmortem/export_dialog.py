"""File > Export… (Ctrl+E): choose a format, preview the document, export off the GUI thread.

The preview is the PDF's layout rendered in a QTextBrowser (the first entries of a long
timeline). Rendering and writing run on the worker pool; the dialog shows progress, then the
written files with "Open folder". The window stays usable meanwhile.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
)

from warroom.domain.incident import Incident
from warroom.ui.kit.folders import default_folder
from warroom.ui.kit.host import PanelHost
from warroom.ui.kit.theme import paint

FORMAT_CHOICES = (  # (format, button label, what it is for, file filter)
    ("pdf", "&PDF", "PDF: to read, print and hand to management.", "PDF (*.pdf)"),
    (
        "md",
        "&Markdown",
        "Markdown: pastes into Confluence, Notion and GitHub; the chart is written as a PNG beside it.",
        "Markdown (*.md)",
    ),
    ("html", "&HTML", "HTML: one standalone page, chart included, with print styles.", "HTML (*.html)"),
    (
        "json",
        "&JSON",
        "JSON: the whole incident (every revision, attempt, checklist), to archive or to import "
        "into another store with 'warroom incident import'.",
        "JSON (*.json)",
    ),
)
SUFFIX = {"pdf": ".pdf", "md": ".md", "html": ".html", "json": ".json"}


class ExportDialog(QDialog):
    def __init__(self, services, tasks, incident: Incident, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(f"Export the postmortem of {incident.reference}")
        self.services, self.tasks, self.incident = services, tasks, incident
        self.written: list[Path] = []
        self.busy = False
        self._preview_serial = 0
        self.resize(980, 760)
        self._build()
        preferred = services.settings.export_folder
        self.path.setText(str(default_folder(preferred) / f"{incident.reference}-postmortem.pdf"))
        self.refresh_preview()

    def _build(self) -> None:
        self.formats = QButtonGroup(self)
        box = QGroupBox("Format", self)
        row = QHBoxLayout(box)
        for index, (fmt, label, about, _filter) in enumerate(FORMAT_CHOICES):
            button = QRadioButton(label, box)
            button.setObjectName(f"format_{fmt}")
            button.setProperty("format", fmt)
            button.setToolTip(about)
            self.formats.addButton(button, index)
            row.addWidget(button)
        row.addStretch(1)
        self.starred = QCheckBox("&Starred entries only in the timeline", self)
        self.starred.toggled.connect(self.refresh_preview)
        row.addWidget(self.starred)
        self.about = QLabel(FORMAT_CHOICES[0][2], self)
        self.about.setObjectName("formatAbout")
        paint(self.about, "color: $muted;")
        self.formats.button(0).setChecked(True)
        self.formats.idToggled.connect(self._on_format)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("exportPreview")
        self.preview.setOpenExternalLinks(True)
        # tables are 100% wide plus their rule: a pixel too wide for a scroll bar to be any use
        self.preview.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.preview_note = QLabel("Preparing the preview…", self)
        paint(self.preview_note, "color: $muted;")
        self.path = QLineEdit(self)
        self.path.setObjectName("exportPath")
        self.browse = QPushButton("&Browse…", self)
        self.browse.clicked.connect(self.choose_file)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy: rendering reports no steps
        self.progress.hide()
        self.result = QLabel(self)
        self.result.setObjectName("exportResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton("Open &folder", self)
        self.open_folder.clicked.connect(self.show_folder)
        self.open_folder.hide()
        self.export_button = QPushButton("&Export", self)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        self.close_button = QPushButton("Close", self)
        self.close_button.clicked.connect(self.reject)
        self._lay_out(box)

    def _lay_out(self, box: QGroupBox) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("Save &as", self))
        file_row.itemAt(0).widget().setBuddy(self.path)
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(self.about)
        layout.addWidget(self.preview_note)
        layout.addWidget(self.preview, 1)
        layout.addLayout(file_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        layout.addLayout(buttons)

    # -- choices ----------------------------------------------------------------------------------
    def format(self) -> str:
        return self.formats.checkedButton().property("format")

    def set_format(self, fmt: str) -> None:
        index = [choice[0] for choice in FORMAT_CHOICES].index(fmt)
        self.formats.button(index).setChecked(True)

    def _on_format(self, index: int, checked: bool) -> None:
        if not checked:
            return
        path = Path(self.path.text().strip())
        fmt = FORMAT_CHOICES[index][0]
        self.about.setText(FORMAT_CHOICES[index][2])
        if path.suffix.lower() in SUFFIX.values():
            self.path.setText(str(path.with_suffix(SUFFIX[fmt])))
        self.starred.setEnabled(fmt != "json")  # the archive always holds every entry

    def choose_file(self) -> None:
        fmt = self.format()
        file_filter = next(choice[3] for choice in FORMAT_CHOICES if choice[0] == fmt)
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), file_filter)
        if chosen:
            self.path.setText(chosen if Path(chosen).suffix else chosen + SUFFIX[fmt])

    # -- preview ----------------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        self._preview_serial += 1
        serial, incident_id, starred = self._preview_serial, self.incident.id, self.starred.isChecked()
        postmortem = self.services.postmortem
        self.preview_note.setText("Preparing the preview…")
        self.tasks.read(
            lambda: postmortem.preview(incident_id, starred),
            lambda preview: self._show_preview(serial, preview),
            self._preview_failed,
        )

    def _show_preview(self, serial: int, preview) -> None:
        if serial != self._preview_serial:
            return  # a newer preview was asked for
        document = self.preview.document()
        if preview.chart_png:
            image = QImage.fromData(preview.chart_png, "PNG")
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(preview.chart_url), image)
        self.preview.setHtml(preview.html)
        if preview.total_entries > preview.shown_entries:
            self.preview_note.setText(
                f"Preview (the first {preview.shown_entries} of {preview.total_entries:,} "
                "entries; the file has them all):"
            )
        else:
            self.preview_note.setText("Preview:")

    def _preview_failed(self, message: str) -> None:
        self.preview_note.setText(f"No preview: {message}")

    # -- export -----------------------------------------------------------------------------------
    def export(self) -> None:
        text = self.path.text().strip()
        if self.busy:
            return
        if not text:
            self._show_error("Choose where to save the file (Save as).")
            return
        fmt, starred, incident_id = (
            self.format(),
            self.starred.isChecked() and self.format() != "json",
            self.incident.id,
        )
        postmortem = self.services.postmortem
        self._set_busy(True, f"Rendering {fmt.upper() if fmt != 'md' else 'Markdown'}…")
        self.tasks.read(
            lambda: postmortem.export(incident_id, fmt, Path(text).expanduser(), starred_only=starred),
            self._on_exported,
            self._on_failed,
        )

    def _on_exported(self, paths: list[Path]) -> None:
        self._set_busy(False)
        self.written = list(paths)
        lines = "<br>".join(f"<b>{p.name}</b>" for p in paths)
        self.result.setStyleSheet("")
        self.result.setText(f"Written to {paths[0].parent}:<br>{lines}")
        self.open_folder.show()
        self.open_folder.setFocus()

    def _on_failed(self, message: str) -> None:
        self._set_busy(False)
        self._show_error(message)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.progress.setFormat(text)
        self.progress.setTextVisible(bool(text))
        for widget in (self.export_button, self.path, self.browse):
            widget.setEnabled(not busy)
        if busy:
            paint(self.result, "color: $muted;")
            self.result.setText(text)
            self.open_folder.hide()

    def _show_error(self, message: str) -> None:
        paint(self.result, "color: $error;")
        self.result.setText(message)
        self.open_folder.hide()

    def show_folder(self) -> None:
        if self.written:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written[0].parent)))


def open_export_dialog(window: PanelHost, incident: Incident) -> ExportDialog:
    """What File > Export… does: a non-modal dialog on the window's incident."""
    dialog = ExportDialog(window.services, window.tasks, incident, window.window())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
