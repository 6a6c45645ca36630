"""Importing directory files from the window: CSV, vCards, or a vendor's ICS calendar.

A calendar belongs to the vendor selected in the directory (the service refuses one without);
the file is read and imported on the writer thread, and the one-line summary or the one-sentence
error comes back to `on_message(text, error)`. A large CSV (150,000 contacts take a while) shows
a progress dialog fed by the import's own progress callback, with Cancel: the import is one unit
of work, so cancelling leaves the directory as it was. Several files import one after another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from warroom.domain.errors import ValidationError
from warroom.services.directory.importing import detect_kind
from warroom.ui.kit.progress import WorkProgress

FILTERS = "Directory files (*.csv *.vcf *.vcard *.ics);;All files (*)"


def read_and_import(directory, path: Path, selected_vendor: str | None, on_progress=None):
    """Runs off the GUI thread: the file's bytes, its kind, then the import."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path.name}: {exc.strerror}.") from None
    vendor = selected_vendor if detect_kind(data, path.name) == "ics" else None
    return directory.import_file(data, source_name=path.name, vendor_name=vendor, on_progress=on_progress)


def import_files(
    services,
    tasks,
    paths: Sequence[str | Path],
    selected_vendor: str | None,
    on_message: Callable[[str, bool], None],
    parent: QWidget | None = None,
) -> WorkProgress | None:
    """Import `paths` one after another; the first file's progress (None without a parent)."""
    queue = [Path(p) for p in paths]
    return _import_next(services.directory, tasks, queue, selected_vendor, on_message, parent)


def _import_next(directory, tasks, queue: list[Path], selected, on_message, parent) -> WorkProgress | None:
    if not queue:
        return None
    path, rest = queue[0], queue[1:]
    progress = WorkProgress(parent, f"Importing {path.name}", unit="contacts") if parent is not None else None

    def ended(text: str, error: bool) -> None:
        if progress is not None:
            progress.finish()
        on_message(text, error)
        _import_next(directory, tasks, rest, selected, on_message, parent)

    tasks.write(
        lambda: read_and_import(directory, path, selected, progress.report if progress else None),
        lambda summary: ended(summary.describe(), False),
        lambda message: ended(message, True),
    )
    return progress


def choose_files(parent: QWidget) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import into the directory", "", FILTERS)
    return paths
