"""Refuse the one Qt binding release known to crash long sessions, loudly rather than by skipping."""

import sys

import PySide6


def test_pyside_is_not_the_release_that_corrupts_none_on_python_311():
    broken = sys.version_info < (3, 12) and PySide6.__version__.startswith("6.12.0")
    assert not broken, (
        "PySide6 6.12.0 drops a reference to None on every void Qt call under Python 3.11 "
        "and aborts the interpreter; pyproject.toml excludes it: reinstall with 'make test'"
    )
