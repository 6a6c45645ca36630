"""A file no writer may change, for the read-only store tests, also when the tests run as root.

Root ignores permission bits, so a chmod alone tests nothing in CI (which runs as root). As
root the file is also made immutable (`chattr +i`), which the kernel refuses to every writer,
root included: SQLite meets the same refusal as a user meets on a mode-444 file. Where the file
system has no immutable flag (tmpfs, some overlays), the test is skipped with that reason.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    mode = path.stat().st_mode
    path.chmod(0o444)
    root = os.geteuid() == 0
    immutable = root and _chattr("+i", path)
    try:
        if root and not immutable:
            pytest.skip(f"running as root and {path.parent} cannot hold an immutable file (chattr +i)")
        with pytest.raises(PermissionError):  # the premise: this process cannot write it
            open(path, "r+b").close()
        yield
    finally:
        if immutable:
            _chattr("-i", path)
        path.chmod(mode)


def _chattr(flag: str, path: Path) -> bool:
    try:
        return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0
    except OSError:  # no chattr on this machine
        return False
