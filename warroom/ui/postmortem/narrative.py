"""The postmortem's narrative: one Markdown field at a time, with a live preview, saved as you type.

Typing is saved through services.incidents.update on the write worker, a moment after the last
key (SAVE_DELAY_MS), and at once when another field or incident is chosen or the window closes,
so nothing typed is lost. A field with unsaved words is never overwritten by a value arriving
from the store; untouched fields follow what others write (another laptop, the CLI).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.clock import utc_now
from warroom.domain.incident import NARRATIVE_FIELDS, NARRATIVE_LABELS, Incident
from warroom.ui.kit.theme import ink, paint

SAVE_DELAY_MS = 800
PREVIEW_DELAY_MS = 150
PLACEHOLDER = "Markdown: **bold**, *italic*, - lists, 1. steps, [links](https://…). Saved as you type."
HINTS = {
    "summary": "What happened, in three sentences a manager can repeat.",
    "impact": "Who was hurt, how badly, for how long.",
    "classification": "The severity and why; the kind of incident.",
    "root_cause": "Why it happened (keep asking why).",
    "resolution": "What ended it.",
    "workaround": "What kept people working meanwhile.",
    "went_wrong": "What made it worse or longer.",
    "went_well": "What helped; keep doing it.",
    "lessons": "What we take away.",
}


class NarrativeEditor(QWidget):
    saved = Signal(str, str)  # field, text: a save went through

    def __init__(self, services, tasks, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("narrativeEditor")
        self.services, self.tasks = services, tasks
        self.incident_id: str | None = None
        self.field = NARRATIVE_FIELDS[0]
        self.texts: dict[str, str] = {}  # what the editor holds, per field
        self.dirty: set[str] = set()  # typed and not yet saved
        self._in_flight: dict[str, str] = {}  # field -> text being saved
        self._stored: dict[str, str] = {}  # field -> the value the store holds, as far as we know
        self._replaced: dict[str, str] = {}  # field -> the value our last save replaced
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._update_preview)
        self._build()
        self.set_incident(None)

    def _build(self) -> None:
        self.fields = QListWidget(self)
        self.fields.setObjectName("narrativeFields")
        self.fields.setAccessibleName("Postmortem sections")
        for key in NARRATIVE_FIELDS:
            item = QListWidgetItem(NARRATIVE_LABELS[key], self.fields)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setToolTip(HINTS[key])
        # the sections as wrapping chips above the editor: all nine stay visible in a narrow dock
        self.fields.setFlow(QListView.Flow.LeftToRight)
        self.fields.setWrapping(True)
        self.fields.setResizeMode(QListView.ResizeMode.Adjust)
        self.fields.setSpacing(2)
        self.fields.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        paint(
            self.fields,
            "QListWidget { background: transparent; border: none; }"
            "QListWidget::item { border: 1px solid $chip_border; border-radius: 9px; padding: 1px 7px; }"
            "QListWidget::item:selected { background: $selected; border-color: $selected; color: white; }",
        )
        self.fields.currentRowChanged.connect(self._on_field_chosen)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        paint(self.hint, "color: $muted;")
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("narrativeText")
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.setPlaceholderText(PLACEHOLDER)
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._on_typed)
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("narrativePreview")
        self.preview.setOpenExternalLinks(True)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        paint(self.preview, "QTextBrowser { background: $preview_bg; }")
        self.state = QLabel(self)
        self.state.setObjectName("narrativeState")
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(_captioned("Markdown", self.editor))
        split.addWidget(_captioned("Preview, as the export shows it", self.preview))
        split.setSizes([300, 220])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.fields)
        layout.addWidget(self.hint)
        layout.addWidget(split, 1)
        layout.addWidget(self.state)
        self.setFocusProxy(self.editor)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_fields)  # once the chips have flowed to the new width

    def _fit_fields(self) -> None:
        """As tall as the wrapped chips need at this width."""
        last = self.fields.visualItemRect(self.fields.item(self.fields.count() - 1))
        self.fields.setFixedHeight(max(last.bottom() + 6, 24))

    # -- what the panel calls ------------------------------------------------------------------
    def set_incident(self, incident: Incident | None) -> None:
        """Show an incident's narrative; the same incident again merges what others changed."""
        incident_id = incident.id if incident else None
        if incident_id != self.incident_id:
            self.flush()
            self.incident_id = incident_id
            self.texts = dict(incident.narrative) if incident else {}
            self._stored = dict(self.texts)
            self.dirty.clear()
            self._in_flight.clear()
            self._replaced.clear()
            self.editor.setEnabled(incident is not None)
            self.fields.setEnabled(incident is not None)
            self._show_field(self.field)
            self._say("" if incident else "Open an incident to write its postmortem.")
        elif incident is not None:
            self._merge(incident)
        self._mark_fields()

    def flush(self) -> None:
        """Save every field with unsaved words now."""
        self._save_timer.stop()
        self._keep_editor_text()
        incident_id, incidents = self.incident_id, self.services.incidents
        if incident_id is None:
            return
        for field in sorted(self.dirty):
            text = self.texts.get(field, "")
            if self._in_flight.get(field) == text:
                continue
            self._in_flight[field] = text
            self._say("Saving…")
            self.tasks.write(
                lambda f=field, t=text: incidents.update(incident_id, **{f: t}),
                lambda incident, f=field, t=text: self._on_saved(incident_id, f, t, incident),
                lambda message, f=field: self._on_save_failed(incident_id, f, message),
            )

    def choose(self, field: str) -> None:
        self.fields.setCurrentRow(NARRATIVE_FIELDS.index(field))

    # -- typing and saving ---------------------------------------------------------------------
    def _on_field_chosen(self, row: int) -> None:
        if row < 0:
            return
        self.flush()
        self._show_field(NARRATIVE_FIELDS[row])

    def _show_field(self, field: str) -> None:
        self.field = field
        if self.fields.currentRow() != NARRATIVE_FIELDS.index(field):
            self.fields.blockSignals(True)
            self.fields.setCurrentRow(NARRATIVE_FIELDS.index(field))
            self.fields.blockSignals(False)
        self.hint.setText(f"<b>{NARRATIVE_LABELS[field]}</b> — {HINTS[field]}")
        self._set_editor_text(self.texts.get(field, ""))
        self._update_preview()

    def _on_typed(self) -> None:
        if self.incident_id is None or self.editor.signalsBlocked():
            return
        self.texts[self.field] = self.editor.toPlainText()
        self.dirty.add(self.field)
        self._say("Not saved yet…")
        self._save_timer.start()
        self._preview_timer.start()

    def _keep_editor_text(self) -> None:
        if self.incident_id is not None and self.editor.toPlainText() != self.texts.get(self.field, ""):
            self.texts[self.field] = self.editor.toPlainText()
            self.dirty.add(self.field)

    def _on_saved(self, incident_id: str, field: str, text: str, incident: Incident) -> None:
        if incident_id != self.incident_id:
            return
        if self._in_flight.get(field) == text:
            del self._in_flight[field]
        self._replaced[field] = self._stored.get(field, "")
        self._stored[field] = incident.narrative.get(field, text) or ""
        if self.texts.get(field, "") == text:
            self.dirty.discard(field)
        if not self.dirty and not self._in_flight:
            self._say(f"Saved {utc_now().astimezone():%H:%M:%S}")
        self._mark_fields()
        self.saved.emit(field, text)

    def _on_save_failed(self, incident_id: str, field: str, message: str) -> None:
        self._in_flight.pop(field, None)
        if incident_id == self.incident_id:
            self._say(f"Not saved: {message} Your words are kept; keep typing to try again.", error=True)

    def _merge(self, incident: Incident) -> None:
        """Take what others wrote into fields nobody is typing in here."""
        for field in NARRATIVE_FIELDS:
            value = incident.narrative.get(field, "") or ""
            if value == self._stored.get(field, ""):
                continue  # nothing new
            if value == self._replaced.get(field):
                continue  # a read that started before our save finished: already out of date
            self._stored[field] = value
            self._replaced.pop(field, None)
            if field in self.dirty or field in self._in_flight or value == self.texts.get(field, ""):
                continue  # our words win here; the save that follows keeps the other value in history
            self.texts[field] = value
            if field == self.field:
                self._set_editor_text(value)
                self._update_preview()

    # -- showing -------------------------------------------------------------------------------
    def _set_editor_text(self, text: str) -> None:
        if self.editor.toPlainText() == text:
            return
        position = self.editor.textCursor().position()
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, len(text)), QTextCursor.MoveMode.MoveAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.blockSignals(False)

    def _update_preview(self) -> None:
        text = self.texts.get(self.field, "")
        if text.strip():
            self.preview.setMarkdown(text)
        else:
            self.preview.setHtml(
                f"<p style='color:{ink('faint')}'><i>Not written yet: the postmortem will say so.</i></p>"
            )

    def _mark_fields(self) -> None:
        for row, field in enumerate(NARRATIVE_FIELDS):
            item = self.fields.item(row)
            written = bool((self.texts.get(field) or "").strip())
            font = QFont(item.font())
            font.setItalic(not written)
            item.setFont(font)
            unsaved = " •" if field in self.dirty else ""
            item.setText(NARRATIVE_LABELS[field] + unsaved)
            item.setForeground(QColor(ink("text")) if written else QColor(ink("unwritten")))

    def _say(self, text: str, error: bool = False) -> None:
        paint(self.state, "color: $error;" if error else "color: $muted;")
        self.state.setText(text)


def _captioned(caption: str, widget: QWidget) -> QWidget:
    box = QWidget(widget.parentWidget())
    label = QLabel(caption, box)
    paint(label, "color: $faint; font-size: 8pt;")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box
