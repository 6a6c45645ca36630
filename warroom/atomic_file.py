"""Writing a file so that a full disk or a crash leaves the previous one whole.

Every file the app writes (exports, settings, backups) goes through
`write_atomic`: the bytes go to a temporary file in the same folder, are
flushed to the disk, and only then renamed over the target. A rename within
one folder is atomic on every platform Warroom runs on, so a reader sees the
old file or the new one, never half of either.

This module sits outside the layers on purpose: export, integrations,
services, settings and the CLI all write files and may all use it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from warroom.domain.errors import ValidationError


def write_atomic(path: Path | str, content: bytes | str) -> Path:
    """Replace `path` with `content` (text is written as UTF-8) or leave it as it was."""
    target = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.is_dir():
        raise ValidationError(f"Cannot write {target}: it is a folder; name a file instead.")
    folder = target.parent
    if not folder.is_dir():
        raise ValidationError(f"Cannot write {target}: the folder {folder} does not exist.")
    temporary: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
        temporary = Path(name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(target, temporary)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None:
            _discard(temporary)
        raise ValidationError(f"Cannot write {target}: {_reason(error)}; the previous file is unchanged.") from None
    return target


def _keep_mode(target: Path, temporary: Path) -> None:
    """mkstemp makes the file private (0600); a replaced file keeps its own permissions."""
    try:
        os.chmod(temporary, target.stat().st_mode & 0o777)
    except FileNotFoundError:
        os.chmod(temporary, 0o666 & ~_UMASK)


def _read_umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


# read once at import (single-threaded then): os.umask is process-wide and racy later
_UMASK = _read_umask()


def _reason(error: OSError) -> str:
    reason = error.strerror or str(error) or type(error).__name__
    return reason[:1].lower() + reason[1:]


def _discard(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # the reason that matters is the one already being reported
