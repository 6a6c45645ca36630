"""Keeps Python's full garbage collections short once the window is up.

A full collection walks every tracked object while holding the GIL, so no thread, the GUI
thread included, runs Python meanwhile. With the window open that is about 110,000 objects
(modules, classes, Qt wrappers, SQLAlchemy metadata) and 60-150 ms on the benchmark machine;
a steady stream of timeline entries sets one off about once a minute: a visible freeze.
Those objects live as long as the process, so after startup they are moved out of the
collector's sight (gc.freeze) and a full collection walks only what was made since.
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_startup_objects(*_args) -> None:
    """Once per process, after the window and its first reads are built: idempotent."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
