"""Settings > Shared hub: PostgreSQL (host, port, database, user, TLS) or a shared SQLite file."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.errors import WarroomError
from warroom.services.sync import (
    SSL_MODES,
    postgres_hub_url,
    remember_hub_password,
    sqlite_hub_url,
)
from warroom.ui.kit.theme import paint

SQLITE_WARNING = (
    "A SQLite hub on a network drive suits a small team; network file systems and "
    "SQLite's locking do not always mix, so keep everyone on the same share."
)


class HubDialog(QDialog):
    """Edits settings.hub_url; the password goes to the OS keyring, never to the settings file."""

    def __init__(self, current_url: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Shared hub")
        self.setObjectName("hubDialog")
        self.hub_url = current_url
        self.none = QRadioButton("Local store only (no sharing)")
        self.postgres = QRadioButton("PostgreSQL (the team's shared store)")
        self.sqlite = QRadioButton("SQLite file on a shared drive")
        group = QButtonGroup(self)
        for button in (self.none, self.postgres, self.sqlite):
            group.addButton(button)
            button.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(self.none)
        layout.addWidget(self.postgres)
        layout.addWidget(self._postgres_form())
        layout.addWidget(self.sqlite)
        layout.addWidget(self._sqlite_form())
        self.error = QLabel(self, objectName="hubError", wordWrap=True)
        paint(self.error, "color: $error;")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._load(current_url)

    def _postgres_form(self) -> QWidget:
        self.pg_box = QWidget(self)
        form = QFormLayout(self.pg_box)
        self.host = QLineEdit(self, placeholderText="db.example.net")
        self.port = QSpinBox(self, minimum=1, maximum=65535, value=5432)
        self.database = QLineEdit(self, placeholderText="warroom")
        self.user = QLineEdit(self, placeholderText="warroom_app")
        self.password = QLineEdit(
            self,
            echoMode=QLineEdit.EchoMode.Password,
            placeholderText="kept in the OS keyring; leave empty to keep the saved one",
        )
        self.tls = QComboBox(self)
        self.tls.addItems(SSL_MODES)
        for label, widget in (
            ("Host", self.host),
            ("Port", self.port),
            ("Database", self.database),
            ("User", self.user),
            ("Password", self.password),
            ("TLS mode", self.tls),
        ):
            form.addRow(label, widget)
        return self.pg_box

    def _sqlite_form(self) -> QWidget:
        self.sqlite_box = QWidget(self)
        row = QHBoxLayout(self.sqlite_box)
        self.path = QLineEdit(self, placeholderText="/mnt/shared/warroom-hub.sqlite")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        note = QLabel(SQLITE_WARNING, self, wordWrap=True)
        paint(note, "color: $warn;")
        box = QWidget(self)
        outer = QVBoxLayout(box)
        outer.addWidget(self.sqlite_box)
        outer.addWidget(note)
        return box

    def _load(self, url: str) -> None:
        if url.startswith("postgresql"):
            parts = urlsplit(url)
            self.postgres.setChecked(True)
            self.host.setText(parts.hostname or "")
            self.port.setValue(parts.port or 5432)
            self.database.setText(unquote(parts.path.lstrip("/")))
            self.user.setText(unquote(parts.username or ""))
            mode = parse_qs(parts.query).get("sslmode", ["prefer"])[0]
            self.tls.setCurrentText(mode if mode in SSL_MODES else "prefer")
        elif url.startswith("sqlite"):
            self.sqlite.setChecked(True)
            self.path.setText(url.split("sqlite:///", 1)[-1])
        else:
            self.none.setChecked(True)
        self._update()

    def _update(self) -> None:
        self.pg_box.setEnabled(self.postgres.isChecked())
        self.sqlite_box.setEnabled(self.sqlite.isChecked())

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Shared hub file", self.path.text(), "SQLite files (*.sqlite *.db);;All files (*)"
        )
        if path:
            self.path.setText(path)

    def accept(self) -> None:
        try:
            self.hub_url = self._url()
            if self.postgres.isChecked():
                remember_hub_password(self.hub_url, self.password.text())
        except (WarroomError, ValueError) as exc:
            self.error.setText(str(exc))
            return
        super().accept()

    def _url(self) -> str:
        if self.postgres.isChecked():
            return postgres_hub_url(
                self.host.text(), self.port.value(), self.database.text(), self.user.text(), self.tls.currentText()
            )
        if self.sqlite.isChecked():
            return sqlite_hub_url(self.path.text())
        return ""
