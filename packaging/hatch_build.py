"""Hatch build hook for a built (not editable) wheel: the resources and the commit it is built from.

- resources/ at the top of the checkout goes in as warroom/resources (package data);
- warroom/_build_info.py, written to a temporary file, records the commit.
An editable install gets neither: there the code finds the checkout's resources/ and asks git.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class BuildInfoHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":
            return  # an editable install asks git at run time
        root = Path(self.root)
        sys.path.insert(0, str(root))
        try:
            from warroom.build_info import UNKNOWN_COMMIT, build_info_source, describe_commit
        finally:
            sys.path.remove(str(root))
        build_data["force_include"][str(root / "resources")] = "warroom/resources"
        commit = describe_commit(root) or UNKNOWN_COMMIT
        self._tmp = tempfile.TemporaryDirectory(prefix="warroom-build-info-")
        target = Path(self._tmp.name) / "_build_info.py"
        target.write_text(build_info_source(commit), encoding="utf-8")
        build_data["force_include"][str(target)] = "warroom/_build_info.py"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            tmp.cleanup()
