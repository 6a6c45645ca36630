"""Help > About Warroom shows the version and the commit it was built from."""

from __future__ import annotations

from PySide6.QtCore import Qt

from warroom import __version__
from warroom.build_info import build_commit


def test_help_about_shows_version_commit_and_store(qtbot, window, services):
    help_menu = window.menus.help
    about = next(a for a in help_menu.actions() if a.text().replace("&", "") == "About Warroom")
    about.trigger()
    dialog = window.commands.dialog
    qtbot.waitExposed(dialog)
    text = dialog.text.text()
    assert f"Warroom {__version__}" in text
    assert f"commit {build_commit()}" in text
    assert build_commit() != "unknown"  # a checkout asks git
    assert services.store.location in text
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
