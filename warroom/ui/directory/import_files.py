"""Importing directory files from the window: CSV, vCards, or a vendor's ICS calendar.

A calendar belongs to the vendor selected in the directory (the service refuses one without);
the file is read and imported on the writer thread, and the one-line summary or the one-sentence
error comes back to `on_message(text, error)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from warroom.domain.errors import ValidationError
from warroom.services.directory.importing import detect_kind

FILTERS = "Directory files (*.csv *.vcf *.vcard *.ics);;All files (*)"


def read_and_import(directory, path: Path, selected_vendor: str | None):
    """Runs off the GUI thread: the file's bytes, its kind, then the import."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path.name}: {exc.strerror}.") from None
    vendor = selected_vendor if detect_kind(data, path.name) == "ics" else None
    return directory.import_file(data, source_name=path.name, vendor_name=vendor)


def import_files(
    services, tasks, paths: Sequence[str | Path], selected_vendor: str | None, on_message: Callable[[str, bool], None]
) -> None:
    directory = services.directory
    for path in map(Path, paths):
        tasks.write(
            lambda p=path: read_and_import(directory, p, selected_vendor),
            lambda summary: on_message(summary.describe(), False),
            lambda message: on_message(message, True),
        )


def choose_files(parent: QWidget) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import into the directory", "", FILTERS)
    return paths
