"""Who holds which role now, and a form to assign one (keyboard first: Alt+R, Alt+P, Enter)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.roles import STANDARD_ROLES, VENDOR_OWNER, Assignment
from warroom.ui.roles.models import HoldersModel


class RolesTab(QWidget):
    assign_requested = Signal(str, str, str)  # role, person, vendor name ("" when not a vendor owner)

    def __init__(self, when, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("rolesTab")
        self.model = HoldersModel(when, self)
        self.table = QTableView(self)
        self.table.setObjectName("roleHolders")
        self.table.setAccessibleName("Who holds which role")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._take_row)
        self.role = QComboBox(self)
        self.role.setObjectName("roleName")
        self.role.setAccessibleName("Role")
        self.role.setEditable(True)  # a role the team defines is typed in
        self.role.addItems([*STANDARD_ROLES, VENDOR_OWNER])
        self.role.currentTextChanged.connect(self._role_changed)
        self.person = QLineEdit(self)
        self.person.setObjectName("rolePerson")
        self.person.setAccessibleName("Person")
        self.person.setPlaceholderText("who takes the role (empty: nobody)")
        self.person.returnPressed.connect(self._assign)
        self.vendor = QComboBox(self)
        self.vendor.setObjectName("roleVendor")
        self.vendor.setAccessibleName("Vendor (for a vendor owner)")
        self.vendor.setEditable(True)
        self.assign_button = QPushButton("&Assign", self)
        self.assign_button.setObjectName("assignRole")
        self.assign_button.clicked.connect(self._assign)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self._layout()
        self._role_changed(self.role.currentText())

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow("&Role", self.role)
        form.addRow("&Person", self.person)
        form.addRow("&Vendor", self.vendor)
        form.addRow("", self.assign_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.setFocusProxy(self.role)

    def set_holders(self, holders: list[Assignment]) -> None:
        self.model.set_rows(holders)

    def set_vendors(self, names: list[str]) -> None:
        current = self.vendor.currentText()
        self.vendor.clear()
        self.vendor.addItems(names)
        self.vendor.setCurrentText(current)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b71c1c;" if error else "color: #424242;")
        self.message.setText(text)

    def _role_changed(self, text: str) -> None:
        self.vendor.setEnabled(text.strip().lower() == VENDOR_OWNER)

    def _take_row(self, index) -> None:
        """Enter on a holder fills the form with that role, ready for the next person."""
        holder: Assignment = self.model.rows[index.row()]
        self.role.setCurrentText(holder.role)
        if holder.vendor_name:
            self.vendor.setCurrentText(holder.vendor_name)
        self.person.setFocus(Qt.FocusReason.OtherFocusReason)
        self.person.selectAll()

    def _assign(self) -> None:
        vendor = self.vendor.currentText().strip() if self.vendor.isEnabled() else ""
        self.assign_requested.emit(self.role.currentText(), self.person.text(), vendor)
