"""Export tests: Qt offscreen before anything imports it, and the scenario record."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from tests.unit.export.scenario_record import scenario_record


@pytest.fixture(scope="session")
def record():
    return scenario_record()


@pytest.fixture(scope="session")
def postmortem(record):
    from warroom.domain.postmortem import build_postmortem

    return build_postmortem(record)
