"""One vendor's escalation path, read at a glance: whom to call now, when to move on,
and why the levels before were passed over. Numbers are tel: links."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from warroom.ui.directory.card import link_html, pretty_phone
from warroom.ui.directory.model import reach_colour, reachable_text
from warroom.ui.kit.theme import ink
from warroom.ui.kit.time_display import TimeDisplay, short_zone

_BOX = "padding:6px 8px; border-radius:4px; margin-bottom:6px;"


def _e(text: str) -> str:
    return html.escape(text or "")


def _person(status) -> str:
    phones = " ".join(link_html(f"tel:{p}", pretty_phone(p)) for p in status.contact.phones)
    email = link_html(f"mailto:{status.contact.email}", status.contact.email) if status.contact.email else ""
    reach = " · ".join(x for x in (phones, email) if x)
    return f"<b>{_e(status.contact.name)}</b> {('· ' + reach) if reach else ''}"


def _headline(view, display: TimeDisplay) -> str:
    if view.call_now:
        who = "<br>".join(_person(s) for s in view.call_now)
        text = f"<b>Call now</b> (level {view.call_level}):<br>{who}"
        nxt = next((lv for lv in view.levels if view.call_level is not None and lv.level > view.call_level), None)
        if view.escalate_at is not None and nxt is not None:
            text += (
                f"<br>If nobody answers, escalate to level {nxt.level} at "
                f"<b>{display.clock(view.escalate_at)}</b> ({_e(short_zone(display.zone))})"
                + ("." if nxt.reachable else ", though nobody there is reachable now.")
            )
        return f'<div style="background:{ink("ok_bg")}; color:{ink("ok_strong")}; {_BOX}">{text}</div>'
    if view.next_reachable_at is not None and view.next_reachable_contact is not None:
        text = (
            f"<b>Nobody on the path is reachable.</b><br>First back: {_e(view.next_reachable_contact.name)}, "
            f"{_e(display.day_and_clock(view.next_reachable_at))} ({_e(short_zone(display.zone))})."
        )
    elif not view.levels and not view.not_on_path:
        text = "<b>This vendor has no contacts.</b>"
    else:
        text = "<b>Nobody is reachable</b> within the next year."
    return f'<div style="background:{ink("error_bg")}; color:{ink("error_strong")}; {_BOX}">{text}</div>'


def _level(lv, view) -> str:
    if view.call_level == lv.level:
        tag = f'<span style="color:{ink("ok_strong")};">call now</span>'
    elif view.call_level is None or lv.level < view.call_level:
        tag = f'<span style="color:{ink("error_strong")};">passed over</span>'
    else:
        tag = f'<span style="color:{ink("faint")};">next if nobody answers</span>'
    wait = f" · wait {lv.wait_min} min" if lv.wait_min else ""
    rows = "".join(_contact_line(s) for s in lv.contacts)
    return f"<p style='margin:8px 0 2px 0;'><b>Level {lv.level}</b>{wait} — {tag}</p>{rows}"


def _contact_line(s) -> str:
    colour = reach_colour(s.reachable)
    return (
        f"<div style='margin-left:12px;'><span style='color:{colour};'>●</span> {_e(s.contact.name)}"
        f" <span style='color:{ink('muted')};'>— {_e(reachable_text(s))}</span></div>"
    )


def advice_sentence(view) -> str:
    """The headline's advice as one plain sentence (the escalation banner says the same)."""
    if view.call_now:
        who = ", ".join(s.contact.name for s in view.call_now)
        return f"call now: {who} (level {view.call_level})."
    if view.next_reachable_at is not None and view.next_reachable_contact is not None:
        return f"nobody further on the path is reachable; first back: {view.next_reachable_contact.name}."
    return "nobody further on the path is reachable."


def escalation_html(view, display: TimeDisplay) -> str:
    """The whole view as rich text for a QLabel."""
    parts = [
        f"<p style='font-size:12pt; margin:0 0 6px 0;'><b>{_e(view.vendor.name)}</b> "
        f"<span style='color:{ink('muted')};'>at {_e(display.day_and_clock(view.at))}</span></p>",
        _headline(view, display),
    ]
    if not view.levels:
        parts.append(f"<p style='color:{ink('muted')};'>No escalation path: call whoever is reachable.</p>")
    parts.extend(_level(lv, view) for lv in view.levels)
    if view.not_on_path:
        parts.append("<p style='margin:8px 0 2px 0;'><b>Not on the path</b></p>")
        parts.extend(_contact_line(s) for s in view.not_on_path)
    return "".join(parts)


class EscalationPane(QScrollArea):
    """Shows an EscalationView (or a hint); links open in the system's phone or mail app."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("escalationPane")
        self.setWidgetResizable(True)
        self.view = None
        self.display = TimeDisplay("UTC")
        self.label = QLabel(self)
        self.label.setObjectName("escalationText")
        self.label.setWordWrap(True)
        self.label.setOpenExternalLinks(False)
        self.label.linkActivated.connect(lambda href: QDesktopServices.openUrl(QUrl(href)))
        inner = QWidget(self)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self.setWidget(inner)
        self.show_view(None)

    def show_view(self, view, display: TimeDisplay | None = None) -> None:
        self.view = view
        self.display = display or self.display
        if view is None:
            self.label.setText(f"<span style='color:{ink('muted')};'>Pick a vendor to see whom to call first.</span>")
        else:
            self.label.setText(escalation_html(view, self.display))

    def show_message(self, text: str) -> None:
        self.label.setText(f"<span style='color:{ink('muted')};'>{_e(text)}</span>")
