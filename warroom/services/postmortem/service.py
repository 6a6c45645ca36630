"""The postmortem: assembled from the record, exported to Markdown, HTML, PDF or JSON, and restored.

    service = PostmortemService(ctx)
    record = service.record(incident_id)                  # IncidentRecord, unreachable notes computed
    pm = service.postmortem(incident_id, starred_only=True)
    paths = service.export(incident_id, "pdf", Path("INC-7.pdf"))
    incident = service.import_json(Path("INC-7.json"))   # the whole incident, into this store

Rendering Markdown, HTML (the chart) or PDF needs a QGuiApplication: the window
has one; a command-line process calls warroom.export.qt_app.ensure_gui_app()
on its main thread first. After that, every method may run on a worker thread.
Users may override the templates with files of the same name in
config_dir()/templates.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path

from warroom.domain.errors import ValidationError
from warroom.domain.incident import Incident
from warroom.domain.postmortem import IncidentRecord, Postmortem, build_postmortem
from warroom.services.context import ServiceContext
from warroom.services.postmortem.files import FORMATS, check_format, gc_paused, render_files, suffix_for, write_files
from warroom.services.postmortem.importing import restore_record
from warroom.services.postmortem.record import load_record

log = logging.getLogger("warroom.services")

PREVIEW_ROWS = 200  # the window's preview lays out fast; the exported file has every entry
PREVIEW_CHART = "warroom-chart.png"

__all__ = ["FORMATS", "ImportResult", "PostmortemService", "Preview", "suffix_for"]


@dataclass(frozen=True)
class Preview:
    """The postmortem as rich text for a QTextBrowser; add `chart_png` as an image resource named `chart_url`."""

    html: str
    chart_png: bytes | None
    chart_url: str
    shown_entries: int
    total_entries: int


@dataclass(frozen=True)
class ImportResult:
    incident: Incident
    original_reference: str  # the reference in the file
    renumbered: bool  # the number was taken here, so the incident got the next free one
    entries: int
    vendors_created: int
    contacts_created: int
    message: str  # one sentence for the person who imported it


def template_dir() -> Path | None:
    """The user's template folder, if they made one."""
    from warroom.settings import config_dir

    folder = config_dir() / "templates"
    return folder if folder.is_dir() else None


class PostmortemService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- reading ---------------------------------------------------------------------------
    def record(self, incident_id: str, *, revisions: bool = True) -> IncidentRecord:
        """Everything recorded about the incident; `revisions=False` leaves out the entries' history."""
        with gc_paused(), self.ctx.store.unit_of_work() as uow:
            return load_record(uow, incident_id, revisions=revisions)

    def postmortem(self, incident_id: str, starred_only: bool = False, zone: str | None = None) -> Postmortem:
        with gc_paused():
            record = self.record(incident_id, revisions=False)
            return build_postmortem(record, starred_only=starred_only, zone=zone or None)

    def preview(
        self,
        incident_id: str,
        starred_only: bool = False,
        zone: str | None = None,
        *,
        rows: int = PREVIEW_ROWS,
        chart_width: int = 640,
    ) -> Preview:
        """The document as the window shows it before export: the PDF's layout, the first `rows` entries."""
        from warroom.export.chart import render_chart
        from warroom.export.pdf import CHART_PIXELS, rich_text_html

        pm = self.postmortem(incident_id, starred_only, zone)
        total = len(pm.timeline.rows)
        if total > rows:
            note = f"This preview shows the first {rows} of {total:,} entries; the exported file has them all."
            pm = dataclasses.replace(
                pm, timeline=dataclasses.replace(pm.timeline, rows=pm.timeline.rows[:rows], note=note)
            )
        png = None if pm.chart.empty else render_chart(pm.chart, width=CHART_PIXELS)
        html = rich_text_html(
            pm, template_dir(), chart_src=PREVIEW_CHART if png else None, chart_width=chart_width, border=1
        )
        return Preview(html, png, PREVIEW_CHART, min(total, rows), total)

    # -- export ----------------------------------------------------------------------------
    def export(
        self,
        incident_id: str,
        fmt: str,
        path: Path | str,
        starred_only: bool = False,
        zone: str | None = None,
        redact: bool = False,
    ) -> list[Path]:
        """Write the postmortem (md, html, pdf) or the whole incident (json); returns the files written.

        Markdown also writes its chart beside it ("INC-7.md" -> "INC-7-timeline.png"). Nothing is
        written unless everything rendered; an existing file is replaced whole, never half-written.
        The JSON archive is exact (it is the backup) unless `redact` asks to mask secrets in it."""
        fmt = check_format(fmt)
        target = Path(path).expanduser()
        _check_writable(target)
        with gc_paused():
            record = self.record(incident_id, revisions=fmt == "json")
            pm = None if fmt == "json" else build_postmortem(record, starred_only=starred_only, zone=zone or None)
            files = render_files(fmt, target, record, pm, template_dir(), redact=redact)
        written = write_files(files)
        log.info("exported %s as %s to %s", record.incident.reference, fmt, target)
        return written

    # -- import ----------------------------------------------------------------------------
    def import_json(self, path: Path | str) -> Incident:
        """Restore an incident exported as JSON; ValidationError if it is already in this store."""
        return self.import_file(path).incident

    def import_file(self, path: Path | str, *, as_new: bool = False) -> ImportResult:
        from warroom.export.json_export import read_json

        path = Path(path).expanduser()
        if not path.is_file():
            raise ValidationError(f"{path}: no such file (give the path of a Warroom JSON export).")
        with gc_paused():
            record = read_json(path)
        with gc_paused(), self.ctx.store.unit_of_work() as uow:
            restored = restore_record(uow, record, path.name, as_new=as_new)
            uow.commit()
            incident = uow.repos.incidents.require(restored.incident_id)
        result = ImportResult(
            incident=incident,
            original_reference=record.incident.reference,
            renumbered=restored.renumbered,
            entries=len(record.entries),
            vendors_created=restored.vendors_created,
            contacts_created=restored.contacts_created,
            message=_import_message(record, incident, restored.renumbered),
        )
        log.info("imported %s from %s as %s", record.incident.reference, path, incident.reference)
        return result


def _import_message(record: IncidentRecord, incident: Incident, renumbered: bool) -> str:
    counts = f"{_plural(len(record.entries), 'entry', 'entries')}, {_plural(len(record.attempts), 'contact attempt')}"
    if not renumbered:
        return f"Imported {incident.reference}: {incident.title} ({counts})."
    return (
        f"Imported {record.incident.reference} as {incident.reference}: {record.incident.reference} is taken in "
        f"this store, and incident numbers are only a local convenience (the id {incident.id} is what "
        f"identifies it everywhere) ({counts})."
    )


def _check_writable(path: Path) -> None:
    """Refuse early, before anything is rendered, with the reason in one sentence."""
    import os

    if path.is_dir():
        raise ValidationError(f"{path} is a folder: give a file name, e.g. {path / 'postmortem.pdf'}.")
    folder = path.parent if str(path.parent) else Path(".")
    if folder.exists() and not folder.is_dir():
        raise ValidationError(f"Cannot write {path}: {folder} is a file, not a folder.")
    if not folder.is_dir():
        raise ValidationError(f"Cannot write {path}: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ValidationError(f"Cannot write {path}: permission denied (choose another folder).")


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
