"""The main window on an incident, ready for keys: what the timeline's tests drive."""

from __future__ import annotations

import pytest

from tests.ui.conftest import activate


@pytest.fixture
def live(qtbot, window, incident, tasks, wait_idle):
    """The window showing the incident, active, ready for keys."""
    window.reload_incidents(select=incident.id)
    wait_idle(tasks)
    activate(qtbot, window)
    return window
