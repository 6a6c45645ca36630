"""Every minute: has a level's waiting time run out without an acknowledgement?

The watcher asks the service off the GUI thread and emits what is due; each due
escalation is announced once (a desktop notification where the desktop has a
tray; the panel's banner always). Never a blocking dialog.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSystemTrayIcon, QToolButton

from warroom.domain.incident import Severity
from warroom.services.directory.attempts import EscalationDue
from warroom.services.directory.views import EscalationView
from warroom.ui.directory.escalation import advice_sentence
from warroom.ui.kit.style import SEVERITY_COLOURS, badge_icon
from warroom.ui.kit.theme import paint

CHECK_EVERY_MS = 60_000
BANNER_CSS = (
    "QFrame#escalationBanner { background: $banner_bg; border: 1px solid $banner_border; border-radius: 4px; }"
    " QLabel#escalationBannerText { color: $banner_text; font-weight: 600; }"
)


def due_key(due) -> tuple:
    return due.vendor_id, due.level, due.since


@dataclass(frozen=True)
class DueAdvice:
    """An escalation that fell due, with the advice the Escalation tab gives for it."""

    due: EscalationDue
    view: EscalationView

    @property
    def vendor_id(self) -> str:
        return self.due.vendor_id

    @property
    def level(self) -> int:
        return self.due.level

    @property
    def since(self) -> datetime:
        return self.due.since

    @property
    def message(self) -> str:
        d = self.due
        tried = next((lv for lv in self.view.levels if lv.level == d.level), None)
        names = ", ".join(s.contact.name for s in tried.contacts) if tried is not None else ""
        who = f" ({names})" if names else ""
        opening = f"{d.vendor_name}: no acknowledgement from level {d.level}{who} within {d.wait_min} min; "
        return opening + advice_sentence(self.view)


def dues_with_advice(directory, incident_id: str) -> tuple[DueAdvice, ...]:
    """One read: each due escalation and, from the same domain call as the tab, whom to call."""
    return tuple(
        DueAdvice(due, directory.escalate(due.vendor_id, tried_up_to=due.level))
        for due in directory.escalation_due(incident_id)
    )


class EscalationWatcher(QObject):
    changed = Signal(object)  # tuple of every EscalationDue now (possibly empty)
    announced = Signal(object)  # tuple of the EscalationDue not announced before

    def __init__(self, services, tasks, parent=None, interval_ms: int = CHECK_EVERY_MS) -> None:
        super().__init__(parent)
        self.services, self.tasks = services, tasks
        self.incident_id: str | None = None
        self.current: tuple = ()
        self._announced: set[tuple] = set()
        self._busy = False
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check_now)
        self.timer.start()

    def set_incident(self, incident_id: str | None) -> None:
        if incident_id == self.incident_id:
            return
        self.incident_id = incident_id
        self.current = ()
        self.changed.emit(())
        self.check_now()

    def check_now(self) -> None:
        if self.incident_id is None or self._busy:
            return
        self._busy = True
        incident_id, directory = self.incident_id, self.services.directory
        self.tasks.read(
            lambda: dues_with_advice(directory, incident_id),
            lambda found: self._on_due(incident_id, found),
            self._on_failed,
        )

    def _on_due(self, incident_id: str, found: tuple) -> None:
        self._busy = False
        if incident_id != self.incident_id:
            return
        self.current = tuple(found)
        fresh = tuple(d for d in found if due_key(d) not in self._announced)
        self._announced.update(due_key(d) for d in fresh)
        self.changed.emit(self.current)
        if fresh:
            self.announced.emit(fresh)

    def _on_failed(self, _message: str) -> None:
        self._busy = False  # the next tick tries again; a failed check is not worth a message

    def stop(self) -> None:
        self.timer.stop()


class DesktopNotifier(QObject):
    """A tray icon's balloon where the desktop has a tray; otherwise nothing (the banner shows it)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tray: QSystemTrayIcon | None = None
        self.sent: list[tuple[str, str]] = []

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()

    def notify(self, title: str, message: str) -> bool:
        self.sent.append((title, message))
        if not self.available():
            return False
        if self.tray is None:
            self.tray = QSystemTrayIcon(badge_icon(SEVERITY_COLOURS[Severity.SEV1], 32), self)
            self.tray.setToolTip("Warroom")
        self.tray.show()
        self.tray.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, 15_000)
        return True


class EscalationBanner(QFrame):
    """The in-window message: shown while any due escalation has not been dismissed."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("escalationBanner")
        paint(self, BANNER_CSS)
        self.text = QLabel(self)
        self.text.setObjectName("escalationBannerText")
        self.text.setWordWrap(True)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Hide until another escalation falls due")
        close.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 6, 6)
        row.addWidget(self.text, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.due: tuple = ()
        self.dismissed: set[tuple] = set()
        self.hide()

    def show_due(self, dues: tuple) -> None:
        self.due = tuple(dues)
        self.text.setText("\n".join(f"⚠ {d.message}" for d in self.due))
        self.setVisible(any(due_key(d) not in self.dismissed for d in self.due))

    def dismiss(self) -> None:
        self.dismissed.update(due_key(d) for d in self.due)
        self.hide()

    def message(self) -> str:
        return self.text.text() if self.isVisible() else ""
