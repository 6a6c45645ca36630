"""Help > Keyboard shortcuts (F1): every menu action with its keys, and the entry box grammar."""

from __future__ import annotations

import html

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenuBar, QTextBrowser, QVBoxLayout

from warroom.domain.typed_entry import KIND_SIGILS
from warroom.ui.kit.style import KIND_LABELS


def shortcut_rows(menu_bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action in the menus that has a shortcut."""
    rows: list[tuple[str, str, str]] = []

    def walk(menu, title: str) -> None:
        for action in menu.actions():
            if action.menu():
                walk(action.menu(), title)
            elif action.shortcuts():
                keys = " or ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
                rows.append((title, action.text().replace("&", "").split("\t")[0], keys))

    for top in menu_bar.actions():
        if top.menu():
            walk(top.menu(), top.text().replace("&", ""))
    return rows


def shortcuts_html(rows: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f"<tr><td>{html.escape(m)}</td><td>{html.escape(a)}</td><td><b>{html.escape(k)}</b></td></tr>"
        for m, a, k in rows
    )
    sigils = "".join(
        f"<tr><td><b>{html.escape(s)}</b></td><td>{KIND_LABELS[k]}</td></tr>" for s, k in KIND_SIGILS.items()
    )
    return (
        "<h3>Keyboard shortcuts</h3><table cellpadding=4>"
        "<tr><th align=left>Menu</th><th align=left>Action</th><th align=left>Keys</th></tr>"
        f"{body}</table>"
        "<h3>The entry box</h3><p>Enter records the entry at now and keeps the box ready for the next. "
        "Up recalls what you recorded. A leading <b>14:15</b> back-dates it (today in your zone, or "
        "yesterday if that would be in the future); <b>2025-12-24 14:15</b> names the day. "
        "<b>#detected</b> or <b>#[rollback started]</b> marks a milestone.</p>"
        f"<table cellpadding=3>{sigils}</table>"
    )


class ShortcutsDialog(QDialog):
    def __init__(self, menu_bar: QMenuBar, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcutsDialog")
        self.resize(620, 640)
        self.rows = shortcut_rows(menu_bar)
        self.browser = QTextBrowser(self)
        self.browser.setHtml(shortcuts_html(self.rows))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
