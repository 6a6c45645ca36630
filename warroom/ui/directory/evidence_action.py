"""The window's "Evidence pack…": one vendor's record in the current incident, saved to a file.

    saver = EvidenceSaver(services, tasks, parent, on_message)
    saver.ask(incident_id, reference, vendor_id, vendor_name)   # a save dialog (not blocking)
    saver.write(incident_id, vendor_id, vendor_name, path)      # what the dialog calls; tests too

The format follows the file's ending (.pdf, .md or .csv; none: PDF). The pack is read and
written off the GUI thread (the kit's worker); `on_message(text, error)` says where it went.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from warroom.ui.kit.folders import default_folder

FILTERS = {"pdf": "PDF (*.pdf)", "md": "Markdown (*.md)", "csv": "CSV, one row per attempt (*.csv)"}


def evidence_format(path: Path, chosen_filter: str = "") -> tuple[str, Path]:
    """The format a saved path asks for, and the path with its ending."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FILTERS:
        return suffix, path
    fmt = next((f for f, label in FILTERS.items() if label == chosen_filter), "pdf")
    return fmt, path.with_name(path.name + "." + fmt)


def suggested_name(reference: str, vendor_name: str) -> str:
    """'INC-1-evidence-baltic-perimeter-sp-z-o-o.pdf': safe on every file system."""
    slug = re.sub(r"[^\w]+", "-", vendor_name.casefold(), flags=re.UNICODE).strip("-") or "vendor"
    return f"{reference}-evidence-{slug}.pdf".replace("?", "")


class EvidenceSaver:
    def __init__(self, services, tasks, parent: QWidget, on_message: Callable[[str, bool], None]) -> None:
        self.services, self.tasks, self.parent = services, tasks, parent
        self.on_message = on_message
        self.dialog: QFileDialog | None = None  # the open one, for tests

    def ask(self, incident_id: str | None, reference: str, vendor_id: str, vendor_name: str) -> None:
        if incident_id is None:
            self.on_message("Open an incident first: the evidence pack is about one incident.", True)
            return
        folder = default_folder(self.services.settings.export_folder)
        dialog = QFileDialog(self.parent, f"Save {vendor_name}'s evidence pack", str(folder))
        dialog.setObjectName("evidenceSaveDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters(list(FILTERS.values()))
        dialog.selectFile(suggested_name(reference, vendor_name))
        dialog.fileSelected.connect(
            lambda chosen: self.write(incident_id, vendor_id, vendor_name, Path(chosen), dialog.selectedNameFilter())
        )
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def write(self, incident_id: str, vendor_id: str, vendor_name: str, path: Path, chosen_filter: str = "") -> None:
        fmt, path = evidence_format(path, chosen_filter)
        directory = self.services.directory
        self.on_message(f"Writing {vendor_name}'s evidence pack…", False)
        self.tasks.read(
            lambda: directory.write_evidence(incident_id, vendor_id, fmt, path),
            lambda written: self.on_message(f"Evidence pack for {vendor_name} saved to {written}", False),
            lambda message: self.on_message(message, True),
        )
