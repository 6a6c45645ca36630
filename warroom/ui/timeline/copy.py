"""Ctrl+C on the timeline: the selected entries as text (time with zone, author, text), and the
same as a Markdown table for pasting into Confluence, Notion or GitHub."""

from __future__ import annotations

import atexit
from collections.abc import Sequence

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from warroom.domain.timeline import Entry
from warroom.ui.kit.time_display import TimeDisplay

MARKDOWN_MIME = "text/markdown"


def _when(entry: Entry, display: TimeDisplay) -> str:
    local = display.local(entry.occurred_at)
    return f"{local:%Y-%m-%d %H:%M} {local.tzname()}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def entries_as_text(entries: Sequence[Entry], display: TimeDisplay) -> str:
    return "\n".join(f"{_when(e, display)}  {e.author}: {_one_line(e.text)}" for e in entries)


def entries_as_markdown(entries: Sequence[Entry], display: TimeDisplay) -> str:
    def cell(text: str) -> str:
        return _one_line(text).replace("|", "\\|")

    rows = [f"| Time ({display.zone}) | Author | What happened |", "| --- | --- | --- |"]
    rows += [f"| {_when(e, display)} | {cell(e.author)} | {cell(e.text)} |" for e in entries]
    return "\n".join(rows)


def copy_entries(entries: Sequence[Entry], display: TimeDisplay) -> str:
    """Put the entries on the clipboard (plain text and Markdown); returns the plain text."""
    ordered = sorted(entries, key=lambda e: e.occurred_at)
    data = QMimeData()
    text = entries_as_text(ordered, display)
    data.setText(text)
    data.setData(MARKDOWN_MIME, entries_as_markdown(ordered, display).encode("utf-8"))
    QGuiApplication.clipboard().setMimeData(data)
    _hand_back_before_exit()
    return text


_handing_back = False


def _hand_back_before_exit() -> None:
    """PySide6 crashes at interpreter exit while the clipboard still holds a QMimeData made in
    Python (seen with 6.11: a segfault after the last line of output). Before the app quits,
    the copied text is put back as Qt's own data; only the Markdown flavour is lost."""
    global _handing_back
    if _handing_back:
        return
    _handing_back = True
    atexit.register(_as_plain_text)
    app = QGuiApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(_as_plain_text)


def _as_plain_text() -> None:
    if QGuiApplication.instance() is None:
        return
    clipboard = QGuiApplication.clipboard()
    held = clipboard.mimeData()
    if held is not None and held.hasFormat(MARKDOWN_MIME):
        clipboard.setText(clipboard.text())
