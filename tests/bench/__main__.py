"""Run the benchmark: `python -m tests.bench [timeline|directory|sync|export|startup ...]`.

Each part prints its figures beside a floor measured in the same run; the exit
code is non-zero if any figure is over its bound.
"""

from __future__ import annotations

import importlib
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.bench.harness import Report

PARTS = ("timeline", "directory", "sync", "export", "comms", "startup")


def main(argv: list[str]) -> int:
    chosen = argv or list(PARTS)
    report = Report()
    for part in chosen:
        try:
            module = importlib.import_module(f"tests.bench.bench_{part}")
        except ModuleNotFoundError as exc:
            print(f"skip {part}: {exc}")
            continue
        print(f"== {part}", flush=True)
        module.run(report)
    print("all within bounds" if report.all_ok else "SOME FIGURES ARE OVER THEIR BOUNDS")
    return 0 if report.all_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
