"""The directory as a tree: vendors, and under each its contacts at one instant.

A thin adapter over the service's VendorStatus values (no store here): each row
answers its value under VALUE_ROLE, and its cells are made when first asked for; the
reachable column is coloured green/red and says why not, and when the contact is back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from warroom.ui.kit.style import badge_icon
from warroom.ui.kit.text import shown
from warroom.ui.kit.theme import ink
from warroom.ui.kit.time_display import short_zone

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the VendorStatus or ContactStatus of the row
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "vendor" or "contact"
_ROOT = QModelIndex()


def reach_colour(reachable: bool) -> str:
    return ink("ok" if reachable else "error")


class Col(IntEnum):
    """Reachability right after the name: a narrow dock still shows it."""

    NAME = 0
    REACHABLE = 1
    LOCAL = 2
    LEVEL = 3
    ROLE = 4


HEADERS = {
    Col.NAME: "Vendor / contact",
    Col.ROLE: "Role / layers",
    Col.LOCAL: "Local time",
    Col.REACHABLE: "Reachable now",
    Col.LEVEL: "Level",
}


def when_back(status) -> str:
    """'back Fri 27 Dec 08:00' in the contact's own zone, or '' when reachable or never."""
    if status.reachable or status.next_reachable_at is None:
        return ""
    local = status.next_reachable_at.astimezone(status.local_time.tzinfo)
    same_day = local.date() == status.local_time.date()
    return f"back {local:%H:%M}" if same_day else f"back {local:%a %d %b %H:%M}"


def reachable_text(status) -> str:
    """What the reachable column says: 'Yes', 'Yes — always on call', or the reason and when back."""
    if status.reachable:
        return "Yes — always on call" if status.reason == "always on call" else "Yes"
    back = when_back(status)
    reason = status.reason or "not reachable"
    return f"No — {reason}" + (f"; {back}" if back else "")


def local_text(moment: datetime) -> str:
    """'Tue 10:00 CET': short enough for a column; the zone's name is in the tooltip."""
    return f"{moment:%a %H:%M} {moment.tzname() or short_zone(str(moment.tzinfo))}"


def reachable_short(status) -> str:
    """The column's text: 'Yes', 'Yes (on call)', 'No: Christmas Eve (SE) · back Fri 27 Dec 08:00'."""
    if status.reachable:
        return "Yes (always on call)" if status.reason == "always on call" else "Yes"
    back = when_back(status)
    return f"No: {status.short_reason or status.reason or 'not reachable'}" + (f" · {back}" if back else "")


class DirectoryModel(QAbstractItemModel):
    """Vendors at the top level, their contacts under them; cells are made when a view asks,
    so showing a directory of thousands of contacts costs a reset, not a row of items each."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.statuses: tuple = ()
        self._heading = HEADERS[Col.REACHABLE]
        self._cells: dict[tuple[int, int], tuple] = {}  # (vendor row, contact row or -1) -> cells
        self._bold = QFont()
        self._bold.setBold(True)

    def set_reachable_heading(self, when: str | None) -> None:
        """'Reachable now', or 'Reachable Tue 24 Dec 10:00' while the panel shows another instant."""
        self._heading = f"Reachable {when}" if when else HEADERS[Col.REACHABLE]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, Col.REACHABLE, Col.REACHABLE)

    def show(self, statuses: Sequence) -> None:
        """Replace the rows with these VendorStatus values (in their order)."""
        self.beginResetModel()
        self.statuses = tuple(statuses)
        self._cells.clear()
        self.endResetModel()

    # -- the tree's shape -------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1 if parent.isValid() else 0)

    def parent(self, child=_ROOT):  # Qt's parent() of an index, not QObject.parent()
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self.statuses)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.statuses[parent.row()].contacts)
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return len(Col)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(Col):
            return self._heading if section == Col.REACHABLE else HEADERS[Col(section)]
        return None

    # -- what each cell shows -----------------------------------------------------------------------
    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        vendor_row = index.internalId() - 1 if index.internalId() else index.row()
        contact_row = index.row() if index.internalId() else -1
        if role == VALUE_ROLE:
            vs = self.statuses[vendor_row]
            return vs if contact_row < 0 else vs.contacts[contact_row]
        if role == KIND_ROLE:
            return "vendor" if contact_row < 0 else "contact"
        cells = self._cells.get((vendor_row, contact_row))
        if cells is None:
            cells = self._cells[(vendor_row, contact_row)] = self._make_cells(vendor_row, contact_row)
        return cells[index.column()].get(role)

    @staticmethod
    def value(index):
        """The VendorStatus or ContactStatus behind any cell of a row."""
        if not index.isValid():
            return None
        return index.siblingAtColumn(Col.NAME).data(VALUE_ROLE)

    def _make_cells(self, vendor_row: int, contact_row: int) -> tuple[dict[int, object], ...]:
        vs = self.statuses[vendor_row]
        if contact_row < 0:
            return vendor_cells(vs, self._bold)
        return contact_cells(vs.contacts[contact_row])


DISPLAY, TIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole


def _reach_cell(text: str, reachable: bool, tip: str) -> dict[int, object]:
    colour = reach_colour(reachable)
    return {
        DISPLAY: shown(text),
        TIP: tip,
        Qt.ItemDataRole.ForegroundRole: QBrush(QColor(colour)),
        Qt.ItemDataRole.DecorationRole: badge_icon(colour),
    }


def vendor_cells(vs, bold: QFont) -> tuple[dict[int, object], ...]:
    reachable = sum(1 for c in vs.contacts if c.reachable)
    first = vs.contacts[0].local_time if vs.contacts else None
    layers = ", ".join(vs.vendor.layers)
    tip = f"{vs.vendor.name}: {layers or 'no layers'} · {vs.vendor.country} · {vs.vendor.hours} {vs.vendor.timezone}"
    summary = f"{reachable} of {len(vs.contacts)} reachable" if vs.contacts else "no contacts"
    cells: dict[Col, dict[int, object]] = {
        Col.NAME: {DISPLAY: shown(vs.vendor.name), TIP: tip, Qt.ItemDataRole.FontRole: bold},
        Col.REACHABLE: _reach_cell(summary, reachable > 0, tip),
        Col.LOCAL: {DISPLAY: local_text(first) if first else "", TIP: tip},
        Col.LEVEL: {DISPLAY: "", TIP: tip},
        Col.ROLE: {DISPLAY: shown(layers), TIP: tip},
    }
    return tuple(cells[c] for c in Col)


def contact_cells(cs) -> tuple[dict[int, object], ...]:
    tip = reachable_text(cs)
    if cs.next_reachable_at is not None:
        tip += f"\nNext reachable {cs.next_reachable_at:%Y-%m-%d %H:%M} UTC"
    cells: dict[Col, dict[int, object]] = {
        Col.NAME: {
            DISPLAY: shown(cs.contact.name),
            TIP: " · ".join([*cs.contact.phones, cs.contact.email or ""]).strip(" ·"),
        },
        Col.REACHABLE: _reach_cell(reachable_short(cs), cs.reachable, tip),
        Col.LOCAL: {
            DISPLAY: local_text(cs.local_time),
            TIP: f"{cs.local_time:%Y-%m-%d %H:%M %Z} ({cs.local_time.tzinfo})",
        },
        Col.LEVEL: {
            DISPLAY: f"L{cs.level}" if cs.level else "—",
            Qt.ItemDataRole.TextAlignmentRole: Qt.AlignmentFlag.AlignCenter,
        },
        Col.ROLE: {DISPLAY: shown(cs.contact.role)},
    }
    return tuple(cells[c] for c in Col)
