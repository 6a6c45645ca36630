"""Calendar URLs in the window: subscribe, refresh now, and on a schedule, off the GUI thread.

    calendars = CalendarRefresher(services, tasks, parent, on_message)
    calendars.subscribe(vendor_id, contact_id, owner_name)   # asks for the URL (not blocking)
    calendars.refresh_now()                                  # fetch on the pool, import on the writer

Every REFRESH_EVERY (6 h) and once soon after the window opens, subscriptions whose last try
is older than that are fetched again. The network half runs on the read pool so a slow server
never holds up the writer (timeline entries keep landing); the import runs on the writer.
`state` is a line under the directory's toolbar: how many calendars, when fetched, and when
offline which copy stands.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QWidget

from warroom.ui.kit.theme import paint
from warroom.ui.kit.time_display import TimeDisplay

SCHEDULE_MS = 6 * 60 * 60 * 1000
FIRST_CHECK_MS = 20_000  # after the window has settled


class CalendarRefresher:
    def __init__(self, services, tasks, parent: QWidget, on_message: Callable[[str, bool], None]) -> None:
        self.services, self.tasks, self.parent = services, tasks, parent
        self.on_message = on_message
        self.display = TimeDisplay(services.settings.zone)
        self.busy = False
        self.after: Callable[[], None] | None = None
        self.ask: QInputDialog | None = None  # the open URL question, for tests
        self.state = QLabel(parent)
        self.state.setObjectName("calendarState")
        self.state.setWordWrap(True)
        self.state.hide()
        self.timer = QTimer(parent, interval=SCHEDULE_MS)
        self.timer.timeout.connect(self.refresh_due)
        self.timer.start()
        QTimer.singleShot(FIRST_CHECK_MS, parent, self.refresh_due)
        self.show_state()

    # -- what the panel calls ---------------------------------------------------------------------
    def subscribe(self, vendor_id: str, contact_id: str | None, owner: str) -> None:
        ask = QInputDialog(self.parent)
        ask.setObjectName("calendarUrlDialog")
        ask.setWindowTitle("Subscribe to a calendar")
        ask.setLabelText(f"The ICS address of {owner}'s calendar (https:// or webcal://):")
        ask.setTextEchoMode(QLineEdit.EchoMode.Normal)
        ask.textValueSelected.connect(lambda url: self._subscribe(vendor_id, contact_id, url))
        ask.finished.connect(ask.deleteLater)
        self.ask = ask
        ask.open()

    def refresh_now(self, vendor_id: str | None = None, after: Callable[[], None] | None = None) -> None:
        """Fetch every calendar (or one vendor's) on the pool, then import on the writer; `after`
        runs once it is done, whether it worked or not (the subscriptions dialog re-reads its list)."""
        if self.busy:
            self.on_message("The calendars are being fetched already.", False)
            return
        self.busy, self.after = True, after
        calendars = self.services.calendars
        self.on_message("Fetching the calendars…", False)
        self.tasks.read(lambda: calendars.fetch_all(vendor_id), self._import, self._failed)

    def refresh_due(self) -> None:
        """The schedule: only when some calendar's last try is older than six hours."""
        if self.busy:
            return
        calendars = self.services.calendars
        self.tasks.read(calendars.due, lambda due: self.refresh_now() if due else None, lambda _message: None)

    def set_time_display(self, display: TimeDisplay) -> None:
        self.display = display
        self.show_state()

    def show_state(self) -> None:
        calendars = self.services.calendars
        self.tasks.read(calendars.list, self._show, lambda message: self.state.setText(message))

    # -- steps ----------------------------------------------------------------------------------
    def _subscribe(self, vendor_id: str, contact_id: str | None, url: str) -> None:
        calendars = self.services.calendars
        self.tasks.write(
            lambda: calendars.subscribe(vendor_id, contact_id, url),
            lambda _sub: self.refresh_now(vendor_id),
            self.say_error,
        )

    def _import(self, fetched) -> None:
        calendars = self.services.calendars
        self.tasks.write(
            lambda: tuple(calendars.apply(sub, got) for sub, got in fetched),
            self._done,
            self._failed,
        )

    def say_error(self, message: str) -> None:
        self.on_message(message, True)

    def _finished(self) -> None:
        self.busy = False
        after, self.after = self.after, None
        if after is not None:
            after()

    def _done(self, results) -> None:
        self._finished()
        failed = [r for r in results if not r.fresh]
        if not results:
            self.on_message("No calendar is subscribed: Edit › Subscribe to a calendar URL…", False)
        elif failed:
            self.on_message(" ".join(f"{r.subscription.owner}: {self._said(r.subscription)}." for r in failed), True)
        else:
            self.on_message(" ".join(r.sentence for r in results), False)
        self.show_state()

    def _failed(self, message: str) -> None:
        self._finished()
        self.on_message(message, True)

    def _said(self, sub) -> str:
        return sub.state(self.display.day_and_clock)

    def _show(self, subs) -> None:
        self.state.setVisible(bool(subs))
        if not subs:
            return
        failing = [s for s in subs if s.problem]
        latest = max((s.fetched_at for s in subs if s.fetched_at), default=None)
        fetched = f"last fetched {self.display.day_and_clock(latest)}" if latest else "not fetched yet"
        count = f"{len(subs)} calendar{'s' * (len(subs) != 1)} by URL"
        if failing:
            paint(self.state, "color: $warn;")
            self.state.setText(f"{count}: {failing[0].owner}: {self._said(failing[0])}")
        else:
            paint(self.state, "color: $faint;")
            self.state.setText(f"{count}, {fetched}")
        self.state.setToolTip("\n".join(f"{s.owner}: {s.url}: {self._said(s)}" for s in subs))
