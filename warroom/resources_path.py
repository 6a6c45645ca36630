"""Where the shipped resources are: the checkout's resources/ or the installed package's copy."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    packaged = Path(__file__).with_name("resources")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"
