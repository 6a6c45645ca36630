"""The commit `--version` names in a checkout: git describe, asked without the subprocess module."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from warroom import build_info
from warroom.build_info import describe_commit


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "Åsa's 東京 checkout"
    root.mkdir()
    _git(root, "init", "-q")
    (root / "notes.md").write_text("first\n", encoding="utf-8")
    _git(root, "add", "notes.md")
    _git(root, "-c", "user.name=Bench", "-c", "user.email=b@example.org", "commit", "-q", "-m", "first")
    return root


def test_a_clean_checkout_is_named_by_its_commit(repo):
    assert describe_commit(repo) == _git(repo, "rev-parse", "--short=10", "HEAD")


def test_a_changed_file_marks_it_dirty(repo):
    (repo / "notes.md").write_text("changed\n", encoding="utf-8")
    assert describe_commit(repo) == _git(repo, "rev-parse", "--short=10", "HEAD") + "-dirty"


def test_a_folder_that_is_no_repository_has_no_commit(tmp_path):
    assert describe_commit(tmp_path) is None  # git exits non-zero: its message goes nowhere


def test_without_git_there_is_no_commit(repo, monkeypatch):
    monkeypatch.setenv("PATH", str(repo))  # no git on the path
    assert describe_commit(repo) is None


@pytest.mark.skipif(not hasattr(os, "posix_spawnp"), reason="POSIX: Windows asks through subprocess")
def test_a_git_that_hangs_is_stopped_at_the_timeout(monkeypatch):
    monkeypatch.setattr(build_info, "GIT_TIMEOUT_S", 0.3)
    started = time.monotonic()
    assert build_info._spawned_output(["sleep", "30"]) is None
    assert time.monotonic() - started < 10
