"""Export tests: Qt offscreen before anything imports it, and the scenario record."""

from __future__ import annotations

import os
from dataclasses import replace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from tests.unit.export.scenario_record import scenario_record

UNICODE_NAMES = ("Paracétamol", "Ọlá Adéwálé", "Åsa Bergström", "東京")


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
