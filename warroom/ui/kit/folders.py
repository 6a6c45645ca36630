"""Where a file the user saves goes first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def default_folder(preferred: str = "") -> Path:
    """The export folder chosen in Settings, else Documents, else home."""
    if preferred and Path(preferred).expanduser().is_dir():
        return Path(preferred).expanduser()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()
