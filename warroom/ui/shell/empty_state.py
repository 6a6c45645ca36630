"""What the centre says when there is no incident: what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from warroom.ui.kit.theme import paint

NO_INCIDENT_TEXT = "No incident yet: Ctrl+N opens one"
DETAIL_WIDTH = 500


class EmptyState(QWidget):
    new_requested = Signal()
    demo_requested = Signal()

    def __init__(self, demo_available: bool, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.headline = QLabel(NO_INCIDENT_TEXT, self)
        paint(self.headline, "font-size: 18pt; font-weight: 600; color: $heading;")
        self.headline.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail = QLabel(
            "Open an incident to start its timeline. New here? Load the demo incident: a Christmas "
            "release that a vendor's firewall cut in half, with its vendors and timeline.",
            self,
        )
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # a wrapped label in a centred slot would shrink to nothing; no wider than the timeline's
        # own minimum, so that the docks' side tabs still fit a 960 px window
        self.detail.setFixedWidth(DETAIL_WIDTH)
        paint(self.detail, "color: $subtle;")
        font = self.detail.font()
        font.setPointSize(11)
        self.detail.setFont(font)
        self.detail.setMinimumHeight(self.detail.heightForWidth(DETAIL_WIDTH) + 8)
        self.new_button = QPushButton("New incident…  (Ctrl+N)", self)
        self.new_button.setObjectName("newIncidentButton")
        self.new_button.clicked.connect(self.new_requested)
        self.demo_button = QPushButton("Load the demo incident", self)
        self.demo_button.setObjectName("loadDemoButton")
        self.demo_button.clicked.connect(self.demo_requested)
        self.demo_button.setEnabled(demo_available)
        if not demo_available:
            self.demo_button.setToolTip("The demo data is not part of this build.")
        for button in (self.new_button, self.demo_button):
            button.setMinimumWidth(260)
            button.setMinimumHeight(34)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(self.headline)
        layout.addSpacing(8)
        layout.addWidget(self.detail, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(18)
        layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def set_busy(self, busy: bool, message: str = "") -> None:
        self.demo_button.setEnabled(not busy and self.demo_button.toolTip() == "")
        if message:
            self.detail.setText(message)
