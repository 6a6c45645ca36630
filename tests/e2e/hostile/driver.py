"""Runs many `warroom` commands in one fresh process and reports each outcome as JSON.

Starting Python and Warroom costs about a second a process, so hostile cases that need no
environment of their own run here one after another: each through `warroom.cli.main(argv)`,
the very function `python -m warroom` calls, with stdout and stderr captured. After each case
the driver records the SHA-256 of the files named in "watch". Cases that need their own
environment (locale, keyring backend, a lock held by another process, a file-size limit) run
as processes of their own in the tests.

stdin: {"cases": [{"name": ..., "argv": [...]}], "watch": [path, ...]}
stdout: [{"name", "code", "stdout", "stderr", "hashes": {path: sha256 or null}}]
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path


def _hash(path: str) -> str | None:
    file = Path(path)
    return hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else None


def _run(argv: list[str]) -> tuple[int, str, str]:
    from warroom.cli import main

    out, err = io.StringIO(), io.StringIO()
    real = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse: usage errors exit 2
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException as escaped:  # the boundary let something through: that is the failure
        import traceback

        err.write("ESCAPED " + "".join(traceback.format_exception(escaped)))
        code = -1
    finally:
        sys.stdout, sys.stderr = real
    return code, out.getvalue(), err.getvalue()


def main() -> None:
    request = json.load(sys.stdin)
    results = []
    for case in request["cases"]:
        code, out, err = _run(case["argv"])
        hashes = {path: _hash(path) for path in request.get("watch", [])}
        results.append({"name": case["name"], "code": code, "stdout": out, "stderr": err, "hashes": hashes})
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
