"""Desktop integration as a use case: the CLI's `install-desktop` calls this, never the integration."""

from __future__ import annotations

from pathlib import Path

from warroom.integrations.desktop_entry import DesktopInstall
from warroom.integrations.desktop_entry import install_desktop as _write_launcher


def install_desktop(data_home: Path | None = None) -> DesktopInstall:
    """Add this installation to the Linux application menu (launcher + icon) under data_home."""
    return _write_launcher(data_home)
