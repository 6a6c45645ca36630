"""Help > About Warroom: the version and the commit it was built from, and where its store is."""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from warroom.build_info import version_line
from warroom.resources_path import resource


def about_html(store_location: str) -> str:
    return (
        f"<h3>{html.escape(version_line())}</h3>"
        "<p>The incident commander's desktop for outages with outside vendors.</p>"
        f"<p>Store: {html.escape(store_location)}<br>"
        f"Python {html.escape(platform.python_version())}, PySide6 {html.escape(pyside_version)}</p>"
    )


class AboutDialog(QDialog):
    def __init__(self, store_location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About Warroom")
        self.setWindowIcon(QIcon(str(resource("icons", "warroom.svg"))))
        self.text = QLabel(about_html(store_location), self)
        self.text.setObjectName("aboutText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to paste in a report
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
