"""Every control the user can reach has a name a screen reader can say: its own accessible
name, its text, or the label that points at it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from warroom.ui.shell.docking import docks_by_name, install_panels
from warroom.ui.shell.main_window import MainWindow

CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def unnamed(window: MainWindow) -> list[str]:
    buddies = {label.buddy(): label for label in window.findChildren(QLabel) if label.buddy() is not None}
    found = []
    for control in window.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisible() or control.visibleRegion().isEmpty():
            continue
        if isinstance(control, QLineEdit) and isinstance(control.parentWidget(), QComboBox | QAbstractSpinBox):
            continue  # the editor inside a combo or spin box: the outer control carries the name
        text = control.text() if isinstance(control, QAbstractButton) else ""
        label = buddies[control].text() if control in buddies else ""
        if not (control.accessibleName() or text or label).strip():
            found.append(f"{type(control).__name__} {control.objectName()!r}")
    return found


def test_every_visible_control_has_a_name(qtbot, services, tasks, wait_idle):
    services.demo.load()
    window = MainWindow(services, tasks)
    install_panels(window, "")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(tasks)
    qtbot.waitUntil(lambda: window.timeline.model.rowCount() > 10)
    missing = unnamed(window)
    for dock in docks_by_name(window).values():
        dock.raise_()
        qtbot.wait(20)
        missing += unnamed(window)
    assert not missing, sorted(set(missing))
    window.close()
