"""Starting the window: the store opens off the GUI thread; a broken store gets one dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from warroom.ui.shell.launch import STORE_ERROR_TITLE, open_services, store_error_box


def test_the_store_error_box_says_the_one_sentence(qtbot):
    box = store_error_box("/home/åsa/notes.txt is not a SQLite database: point --db at a Warroom store.")
    qtbot.addWidget(box)
    assert box.windowTitle() == STORE_ERROR_TITLE
    assert box.text() == "/home/åsa/notes.txt is not a SQLite database: point --db at a Warroom store."
    assert "Nothing was changed" in box.informativeText()
    assert box.icon() == QMessageBox.Icon.Critical
    assert box.standardButtons() == QMessageBox.StandardButton.Close


def test_a_file_that_is_not_a_store_gives_an_error_and_is_left_alone(qtbot, tasks, ui_dirs):
    notes = ui_dirs / "Paweł's notes.sqlite"
    original = "not a database, but Paweł's notes — 東京\n" * 50
    notes.write_text(original, encoding="utf-8")
    services, error = open_services(tasks, f"sqlite:///{notes}", "Åsa")
    assert services is None
    assert error and "\n" not in error.strip()
    assert notes.read_text(encoding="utf-8") == original


def test_a_good_store_opens_with_the_user_name(qtbot, tasks, ui_dirs):
    services, error = open_services(tasks, f"sqlite:///{ui_dirs / 'data' / 'fresh.sqlite'}", "Ọlá Adéwálé")
    try:
        assert error is None
        assert services.ctx.user_name == "Ọlá Adéwálé"
        assert services.incidents.list() == []
    finally:
        services.close()


def test_an_uncaught_error_is_logged_and_shown_as_one_sentence(qtbot, window, caplog):
    import logging
    import sys

    from warroom.ui.shell.launch import install_excepthook

    previous = sys.excepthook
    hook = install_excepthook(window)
    try:
        try:
            {}["missing"]
        except KeyError as exc:
            with caplog.at_level(logging.ERROR, logger="warroom.ui"):
                hook(KeyError, exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    box = window.findChild(QMessageBox, "unexpectedErrorBox")
    assert box is not None and box.isVisible()
    assert box.text().startswith("Something went wrong (KeyError); what you typed is kept")
    assert "\n" not in box.text()
    assert any(r.exc_info and "missing" in str(r.exc_info[1]) for r in caplog.records)
    box.close()


def test_notices_and_waits_reach_the_status_bar(qtbot, window, tasks):
    import logging

    from warroom.ui.kit.worker import WAITING
    from warroom.ui.shell.launch import show_notices_and_waits

    stop = show_notices_and_waits(window, tasks)
    try:
        logging.getLogger("warroom.notice.settings").warning("the settings file /x/settings.json has a bad value")
        qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("The settings file /x/settings.json"))
        tasks.waiting.emit(WAITING)
        assert window.statusBar().currentMessage() == WAITING
        tasks.resumed.emit()
        assert window.statusBar().currentMessage() == ""
    finally:
        stop()


def test_a_store_in_a_missing_folder_is_refused_unless_asked_to_create(qtbot, tasks, ui_dirs):
    from warroom.ui.shell.launch import MISSING_FOLDER

    target = ui_dirs / "new-folder" / "store.sqlite"
    services, error = open_services(tasks, f"sqlite:///{target}", "Åsa")
    assert services is None and MISSING_FOLDER in error
    assert not target.parent.exists()
    services, error = open_services(tasks, f"sqlite:///{target}", "Åsa", create=True)
    try:
        assert error is None and target.exists()
    finally:
        services.close()
