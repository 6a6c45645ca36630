"""The benchmark's shared reporter: every figure is printed beside a floor from the same run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Figure:
    name: str
    value: float
    floor: float | None
    unit: str
    max_ratio: float | None = None
    max_value: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.floor in (None, 0):
            return None
        return self.value / self.floor

    @property
    def ok(self) -> bool:
        if self.max_ratio is not None and self.ratio is not None and self.ratio > self.max_ratio:
            return False
        return not (self.max_value is not None and self.value > self.max_value)

    def line(self) -> str:
        floor = f"{self.floor:10.3f} {self.unit:3}" if self.floor is not None else " " * 14
        ratio = f"x{self.ratio:6.2f}" if self.ratio is not None else " " * 7
        bounds = []
        if self.max_ratio is not None:
            bounds.append(f"ratio<={self.max_ratio:g}")
        if self.max_value is not None:
            bounds.append(f"<={self.max_value:g} {self.unit}")
        verdict = "ok  " if self.ok else "OVER"
        return (
            f"{verdict} {self.name:55} {self.value:10.3f} {self.unit:3} floor {floor} {ratio}"
            f"  {' '.join(bounds)} {self.note}"
        ).rstrip()


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)

    def add(
        self,
        name: str,
        value: float,
        floor: float | None,
        unit: str,
        *,
        max_ratio: float | None = None,
        max_value: float | None = None,
        note: str = "",
    ) -> Figure:
        fig = Figure(name, value, floor, unit, max_ratio, max_value, note)
        self.figures.append(fig)
        print(fig.line(), flush=True)
        return fig

    @property
    def all_ok(self) -> bool:
        return all(f.ok for f in self.figures)


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """Seconds for the fastest of `repeat` runs (the least disturbed by the machine)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values)
