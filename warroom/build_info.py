"""Which Warroom this is: the version and the commit it was built from.

A wheel or a bundle carries warroom/_build_info.py, written at build time (the file is
git-ignored); a checkout asks git. `warroom --version` imports nothing beyond this module and
the interpreter's own start-up set: subprocess and pathlib load only when git is asked.
"""

from __future__ import annotations

import importlib
import os
import time

from warroom import __version__

UNKNOWN_COMMIT = "unknown"
GIT_TIMEOUT_S = 5
SIGKILL = 9  # the same number on every POSIX system (the signal module would import enum)


_commit: list[str] = []  # the one answer, once found (functools.cache would import more)


def build_commit() -> str:
    """The commit, e.g. `7ef49ad` or `7ef49ad-dirty`; `unknown` when neither source has it."""
    if not _commit:
        _commit.append(_find_commit())
    return _commit[0]


def _find_commit() -> str:
    try:
        generated = importlib.import_module("warroom._build_info")  # by name: it exists only when built
        return str(generated.COMMIT)
    except ImportError:
        return _git_describe() or UNKNOWN_COMMIT


def _git_describe() -> str | None:
    checkout = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    if not os.path.exists(os.path.join(checkout, ".git")):
        return None
    return describe_commit(checkout)


def describe_commit(checkout: str | os.PathLike[str]) -> str | None:
    """`git describe` of a checkout, or None when git or the repository is not there."""
    # tags excluded: always the commit itself, e.g. 7ef49adf14 or 7ef49adf14-dirty
    command = ["git", "-C", str(checkout), "describe", "--always", "--dirty", "--abbrev=10", "--exclude=*"]
    if hasattr(os, "posix_spawnp"):
        return _spawned_output(command)
    import subprocess  # Windows

    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=GIT_TIMEOUT_S, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def _spawned_output(command: list[str]) -> str | None:
    """The command's stdout when it exits 0 within GIT_TIMEOUT_S, else None. posix_spawn and a
    pipe, not subprocess.run: importing subprocess and its pipe-reading threads cost a checkout's
    `--version` about 14 ms of CPU and half its wall time on a loaded machine."""
    import select

    out, into = os.pipe()
    try:
        pid = os.posix_spawnp(
            command[0],
            command,
            os.environ,
            file_actions=[(os.POSIX_SPAWN_DUP2, into, 1), (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0)],
        )
    except OSError:
        os.close(out)
        return None
    finally:
        os.close(into)
    chunks, waiting = [], select.poll()
    waiting.register(out, select.POLLIN)
    deadline = time.monotonic() + GIT_TIMEOUT_S
    while (left := deadline - time.monotonic()) > 0 and waiting.poll(left * 1000):
        chunk = os.read(out, 4096)
        if not chunk:
            break
        chunks.append(chunk)
    else:
        os.kill(pid, SIGKILL)  # still running at the deadline
    os.close(out)
    exit_code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
    text = b"".join(chunks).decode("utf-8", "replace").strip()
    return text or None if exit_code == 0 else None


def version_line() -> str:
    """`Warroom 0.1.0 (commit 7ef49ad)`: for --version, the About dialog and the log's first line."""
    return f"Warroom {__version__} (commit {build_commit()})"


def build_info_source(commit: str) -> str:
    """The text of the generated warroom/_build_info.py."""
    return f'"""Written at build time; not in git."""\n\nCOMMIT = {commit!r}\n'
