"""Test data: a copy of the design's Christmas-release scenario, so tests need no outside folder."""

from pathlib import Path

SCENARIO = Path(__file__).resolve().parent / "christmas-release"
