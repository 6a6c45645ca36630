"""The installed app as a user gets it: --version, --self-test, install-desktop, and a built wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from warroom import __version__

ROOT = Path(__file__).resolve().parents[2]


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "WARROOM_CONFIG_DIR": str(home / "config"),
        "WARROOM_DATA_DIR": str(home / "data"),
        "WARROOM_STATE_DIR": str(home / "state"),
        "QT_QPA_PLATFORM": "offscreen",
        "WARROOM_KEYRING": "memory",
    }


def _run(python: Path | str, *args: str, home: Path, cwd: Path, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(python), "-m", "warroom", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=_env(home),
        cwd=cwd,
        timeout=timeout,
    )


def test_version_names_the_version_and_the_commit(tmp_path):
    done = _run(sys.executable, "--version", home=tmp_path, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=7", "HEAD"], capture_output=True, text=True)
    assert done.stdout.startswith(f"Warroom {__version__} (commit {commit.stdout.strip()}")


def test_the_log_starts_each_run_with_version_and_commit(tmp_path):
    done = _run(sys.executable, "--db", str(tmp_path / "s.sqlite"), "incident", "list", home=tmp_path, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    log = (tmp_path / "state" / "warroom.log").read_text(encoding="utf-8").splitlines()
    assert f"Warroom {__version__} (commit " in log[0]
    assert "unknown" not in log[0]


def test_self_test_passes_one_line_per_step_and_leaves_the_users_folders_alone(tmp_path):
    done = _run(sys.executable, "--self-test", home=tmp_path, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    steps = [line.split()[1] for line in lines if line.startswith(("ok ", "FAIL", "skip"))]
    assert steps == ["migrate", "demo", "reachable", "export", "export", "sync", "window"]
    assert all(line.startswith("ok ") for line in lines[1:8])
    assert lines[-1] == "self-test passed"
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").iterdir())


def test_install_desktop_writes_a_launcher_that_runs_this_installation(tmp_path):
    data_home = tmp_path / "xdg"
    done = _run(sys.executable, "install-desktop", "--data-home", str(data_home), "--json", home=tmp_path, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    written = json.loads(done.stdout)
    entry = (data_home / "applications" / "warroom.desktop").read_text(encoding="utf-8")
    assert f"Exec={written['command']}\n" in entry
    assert "warroom" in written["command"]
    assert (data_home / "icons" / "hicolor" / "scalable" / "apps" / "warroom.svg").read_text().startswith("<svg")


def test_an_unwritable_data_home_is_one_sentence(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = _run(sys.executable, "install-desktop", "--data-home", str(blocker), home=tmp_path, cwd=ROOT)
    assert done.returncode == 1
    assert done.stderr.startswith("warroom: Could not write the desktop launcher under")
    assert "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def wheel_python(tmp_path_factory) -> Path:
    """A fresh venv with only the built wheel; its dependencies come from this venv, read-only.

    A plain path in a .pth file adds this venv's site-packages without running its .pth files,
    so the checkout's editable install stays out of sight and only the wheel provides warroom.
    """
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(base), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = base.glob("warroom-*.whl")
    target = base / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "deps-from-test-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", purelib, str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return python


def test_the_wheel_carries_resources_and_its_commit(wheel_python, tmp_path):
    where = subprocess.run(
        [str(wheel_python), "-c", "import warroom.resources_path as r; print(r.resources_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert "site-packages/warroom/resources" in where.stdout, where.stderr
    version = _run(wheel_python, "--version", home=tmp_path, cwd=tmp_path)
    assert "(commit unknown)" not in version.stdout and version.stdout.startswith(f"Warroom {__version__} (commit ")


def test_the_wheel_runs_demo_templates_availability_and_pdf(wheel_python, tmp_path):
    db = ["--db", str(tmp_path / "w.sqlite")]
    assert _run(wheel_python, *db, "demo", home=tmp_path, cwd=tmp_path).returncode == 0
    templates = _run(wheel_python, *db, "checklist", "templates", "--json", home=tmp_path, cwd=tmp_path)
    assert len(json.loads(templates.stdout)) >= 5, templates.stderr
    reachable = _run(
        wheel_python,
        *db,
        "vendors",
        "reachable",
        "--at",
        "2013-12-24T10:00+01:00",
        "--json",
        home=tmp_path,
        cwd=tmp_path,
    )
    rows = json.loads(reachable.stdout)
    assert any("Christmas Eve" in (r["reason"] or "") for r in rows), reachable.stderr
    pdf = tmp_path / "pm.pdf"
    exported = _run(
        wheel_python, *db, "export", "INC-1", "--format", "pdf", "-o", str(pdf), home=tmp_path, cwd=tmp_path
    )
    assert exported.returncode == 0, exported.stderr
    assert pdf.read_bytes().startswith(b"%PDF")


def test_ci_smoke_tests_wheel_and_bundle_after_the_tests():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("\nmake test\n") < ci.index("\nmake smoke\n")
    smoke = (ROOT / "packaging" / "smoke.sh").read_text(encoding="utf-8")
    steps = [line for line in smoke.splitlines() if line.startswith("step ")]
    for name in ("build_wheel", "install_wheel", "wheel_self_test", "package", "bundle_self_test", "same_output"):
        assert any(line.endswith(name) for line in steps), name
    assert "--self-test" in smoke and "cmp " in smoke
