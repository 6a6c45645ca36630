"""Reading a file to import: one sentence for a folder, a missing file, no permission, or too big.

Imports hold the whole file in memory and in one transaction, so a file larger
than the limit (100 MB unless `--max-size` says otherwise) is refused before it
is read: a 2 GB log named by mistake must not take the laptop down.
"""

from __future__ import annotations

import re
from pathlib import Path

from warroom.domain.errors import ValidationError

DEFAULT_MAX_BYTES = 100 * 1000 * 1000
_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "m": 1000**2, "mb": 1000**2, "g": 1000**3, "gb": 1000**3}


def parse_size(text: str) -> int:
    """'50MB', '200k', '1g' or a number of bytes."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text or "")
    unit = found.group(2).lower() if found else ""
    if not found or unit not in _UNITS:
        raise ValidationError(f"--max-size {text!r} is not a size: use e.g. 200MB, 500k or 1GB.")
    return int(float(found.group(1)) * _UNITS[unit])


def read_limited(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if path.is_dir():
        raise ValidationError(f"{path} is a folder: name the file to import.")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ValidationError(
                f"{path} is {_megabytes(size)}, over the import limit of {_megabytes(max_bytes)}; "
                f"pass --max-size {_megabytes(size * 2).replace(' ', '')} to import it anyway."
            )
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)[: max_bytes + 1]
    except FileNotFoundError:
        raise ValidationError(f"{path} does not exist.") from None
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _megabytes(size: int) -> str:
    return f"{size / 1000**2:.0f} MB" if size >= 10 * 1000**2 else f"{size / 1000**2:.1f} MB"
