"""The header's next-update button names the audience due next, and drops words, not the clock, when narrow."""

from __future__ import annotations

from datetime import timedelta

from warroom.domain.clock import utc_now
from warroom.domain.comms import CommsAudience
from warroom.domain.comms_cadence import Due
from warroom.ui.comms.countdown import countdown_texts


def due_in(audience: CommsAudience, seconds: int) -> Due:
    return Due(audience, utc_now() + timedelta(seconds=seconds), None, None)


def test_the_texts_name_the_audience_longest_first():
    now = utc_now()
    soon = Due(CommsAudience.CUSTOMERS, now + timedelta(minutes=12, seconds=34), None, None)
    assert countdown_texts(soon, now) == ("✉ customers in 12:34", "✉ customers 12:34", "✉ cust. 12:34", "✉ 12:34")
    late = Due(CommsAudience.VENDORS, now - timedelta(minutes=3), None, None)
    assert countdown_texts(late, now) == ("⚠ vendors late 3:00", "⚠ vendors 3:00", "⚠ vend. 3:00", "⚠ late 3:00")
    assert countdown_texts(None, now) == ("✉ Update",)


def test_the_header_names_the_audience_due_next(qtbot, comms_window):
    button = comms_window.comms.countdown
    qtbot.waitUntil(lambda: button.soonest() is not None)  # the window's own read of the cadence
    button.set_dues([due_in(CommsAudience.INTERNAL, 3600), due_in(CommsAudience.CUSTOMERS, 12 * 60 + 34)])
    qtbot.waitUntil(lambda: button.text().startswith("✉ customers in 12:3"))
    assert "customers" in button.toolTip()


def test_a_narrow_window_shortens_the_button_and_the_title_keeps_its_room(qtbot, comms_window):
    button, header = comms_window.comms.countdown, comms_window.header
    qtbot.waitUntil(lambda: button.soonest() is not None)
    button.set_dues([due_in(CommsAudience.EXECUTIVES, 2 * 3600)])
    qtbot.waitUntil(lambda: button.text().startswith("✉ executives in 1:59:"))
    comms_window.resize(960, 768)
    qtbot.waitUntil(lambda: comms_window.width() == 960)
    qtbot.waitUntil(lambda: button.text() == "✉ exec. " + button.texts[-1].removeprefix("✉ "))
    assert header.title.width() >= 140  # the row's other controls are fixed: the title keeps some room
    assert button.fontMetrics().horizontalAdvance(button.text()) < button.width()  # shown whole, never cut
    comms_window.resize(1366, 768)
    qtbot.waitUntil(lambda: button.text().startswith("✉ executives in "))
