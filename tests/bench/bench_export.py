"""Export figures (issue 7): a 10,000-entry incident to Markdown, HTML, PDF and JSON, and back.

Each export is timed end to end through PostmortemService.export: reading the
whole incident from a SQLite store, assembling the postmortem, rendering it
(chart included) and writing the file(s). Floors, measured in the same run:
- Markdown, HTML: writing the same number of timeline rows of text to a file
  with Python string joins (the bare cost of producing that much text);
- PDF: QTextDocument.print_ of a plain-text document of the same size as the
  postmortem's text, to a QPdfWriter (Qt's own cost of laying out and printing
  that much text);
- reading the record: a raw sqlite3 SELECT of the entries' latest revisions, and (bound ×3) a raw
  sqlite3 SELECT of the same rows the record holds: every entry with its revisions.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from tests.bench.harness import Report, best_of

ENTRIES = 10_000


def _services(path: Path):
    from warroom.app import build_services
    from warroom.settings import Settings

    return build_services(f"sqlite:///{path}", settings=Settings(user_name="Incident commander", zone="UTC"))


def fill_demo_incident(path: Path, total: int) -> str:
    """The demo incident (vendors, attempts, checklist, actions) topped up to `total` entries."""
    from warroom.domain.timeline import EntryKind
    from warroom.services.timeline import write_entry

    services = _services(path)
    incident = services.demo.load()
    missing = total - services.timeline.count(incident.id)
    start = incident.started_at + timedelta(minutes=1)
    kinds = [EntryKind.OBSERVATION, EntryKind.ACTION, EntryKind.DECISION]
    with services.store.unit_of_work() as uow:
        for i in range(missing):
            at = start + timedelta(seconds=60 * i + 7)
            write_entry(
                uow,
                incident.id,
                at,
                occurred_at=at,
                author=("Åsa Bergström", "Ọlá Adéwálé")[i % 2],
                kind=kinds[i % len(kinds)],
                text=f"Observation {i}: Paracétamol queue length {i % 97} | 東京 ward {i % 14}",
            )
        uow.commit()
    services.close()
    return incident.id


def text_floor_seconds(rows: list[tuple], folder: Path) -> float:
    """Rows of text joined with Python and written to a file: the least any text export costs."""

    def write() -> None:
        lines = [f"| {at} | {kind} | {author} | {text} |" for at, kind, author, text in rows]
        (folder / "floor.txt").write_text("\n".join(lines), encoding="utf-8")

    return best_of(write)


def pdf_floor_seconds(characters: int, lines: int) -> float:
    """QTextDocument.print_ of a plain document with as much text as the postmortem."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter, QTextDocument

    line = "x" * max(1, characters // max(lines, 1))
    text = "\n".join(line for _ in range(lines))

    def print_plain() -> None:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(300)
        document = QTextDocument()
        document.setPlainText(text)
        document.print_(writer)
        buffer.close()

    return best_of(print_plain, repeat=2)


def raw_heads(path: Path, incident_id: str) -> tuple[float, list[tuple]]:
    conn = sqlite3.connect(path)
    t0 = time.perf_counter()
    rows = conn.execute(
        "SELECT occurred_at, kind, author, text FROM timeline_heads WHERE incident_id = ? "
        "ORDER BY occurred_at, entry_id",
        (incident_id,),
    ).fetchall()
    elapsed = time.perf_counter() - t0
    conn.close()
    return elapsed, rows


def run(report: Report) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from warroom.export.qt_app import ensure_gui_app

    ensure_gui_app()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store_path = folder / "export.sqlite"
        incident_id = fill_demo_incident(store_path, ENTRIES)
        select_s, rows = raw_heads(store_path, incident_id)
        assert len(rows) >= ENTRIES
        services = _services(store_path)
        try:
            _figures(report, services, incident_id, folder, rows, select_s)
        finally:
            services.close()


def raw_record_rows(path: Path, incident_id: str) -> float:
    """Raw sqlite3 reads of what the record holds of the timeline: the entries and their revisions."""
    from warroom.store.repositories.record_rows import _sqlite_sql

    conn = sqlite3.connect(path)
    try:
        return best_of(
            lambda: [conn.execute(_sqlite_sql(which), (incident_id,)).fetchall() for which in ("entries", "revisions")]
        )
    finally:
        conn.close()


def raw_export_floor(path: Path, incident_id: str, folder: Path) -> float:
    """Issue #17's floor for an export: read raw (every entry and revision the record holds, as
    raw_record_rows), join in Python and write: the least a program writing the same record costs."""
    from warroom.store.repositories.record_rows import _sqlite_sql

    conn = sqlite3.connect(path)

    def read_join_write() -> None:
        rows = [row for which in ("entries", "revisions") for row in conn.execute(_sqlite_sql(which), (incident_id,))]
        text = "\n".join("| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows)
        (folder / "raw-floor.txt").write_text(text, encoding="utf-8")

    try:
        return best_of(read_join_write)
    finally:
        conn.close()


def _figures(report: Report, services, incident_id: str, folder: Path, rows: list[tuple], select_s: float) -> None:
    postmortem = services.postmortem
    record_s = best_of(lambda: postmortem.record(incident_id))
    report.add(
        f"read a {ENTRIES}-entry incident record from the store",
        record_s * 1000,
        select_s * 1000,
        "ms",
        note="floor: raw sqlite3 SELECT of the entries' text columns",
    )
    report.add(
        f"read a {ENTRIES}-entry incident record, against the same rows read raw",
        record_s * 1000,
        raw_record_rows(services.store.url.database, incident_id) * 1000,
        "ms",
        max_ratio=3.0,
        note="floor: raw sqlite3 SELECT of every entry and revision the record holds",
    )
    text_floor = text_floor_seconds(rows, folder)
    export_floor = raw_export_floor(services.store.url.database, incident_id, folder)
    for fmt in ("md", "html"):
        seconds = best_of(lambda: postmortem.export(incident_id, fmt, folder / f"big.{fmt}"))
        report.add(
            f"export a {ENTRIES}-entry incident to {fmt} (read, build, render, write)",
            seconds,
            text_floor,
            "s",
            max_value=1.0,
            note="floor: the same rows joined in Python and written",
        )
        report.add(
            "  the same, against reading the record raw, joining and writing it",
            seconds,
            export_floor,
            "s",
            max_ratio=5.0,
            note="floor: raw sqlite3 SELECT of every entry and revision, joined in Python, written",
        )
    pdf_path = folder / "big.pdf"
    seconds = best_of(lambda: postmortem.export(incident_id, "pdf", pdf_path), repeat=2)
    characters, lines = _pdf_text_size(postmortem, incident_id)
    report.add(
        f"export a {ENTRIES}-entry incident to PDF",
        seconds,
        pdf_floor_seconds(characters, lines),
        "s",
        max_value=5.0,
        note="floor: QTextDocument.print_ of plain text of the same size",
    )
    json_s = best_of(lambda: postmortem.export(incident_id, "json", folder / "big.json"))
    report.add(
        f"export a {ENTRIES}-entry incident to JSON",
        json_s,
        text_floor,
        "s",
        max_value=1.0,
        note="floor: the same rows joined in Python and written",
    )
    report.add(
        "  the same, against reading the record raw, joining and writing it",
        json_s,
        export_floor,
        "s",
        max_ratio=5.0,
        note="floor: raw sqlite3 SELECT of every entry and revision, joined in Python, written",
    )
    _import_figure(report, folder / "big.json", folder)


def _pdf_text_size(postmortem, incident_id: str) -> tuple[int, int]:
    from PySide6.QtGui import QTextDocument

    from warroom.export.pdf import rich_text_html

    document = QTextDocument()
    document.setHtml(rich_text_html(postmortem.postmortem(incident_id)))
    text = document.toPlainText()
    return len(text), text.count("\n") + 1


def _import_figure(report: Report, archive: Path, folder: Path) -> None:
    target = _services(folder / "imported.sqlite")
    try:
        t0 = time.perf_counter()
        target.postmortem.import_json(archive)
        seconds = time.perf_counter() - t0
    finally:
        target.close()
    report.add(
        f"import the {ENTRIES}-entry JSON into a fresh store",
        seconds,
        None,
        "s",
        max_value=3.0,  # issue #17: the JSON import of 10,000 entries ≤ 3 s
        note="every row through the replicated writer (outbox included)",
    )
