"""Named loggers per layer, written to a file in the user's state directory."""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys

from warroom.settings import state_dir

log = logging.getLogger("warroom")


def configure_logging(verbose: bool = False, *, announce: bool = True) -> None:
    """`announce=False` leaves the first line (`startup_line`, which may ask git) to the caller."""
    root = logging.getLogger("warroom")
    if root.handlers:
        return
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        folder = state_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "warroom.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if announce:
        log.info("%s", startup_line())


def startup_line() -> str:
    """Each run's first log line: which Warroom (version and commit) on which Python, and how started."""
    from warroom.build_info import version_line

    frozen = " (bundle)" if getattr(sys, "frozen", False) else ""
    return f"{version_line()}{frozen} starting on Python {platform.python_version()}, {platform.system()}"
