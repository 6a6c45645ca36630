"""Where the shipped resources are, in a checkout, an installed wheel and a PyInstaller bundle alike.

- a wheel carries the checkout's top-level resources/ as warroom/resources (pyproject.toml's
  force-include), and the PyInstaller spec puts it at the same place inside the bundle, so both
  find it next to this file;
- a checkout (or an editable install) has it at <checkout>/resources.

Every user of resources goes through resources_dir() or resource(); nothing else guesses paths.
"""

from __future__ import annotations

from pathlib import Path

from warroom.domain.errors import WarroomError

PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir(package_dir: Path | None = None) -> Path:
    """The resources folder, or a WarroomError that says where it looked.

    package_dir is the installed warroom package's folder (tests point it elsewhere).
    """
    here = package_dir or PACKAGE_DIR
    candidates = (here / "resources", here.parent / "resources")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    looked = " and ".join(str(c) for c in candidates)
    raise WarroomError(f"Warroom's resources are missing (looked in {looked}); reinstall Warroom.")


def resource(*parts: str) -> Path:
    """A path inside the resources folder, e.g. resource("icons", "warroom.svg")."""
    return resources_dir().joinpath(*parts)
