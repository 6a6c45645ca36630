"""Export tests: Qt offscreen before anything imports it, and the scenario record."""

from __future__ import annotations

import os
import sys
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from tests.unit.export.scenario_record import scenario_record

UNICODE_NAMES = ("Paracétamol", "Ọlá Adéwálé", "Åsa Bergström", "東京")


def keep_none_alive() -> None:
    """Work around PySide6 6.12.0 on CPython 3.11, which drops a reference to None on every
    call of a void method (QPainter.save(), QObject.setObjectName(), ...). A session that paints
    charts and PDFs makes enough such calls to free None and abort the interpreter ("none_dealloc").
    CPython 3.12+ makes None immortal, and PySide6 6.11 does not have the bug; the real fix is to
    pin PySide6 (see the report), this only keeps the test session alive meanwhile."""
    if sys.version_info >= (3, 12):
        return
    import ctypes

    import PySide6

    if PySide6.__version__.startswith("6.12."):
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


keep_none_alive()


@pytest.fixture(scope="session", autouse=True)
def _one_application_for_the_whole_session(qapp):
    """pytest-qt's QApplication, made before export code could make a bare QGuiApplication,
    which would leave later widget tests in the same session without a QApplication."""
    return qapp


@pytest.fixture(scope="session")
def record():
    return scenario_record()


@pytest.fixture(scope="session")
def postmortem(record):
    from warroom.domain.postmortem import build_postmortem

    return build_postmortem(record)


@pytest.fixture(scope="session")
def empty_postmortem(record):
    from warroom.domain.postmortem import IncidentRecord, build_postmortem

    return build_postmortem(IncidentRecord(replace(record.incident, narrative={}, impacted_services=())))
