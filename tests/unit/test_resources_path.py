"""One function finds the resources: inside the package (wheel, bundle) first, else the checkout's."""

from __future__ import annotations

from pathlib import Path

import pytest

from warroom.domain.errors import WarroomError
from warroom.resources_path import resource, resources_dir

CHECKOUT_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def test_a_checkout_uses_its_top_level_resources_folder() -> None:
    assert resources_dir() == CHECKOUT_RESOURCES
    assert resource("icons", "warroom.svg").is_file()


def test_an_installed_package_or_bundle_uses_the_folder_beside_the_code(tmp_path: Path) -> None:
    (tmp_path / "resources").mkdir()  # a checkout-like folder one level up must lose
    package = tmp_path / "site-packages" / "warroom"
    (package / "resources" / "demo").mkdir(parents=True)
    (tmp_path / "site-packages" / "resources").mkdir()
    assert resources_dir(package) == package / "resources"


def test_missing_resources_say_where_they_were_looked_for(tmp_path: Path) -> None:
    package = tmp_path / "warroom"
    package.mkdir()
    with pytest.raises(WarroomError, match=r"resources are missing \(looked in .*warroom.resources"):
        resources_dir(package)
