"""One sentence for a failure that was not raised as a WarroomError.

The store, the file system and the keyring fail with exceptions written for
programmers. `explain` recognises the ones a person can act on (a busy or
read-only store, a folder named as a file, a missing folder, a full disk, an
input nested too deeply, a terminal that cannot show the names) by type and by
the drivers' own wording, without importing the drivers. It returns None for
anything else: that is a bug, and the caller shows a generic sentence.
"""

from __future__ import annotations

import errno

BUSY = "The store is busy: another Warroom or program is writing; try again"


def explain(exc: BaseException) -> str | None:
    for cause in _chain(exc):
        sentence = _one(cause)
        if sentence:
            return sentence
    return None


def is_busy(exc: BaseException) -> bool:
    return any("database is locked" in str(c) or "database is busy" in str(c) for c in _chain(exc))


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 10:
        seen.append(current)
        orig = getattr(current, "orig", None)  # SQLAlchemy wraps the driver's error
        if isinstance(orig, BaseException) and orig not in seen:
            seen.append(orig)
        current = current.__cause__ or current.__context__
    return seen


def _one(exc: BaseException) -> str | None:
    text = str(exc)
    if "database is locked" in text or "database is busy" in text:
        return BUSY + "."
    if "readonly database" in text or ("read-only" in text.lower() and "database" in text):
        return "The store is read-only (the file or its folder cannot be written): open it from a writable place."
    if "unable to open database file" in text:
        return "The store cannot be opened: its file or folder is missing or not accessible."
    if "disk I/O error" in text or "database or disk is full" in text:
        return "The store could not be written: the disk is full or failing; nothing was changed."
    if isinstance(exc, RecursionError):
        return "The input is nested too deeply to read; nothing was changed."
    if isinstance(exc, UnicodeEncodeError):
        return (
            "This terminal cannot show some of the names (its encoding is "
            f"{exc.encoding}); set PYTHONUTF8=1 or a UTF-8 locale and try again."
        )
    if isinstance(exc, OSError):
        return _os_sentence(exc)
    if isinstance(exc, MemoryError):
        return "The input is too large to read in the memory available; nothing was changed."
    return None


def _os_sentence(exc: OSError) -> str | None:
    name = f" {exc.filename}" if exc.filename else ""
    if isinstance(exc, IsADirectoryError):
        return f"{name.strip() or 'The path'} is a folder, not a file: name a file instead."
    if isinstance(exc, NotADirectoryError):
        return f"A part of the path{name} is a file, not a folder."
    if isinstance(exc, PermissionError):
        return f"Permission denied for{name or ' a file'}: check who may read and write it."
    if isinstance(exc, FileNotFoundError):
        return f"{name.strip() or 'A file'} does not exist (or its folder does not)."
    if exc.errno == errno.ENOSPC:
        return f"The disk is full{' writing' + name if name else ''}; nothing was changed."
    return None
