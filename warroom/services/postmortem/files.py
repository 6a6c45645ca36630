"""Export formats, rendering to bytes, and writing files whole (never half a file)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warroom.domain.errors import ValidationError
from warroom.domain.postmortem import IncidentRecord, Postmortem

FORMATS: dict[str, str] = {"md": "Markdown", "html": "HTML", "pdf": "PDF", "json": "JSON (whole incident)"}
_SUFFIXES = {"md": ".md", "html": ".html", "pdf": ".pdf", "json": ".json"}
_ALIASES = {"markdown": "md", "htm": "html"}


_pauses = 0
_resume = False
_pause_lock = threading.Lock()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a long incident is read and rendered.

    A 10,000-entry export makes some 100,000 short-lived objects; in a process that already holds
    many (the window), each automatic collection walks them all, which tripled the time to read a
    record. Reference counting still frees everything; the collector resumes when the last
    export that paused it ends."""
    global _pauses, _resume
    with _pause_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()


def check_format(fmt: str) -> str:
    """'md', 'html', 'pdf' or 'json' (a leading dot, 'markdown' and 'htm' are accepted)."""
    value = (fmt or "").strip().lower().lstrip(".")
    value = _ALIASES.get(value, value)
    if value not in FORMATS:
        raise ValidationError(f"Unknown export format {fmt!r}: use md, html, pdf or json.")
    return value


def suffix_for(fmt: str) -> str:
    return _SUFFIXES[check_format(fmt)]


def format_of(path: Path | str) -> str | None:
    """The format a file name implies ('INC-7.pdf' -> 'pdf'), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    try:
        return check_format(suffix) if suffix else None
    except ValidationError:
        return None


def render_files(
    fmt: str,
    path: Path,
    record: IncidentRecord,
    pm: Postmortem | None,
    template_dir: Path | None,
    redact: bool = False,
) -> list[tuple[Path, bytes]]:
    """Every file of one export, rendered in memory: [(path, content), ...]."""
    if fmt == "json":
        from warroom.export.json_export import dumps

        return [(path, dumps(record, redact=redact).encode("utf-8"))]
    assert pm is not None
    if fmt == "md":
        return _markdown_files(path, pm, template_dir)
    if fmt == "html":
        from warroom.export.html import render_html

        return [(path, render_html(pm, template_dir).encode("utf-8"))]
    from warroom.export.pdf import render_pdf

    return [(path, render_pdf(pm, template_dir))]


def _markdown_files(path: Path, pm: Postmortem, template_dir: Path | None) -> list[tuple[Path, bytes]]:
    from warroom.export.markdown import chart_path, render_markdown

    if pm.chart.empty:
        return [(path, render_markdown(pm, template_dir).encode("utf-8"))]
    from warroom.export.chart import render_chart

    png = chart_path(path)
    text = render_markdown(pm, template_dir, chart_file=png.name)
    return [(path, text.encode("utf-8")), (png, render_chart(pm.chart))]


def write_files(files: list[tuple[Path, bytes]]) -> list[Path]:
    """Write each file through a temporary one renamed over it; a failure names the file and why."""
    from warroom.atomic_file import write_atomic

    return [write_atomic(path, content) for path, content in files]
