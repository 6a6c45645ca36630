"""The Linux launcher: the shipped .desktop file with Exec pointing at this installation."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from warroom.domain.errors import ValidationError
from warroom.integrations.desktop_entry import desktop_entry_text, install_desktop, launch_command


def test_exec_is_replaced_and_the_rest_kept() -> None:
    text = desktop_entry_text("/opt/Warroom Ö/warroom")
    assert "Exec=/opt/Warroom Ö/warroom\n" in text
    assert text.count("Exec=") == 1
    assert "Icon=warroom\n" in text and text.startswith("[Desktop Entry]\n")


def test_from_a_venv_the_launcher_runs_its_warroom_script() -> None:
    assert launch_command().endswith("warroom")


def test_install_writes_launcher_and_icon_under_the_data_home(tmp_path: Path) -> None:
    done = install_desktop(tmp_path)
    assert done.desktop_file == tmp_path / "applications" / "warroom.desktop"
    assert f"Exec={done.command}\n" in done.desktop_file.read_text(encoding="utf-8")
    assert done.icons[0] == tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "warroom.svg"
    assert done.icons[0].read_bytes().startswith(b"<svg")


def test_other_systems_are_told_what_to_use_instead(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(ValidationError, match="install-desktop is for Linux desktops"):
        install_desktop(tmp_path)
    assert not (tmp_path / "applications").exists()
