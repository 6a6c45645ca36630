"""The directory as a tree: vendors, and under each its contacts at one instant.

A thin adapter over the service's VendorStatus values (no store here): each row
keeps its value under VALUE_ROLE; the reachable column is coloured green/red and
says why not, and when the contact is back, in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from warroom.ui.kit.style import badge_icon
from warroom.ui.kit.text import shown
from warroom.ui.kit.theme import ink
from warroom.ui.kit.time_display import short_zone

VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the VendorStatus or ContactStatus of the row
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "vendor" or "contact"


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


def _item(text: str, value=None, kind: str = "") -> QStandardItem:
    item = QStandardItem(shown(text))  # names and roles as typed: bidi controls made visible
    item.setEditable(False)
    if value is not None:
        item.setData(value, VALUE_ROLE)
        item.setData(kind, KIND_ROLE)
    return item


class DirectoryModel(QStandardItemModel):
    def __init__(self, parent=None) -> None:
        super().__init__(0, len(Col), parent)
        self.setHorizontalHeaderLabels([HEADERS[c] for c in Col])
        self.statuses: tuple = ()

    def set_reachable_heading(self, when: str | None) -> None:
        """'Reachable now', or 'Reachable Tue 24 Dec 10:00' while the panel shows another instant."""
        text = f"Reachable {when}" if when else HEADERS[Col.REACHABLE]
        self.setHeaderData(Col.REACHABLE, Qt.Orientation.Horizontal, text)

    def show(self, statuses: Sequence) -> None:
        """Replace the rows with these VendorStatus values (in their order)."""
        self.statuses = tuple(statuses)
        self.removeRows(0, self.rowCount())
        for vendor_status in self.statuses:
            self.appendRow(self._vendor_row(vendor_status))

    def _vendor_row(self, vs) -> list[QStandardItem]:
        name = _item(vs.vendor.name, vs, "vendor")
        bold = QFont()
        bold.setBold(True)
        name.setFont(bold)
        for contact in vs.contacts:
            name.appendRow(self._contact_row(contact))
        reachable = sum(1 for c in vs.contacts if c.reachable)
        summary = _item(f"{reachable} of {len(vs.contacts)} reachable" if vs.contacts else "no contacts")
        colour = reach_colour(reachable > 0)
        summary.setForeground(QBrush(QColor(colour)))
        summary.setIcon(badge_icon(colour))
        first = vs.contacts[0].local_time if vs.contacts else None
        layers = ", ".join(vs.vendor.layers)
        row = [name, summary, _item(local_text(first) if first else ""), _item(""), _item(layers)]
        for cell in row:
            cell.setToolTip(
                f"{vs.vendor.name}: {layers or 'no layers'} · {vs.vendor.country} · "
                f"{vs.vendor.hours} {vs.vendor.timezone}"
            )
        return row

    def _contact_row(self, cs) -> list[QStandardItem]:
        colour = reach_colour(cs.reachable)
        reach = _item(reachable_short(cs))
        reach.setForeground(QBrush(QColor(colour)))
        reach.setIcon(badge_icon(colour))
        tip = reachable_text(cs)
        if cs.next_reachable_at is not None:
            tip += f"\nNext reachable {cs.next_reachable_at:%Y-%m-%d %H:%M} UTC"
        reach.setToolTip(tip)
        name = _item(cs.contact.name, cs, "contact")
        name.setToolTip(" · ".join([*cs.contact.phones, cs.contact.email or ""]).strip(" ·"))
        local = _item(local_text(cs.local_time))
        local.setToolTip(f"{cs.local_time:%Y-%m-%d %H:%M %Z} ({cs.local_time.tzinfo})")
        level = _item(f"L{cs.level}" if cs.level else "—")
        level.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        return [name, reach, local, level, _item(cs.contact.role)]

    @staticmethod
    def value(index):
        """The VendorStatus or ContactStatus behind any cell of a row."""
        if not index.isValid():
            return None
        return index.siblingAtColumn(Col.NAME).data(VALUE_ROLE)
