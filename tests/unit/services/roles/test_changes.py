"""The change service on a real SQLite store, with a real git repository."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain.errors import ValidationError
from warroom.services.incidents import IncidentService
from warroom.services.roles.changes import ChangeService
from warroom.services.timeline import TimelineService

START = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)


@pytest.fixture
def incident(ctx):
    return IncidentService(ctx).open("Checkout für 東京", "SEV2", started_at=START)


def test_what_changed_is_anchored_at_detection_when_asked(ctx, incident):
    changes = ChangeService(ctx)
    changes.add(incident.id, "old", service="checkout", version="1", at=START - timedelta(hours=60))
    changes.add(incident.id, "recent", service="checkout", version="2", at=START - timedelta(hours=40))
    TimelineService(ctx).add(incident.id, "noticed", at=START + timedelta(hours=20), milestone="detected")
    assert [c.version for c in changes.what_changed(incident.id).changes] == ["2"]
    detected = changes.what_changed(incident.id, anchor="detected")
    assert detected.anchor_at == START + timedelta(hours=20) and [c.version for c in detected.changes] == []
    assert [c.version for c in changes.what_changed(incident.id, before=timedelta(hours=61)).changes] == ["1", "2"]


def test_only_a_revert_reverts_and_the_future_is_refused(ctx, incident):
    changes = ChangeService(ctx)
    changes.add(incident.id, "x", service="checkout", version="1", at=START - timedelta(hours=1))
    with pytest.raises(ValidationError, match="Only a revert"):
        changes.add(incident.id, "y", service="checkout", reverts="1")
    with pytest.raises(ValidationError, match="in the future"):
        changes.add(incident.id, "y", service="checkout", at=datetime.now(UTC) + timedelta(hours=1))
    assert len(changes.list(incident.id)) == 1


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_log_import_reads_a_real_repository(ctx, incident, tmp_path):
    repo = tmp_path / "deploys"
    repo.mkdir()

    def git(*args: str, when: str = "2026-11-25T17:00:00+00:00") -> None:
        env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)

    git("init", "-q")
    git(
        "-c",
        "user.name=Paweł Wiśniewski",
        "-c",
        "user.email=p@example.com",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "Raise pool size",
    )
    git(
        "-c", "user.name=Åsa", "-c", "user.email=a@example.com", "commit", "-q", "--allow-empty",
        "-m", 'Revert "Raise pool size"', when="2026-11-25T18:30:00+00:00",
    )  # fmt: skip
    added = ChangeService(ctx).import_git_log(incident.id, repo, "db-proxy")
    assert [(c.kind.value, c.author, c.text) for c in added] == [
        ("deploy", "Paweł Wiśniewski", "Raise pool size"), ("revert", "Åsa", 'Revert "Raise pool size"'),
    ]  # fmt: skip
    with pytest.raises(ValidationError, match="git log failed"):
        ChangeService(ctx).import_git_log(incident.id, tmp_path, "db-proxy")
