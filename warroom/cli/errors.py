"""The CLI's error boundary: every failure of a command becomes one sentence.

`run_command` runs a command's handler and turns whatever escapes it into one
line on stderr and an exit code (1; 130 for Ctrl-C). The traceback of anything
that is not a WarroomError goes to the log file, and also to stderr with
`--debug`. It also makes stdout and stderr UTF-8 whatever the locale, strips
terminal control characters from what people read, and prints "waiting for the
store" when another program holds it.
"""

from __future__ import annotations

import io
import logging
import os
import sys
import traceback
from collections.abc import Callable
from typing import Any, TextIO

from warroom.domain.errors import WarroomError
from warroom.domain.failures import explain
from warroom.domain.safe_text import for_terminal

log = logging.getLogger("warroom.cli")

NOTICES = "warroom.notice"
PROGRESS = "warroom.progress"


def run_command(handler: Callable[[Any], int], args: Any, *, debug: bool = False) -> int:
    """`handler(args)`'s exit code, or 1 with one sentence on stderr for whatever it raised."""
    prepare_streams()
    _say_notices()
    _show_progress()
    logging.raiseExceptions = False  # a log file on a full disk must not print a traceback
    try:
        return handler(args)
    except WarroomError as exc:
        log.info("command failed: %s", exc)
        _print_error(str(exc), exc if debug else None)
        return 1
    except KeyboardInterrupt:
        _print_error("interrupted", None)
        return 130
    except BrokenPipeError:
        # `warroom ... --json | head` closed the pipe: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        log.exception("command failed")
        _print_error(sentence_for(exc), exc if debug else None)
        return 1


def sentence_for(exc: BaseException) -> str:
    known = explain(exc)
    if known:
        return known
    return (
        f"Something went wrong ({type(exc).__name__}); the details are in {_log_file()} "
        "(run with --debug to see them here)."
    )


def _print_error(sentence: str, exc: BaseException | None) -> None:
    if exc is not None:
        traceback.print_exception(exc, file=sys.stderr)
    print(f"warroom: {sentence.rstrip()}", file=sys.stderr)


def _log_file() -> str:
    from warroom.settings import state_dir

    return str(state_dir() / "warroom.log")


class _TerminalSafe(io.TextIOBase):
    """A text stream that drops terminal control characters before they reach the terminal."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(for_terminal(text))
        return len(text)

    def flush(self) -> None:
        self._inner.flush()

    def fileno(self) -> int:
        return self._inner.fileno()

    def isatty(self) -> bool:
        return self._inner.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._inner.encoding


def prepare_streams() -> None:
    """UTF-8 out whatever the locale; stderr (and stdout on a terminal) safe from escapes."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, _TerminalSafe):
            continue
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8")
        if name == "stderr" or stream.isatty():
            setattr(sys, name, _TerminalSafe(stream))


class _Notice(logging.Handler):
    """Prints each notice for people (a new store made, waiting for the store) once, on stderr."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.shown: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message not in self.shown:
            self.shown.add(message)
            print(f"warroom: {message}", file=sys.stderr)


def _say_notices() -> None:
    notices = logging.getLogger(NOTICES)
    if not any(isinstance(h, _Notice) for h in notices.handlers):
        notices.addHandler(_Notice())


class _Progress(logging.Handler):
    """Progress of a long import, a line now and then, on stderr when stderr is a terminal."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)

    def emit(self, record: logging.LogRecord) -> None:
        print(f"warroom: {record.getMessage()}", file=sys.stderr, flush=True)


def _show_progress() -> None:
    progress = logging.getLogger(PROGRESS)
    if sys.stderr.isatty() and not any(isinstance(h, _Progress) for h in progress.handlers):
        progress.addHandler(_Progress())
